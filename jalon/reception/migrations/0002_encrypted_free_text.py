# Free text of reception and diagnostic encrypted at rest; existing rows encrypted in place.

import jalon.core.encryption
from django.db import migrations, models

ENCRYPTED = {
    "outreachcontact": ["notes"],
    "firstreception": ["notes"],
    "diagnostic": ["conclusions"],
    "diagnosticarea": ["situation", "barriers"],
}


def encrypt_rows(apps, schema_editor):
    for model_name, names in ENCRYPTED.items():
        jalon.core.encryption.encrypt_existing(apps.get_model("reception", model_name), names)


def decrypt_rows(apps, schema_editor):
    for model_name, names in ENCRYPTED.items():
        jalon.core.encryption.decrypt_existing(apps.get_model("reception", model_name), names)


class Migration(migrations.Migration):

    dependencies = [
        ('reception', '0001_initial'),
    ]

    operations = [
        migrations.AddField(
            model_name='diagnostic',
            name='version',
            field=models.PositiveIntegerField(default=1, editable=False, verbose_name='version'),
        ),
        migrations.AlterField(
            model_name='diagnostic',
            name='conclusions',
            field=jalon.core.encryption.EncryptedTextField(blank=True, verbose_name='conclusions'),
        ),
        migrations.AlterField(
            model_name='diagnosticarea',
            name='barriers',
            field=jalon.core.encryption.EncryptedTextField(blank=True, verbose_name='freins'),
        ),
        migrations.AlterField(
            model_name='diagnosticarea',
            name='situation',
            field=jalon.core.encryption.EncryptedTextField(blank=True, verbose_name='situation'),
        ),
        migrations.AlterField(
            model_name='firstreception',
            name='notes',
            field=jalon.core.encryption.EncryptedTextField(blank=True, verbose_name='notes'),
        ),
        migrations.AlterField(
            model_name='outreachcontact',
            name='notes',
            field=jalon.core.encryption.EncryptedTextField(blank=True, verbose_name='notes'),
        ),
        migrations.RunPython(encrypt_rows, decrypt_rows),
    ]
