"""A file holding something in every app, and the rights requests' factory."""

import datetime
from decimal import Decimal

import factory
from django.utils import timezone

from jalon.alerts.enums import AlertLevel, AlertRule, AlertStatus
from jalon.alerts.models import Alert
from jalon.justice import models as justice
from jalon.obligation.models import ContactAttempt
from jalon.pathways.enums import PathwayKind, SanctionKind, SituationKind
from jalon.pathways.models import (
    AllowancePayment,
    CejSanction,
    PaceaPhase,
    Pmsmp,
    Proposal,
    Situation,
)
from jalon.privacy.enums import RightKind
from jalon.privacy.models import RightsRequest
from jalon.scheduling.models import AppointmentStatusChange
from jalon.youngpeople.services import young_people_merge
from tests.factories import OrganisationFactory, PublicPeriodFactory, YoungPersonFactory
from tests.obligation.factories import ObligationCaseFactory
from tests.pathways.factories import PathwayFactory
from tests.reception.factories import (
    DiagnosticAreaFactory,
    DiagnosticFactory,
    FirstReceptionFactory,
    OutreachContactFactory,
)
from tests.scheduling.factories import (
    AppointmentFactory,
    CollectiveSessionFactory,
    ParticipationFactory,
)

SECRET = "Confidence sur la santé"


class RightsRequestFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = RightsRequest

    kind = RightKind.ACCESS
    received_on = factory.LazyFunction(lambda: timezone.localdate() - datetime.timedelta(days=3))
    details = "Demande reçue par courrier"
    recorded_by = None


def full_file(young_person, director, *, pathway_end=None):
    """Records of every kind on the file, each with free text; returns what was made."""
    staff = young_person.referent
    start = young_person.first_reception_date
    PublicPeriodFactory(young_person=young_person, start_date=start)
    FirstReceptionFactory(young_person=young_person, notes=SECRET, oriented_to_text=SECRET)
    diagnostic = DiagnosticFactory(young_person=young_person, conclusions=SECRET, started_on=start)
    DiagnosticAreaFactory(diagnostic=diagnostic, situation=SECRET, barriers=SECRET)
    pathway = PathwayFactory(
        young_person=young_person,
        kind=PathwayKind.PACEA,
        start_date=start,
        end_date=pathway_end,
        exit_outcome="employment" if pathway_end else "",
        exception_reason=SECRET,
    )
    PaceaPhase.objects.create(
        pathway=pathway, start_date=start, objectives=SECRET, evaluation=SECRET
    )
    AllowancePayment.objects.create(
        pathway=pathway, month=start.replace(day=1), amount=Decimal("100"), recorded_by=staff
    )
    CejSanction.objects.create(
        pathway=pathway,
        breach_date=start,
        kind=SanctionKind.REDUCTION,
        month=start.replace(day=1),
        reason=SECRET,
        decided_by=staff,
    )
    Pmsmp.objects.create(
        young_person=young_person,
        employer_name=SECRET,
        employer_siret="12345678900011",
        start_date=start,
        end_date=start,
        goal="discover",
        rome_code="N1103",
        outcome=SECRET,
        recorded_by=staff,
    )
    Proposal.objects.create(
        young_person=young_person,
        kind="training",
        proposed_on=start,
        description=SECRET,
        recorded_by=staff,
    )
    Situation.objects.create(
        young_person=young_person,
        kind=SituationKind.EMPLOYMENT,
        start_date=start,
        organisation_name=SECRET,
        rome_code="N1103",
        recorded_by=staff,
    )
    appointment = AppointmentFactory(
        young_person=young_person, notes=SECRET, subject=SECRET, place=SECRET
    )
    AppointmentStatusChange.objects.create(
        appointment=appointment,
        changed_by=staff,
        from_status="planned",
        to_status="cancelled",
        reason=SECRET,
    )
    session = CollectiveSessionFactory(mission_locale=young_person.mission_locale)
    ParticipationFactory(session=session, young_person=young_person)
    OutreachContactFactory(
        mission_locale=young_person.mission_locale,
        young_person=young_person,
        notes=SECRET,
        birth_date=young_person.birth_date,
    )
    case = ObligationCaseFactory(
        mission_locale=young_person.mission_locale,
        young_person=young_person,
        birth_date=young_person.birth_date,
        establishment=SECRET,
        school_class=SECRET,
        solution_details=SECRET,
    )
    ContactAttempt.objects.create(
        case=case,
        attempted_on=start,
        channel="phone",
        outcome="reached",
        notes=SECRET,
        made_by=staff,
    )
    RightsRequestFactory(young_person=young_person, recorded_by=director, details=SECRET)
    Alert.objects.create(
        rule=AlertRule.NO_CONTACT,
        key=f"{young_person.pk}:{start.isoformat()}",
        mission_locale=young_person.mission_locale,
        young_person=young_person,
        counsellor=staff,
        level=AlertLevel.NOW,
        due_date=start,
        params={"since": start.isoformat(), "days": 30},
        status=AlertStatus.HANDLED,
        handled_note=SECRET,
    )
    _justice_records(young_person, staff, start)
    duplicate = YoungPersonFactory(
        mission_locale=young_person.mission_locale,
        last_name=young_person.last_name,
        first_names=young_person.first_names,
        birth_date=young_person.birth_date,
        first_reception_date=start,
        referent=staff,
    )
    young_people_merge(actor=director, kept=young_person, absorbed=duplicate)
    return {"pathway": pathway, "duplicate": duplicate}


def _justice_records(young_person, staff, start):
    """A detention with every penal free text, its release plan, a TIG and a session."""
    prison = OrganisationFactory(kind="prison", subtype="maison_arret", name="Maison d'arrêt")
    situation = justice.PenalSituation.objects.create(
        young_person=young_person,
        measure="detention_convicted",
        establishment=prison,
        entry_date=start,
        details=SECRET,
        created_by=staff,
    )
    justice.ReleaseDateChange.objects.create(
        situation=situation, new_date=start, reason=SECRET, changed_by=staff
    )
    justice.SentenceAdjustment.objects.create(
        situation=situation, kind="parole", decided_on=start, details=SECRET, recorded_by=staff
    )
    justice.Leave.objects.create(
        situation=situation,
        starts_on=start,
        ends_on=start,
        purpose="pmsmp",
        pmsmp_host=SECRET,
        recorded_by=staff,
    )
    justice.ReleasePlan.objects.create(
        situation=situation,
        release_address=SECRET,
        first_appointment_place=SECRET,
        housing_details=SECRET,
        updated_by=staff,
    )
    placement = justice.TigPlacement.objects.create(
        young_person=young_person,
        host_mission_locale=young_person.mission_locale,
        referring_service=OrganisationFactory(kind="spip", name="SPIP"),
        ordered_on=start,
        hours_ordered=40,
        recorded_by=staff,
    )
    justice.TigModule.objects.create(
        placement=placement, title="Savoir-être", held_on=start, hours=7, recorded_by=staff
    )
    session = justice.DetentionSession.objects.create(
        mission_locale=young_person.mission_locale,
        establishment=prison,
        cjml=staff,
        date=start,
        starts_at=datetime.time(9),
        ends_at=datetime.time(12),
        created_by=staff,
    )
    justice.SessionInterview.objects.create(
        session=session, young_person=young_person, recorded_by=staff
    )
