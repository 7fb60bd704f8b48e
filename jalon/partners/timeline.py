"""Consents and shared follow-up on the young person's timeline (two queries)."""

from django.urls import reverse
from django.utils import timezone

from jalon.partners.models import FollowUpMember
from jalon.youngpeople.timeline import TimelineItem


def items(young_person) -> list[TimelineItem]:
    url = reverse("partners:sharing", args=[young_person.uid])
    result = []
    # The file page prefetches the consents with their partner (one query for its section too).
    prefetched = "consents" in getattr(young_person, "_prefetched_objects_cache", {})
    consents = (
        young_person.consents.all()
        if prefetched
        else young_person.consents.select_related("organisation")
    )
    for consent in consents:
        result.append(
            TimelineItem(
                day=consent.given_on,
                kind="sharing",
                title=f"Consentement au partage avec {consent.organisation}",
                detail=", ".join(consent.category_labels) + f" — {consent.get_method_display()}",
                url=url,
            )
        )
        if consent.withdrawn_at is not None:
            result.append(
                TimelineItem(
                    day=timezone.localdate(consent.withdrawn_at),
                    kind="sharing",
                    title=f"Consentement retiré pour {consent.organisation}",
                    url=url,
                    badges=("Retiré",),
                )
            )
    members = FollowUpMember.objects.filter(group__young_person=young_person).select_related(
        "user__organisation"
    )
    for member in members:
        who = f"{member.user.get_full_name()} ({member.user.organisation})"
        result.append(
            TimelineItem(
                day=member.start_date,
                kind="sharing",
                title=f"{who} rejoint le suivi partagé",
                url=url,
            )
        )
        if member.end_date is not None:
            result.append(
                TimelineItem(
                    day=member.end_date,
                    kind="sharing",
                    title=f"{who} quitte le suivi partagé",
                    url=url,
                )
            )
    return result
