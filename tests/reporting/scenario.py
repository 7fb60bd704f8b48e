"""A scripted month of a Mission Locale whose indicators are computed by hand in the tests.

March 2025 (previous period: February 2025), Mission Locale A:
- Alice: first reception 5 March (QPV since 2024); PACEA 1-9 March left for another
  programme, CEJ from 10 March; training 20 March - 30 April. Born 6 March 2005 (19 at first
  reception, the day before her birthday). Level V, site A.
- Bruno: present at an interview on 12 March, absent on 14 March; PACEA from September 2024
  left on 15 March in sustainable employment; QPV only from 20 March. Born 1 June 2006, first
  reception on his 18th birthday. Level IV, site A.
- Chloé: present at a workshop on 20 March (absent at another); orientation sequence 3-25 March
  left for training; QPV 1 January - 10 March; employment from 26 March (after the sequence).
  Born 15 February 2008 (16 at first reception on 10 January 2025, 17 on 31 March: a minor).
  No level, no site.
- David: diagnostic interview 20 February only; PACEA from 1 February; work-study January to
  28 February. No site, no referent.
- Fanny: file anonymised at the end of its retention, first reception 28 March. Born 1998.
- A merged file of ML A and a file of ML B, both received in March: never counted for A.
"""

import datetime

from django.utils import timezone

from jalon.pathways.enums import ExitOutcome, ExitReason, PathwayKind, SituationKind
from jalon.pathways.models import Situation
from jalon.scheduling.enums import AppointmentStatus, ParticipationStatus
from jalon.youngpeople.enums import FileStatus
from tests.factories import PublicPeriodFactory, YoungPersonFactory
from tests.pathways.factories import PathwayFactory
from tests.reception.factories import DiagnosticFactory, FirstReceptionFactory
from tests.scheduling.factories import (
    AppointmentFactory,
    CollectiveSessionFactory,
    ParticipationFactory,
)

D = datetime.date
MARCH = {"periode": "mois", "date": "2025-03-15"}


def _at(day: datetime.date, hour=10) -> datetime.datetime:
    return datetime.datetime.combine(
        day, datetime.time(hour), tzinfo=timezone.get_current_timezone()
    )


def _person(ml, name, *, birth, first_reception, site=None, referent=None, level="", **extra):
    return YoungPersonFactory(
        mission_locale=ml,
        last_name=name,
        first_names=name,
        birth_date=birth,
        first_reception_date=first_reception,
        site=site,
        referent=referent,
        level_1969=level,
        **extra,
    )


def _situation(young_person, kind, start, end, recorded_by):
    return Situation.objects.create(
        young_person=young_person,
        kind=kind,
        start_date=start,
        end_date=end,
        recorded_by=recorded_by,
    )


def build(*, ml_a, ml_b, site_a, counsellor):
    alice = _person(
        ml_a,
        "Alice",
        birth=D(2005, 3, 6),
        first_reception=D(2025, 3, 5),
        site=site_a,
        referent=counsellor,
        level="V",
    )
    FirstReceptionFactory(young_person=alice, received_on=D(2025, 3, 5))
    PublicPeriodFactory(young_person=alice, start_date=D(2024, 1, 1))
    PathwayFactory(
        young_person=alice,
        kind=PathwayKind.PACEA,
        start_date=D(2025, 3, 1),
        end_date=D(2025, 3, 9),
        exit_reason=ExitReason.REORIENTED,
        exit_outcome=ExitOutcome.OTHER_PROGRAMME,
    )
    PathwayFactory(young_person=alice, kind=PathwayKind.CEJ, start_date=D(2025, 3, 10))
    _situation(alice, SituationKind.TRAINING, D(2025, 3, 20), D(2025, 4, 30), counsellor)

    bruno = _person(
        ml_a,
        "Bruno",
        birth=D(2006, 6, 1),
        first_reception=D(2024, 6, 1),
        site=site_a,
        referent=counsellor,
        level="IV",
    )
    AppointmentFactory(
        young_person=bruno,
        counsellor=counsellor,
        starts_at=_at(D(2025, 3, 12)),
        status=AppointmentStatus.PRESENT,
    )
    AppointmentFactory(
        young_person=bruno,
        counsellor=counsellor,
        starts_at=_at(D(2025, 3, 14)),
        status=AppointmentStatus.ABSENT,
    )
    PublicPeriodFactory(young_person=bruno, start_date=D(2025, 3, 20))
    PathwayFactory(
        young_person=bruno,
        kind=PathwayKind.PACEA,
        start_date=D(2024, 9, 1),
        end_date=D(2025, 3, 15),
        exit_reason=ExitReason.AUTONOMY,
        exit_outcome=ExitOutcome.SUSTAINABLE_EMPLOYMENT,
    )

    chloe = _person(
        ml_a, "Chloé", birth=D(2008, 2, 15), first_reception=D(2025, 1, 10), referent=counsellor
    )
    workshop = CollectiveSessionFactory(mission_locale=ml_a, starts_at=_at(D(2025, 3, 20), 14))
    ParticipationFactory(session=workshop, young_person=chloe, status=ParticipationStatus.PRESENT)
    other = CollectiveSessionFactory(mission_locale=ml_a, starts_at=_at(D(2025, 3, 27), 14))
    ParticipationFactory(session=other, young_person=chloe, status=ParticipationStatus.ABSENT)
    PublicPeriodFactory(young_person=chloe, start_date=D(2025, 1, 1), end_date=D(2025, 3, 10))
    PathwayFactory(
        young_person=chloe,
        kind=PathwayKind.ORIENTATION_SEQUENCE,
        start_date=D(2025, 3, 3),
        end_date=D(2025, 3, 25),
        exit_reason=ExitReason.COMPLETED,
        exit_outcome=ExitOutcome.TRAINING,
    )
    _situation(chloe, SituationKind.EMPLOYMENT, D(2025, 3, 26), None, counsellor)

    david = _person(ml_a, "David", birth=D(2003, 5, 5), first_reception=D(2024, 11, 4))
    DiagnosticFactory(young_person=david, counsellor=counsellor, started_on=D(2025, 2, 20))
    PathwayFactory(
        young_person=david, kind=PathwayKind.PACEA, start_date=D(2025, 2, 1), counsellor=counsellor
    )
    _situation(david, SituationKind.WORK_STUDY, D(2025, 1, 1), D(2025, 2, 28), counsellor)

    fanny = _person(
        ml_a,
        "Fanny",
        birth=D(1998, 1, 1),
        first_reception=D(2025, 3, 28),
        status=FileStatus.ANONYMISED,
        level="V",
    )
    FirstReceptionFactory(young_person=fanny, received_on=D(2025, 3, 28), received_by=counsellor)

    merged = _person(
        ml_a,
        "Fusionné",
        birth=D(2004, 1, 1),
        first_reception=D(2025, 3, 3),
        status=FileStatus.MERGED,
        merged_into=alice,
    )
    FirstReceptionFactory(young_person=merged, received_on=D(2025, 3, 3), received_by=counsellor)
    elsewhere = _person(ml_b, "Emma", birth=D(2004, 1, 1), first_reception=D(2025, 3, 3))
    FirstReceptionFactory(young_person=elsewhere, received_on=D(2025, 3, 3), received_by=counsellor)
    return {"alice": alice, "bruno": bruno, "chloe": chloe, "david": david, "fanny": fanny}
