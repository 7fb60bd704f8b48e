"""A scripted March 2025 of Mission Locale A with young people under justice and in child
welfare; the tests compute each justice and child-welfare figure by hand from it.

Justice (JSMJ = a "sous main de justice" priority-public period on the day counted):
- Yanis, JSMJ (detention) since June 2024, in detention at prison P1 since then, released on
  25 March into training. Interview held 4 March (absent 6 March); interview during a held
  session at P1 on 11 March (another interview in a cancelled session on 18 March); workshop
  12 March; leaves 10-11 March for a PMSMP and 20 March for family; oriented by the SPIP with
  a liaison form naming P1 (3 March); attended a job event at P1 on 19 March.
- Zoé, JSMJ (open environment) from 10 March only: interview 5 March and workshop 6 March
  (before), interview 17 March (after); a TIG ordered 14 March hosted by ML A; oriented by the
  SPIP without establishment (8 March); a PJJ form without establishment nor file (9 March);
  her open-environment measure ends 30 March (not a release from detention).
- Walid, JSMJ (PJJ placement) until 28 February: interview 3 March and a PACEA in March.
- Xavier, JSMJ (detention) since January, CEJ since 15 January, no event in March; released
  from prison P2 on 20 February; absent at the job event.
- ML A: a held session at P1 on 11 March (cancelled on 18 March, held on 2 February), TIG
  habilitation since 2024, the job event at P1 on 19 March. ML B: a JSMJ interview in March.

Child welfare (Département CD31 of the personas, and CD55):
- Inès (CD31): asked 3 March, registered 5 March, bilan-diagnostic completed 20 March,
  interview at 17 held jointly 12 March, autonomy project built jointly 25 March, CEJ from
  26 March.
- Jade (CD31): asked 10 February, registered 2 March, interview at 17 not joint (10 March),
  autonomy project not joint (11 March), CEJ since November 2024.
- Lina (CD55): asked 15 March.
- A young person of ML B followed by CD31, asked in March: never counted for A.
"""

import datetime

from django.utils import timezone

from jalon.childwelfare.models import AgeSeventeenInterview, AseFollowUp, AutonomyProject
from jalon.justice.enums import (
    JobEventKind,
    JobEventOutcome,
    LeavePurpose,
    Measure,
    ReleaseSituation,
    SessionStatus,
)
from jalon.justice.models import (
    DetentionSession,
    JobEvent,
    JobEventParticipant,
    Leave,
    PenalSituation,
    SessionInterview,
    TigHabilitation,
    TigPlacement,
)
from jalon.pathways.enums import PathwayKind
from jalon.referrals.models import LiaisonForm
from jalon.scheduling.enums import AppointmentStatus, ParticipationStatus
from jalon.youngpeople.enums import PriorityPublic, PublicDetail
from tests.factories import OrganisationFactory, PublicPeriodFactory, YoungPersonFactory
from tests.justice.factories import prison
from tests.pathways.factories import PathwayFactory
from tests.reception.factories import DiagnosticFactory
from tests.referrals.factories import send
from tests.scheduling.factories import (
    AppointmentFactory,
    CollectiveSessionFactory,
    ParticipationFactory,
)

D = datetime.date


def _at(day, hour=10):
    return datetime.datetime.combine(
        day, datetime.time(hour), tzinfo=timezone.get_current_timezone()
    )


def _jsmj(young_person, detail, start, end=None):
    PublicPeriodFactory(
        young_person=young_person,
        public=PriorityPublic.JUSTICE,
        detail=detail,
        start_date=start,
        end_date=end,
    )


def _interview(young_person, counsellor, day, status=AppointmentStatus.PRESENT):
    AppointmentFactory(
        young_person=young_person, counsellor=counsellor, starts_at=_at(day), status=status
    )


def _workshop(ml, young_person, day):
    session = CollectiveSessionFactory(mission_locale=ml, starts_at=_at(day, 14))
    ParticipationFactory(
        session=session, young_person=young_person, status=ParticipationStatus.PRESENT
    )


