import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from jalon.audit.models import AuditEntry
from jalon.reception import services
from jalon.reception.models import Diagnostic, FirstReception
from jalon.youngpeople.services import young_people_merge
from tests.factories import OrganisationFactory, SiteFactory, YoungPersonFactory
from tests.reception.factories import (
    DiagnosticAreaFactory,
    DiagnosticFactory,
    OutreachContactFactory,
    days_ago,
)


def test_a_reception_is_recorded_and_journaled(counsellor_a, young_person_a, ml_a):
    site = SiteFactory(mission_locale=ml_a)
    reception = services.reception_create(
        actor=counsellor_a,
        young_person=young_person_a,
        data={
            "received_on": days_ago(2),
            "site": site,
            "mode": "walk_in",
            "outcome": "one_off_answer",
            "topic": "mobility",
            "oriented_to_text": "dropped: not an external orientation",
        },
    )
    assert reception.received_by == counsellor_a
    assert reception.oriented_to_text == ""
    assert reception.outcome_summary == "Réponse ponctuelle : mobilité"
    entry = AuditEntry.objects.get(object_id=str(reception.uid))
    assert entry.action == "create" and entry.young_person == young_person_a


def test_a_reception_gathers_every_error(counsellor_a, young_person_a, ml_b):
    with pytest.raises(ValidationError) as error:
        services.reception_create(
            actor=counsellor_a,
            young_person=young_person_a,
            data={
                "received_on": days_ago(-3),
                "site": SiteFactory(mission_locale=ml_b),
                "mode": "walk_in",
                "outcome": "external_orientation",
            },
        )
    assert set(error.value.message_dict) == {"received_on", "site", "oriented_to"}
    assert not FirstReception.objects.exists()


def test_an_external_orientation_to_a_directory_structure(counsellor_a, young_person_a):
    e2c = OrganisationFactory(kind="e2c", name="E2C Toulouse")
    reception = services.reception_create(
        actor=counsellor_a,
        young_person=young_person_a,
        data={
            "received_on": days_ago(1),
            "mode": "appointment",
            "outcome": "external_orientation",
            "oriented_to": e2c,
        },
    )
    assert reception.outcome_summary == "Orienté·e vers E2C Toulouse"


def test_another_mission_locale_cannot_record_a_reception(counsellor_b, young_person_a):
    with pytest.raises(PermissionDenied):
        services.reception_create(
            actor=counsellor_b,
            young_person=young_person_a,
            data={"received_on": days_ago(1), "mode": "walk_in", "outcome": "one_off_answer"},
        )


def test_a_diagnostic_from_start_to_conclusions(counsellor_a, young_person_a):
    diagnostic = services.diagnostic_start(
        actor=counsellor_a, young_person=young_person_a, started_on=days_ago(20)
    )
    services.diagnostic_interview_add(
        actor=counsellor_a, diagnostic=diagnostic, held_on=days_ago(10), mode="phone"
    )
    services.diagnostic_areas_update(
        actor=counsellor_a,
        diagnostic=diagnostic,
        expected_version=diagnostic.version,
        areas={
            "employment": {"situation": "Sans emploi depuis 6 mois.", "barriers": ""},
            "mobility": {"situation": "", "barriers": "Pas de permis, commune mal desservie."},
            "health": {"situation": "", "barriers": ""},
        },
    )
    assert diagnostic.interviews.count() == 2
    assert sorted(diagnostic.areas.values_list("area", flat=True)) == ["employment", "mobility"]
    services.diagnostic_complete(
        actor=counsellor_a,
        diagnostic=diagnostic,
        expected_version=diagnostic.version,
        conclusions="Entrée en PACEA pour travailler la mobilité.",
        recommended_next_step="pacea",
        completed_on=days_ago(5),
    )
    # The pathway team's "diagnostic first" check, with these exact names.
    assert young_person_a.diagnostics.filter(
        completed_on__isnull=False, completed_on__lte=days_ago(0)
    ).exists()
    assert not young_person_a.diagnostics.filter(
        completed_on__isnull=False, completed_on__lte=days_ago(6)
    ).exists()
    actions = AuditEntry.objects.filter(young_person=young_person_a).values_list(
        "action", flat=True
    )
    assert list(actions).count("update") == 3


