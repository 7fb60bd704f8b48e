"""Pathway items of the file's timeline (a fixed number of queries)."""

from django.urls import reverse

from jalon.pathways.enums import ProposalStatus
from jalon.youngpeople.timeline import TimelineItem


def items(young_person) -> list[TimelineItem]:
    result = []
    for pathway in young_person.pathways.prefetch_related("sanctions", "phases"):
        url = reverse("pathways:detail", args=[pathway.uid])
        result.append(
            TimelineItem(
                day=pathway.start_date,
                kind="pathway",
                title=f"Entrée en {pathway.get_kind_display()}",
                detail=f"Fin prévue le {pathway.planned_end_date:%d/%m/%Y}",
                url=url,
                order=10,
            )
        )
        if pathway.end_date:
            result.append(
                TimelineItem(
                    day=pathway.end_date,
                    kind="pathway",
                    title=f"Sortie du {pathway.get_kind_display()}",
                    detail=(
                        f"{pathway.get_exit_reason_display()} — "
                        f"{pathway.get_exit_outcome_display()}"
                    ),
                    url=url,
                    order=90,
                )
            )
        for phase in pathway.phases.all():
            result.append(
                TimelineItem(
                    day=phase.start_date,
                    kind="pathway",
                    title="Nouvelle phase du PACEA",
                    detail=phase.objectives,
                    url=url,
                    order=20,
                )
            )
        for sanction in pathway.sanctions.all():
            result.append(
                TimelineItem(
                    day=sanction.breach_date,
                    kind="allowance",
                    title=f"Sanction CEJ : {sanction.get_kind_display()}",
                    detail=sanction.reason,
                    url=url,
                )
            )
    for pmsmp in young_person.pmsmps.all():
        result.append(
            TimelineItem(
                day=pmsmp.start_date,
                kind="immersion",
                title=f"Immersion (PMSMP) chez {pmsmp.employer_name}",
                detail=f"Du {pmsmp.start_date:%d/%m/%Y} au {pmsmp.end_date:%d/%m/%Y} — "
                f"{pmsmp.get_goal_display()}",
            )
        )
    for proposal in young_person.proposals.all():
        day = proposal.done_on if proposal.status == ProposalStatus.DONE else proposal.proposed_on
        result.append(
            TimelineItem(
                day=day,
                kind="proposal",
                title=f"Proposition : {proposal.get_kind_display()}",
                detail=proposal.description,
                badges=(proposal.get_status_display(),),
            )
        )
    for situation in young_person.situations.all():
        result.append(
            TimelineItem(
                day=situation.start_date,
                kind="situation",
                title=situation.label,
                detail=situation.organisation_name,
                badges=(situation.status_label,),
            )
        )
    return result
