from django.apps import AppConfig


class YoungpeopleConfig(AppConfig):
    name = "jalon.youngpeople"
    verbose_name = "Jeunes"

    def ready(self):
        # Registers the per-connection setup of name search (SQLite function, pg_trgm threshold)
        # before any connection opens, and the deletion of a document's stored content with
        # its row (post_delete receiver).
        from jalon.youngpeople import documents, search  # noqa: F401
