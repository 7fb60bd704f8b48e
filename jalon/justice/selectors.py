"""Reads of the justice area spanning several models (one query per list, no N+1)."""

import datetime
from decimal import Decimal

from django.conf import settings
from django.db.models import Count, Prefetch, Q, Sum
from django.utils import timezone

from jalon import policy
from jalon.justice.enums import DETENTION_MEASURES
from jalon.justice.models import (
    CjmlAssignment,
    PenalSituation,
    TigPlacement,
    YoungDetaineeCount,
)
from jalon.network.models import Organisation, OrganisationKind
from jalon.youngpeople.models import YoungPerson


def penal_situations(user, young_person) -> list[PenalSituation]:
    return list(
        PenalSituation.objects.visible_to(user)
        .filter(young_person=young_person)
        .select_related(
            "establishment",
            "referring_service",
            "release_plan__release_mission_locale",
            "release_plan__release_commune",
            "release_plan__first_appointment",
        )
        .prefetch_related("release_date_changes__changed_by", "adjustments", "leaves")
    )


def tig_placements(user, young_person) -> list[TigPlacement]:
    return list(
        TigPlacement.objects.visible_to(user)
        .filter(young_person=young_person)
        .select_related("referring_service", "host_mission_locale")
        .prefetch_related("modules")
    )


def current_situation(user, young_person) -> PenalSituation | None:
    """The ongoing measure shown on the file's panel, for those who may read it."""
    if not policy.can_read_penal_situation(user, young_person):
        return None
    return (
        PenalSituation.objects.visible_to(user)
        .filter(young_person=young_person)
        .ongoing()
        .select_related("establishment")
        .first()
    )


def seen_candidates(user, establishment_id) -> list[YoungPerson]:
    """Files of the user's Mission Locale in ongoing detention in this establishment."""
    ids = (
        PenalSituation.objects.visible_to(user)
        .in_detention()
        .filter(establishment_id=establishment_id)
        .values("young_person_id")
    )
    return list(
        policy.scope_young_people(YoungPerson.objects.all(), user)
        .filter(pk__in=ids)
        .order_by("last_name", "first_names")
    )


def releases_to_prepare(user) -> list[PenalSituation]:
    """Detentions of the Mission Locale ending soon: those without a plan risk a "sortie
    sèche"."""
    horizon = timezone.localdate() + datetime.timedelta(
        days=settings.JALON_RELEASE_PREPARATION_DAYS
    )
    return list(
        PenalSituation.objects.visible_to(user)
        .in_detention()
        .filter(foreseeable_release_date__lte=horizon)
        .select_related("young_person", "establishment", "release_plan")
        .order_by("foreseeable_release_date")
    )


def _liaison_counts(year: int) -> dict[int, int]:
    """Liaison forms received by Missions Locales per establishment (orientations by justice
    partners, seed 000 annex 3): a count, never a name."""
    from jalon.referrals.enums import LiaisonDirection
    from jalon.referrals.models import LiaisonForm

    rows = (
        LiaisonForm.objects.filter(
            direction=LiaisonDirection.TO_MISSION_LOCALE,
            establishment__isnull=False,
            sent_at__year=year,
        )
        .values("establishment_id")
        .annotate(n=Count("pk"))
    )
    return {row["establishment_id"]: row["n"] for row in rows}


def _latest_counts() -> dict[int, YoungDetaineeCount]:
    latest = {}
    for count in YoungDetaineeCount.objects.order_by("establishment_id", "-counted_on"):
        latest.setdefault(count.establishment_id, count)
    return latest


def directory(*, region_code: str = "", with_counts: bool) -> list[dict]:
    """The national CJML directory, establishment by establishment, with the time allotted."""
    today = timezone.localdate()
    assignments = CjmlAssignment.objects.active(today).select_related("cjml", "mission_locale")
    prisons = (
        Organisation.objects.filter(kind=OrganisationKind.PRISON)
        .select_related("region", "departement")
        .prefetch_related(Prefetch("cjml_assignments", queryset=assignments, to_attr="active"))
        .order_by("departement__code", "name")
    )
    if region_code:
        prisons = prisons.filter(region__code=region_code)
    counts = _liaison_counts(today.year) if with_counts else {}
    return [
        {
            "establishment": prison,
            "assignments": prison.active,
            "time_share": sum((a.time_share for a in prison.active), Decimal("0")),
            "liaison_forms": counts.get(prison.pk, 0),
        }
        for prison in prisons
    ]


def coverage(*, region_code: str = "") -> dict:
    """Prisons holding 16-25 year olds with no CJML time allotted: the "zones blanches"."""
    today = timezone.localdate()
    latest = _latest_counts()
    covered = dict(
        CjmlAssignment.objects.active(today)
        .values_list("establishment_id")
        .annotate(total=Sum("time_share"))
    )
    prisons = Organisation.objects.filter(
        kind=OrganisationKind.PRISON, pk__in=[pk for pk, c in latest.items() if c.total]
    ).select_related("region", "departement")
    if region_code:
        prisons = prisons.filter(region__code=region_code)
    rows = [
        {
            "establishment": prison,
            "count": latest[prison.pk],
            "time_share": covered.get(prison.pk, Decimal("0")),
        }
        for prison in prisons.order_by("departement__code", "name")
    ]
    white = [row for row in rows if not row["time_share"]]
    return {
        "rows": rows,
        "white_zones": white,
        "young_detainees_uncovered": sum(row["count"].total for row in white),
    }


def detention_counts(user) -> dict:
    """Ongoing measures of the Mission Locale's files, by kind (for the activity page)."""
    situations = PenalSituation.objects.visible_to(user).ongoing()
    return situations.aggregate(
        detention=Count("pk", filter=Q(measure__in=DETENTION_MEASURES)),
        others=Count("pk", filter=~Q(measure__in=DETENTION_MEASURES)),
    )