def test_an_area_emptied_is_removed(counsellor_a, young_person_a):
    diagnostic = DiagnosticFactory(young_person=young_person_a)
    DiagnosticAreaFactory(diagnostic=diagnostic, area="housing")
    services.diagnostic_areas_update(
        actor=counsellor_a,
        diagnostic=diagnostic,
        expected_version=diagnostic.version,
        areas={"housing": {"situation": "", "barriers": ""}},
    )
    assert not diagnostic.areas.exists()


def test_a_concluded_diagnostic_is_locked(counsellor_a, young_person_a):
    diagnostic = DiagnosticFactory(
        young_person=young_person_a,
        completed_on=days_ago(1),
        conclusions="Vu.",
        recommended_next_step="cej",
    )
    with pytest.raises(ValidationError):
        services.diagnostic_areas_update(
            actor=counsellor_a,
            diagnostic=diagnostic,
            expected_version=diagnostic.version,
            areas={"housing": {"situation": "Hébergé chez un ami.", "barriers": ""}},
        )


def test_concluding_without_any_area_is_refused(counsellor_a, young_person_a):
    diagnostic = DiagnosticFactory(young_person=young_person_a)
    with pytest.raises(ValidationError) as error:
        services.diagnostic_complete(
            actor=counsellor_a,
            diagnostic=diagnostic,
            expected_version=diagnostic.version,
            conclusions="Rien.",
            recommended_next_step="cej",
            completed_on=days_ago(0),
        )
    assert "areas" in error.value.message_dict
    diagnostic.refresh_from_db()
    assert diagnostic.completed_on is None


def test_reception_staff_do_not_conduct_diagnostics(personas, young_person_a):
    with pytest.raises(PermissionDenied):
        services.diagnostic_start(
            actor=personas["reception_a"], young_person=young_person_a, started_on=days_ago(1)
        )


def test_a_diagnostic_cannot_start_in_the_future(counsellor_a, young_person_a):
    with pytest.raises(ValidationError) as error:
        services.diagnostic_start(
            actor=counsellor_a, young_person=young_person_a, started_on=days_ago(-1)
        )
    assert "started_on" in error.value.message_dict
    assert not Diagnostic.objects.exists()


def test_an_outreach_contact_needs_an_author(counsellor_a):
    with pytest.raises(ValidationError) as error:
        services.outreach_contact_create(
            actor=counsellor_a,
            data={"contacted_on": days_ago(1), "place": "Gare", "outcome": "recontact"},
        )
    assert "made_by" in error.value.message_dict


def test_an_anonymous_outreach_contact_by_a_partner(counsellor_a, ml_a):
    partner = OrganisationFactory(kind="e2c")
    contact = services.outreach_contact_create(
        actor=counsellor_a,
        data={
            "contacted_on": days_ago(1),
            "place": "City stade",
            "partner": partner,
            "outcome": "recontact",
        },
    )
    assert contact.mission_locale == ml_a
    assert contact.display_name == "Jeune non identifié·e"
    assert AuditEntry.objects.get(object_id=str(contact.uid)).mission_locale == ml_a


def test_converting_a_contact_links_it_once(counsellor_a, ml_a, young_person_a):
    contact = OutreachContactFactory(mission_locale=ml_a, made_by=counsellor_a)
    services.outreach_contact_convert(
        actor=counsellor_a, contact=contact, young_person=young_person_a
    )
    contact.refresh_from_db()
    assert contact.young_person == young_person_a
    with pytest.raises(ValidationError):
        services.outreach_contact_convert(
            actor=counsellor_a,
            contact=contact,
            young_person=YoungPersonFactory(mission_locale=ml_a),
        )


def test_another_mission_locale_cannot_convert_a_contact(counsellor_b, ml_a, young_person_b):
    contact = OutreachContactFactory(mission_locale=ml_a)
    with pytest.raises(PermissionDenied):
        services.outreach_contact_convert(
            actor=counsellor_b, contact=contact, young_person=young_person_b
        )


def test_a_merge_keeps_receptions_and_diagnostics(director_a, ml_a, young_person_a):
    absorbed = YoungPersonFactory(mission_locale=ml_a, first_names="Lucas")
    DiagnosticFactory(young_person=absorbed, counsellor=director_a)
    young_people_merge(actor=director_a, kept=young_person_a, absorbed=absorbed)
    assert young_person_a.diagnostics.count() == 1
