"""The optional morning e-mail: how many new alerts, and for each only a first name and a
link (the e-mail leaves Jalon's protection: nothing else about the young person)."""

from django.conf import settings
from django.core.mail import send_mail
from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from jalon.alerts.enums import AlertStatus
from jalon.alerts.models import Alert, DigestSubscription


def _line(alert: Alert) -> str:
    who = alert.young_person.first_names.split()[0] if alert.young_person_id else "Dossier"
    return f"- {who} : {settings.JALON_SITE_URL}{reverse('alerts:worklist')}#alerte-{alert.uid}"


def send_digests() -> int:
    """One e-mail per subscriber with new alerts since the last one; returns how many left."""
    sent = 0
    for subscription in DigestSubscription.objects.filter(user__is_active=True).select_related(
        "user"
    ):
        with transaction.atomic():
            fresh = list(
                Alert.objects.select_for_update(of=("self",))
                .filter(
                    counsellor=subscription.user,
                    status=AlertStatus.OPEN,
                    announced_at__isnull=True,
                )
                .select_related("young_person")
                .order_by("-level", "due_date")
            )
            if not fresh:
                continue
            body = "\n".join(
                [
                    f"Bonjour {subscription.user.first_name},",
                    "",
                    f"{len(fresh)} nouvelle(s) alerte(s) dans votre liste de travail Jalon :",
                    *[_line(alert) for alert in fresh],
                    "",
                    "Vous recevez ce courriel parce que vous l'avez demandé dans votre liste de "
                    "travail ; vous pouvez l'y désactiver.",
                ]
            )
            send_mail(
                f"Jalon : {len(fresh)} nouvelle(s) alerte(s)",
                body,
                None,
                [subscription.user.email],
            )
            Alert.objects.filter(pk__in=[a.pk for a in fresh]).update(announced_at=timezone.now())
            sent += 1
    return sent