def _form(sender, ml, day, matched=None, **data):
    """A form the partner sent that day, matched to a file by the Mission Locale."""
    form = send(sender, ml, **data)
    LiaisonForm.objects.filter(pk=form.pk).update(sent_at=_at(day), young_person=matched)
    return form


def build_justice(*, ml_a, ml_b, cjml, counsellor, cpip, pjj_educator):
    p1 = prison()
    p2 = prison(code="MA-MURET", name="Centre de détention de Muret")
    people = {
        name: YoungPersonFactory(mission_locale=ml_a, last_name=name, first_names=name)
        for name in ("Yanis", "Zoé", "Walid", "Xavier")
    }
    yanis, zoe, walid, xavier = people.values()

    _jsmj(yanis, PublicDetail.JUSTICE_DETENTION, D(2024, 6, 1))
    detention = PenalSituation.objects.create(
        young_person=yanis,
        measure=Measure.DETENTION_CONVICTED,
        establishment=p1,
        entry_date=D(2024, 6, 1),
        released_on=D(2025, 3, 25),
        release_situation=ReleaseSituation.TRAINING,
        created_by=cjml,
    )
    _interview(yanis, counsellor, D(2025, 3, 4))
    _interview(yanis, counsellor, D(2025, 3, 6), AppointmentStatus.ABSENT)
    _workshop(ml_a, yanis, D(2025, 3, 12))
    for starts, ends, purpose in (
        (D(2025, 3, 10), D(2025, 3, 11), LeavePurpose.PMSMP),
        (D(2025, 3, 20), D(2025, 3, 20), LeavePurpose.FAMILY),
    ):
        Leave.objects.create(
            situation=detention, starts_on=starts, ends_on=ends, purpose=purpose, recorded_by=cjml
        )
    _form(cpip, ml_a, D(2025, 3, 3), matched=yanis, establishment=p1)

    sessions = {}
    for day, status in (
        (D(2025, 3, 11), SessionStatus.HELD),
        (D(2025, 3, 18), SessionStatus.CANCELLED),
        (D(2025, 2, 2), SessionStatus.HELD),
    ):
        sessions[day] = DetentionSession.objects.create(
            mission_locale=ml_a,
            establishment=p1,
            cjml=cjml,
            date=day,
            starts_at=datetime.time(9),
            ends_at=datetime.time(12),
            status=status,
            created_by=cjml,
        )
    for day in (D(2025, 3, 11), D(2025, 3, 18)):
        SessionInterview.objects.create(session=sessions[day], young_person=yanis, recorded_by=cjml)

    _jsmj(zoe, PublicDetail.JUSTICE_OPEN, D(2025, 3, 10))
    PenalSituation.objects.create(
        young_person=zoe,
        measure=Measure.OPEN_ENVIRONMENT,
        establishment=cpip.organisation,
        entry_date=D(2025, 3, 10),
        released_on=D(2025, 3, 30),
        created_by=cjml,
    )
    _interview(zoe, counsellor, D(2025, 3, 5))
    _workshop(ml_a, zoe, D(2025, 3, 6))
    _interview(zoe, counsellor, D(2025, 3, 17))
    TigPlacement.objects.create(
        young_person=zoe,
        host_mission_locale=ml_a,
        referring_service=cpip.organisation,
        ordered_on=D(2025, 3, 14),
        hours_ordered=70,
        recorded_by=cjml,
    )
    _form(cpip, ml_a, D(2025, 3, 8), matched=zoe, establishment=None)
    _form(pjj_educator, ml_a, D(2025, 3, 9), establishment=None)

    _jsmj(walid, PublicDetail.JUSTICE_PJJ_PLACEMENT, D(2024, 1, 1), D(2025, 2, 28))
    _interview(walid, counsellor, D(2025, 3, 3))
    PathwayFactory(
        young_person=walid, counsellor=counsellor, kind=PathwayKind.PACEA, start_date=D(2025, 1, 6)
    )

    _jsmj(xavier, PublicDetail.JUSTICE_DETENTION, D(2025, 1, 1))
    PathwayFactory(
        young_person=xavier, counsellor=counsellor, kind=PathwayKind.CEJ, start_date=D(2025, 1, 15)
    )
    PenalSituation.objects.create(
        young_person=xavier,
        measure=Measure.DETENTION_REMAND,
        establishment=p2,
        entry_date=D(2025, 1, 1),
        released_on=D(2025, 2, 20),
        release_situation=ReleaseSituation.NO_SOLUTION,
        created_by=cjml,
    )

    TigHabilitation.objects.create(mission_locale=ml_a, granted_on=D(2024, 1, 1), recorded_by=cjml)
    TigHabilitation.objects.create(
        mission_locale=ml_b, granted_on=D(2023, 1, 1), ends_on=D(2024, 12, 31), recorded_by=cjml
    )
    event = JobEvent.objects.create(
        mission_locale=ml_a,
        establishment=p1,
        kind=JobEventKind.JOB_DATING,
        title="Job dating de la restauration",
        held_on=D(2025, 3, 19),
        created_by=cjml,
    )
    JobEventParticipant.objects.create(
        event=event, young_person=yanis, outcome=JobEventOutcome.ATTENDED, recorded_by=cjml
    )
    JobEventParticipant.objects.create(
        event=event, young_person=xavier, outcome=JobEventOutcome.ABSENT, recorded_by=cjml
    )

    elsewhere = YoungPersonFactory(mission_locale=ml_b)
    _jsmj(elsewhere, PublicDetail.JUSTICE_OPEN, D(2024, 1, 1))
    _interview(elsewhere, counsellor, D(2025, 3, 4))
    return {**people, "p1": p1, "p2": p2}


