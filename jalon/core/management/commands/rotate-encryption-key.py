from django.core.management.base import BaseCommand, CommandError

from jalon.core import encryption


class Command(BaseCommand):
    help = (
        "Rechiffre avec la première clé de JALON_FIELD_ENCRYPTION_KEYS tous les champs chiffrés "
        "de tous les modèles, par lots (relançable sans risque). --check compte seulement les "
        "valeurs qui ne sont pas encore sur la clé actuelle."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--check",
            action="store_true",
            help="Ne rien écrire : compter les valeurs chiffrées avec une ancienne clé.",
        )
        parser.add_argument("--batch-size", type=int, default=500)

    def handle(self, *args, check=False, batch_size=500, **options):
        if check:
            self._check()
        else:
            self._rotate(batch_size)

    def _rotate(self, batch_size):
        total = 0
        for model, names in encryption.models_with_encrypted_fields():
            for name in names:
                try:
                    counts = encryption.rotate(model, name, batch_size=batch_size)
                except encryption.UndecryptableValue as error:
                    raise CommandError(str(error)) from error
                total += counts["rewritten"]
                self.stdout.write(
                    f"{model._meta.label}.{name} : {counts['rewritten']} rechiffrée(s), "
                    f"{counts['unchanged']} déjà sur la clé actuelle."
                )
        self.stdout.write(
            self.style.SUCCESS(f"Rotation terminée : {total} valeur(s) rechiffrée(s).")
        )

    def _check(self):
        outdated = unreadable = 0
        for model, names in encryption.models_with_encrypted_fields():
            for name in names:
                old = bad = current = 0
                for _pk, stored in encryption.stored_values(model, name):
                    if encryption.is_current(stored):
                        current += 1
                    elif encryption.is_readable(stored):
                        old += 1
                    else:
                        bad += 1
                outdated += old
                unreadable += bad
                line = (
                    f"{model._meta.label}.{name} : {current} sur la clé actuelle, "
                    f"{old} sur une ancienne clé"
                )
                self.stdout.write(line + (f", {bad} illisible(s)." if bad else "."))
        if unreadable:
            raise CommandError(
                f"{unreadable} valeur(s) illisible(s) avec les clés configurées : une clé manque "
                "dans JALON_FIELD_ENCRYPTION_KEYS."
            )
        if outdated:
            raise CommandError(
                f"{outdated} valeur(s) encore chiffrée(s) avec une ancienne clé : lancez "
                "`jalon rotate-encryption-key` avant de retirer l'ancienne clé."
            )
        self.stdout.write(
            self.style.SUCCESS("Toutes les valeurs chiffrées sont sur la clé actuelle.")
        )
