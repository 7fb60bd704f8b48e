"""What the rules find in a Mission Locale today: the facts are read in bulk (a bounded number
of queries per Mission Locale, whatever its size), then each rule is applied in Python."""

import datetime
from collections import defaultdict
from dataclasses import dataclass

from django.db.models import Exists, Max, Min, OuterRef, Q
from django.utils import timezone

from jalon.alerts import rules
from jalon.alerts.enums import AlertRule
from jalon.childwelfare import rules as ase_rules
from jalon.childwelfare.models import (
    AgeSeventeenInterview,
    AseFollowUp,
    AutonomyProject,
    CejProposal,
)
from jalon.justice.enums import DETENTION_MEASURES
from jalon.justice.models import PenalSituation, ReleasePlan
from jalon.obligation import rules as obligation_rules
from jalon.obligation.enums import Stage
from jalon.obligation.models import ObligationCase
from jalon.obligation.selectors import with_stage
from jalon.pathways import reference
from jalon.pathways.enums import PathwayKind, ReferenceKey, SituationKind
from jalon.pathways.models import CejSanction, Pathway, Pmsmp, Situation
from jalon.pathways.selectors import cej_weeks_of
from jalon.referrals.enums import WAITING_STATUSES, LiaisonDirection
from jalon.referrals.models import LiaisonForm
from jalon.scheduling.enums import AppointmentStatus, ParticipationStatus
from jalon.scheduling.models import Appointment, Participation
from jalon.scheduling.selectors import day_bounds
from jalon.youngpeople.enums import FileStatus
from jalon.youngpeople.models import FileTransfer, PriorityPublicPeriod, YoungPerson
from jalon.youngpeople.rules import MAX_AGE, MAX_AGE_WITH_RQTH, has_rqth_on

DAY = datetime.timedelta(days=1)

# Rules about one young person's file, in the referent's worklist.
PERSON_RULES = frozenset(
    {
        AlertRule.YOUTH_GUARANTEE,
        AlertRule.ORIENTATION_SEQUENCE_LIMIT,
        AlertRule.PACEA_LIMIT,
        AlertRule.CEJ_ENDING,
        AlertRule.CEJ_LOW_ACTIVITY,
        AlertRule.CEJ_BREACH_TO_REVIEW,
        AlertRule.NO_CONTACT,
        AlertRule.AGE_LIMIT,
        AlertRule.ASE_INTERVIEW_AT_17,
        AlertRule.ASE_AUTONOMY_PROJECT,
        AlertRule.CEJ_FOR_FORMERLY_PLACED,
    }
)
# Rules about what arrives at the Mission Locale, in its shared queue.
# (Rules about a file whose subject only some roles may know, the penal situation, are in the
# queue too: its audience is decided by policy.ALERT_QUEUE_AUDIENCE, not by the referent.)
QUEUE_RULES = frozenset(
    {
        AlertRule.LIAISON_FORM_WAITING,
        AlertRule.TRANSFER_WAITING,
        AlertRule.RELEASE_WITHOUT_PLAN,
        AlertRule.RELEASE_WITHOUT_FIRST_APPOINTMENT,
        AlertRule.OBLIGATION_WITHOUT_SOLUTION,
        AlertRule.OBLIGATION_REPORT_DUE,
    }
)

# What counts as an offer for the Youth Guarantee (besides a PACEA or a CEJ).
OFFER_SITUATIONS = (
    SituationKind.EMPLOYMENT,
    SituationKind.WORK_STUDY,
    SituationKind.TRAINING,
    SituationKind.SCHOOL,
    SituationKind.SERVICE_CIVIQUE,
    SituationKind.IAE,
    SituationKind.PMSMP,
    SituationKind.BUSINESS_CREATION,
)
CONTRACTED = (PathwayKind.ORIENTATION_SEQUENCE, PathwayKind.PACEA, PathwayKind.CEJ)
MAX_MONTHS_KEYS = {
    PathwayKind.ORIENTATION_SEQUENCE: ReferenceKey.ORIENTATION_SEQUENCE_MAX_MONTHS,
    PathwayKind.PACEA: ReferenceKey.PACEA_MAX_MONTHS,
}
LIMIT_RULES = {
    PathwayKind.ORIENTATION_SEQUENCE: AlertRule.ORIENTATION_SEQUENCE_LIMIT,
    PathwayKind.PACEA: AlertRule.PACEA_LIMIT,
}


@dataclass(frozen=True)
class Located:
    """A finding and where it goes: the file, whose worklist, what the action is about."""

    finding: rules.Finding
    young_person_id: int | None
    counsellor_id: int | None
    subject_uid: object = None