def _follow_up(young_person, departement, actor, **data):
    return AseFollowUp.objects.create(
        young_person=young_person,
        departement=departement,
        taken_into_care_on=D(2024, 1, 1),
        created_by=actor,
        **data,
    )


def build_child_welfare(*, ml_a, ml_b, counsellor, cd31):
    cd55 = OrganisationFactory(
        departement_council=True, code="CD55", name="Département de la Meuse"
    )
    ines, jade, lina = (
        YoungPersonFactory(mission_locale=ml_a, last_name=name, first_names=name)
        for name in ("Inès", "Jade", "Lina")
    )
    bilan = DiagnosticFactory(
        young_person=ines,
        counsellor=counsellor,
        started_on=D(2025, 3, 10),
        completed_on=D(2025, 3, 20),
    )
    follow_up = _follow_up(
        ines,
        cd31,
        counsellor,
        requested_by_departement_on=D(2025, 3, 3),
        registered_on=D(2025, 3, 5),
        bilan_diagnostic=bilan,
    )
    AgeSeventeenInterview.objects.create(
        follow_up=follow_up, held_on=D(2025, 3, 12), held_jointly=True, recorded_by=counsellor
    )
    AutonomyProject.objects.create(
        follow_up=follow_up, drawn_up_on=D(2025, 3, 25), built_jointly=True, recorded_by=counsellor
    )
    PathwayFactory(
        young_person=ines, counsellor=counsellor, kind=PathwayKind.CEJ, start_date=D(2025, 3, 26)
    )

    follow_up = _follow_up(
        jade,
        cd31,
        counsellor,
        requested_by_departement_on=D(2025, 2, 10),
        registered_on=D(2025, 3, 2),
    )
    AgeSeventeenInterview.objects.create(
        follow_up=follow_up, held_on=D(2025, 3, 10), held_jointly=False, recorded_by=counsellor
    )
    AutonomyProject.objects.create(
        follow_up=follow_up, drawn_up_on=D(2025, 3, 11), built_jointly=False, recorded_by=counsellor
    )
    PathwayFactory(
        young_person=jade, counsellor=counsellor, kind=PathwayKind.CEJ, start_date=D(2024, 11, 1)
    )

    _follow_up(lina, cd55, counsellor, requested_by_departement_on=D(2025, 3, 15))
    _follow_up(
        YoungPersonFactory(mission_locale=ml_b),
        cd31,
        counsellor,
        requested_by_departement_on=D(2025, 3, 4),
    )
    return {"Inès": ines, "Jade": jade, "Lina": lina, "cd55": cd55}
