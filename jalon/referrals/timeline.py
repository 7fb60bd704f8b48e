"""The liaison forms of a file in its timeline: the CJML reads the form before the interview."""

from django.urls import reverse
from django.utils import timezone

from jalon.youngpeople.timeline import TimelineItem


def items(young_person) -> list[TimelineItem]:
    """One query."""
    return [
        TimelineItem(
            day=timezone.localtime(form.sent_at).date(),
            kind="liaison",
            title=f"Fiche de liaison : {form.get_direction_display().lower()}",
            detail=(
                f"{form.sender_organisation.name} → {form.recipient_organisation.name} · "
                f"{form.reason[:120]}"
            ),
            url=reverse("referrals:detail", args=[form.uid]),
            order=10,
            badges=(form.get_status_display(),),
        )
        for form in young_person.liaison_forms.select_related(
            "sender_organisation", "recipient_organisation"
        )
    ]
