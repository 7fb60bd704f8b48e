from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from jalon.privacy import rules, services


class Command(BaseCommand):
    help = (
        "Anonymise les dossiers et les comptes dont la durée de conservation est échue "
        "(décret 2015-59). À planifier chaque jour ; --dry-run montre ce qui serait fait."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--dry-run",
            action="store_true",
            help="Affiche le rapport (identifiants et échéances) sans rien modifier.",
        )

    def handle(self, *args, dry_run=False, **options):
        today = timezone.localdate()
        periods = rules.RetentionPeriods.from_settings()
        review = services.review_retention(today, periods)
        self._report(review, periods.rule_labels(), dry_run)
        if dry_run:
            return
        run = services.apply_retention(review)
        self.stdout.write(
            f"{len(run.files)} dossier(s) et {len(run.accounts)} compte(s) anonymisé(s)."
        )
        if run.failures:
            raise CommandError("Échecs : " + " ; ".join(run.failures))

    def _report(self, review, labels, dry_run):
        write = self.stdout.write
        mode = "simulation, rien n'est modifié" if dry_run else "application"
        write(f"Conservation des données au {review.today:%d/%m/%Y} ({mode}).")
        write(f"Dossiers dont la conservation est échue : {len(review.files)}")
        for rule, files in review.files_by_rule().items():
            write(f"  Règle « {labels[rule]} » : {len(files)} dossier(s)")
            for due in files:
                write(f"    {due.uid}  échéance {due.deadline.day:%d/%m/%Y}")
        write(
            f"Dossiers conservés malgré l'âge (« {labels[rules.RULE_PROGRAMME_OPEN]} ») : "
            f"{len(review.open_programmes)}"
        )
        for uid in review.open_programmes:
            write(f"    {uid}")
        write(
            f"Comptes dont la conservation est échue (« {labels[rules.RULE_ACCOUNT]} ») : "
            f"{len(review.accounts)}"
        )
        for due in review.accounts:
            write(f"    compte n°{due.pk}  échéance {due.deadline:%d/%m/%Y}")
