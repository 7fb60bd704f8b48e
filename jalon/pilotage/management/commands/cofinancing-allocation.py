from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError

from jalon.pilotage import cofinancing


class Command(BaseCommand):
    help = (
        "Répartit une enveloppe de cofinancement au prorata des jeunes sortants de détention "
        "(accord-cadre Justice, annexe 5) et affiche le résultat en CSV "
        "(territory,released,share_percent,amount_eur)."
    )

    def add_arguments(self, parser):
        parser.add_argument("--envelope", required=True, help="Enveloppe en euros (ex. 700000).")
        parser.add_argument(
            "--counts", required=True, help="Fichier CSV aux colonnes territory,released."
        )

    def handle(self, *args, envelope, counts, **options):
        try:
            with open(counts, encoding="utf-8-sig") as file:
                text = file.read()
        except FileNotFoundError as exc:
            raise CommandError(f"Le fichier « {counts} » est introuvable.") from exc
        except UnicodeDecodeError as exc:
            raise CommandError(f"Le fichier « {counts} » n'est pas encodé en UTF-8.") from exc
        except OSError as exc:
            raise CommandError(
                f"Le fichier « {counts} » ne peut être lu ({exc.strerror})."
            ) from exc
        try:
            shares = cofinancing.allocate(
                envelope=cofinancing.parse_envelope(envelope), counts=cofinancing.parse_counts(text)
            )
        except ValidationError as exc:
            raise CommandError(" ".join(message for message in exc.messages)) from exc
        self.stdout.write(cofinancing.to_csv(shares), ending="")