def _min_by_person(queryset, field):
    return dict(queryset.values_list("young_person_id").annotate(first=Min(field)))


def _max_by_person(queryset, field):
    return dict(queryset.values_list("young_person_id").annotate(last=Max(field)))


def person_findings(
    mission_locale_id, thresholds: dict, today: datetime.date, young_person_ids=None
) -> list[Located]:
    files = YoungPerson.objects.filter(
        mission_locale_id=mission_locale_id, status=FileStatus.ACTIVE
    )
    if young_person_ids is not None:
        files = files.filter(pk__in=young_person_ids)
    people = {
        row["pk"]: row
        for row in files.values(
            "pk", "referent_id", "birth_date", "neet_on_arrival", "first_reception_date"
        )
    }
    if not people:
        return []
    # The facts are read for the files as a subquery: a list of thousands of ids would be
    # sent, and parsed, with each query.
    ids = files.values("pk")
    pathways = list(
        Pathway.objects.filter(young_person_id__in=ids, kind__in=CONTRACTED, end_date__isnull=True)
        .select_related("young_person")
        .prefetch_related("young_person__public_periods")
    )
    first_offer: dict[int, datetime.date] = {}
    for source in (
        _min_by_person(
            Pathway.objects.filter(
                young_person_id__in=ids, kind__in=(PathwayKind.PACEA, PathwayKind.CEJ)
            ),
            "start_date",
        ),
        _min_by_person(
            Situation.objects.filter(young_person_id__in=ids, kind__in=OFFER_SITUATIONS),
            "start_date",
        ),
        _min_by_person(Pmsmp.objects.filter(young_person_id__in=ids), "start_date"),
    ):
        for person_id, day in source.items():
            first_offer[person_id] = min(day, first_offer.get(person_id, day))
    last_contact: dict[int, datetime.date] = {}
    for source in (
        _max_by_person(
            Appointment.objects.filter(young_person_id__in=ids, status=AppointmentStatus.PRESENT),
            "starts_at",
        ),
        _max_by_person(
            Participation.objects.filter(
                young_person_id__in=ids, status=ParticipationStatus.PRESENT
            ),
            "session__starts_at",
        ),
    ):
        for person_id, moment in source.items():
            day = timezone.localdate(moment)
            last_contact[person_id] = max(day, last_contact.get(person_id, day))

    found: list[Located] = []
    for person in people.values():
        finding = rules.youth_guarantee(
            young_person_id=person["pk"],
            neet_on_arrival=person["neet_on_arrival"],
            first_reception=person["first_reception_date"],
            first_offer=first_offer.get(person["pk"]),
            today=today,
            thresholds=thresholds,
        )
        if finding:
            found.append(Located(finding, person["pk"], person["referent_id"]))
    cej_ids = [p.pk for p in pathways if p.kind == PathwayKind.CEJ]
    absences = defaultdict(list)
    for appointment_id, person_id, starts_at in Appointment.objects.filter(
        young_person__pathways__in=cej_ids, status=AppointmentStatus.ABSENT
    ).values_list("pk", "young_person_id", "starts_at"):
        absences[person_id].append((appointment_id, timezone.localdate(starts_at)))
    last_sanction = dict(
        CejSanction.objects.filter(pathway_id__in=cej_ids)
        .values_list("pathway_id")
        .annotate(last=Max("breach_date"))
    )
    reference_on = reference.history(*MAX_MONTHS_KEYS.values(), ReferenceKey.CEJ_WEEKLY_HOURS_MIN)
    weeks = cej_weeks_of([p for p in pathways if p.kind == PathwayKind.CEJ], today)
    in_pathway_contact: set[int] = set()
    for pathway in pathways:
        person = people[pathway.young_person_id]
        owner = person["referent_id"] or pathway.counsellor_id
        located = []
        if pathway.kind in LIMIT_RULES:
            max_months = int(reference_on(MAX_MONTHS_KEYS[pathway.kind], pathway.start_date))
            located.append(
                rules.programme_limit(
                    pathway_id=pathway.pk,
                    rule=LIMIT_RULES[pathway.kind],
                    start=pathway.start_date,
                    max_months=max_months,
                    today=today,
                    thresholds=thresholds,
                )
            )
        if pathway.kind == PathwayKind.CEJ:
            located.append(
                rules.cej_ending(
                    pathway_id=pathway.pk,
                    planned_end=pathway.planned_end_date,
                    today=today,
                    thresholds=thresholds,
                )
            )
            minimum = reference_on(ReferenceKey.CEJ_WEEKLY_HOURS_MIN, pathway.start_date)
            located.append(
                rules.cej_low_activity(
                    pathway_id=pathway.pk,
                    weekly_hours=[(w["monday"], w["total"]) for w in weeks[pathway.pk]],
                    minimum=minimum,
                    today=today,
                )
            )
            located.extend(
                rules.cej_breach_to_review(
                    appointment_id=appointment_id,
                    absent_on=absent_on,
                    last_sanctioned_breach=last_sanction.get(pathway.pk),
                    today=today,
                    thresholds=thresholds,
                )
                for appointment_id, absent_on in absences[pathway.young_person_id]
                if absent_on >= pathway.start_date
            )
        if pathway.young_person_id not in in_pathway_contact:
            in_pathway_contact.add(pathway.young_person_id)
            since = max(
                last_contact.get(pathway.young_person_id, pathway.start_date), pathway.start_date
            )
            located.append(
                rules.no_contact(
                    young_person_id=pathway.young_person_id,
                    since=since,
                    today=today,
                    thresholds=thresholds,
                )
            )
        rqth = pathway.kind == PathwayKind.CEJ and has_rqth_on(
            pathway.young_person.public_periods.all(), pathway.start_date
        )
        located.append(
            rules.age_limit(
                pathway_id=pathway.pk,
                birth_date=person["birth_date"],
                limit_age=(MAX_AGE_WITH_RQTH if rqth else MAX_AGE) + 1,
                planned_end=pathway.planned_end_date,
                today=today,
                thresholds=thresholds,
            )
        )
        found.extend(
            Located(finding, pathway.young_person_id, owner, pathway.uid)
            for finding in located
            if finding
        )
    return found + _child_welfare_findings(people, ids, pathways, thresholds, today)


