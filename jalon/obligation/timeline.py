"""The obligation de formation in the file's timeline: when the list named the young person,
the convocation, the solution found."""

from django.urls import reverse
from django.utils import timezone

from jalon.youngpeople.timeline import TimelineItem


def items(young_person) -> list[TimelineItem]:
    """One query."""
    found = []
    for case in young_person.obligation_cases.all():
        url = reverse("obligation:case", args=[case.uid])
        found.append(
            TimelineItem(
                day=timezone.localtime(case.created_at).date(),
                kind="obligation",
                title="Obligation de formation : signalé·e par la liste des sortants",
                detail=" · ".join(filter(None, [case.establishment, case.school_class])),
                url=url,
            )
        )
        if case.convoked_on:
            found.append(
                TimelineItem(
                    day=case.convoked_on,
                    kind="obligation",
                    title="Obligation de formation : convocation envoyée",
                    url=url,
                )
            )
        if case.solution_kind:
            found.append(
                TimelineItem(
                    day=case.solution_on,
                    kind="obligation",
                    title=f"Obligation de formation : {case.get_solution_kind_display().lower()}",
                    detail=case.solution_details,
                    url=url,
                    badges=("Solution trouvée",),
                )
            )
    return found
