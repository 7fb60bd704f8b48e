import time

from django.core.management.base import BaseCommand

from jalon.webhooks import delivery


class Command(BaseCommand):
    help = (
        "Envoie les notifications webhook dues aux systèmes des partenaires (signées, avec "
        "nouveaux essais espacés) et efface les envois anciens. À lancer chaque minute avec "
        "--once (cron ou minuterie systemd), ou en continu sans --once."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--once", action="store_true", help="Un seul passage, puis s'arrête (pour cron)."
        )
        parser.add_argument(
            "--interval",
            type=int,
            default=15,
            help="En continu : secondes entre deux passages (15 par défaut).",
        )

    def handle(self, *args, once=False, interval=15, **options):
        while True:
            report = delivery.deliver_due()
            purged = delivery.purge_settled()
            self.stdout.write(
                f"{report.delivered} remise(s), {report.failed} échec(s) à réessayer, "
                f"{report.abandoned} abandon(s), {purged} envoi(s) ancien(s) effacé(s)."
            )
            if once:
                return
            time.sleep(interval)