def _child_welfare_findings(people: dict, ids, pathways, thresholds: dict, today) -> list[Located]:
    """Seed 002's deadlines: the interview at 17, the autonomy project at 18, the CEJ proposed
    to young adults formerly placed (four queries for the whole Mission Locale)."""
    periods = defaultdict(list)
    for period in PriorityPublicPeriod.objects.filter(young_person_id__in=ids):
        periods[period.young_person_id].append(period)
    follow_ups = dict(
        AseFollowUp.objects.filter(young_person_id__in=ids).values_list(
            "young_person_id", "taken_into_care_on"
        )
    )
    interviews = defaultdict(list)
    for person_id, planned_on, held_on in AgeSeventeenInterview.objects.filter(
        follow_up__young_person_id__in=follow_ups
    ).values_list("follow_up__young_person_id", "planned_on", "held_on"):
        interviews[person_id].append((planned_on, held_on))
    with_project = set(
        AutonomyProject.objects.filter(follow_up__young_person_id__in=follow_ups).values_list(
            "follow_up__young_person_id", flat=True
        )
    )
    proposals = defaultdict(list)
    for proposal in (
        CejProposal.objects.filter(follow_up__young_person_id__in=ids)
        .only("proposed_on", "follow_up__young_person_id")
        .select_related("follow_up")
    ):
        proposals[proposal.follow_up.young_person_id].append(proposal)
    in_cej = {p.young_person_id for p in pathways if p.kind == PathwayKind.CEJ}
    found = []
    for person_id, person in people.items():
        birth_date = person["birth_date"]
        majority = ase_rules.birthday(birth_date, ase_rules.MAJORITY)
        located = [
            rules.cej_for_formerly_placed(
                young_person_id=person_id,
                majority=majority,
                proposal_due=ase_rules.cej_proposal_due(
                    birth_date=birth_date,
                    public_periods=periods[person_id],
                    proposals=proposals[person_id],
                    has_cej=person_id in in_cej,
                    today=today,
                ),
                ase_follow_up=person_id in follow_ups,
            )
        ]
        if person_id in follow_ups:
            located += [
                rules.ase_interview_at_17(
                    young_person_id=person_id,
                    due_by=ase_rules.interview_due_by(birth_date, follow_ups[person_id]),
                    majority=majority,
                    planned=any(planned for planned, _ in interviews[person_id]),
                    held=any(held for _, held in interviews[person_id]),
                    today=today,
                    thresholds=thresholds,
                ),
                rules.ase_autonomy_project(
                    young_person_id=person_id,
                    majority=majority,
                    has_project=person_id in with_project,
                    today=today,
                    thresholds=thresholds,
                ),
            ]
        found.extend(
            Located(finding, person_id, person["referent_id"]) for finding in located if finding
        )
    return found


