"""The rules of the justice agreement (seed 000) and of the law on TIG, one test per rule."""

import datetime
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from jalon.justice import services
from jalon.justice.enums import LeavePurpose, Measure, ReleaseSituation
from jalon.justice.models import ReleaseDateChange
from tests.factories import YoungPersonFactory, years_ago
from tests.justice.factories import detention, prison

TODAY = timezone.localdate()


def test_rule_a_detention_is_served_in_a_prison(cjml_a, young_person_a, personas):
    spip = personas["cpip"].organisation
    with pytest.raises(ValidationError) as refused:
        detention(cjml_a, young_person_a, spip)
    assert "établissement pénitentiaire" in refused.value.message_dict["establishment"][0]


def test_rule_an_open_environment_measure_is_followed_by_a_spip_or_the_pjj(
    cjml_a, young_person_a, personas, seysses
):
    with pytest.raises(ValidationError):
        detention(cjml_a, young_person_a, seysses, measure=Measure.OPEN_ENVIRONMENT)
    situation = detention(
        cjml_a, young_person_a, personas["cpip"].organisation, measure=Measure.OPEN_ENVIRONMENT
    )
    assert situation.get_measure_display() == "Milieu ouvert"


def test_rule_the_foreseeable_release_date_never_precedes_the_entry(
    cjml_a, young_person_a, seysses
):
    with pytest.raises(ValidationError) as refused:
        detention(cjml_a, young_person_a, seysses, days_left=-400)
    assert "foreseeable_release_date" in refused.value.message_dict


def test_rule_a_changed_release_date_keeps_its_history(situation_a, cjml_a):
    first = situation_a.foreseeable_release_date
    services.release_date_update(
        actor=cjml_a,
        situation=situation_a,
        new_date=first + datetime.timedelta(days=60),
        reason="Retrait de crédit de réduction de peine",
        expected_version=situation_a.version,
    )
    changes = list(ReleaseDateChange.objects.filter(situation=situation_a).order_by("pk"))
    assert [(c.previous_date, c.new_date) for c in changes] == [
        (None, first),
        (first, first + datetime.timedelta(days=60)),
    ]


def test_rule_a_leave_is_granted_to_a_detainee_only(cjml_a, young_person_a, personas):
    open_measure = detention(
        cjml_a, young_person_a, personas["cpip"].organisation, measure=Measure.OPEN_ENVIRONMENT
    )
    with pytest.raises(ValidationError) as refused:
        services.leave_add(
            actor=cjml_a,
            situation=open_measure,
            data={"starts_on": TODAY, "ends_on": TODAY, "purpose": LeavePurpose.FAMILY},
        )
    assert "personne détenue" in refused.value.messages[0]


def test_rule_a_pmsmp_hors_les_murs_names_its_host(situation_a, cjml_a):
    data = {"starts_on": TODAY, "ends_on": TODAY, "purpose": LeavePurpose.PMSMP}
    with pytest.raises(ValidationError) as refused:
        services.leave_add(actor=cjml_a, situation=situation_a, data=data)
    assert "pmsmp_host" in refused.value.message_dict
    leave = services.leave_add(
        actor=cjml_a, situation=situation_a, data={**data, "pmsmp_host": "Boulangerie Ferrand"}
    )
    assert leave.get_purpose_display() == "PMSMP « hors les murs »"


def test_rule_the_first_appointment_comes_after_the_foreseeable_release(situation_a, cjml_a):
    before = timezone.now()
    with pytest.raises(ValidationError) as refused:
        services.release_plan_save(
            actor=cjml_a,
            situation=situation_a,
            data={
                "release_commune": situation_a.young_person.commune,
                "release_postal_code": situation_a.young_person.postal_code,
                "first_appointment_at": before,
            },
        )
    assert "first_appointment_at" in refused.value.message_dict


def test_rule_the_situation_at_release_is_recorded_with_the_release(situation_a, cjml_a):
    with pytest.raises(ValidationError) as refused:
        services.release_record(
            actor=cjml_a,
            situation=situation_a,
            released_on=TODAY,
            release_situation="",
            expected_version=situation_a.version,
        )
    assert "release_situation" in refused.value.message_dict
    services.release_record(
        actor=cjml_a,
        situation=situation_a,
        released_on=TODAY,
        release_situation=ReleaseSituation.TRAINING,
        expected_version=situation_a.version,
    )
    assert not situation_a.is_ongoing


@pytest.fixture
def habilitated_for_adults(director_a):
    return services.tig_habilitation_add(
        actor=director_a,
        data={"for_adults": True, "granted_on": TODAY - datetime.timedelta(days=365)},
    )


def _tig(actor, young_person, hours, personas, ordered_on=None):
    return services.tig_placement_create(
        actor=actor,
        young_person=young_person,
        data={
            "referring_service": personas["cpip"].organisation,
            "ordered_on": ordered_on or TODAY - datetime.timedelta(days=10),
            "hours_ordered": hours,
        },
    )


def test_rule_a_tig_is_pronounced_from_16(cjml_a, ml_a, personas, habilitated_for_adults):
    young = YoungPersonFactory(mission_locale=ml_a, birth_date=years_ago(17))
    with pytest.raises(ValidationError) as refused:
        _tig(cjml_a, young, 40, personas, ordered_on=years_ago(2))
    assert "16 ans" in refused.value.message_dict["ordered_on"][0]


