from django.db import migrations


def load(apps, schema_editor):
    from jalon.pathways.reference_data import load_reference_values

    load_reference_values(apps.get_model("pathways", "ReferenceValue"))


class Migration(migrations.Migration):
    dependencies = [("pathways", "0001_initial")]

    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
