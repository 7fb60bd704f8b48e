"""Reads of the ASE follow-up: the page of one follow-up and the worklist of the young people
in ASE care, each with what is due next (interview at 17, CEJ proposal)."""

from dataclasses import dataclass

from django.db.models import Prefetch
from django.utils import timezone

from jalon.childwelfare import rules
from jalon.childwelfare.models import AseFollowUp, AutonomyProject
from jalon.pathways.enums import PathwayKind
from jalon.pathways.models import Pathway
from jalon.youngpeople.enums import PriorityPublic
from jalon.youngpeople.models import PriorityPublicPeriod


@dataclass(frozen=True)
class FollowUpState:
    """What is due for one follow-up today."""

    status: PriorityPublicPeriod | None
    interview_due_by: object
    interview_stage: str
    interview_stage_label: str
    cej_due: bool


def _has_cej(young_person, today) -> bool:
    return any(
        pathway.kind == PathwayKind.CEJ and (pathway.end_date is None or pathway.end_date >= today)
        for pathway in young_person.pathways.all()
    )


def state_of(follow_up: AseFollowUp, today=None) -> FollowUpState:
    """Expects the follow-up with its young person's public periods, pathways, interviews and
    CEJ proposals prefetched (`with_state`)."""
    from jalon.childwelfare.enums import InterviewStage

    today = today or timezone.localdate()
    young_person = follow_up.young_person
    periods = list(young_person.public_periods.all())
    status = next(
        (
            period
            for period in sorted(periods, key=lambda p: p.start_date, reverse=True)
            if period.public == PriorityPublic.ASE and period.is_active_on(today)
        ),
        None,
    )
    due_by = rules.interview_due_by(young_person.birth_date, follow_up.taken_into_care_on)
    stage = rules.interview_stage(follow_up.interviews.all(), due_by=due_by, today=today)
    return FollowUpState(
        status=status,
        interview_due_by=due_by,
        interview_stage=stage,
        interview_stage_label=InterviewStage(stage).label,
        cej_due=rules.cej_proposal_due(
            birth_date=young_person.birth_date,
            public_periods=periods,
            proposals=follow_up.cej_proposals.all(),
            has_cej=_has_cej(young_person, today),
            today=today,
        ),
    )


def with_state(queryset):
    return queryset.select_related(
        "young_person__mission_locale", "departement", "departement_referent"
    ).prefetch_related(
        "young_person__public_periods",
        Prefetch("young_person__pathways", queryset=Pathway.objects.filter(kind=PathwayKind.CEJ)),
        "interviews",
        "cej_proposals",
    )


def follow_up_of(young_person) -> AseFollowUp | None:
    """The follow-up of a file the caller was allowed to open (policy.get_ase_file_or_404)."""
    return (
        with_state(AseFollowUp.objects.filter(young_person=young_person))
        .select_related("bilan_diagnostic__counsellor", "created_by")
        .first()
    )


def opening_suggestion(young_person) -> dict:
    """What a liaison form from a Département, matched to the file, already says: which
    Département asked the Mission Locale, when, and through which referent."""
    from jalon.accounts.models import Role
    from jalon.network.models import OrganisationKind
    from jalon.referrals.enums import LiaisonDirection
    from jalon.referrals.models import LiaisonForm

    form = (
        LiaisonForm.objects.filter(
            young_person=young_person,
            direction=LiaisonDirection.TO_MISSION_LOCALE,
            sender_organisation__kind=OrganisationKind.CONSEIL_DEPARTEMENTAL,
        )
        .select_related("sender")
        .order_by("-sent_at")
        .first()
    )
    if form is None:
        return {}
    suggestion = {
        "departement": form.sender_organisation_id,
        "requested_by_departement_on": timezone.localdate(form.sent_at),
    }
    if form.sender.role == Role.ASE_REFERENT:
        suggestion["departement_referent"] = form.sender_id
    return suggestion


def page_records(follow_up: AseFollowUp) -> dict:
    """Everything the follow-up page lists, in a fixed number of queries."""
    return {
        "statuses": PriorityPublicPeriod.objects.filter(
            young_person_id=follow_up.young_person_id, public=PriorityPublic.ASE
        ).order_by("-start_date", "-pk"),
        "interviews": follow_up.interviews.select_related("ml_participant", "recorded_by"),
        "projects": AutonomyProject.objects.filter(follow_up=follow_up)
        .select_related("ml_participant", "recorded_by")
        .prefetch_related("areas"),
        "cej_proposals": follow_up.cej_proposals.select_related(
            "proposed_by", "decision_recorded_by"
        ),
    }


def worklist(user) -> list[tuple[AseFollowUp, FollowUpState]]:
    """The young people in ASE care the user may see, the most urgent first: interview at 17
    late, then CEJ to propose, then by interview due date."""
    today = timezone.localdate()
    rows = [
        (follow_up, state_of(follow_up, today))
        for follow_up in with_state(AseFollowUp.objects.visible_to(user))
    ]
    return sorted(
        rows,
        key=lambda row: (
            row[1].interview_stage != "late",
            not row[1].cej_due,
            row[1].interview_stage == "held",
            row[1].interview_due_by,
        ),
    )
