from django.db import migrations

from jalon.youngpeople.search import declare_match_cost


def declare(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        with schema_editor.connection.cursor() as cursor:
            declare_match_cost(cursor)


def forget(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute("ALTER FUNCTION word_similarity_commutator_op(text, text) COST 1")


class Migration(migrations.Migration):
    """Name search uses the trigram index within a Mission Locale (see search.py)."""

    dependencies = [("youngpeople", "0006_file_transfers")]

    operations = [migrations.RunPython(declare, forget)]
