from django.apps import AppConfig


class YoungpeopleConfig(AppConfig):
    name = "jalon.youngpeople"
    verbose_name = "Jeunes"

    def ready(self):
        # Registers the per-connection setup of name search (SQLite function, pg_trgm threshold)
        # before any connection opens.
        from jalon.youngpeople import search  # noqa: F401