def test_rule_tig_hours_stay_within_the_legal_bounds(
    cjml_a, young_person_a, personas, habilitated_for_adults
):
    for hours in (19, 401):
        with pytest.raises(ValidationError) as refused:
            _tig(cjml_a, young_person_a, hours, personas)
        assert "de 20 à 400 heures" in refused.value.message_dict["hours_ordered"][0]
    assert _tig(cjml_a, young_person_a, 400, personas).hours_ordered == 400


def test_rule_a_minor_tig_is_capped_lower_and_needs_an_habilitation_for_minors(
    cjml_a, ml_a, personas, habilitated_for_adults
):
    minor = YoungPersonFactory(mission_locale=ml_a, birth_date=years_ago(17))
    with pytest.raises(ValidationError) as refused:
        _tig(cjml_a, minor, 250, personas)
    assert "de 20 à 200 heures" in refused.value.message_dict["hours_ordered"][0]
    with pytest.raises(ValidationError) as refused:
        _tig(cjml_a, minor, 100, personas)
    assert "habilitée à accueillir des mineur·e·s" in refused.value.messages[0]


def test_rule_tig_hours_done_never_exceed_the_hours_pronounced(
    cjml_a, young_person_a, personas, habilitated_for_adults
):
    placement = _tig(cjml_a, young_person_a, 70, personas)
    with pytest.raises(ValidationError):
        services.tig_hours_record(actor=cjml_a, placement=placement, hours_done=71)
    done = services.tig_hours_record(actor=cjml_a, placement=placement, hours_done=70)
    assert done.get_status_display() == "Exécuté"


def test_rule_a_cjml_time_never_exceeds_a_full_time_post(director_a, cjml_a, seysses):
    other = prison(code="CD-MURET", name="Centre de détention de Muret")
    services.cjml_assignment_add(
        actor=director_a,
        data={"cjml": cjml_a, "establishment": seysses, "time_share": Decimal("0.7")},
    )
    with pytest.raises(ValidationError) as refused:
        services.cjml_assignment_add(
            actor=director_a,
            data={"cjml": cjml_a, "establishment": other, "time_share": Decimal("0.4")},
        )
    assert "temps plein" in refused.value.message_dict["time_share"][0]


def test_rule_young_people_are_seen_at_a_session_that_took_place(cjml_a, situation_a, seysses):
    session = services.session_create(
        actor=cjml_a,
        data={
            "establishment": seysses,
            "date": TODAY + datetime.timedelta(days=7),
            "starts_at": datetime.time(9),
            "ends_at": datetime.time(12),
        },
    )
    with pytest.raises(ValidationError):
        services.session_add_young_person(
            actor=cjml_a, session=session, young_person=situation_a.young_person
        )


def test_rule_dedans_dehors_the_file_is_proposed_to_the_ml_of_the_release_address(
    cjml_a, situation_a, ml_b, personas
):
    from tests.factories import commune

    verdun = commune("55545")
    ml_b.communes_covered.add(verdun)
    plan = services.release_plan_save(
        actor=cjml_a,
        situation=situation_a,
        data={
            "release_address": "1 place de la Nation",
            "release_postal_code": "55100",
            "release_commune": verdun,
            "first_appointment_at": timezone.now() + datetime.timedelta(days=45),
        },
    )
    assert plan.release_mission_locale == ml_b
    assert services.transfer_proposal(situation_a)["to_mission_locale"] == ml_b
    transfer = services.release_transfer_confirm(actor=cjml_a, situation=situation_a)
    assert transfer.to_mission_locale == ml_b and transfer.get_reason_kind_display() == (
        "Sortie de détention"
    )
    # The receiving Mission Locale learns no penal detail from the request.
    assert "vol" not in transfer.reason and "Premier rendez-vous" in transfer.reason
    assert services.transfer_proposal(situation_a) is None


def test_rule_a_release_in_the_own_territory_books_the_first_appointment(cjml_a, situation_a, ml_a):
    from tests.factories import commune

    toulouse = commune("31555")
    ml_a.communes_covered.add(toulouse)
    plan = services.release_plan_save(
        actor=cjml_a,
        situation=situation_a,
        data={
            "release_postal_code": "31000",
            "release_commune": toulouse,
            "first_appointment_at": timezone.now() + datetime.timedelta(days=45),
        },
    )
    assert plan.first_appointment.subject == "Premier rendez-vous après la sortie"
    assert services.transfer_proposal(situation_a) is None


def test_rule_a_session_where_young_people_were_seen_cannot_be_cancelled(
    client_for, cjml_a, situation_a, seysses
):
    session = services.session_create(
        actor=cjml_a,
        data={
            "establishment": seysses,
            "date": TODAY,
            "starts_at": datetime.time(9),
            "ends_at": datetime.time(12),
        },
    )
    services.session_add_young_person(
        actor=cjml_a, session=session, young_person=situation_a.young_person
    )
    client_for(cjml_a).post(
        reverse("justice:session_status", args=[session.uid]), {"status": "cancelled"}
    )
    session.refresh_from_db()
    assert session.get_status_display() == "Tenue"