def queue_findings(mission_locale_id, thresholds: dict, today: datetime.date) -> list[Located]:
    found = []
    for form in LiaisonForm.objects.filter(
        recipient_organisation_id=mission_locale_id,
        direction=LiaisonDirection.TO_MISSION_LOCALE,
        status__in=WAITING_STATUSES,
    ).only("pk", "uid", "sent_at", "young_person_id"):
        finding = rules.liaison_form_waiting(
            form_id=form.pk,
            waiting_since=timezone.localdate(form.sent_at),
            today=today,
            thresholds=thresholds,
        )
        if finding:
            found.append(Located(finding, form.young_person_id, None, form.uid))
    for transfer in FileTransfer.objects.filter(to_mission_locale_id=mission_locale_id).pending():
        finding = rules.transfer_waiting(
            transfer_id=transfer.pk,
            requested_on=timezone.localdate(transfer.requested_at),
            today=today,
            thresholds=thresholds,
        )
        found.append(Located(finding, None, None, transfer.uid))
    return (
        found
        + justice_findings(mission_locale_id, thresholds, today)
        + obligation_findings(mission_locale_id, thresholds, today)
    )


def justice_findings(mission_locale_id, thresholds: dict, today: datetime.date) -> list[Located]:
    """Releases from detention to prepare, and to follow up once they happened."""
    detentions = list(
        PenalSituation.objects.filter(
            young_person__mission_locale_id=mission_locale_id,
            young_person__merged_into__isnull=True,
            young_person__anonymised_at__isnull=True,
            measure__in=DETENTION_MEASURES,
        )
        .filter(
            Q(released_on__isnull=True, foreseeable_release_date__isnull=False)
            | Q(released_on__gte=today - thresholds["release_follow_days"] * DAY)
        )
        .annotate(has_plan=Exists(ReleasePlan.objects.filter(situation=OuterRef("pk"))))
        .only("pk", "uid", "young_person_id", "released_on", "foreseeable_release_date")
    )
    released = {}
    for situation in detentions:
        day = situation.released_on
        if day is None and situation.foreseeable_release_date < today:
            day = situation.foreseeable_release_date  # past the date, release not yet recorded
        if day is not None:
            released[situation.pk] = day
    held = defaultdict(list)
    if released:
        for person_id, starts_at in Appointment.objects.filter(
            young_person_id__in={s.young_person_id for s in detentions if s.pk in released},
            status=AppointmentStatus.PRESENT,
            starts_at__gte=day_bounds(min(released.values()), today)[0],
        ).values_list("young_person_id", "starts_at"):
            held[person_id].append(timezone.localdate(starts_at))
    found = []
    for situation in detentions:
        if situation.released_on is None:
            finding = rules.release_without_plan(
                situation_id=situation.pk,
                foreseeable_release=situation.foreseeable_release_date,
                has_plan=situation.has_plan,
                today=today,
                thresholds=thresholds,
            )
            if finding:
                found.append(Located(finding, situation.young_person_id, None, situation.uid))
        if situation.pk in released:
            release_day = released[situation.pk]
            after = [day for day in held[situation.young_person_id] if day >= release_day]
            finding = rules.release_without_first_appointment(
                situation_id=situation.pk,
                released_on=release_day,
                first_held=min(after, default=None),
                today=today,
                thresholds=thresholds,
            )
            if finding:
                found.append(Located(finding, situation.young_person_id, None, situation.uid))
    return found


def obligation_findings(mission_locale_id, thresholds: dict, today: datetime.date) -> list[Located]:
    """Obligation de formation: cases left without contact, and the report due (two queries)."""
    cases = with_stage(ObligationCase.objects.filter(mission_locale_id=mission_locale_id), today)
    waiting = [
        timezone.localdate(created_at)
        for created_at in cases.filter(stage__in=(Stage.TO_CONTACT, Stage.CONTACTING)).values_list(
            "created_at", flat=True
        )
    ]
    due_dates = [
        obligation_rules.report_due_on(convoked_on)
        for convoked_on in cases.filter(stage=Stage.REPORT_DUE).values_list(
            "convoked_on", flat=True
        )
    ]
    found = [
        rules.obligation_without_solution(
            mission_locale_id=mission_locale_id,
            waiting=waiting,
            today=today,
            thresholds=thresholds,
        ),
        rules.obligation_report_due(
            mission_locale_id=mission_locale_id, due_dates=due_dates, today=today
        ),
    ]
    return [Located(finding, None, None) for finding in found if finding]
