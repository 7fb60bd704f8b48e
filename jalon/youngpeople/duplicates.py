"""Likely duplicates across the whole network: same birth date and similar names."""

import datetime

from jalon.youngpeople.enums import FileStatus
from jalon.youngpeople.models import YoungPerson
from jalon.youngpeople.normalize import normalize_name
from jalon.youngpeople.search import WordSimilarity

# Same birth date is a strong signal already: a looser name match is enough.
DUPLICATE_NAME_THRESHOLD = 0.5


def find_likely_duplicates(
    *,
    last_name: str,
    first_names: str,
    birth_date: datetime.date,
    birth_name: str = "",
    exclude_pk: int | None = None,
    limit: int = 5,
) -> list[YoungPerson]:
    """Search every Mission Locale; callers decide what they may show (policy)."""
    names = normalize_name(last_name, birth_name, first_names)
    if not names or birth_date is None:
        return []
    candidates = (
        YoungPerson.objects.live()
        # An anonymised file is nobody's any more: it must not come back as a duplicate.
        .exclude(status=FileStatus.ANONYMISED)
        .filter(birth_date=birth_date)
        .annotate(similarity=WordSimilarity(names))
        .filter(similarity__gte=DUPLICATE_NAME_THRESHOLD)
        .select_related("mission_locale")
        .order_by("-similarity")
    )
    if exclude_pk is not None:
        candidates = candidates.exclude(pk=exclude_pk)
    return list(candidates[:limit])
