"""Governance of the justice agreement (seed 000, axis 3 and annex 3) and its barometer."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.test import override_settings
from django.urls import reverse
from django.utils import timezone
from hypothesis import given, settings
from hypothesis import strategies as st

from jalon import policy
from jalon.accounts.models import Role
from jalon.audit.models import AuditEntry
from jalon.governance import rules, services
from jalon.governance.enums import GovernanceKind
from jalon.governance.models import BarometerAnswer, BarometerParticipation, GovernanceRecord
from jalon.governance.selectors import barometer_results, governance_counts
from jalon.network.models import Region
from tests.factories import OrganisationFactory, UserFactory
from tests.strategies import (
    DATABASE_EXAMPLES,
    any_date,
    any_text,
    assert_french_validation_error,
    rolled_back,
)

TODAY = timezone.localdate()
YEAR_START = datetime.date(TODAY.year, 1, 1)


def _occitanie():
    return Region.objects.get(code="76")


def _record(actor, kind, region=None, participants=12, title="", held_on=YEAR_START):
    return services.record_governance_event(
        actor=actor,
        kind=kind,
        region=region,
        held_on=held_on,
        title=title,
        participants=participants,
    )


def test_rule_governance_counts_committees_sessions_exchanges_and_tools_of_the_year(personas):
    national = personas["national_pilot"]
    arml = personas["arml_pilot"]
    _record(national, GovernanceKind.NATIONAL_COMMITTEE, participants=25)
    _record(national, GovernanceKind.NATIONAL_COMMITTEE, participants=30)
    _record(national, GovernanceKind.ENAP_TRAINING, participants=21)
    _record(arml, GovernanceKind.REGIONAL_COMMITTEE, _occitanie(), participants=14)
    _record(arml, GovernanceKind.PRACTICE_EXCHANGE, _occitanie(), participants=9)
    _record(arml, GovernanceKind.TOOL, _occitanie(), participants=None, title="Kit TIG")
    _record(
        national,
        GovernanceKind.REGIONAL_COMMITTEE,
        Region.objects.get(code="44"),
        held_on=YEAR_START - datetime.timedelta(days=1),  # last year: not counted
    )
    year = (YEAR_START, datetime.date(TODAY.year, 12, 31))

    counts = {
        row["kind"]: (row["count"], row["participants"])
        for row in governance_counts(national, start=year[0], end=year[1])
    }

    assert counts == {
        GovernanceKind.NATIONAL_COMMITTEE: (2, 55),
        GovernanceKind.REGIONAL_COMMITTEE: (1, 14),
        GovernanceKind.ENAP_TRAINING: (1, 21),
        GovernanceKind.ENPJJ_TRAINING: (0, 0),
        GovernanceKind.PRACTICE_EXCHANGE: (1, 9),
        GovernanceKind.TOOL: (1, 0),
    }


def test_rule_arml_pilot_reads_national_records_and_their_region_only(personas):
    national = personas["national_pilot"]
    _record(national, GovernanceKind.NATIONAL_COMMITTEE)
    _record(national, GovernanceKind.REGIONAL_COMMITTEE, _occitanie())
    _record(national, GovernanceKind.REGIONAL_COMMITTEE, Region.objects.get(code="44"))
    seen = GovernanceRecord.objects.visible_to(personas["arml_pilot"])
    assert sorted(r.region_id or 0 for r in seen) == [0, _occitanie().pk]
    assert not GovernanceRecord.objects.visible_to(personas["director_a"]).exists()


@pytest.mark.parametrize(
    ("kind", "region_code"),
    [
        (GovernanceKind.NATIONAL_COMMITTEE, None),
        (GovernanceKind.ENAP_TRAINING, None),
        (GovernanceKind.REGIONAL_COMMITTEE, "44"),  # another region
    ],
)
def test_rule_arml_pilot_records_regional_events_of_their_region_only(personas, kind, region_code):
    region = Region.objects.get(code=region_code) if region_code else None
    with pytest.raises(PermissionDenied):
        _record(personas["arml_pilot"], kind, region)
    assert not GovernanceRecord.objects.exists()


def test_rule_cjml_and_directors_record_no_governance(personas):
    for persona in ("cjml_a", "director_a", "administrator"):
        with pytest.raises(PermissionDenied):
            _record(personas[persona], GovernanceKind.REGIONAL_COMMITTEE, _occitanie())


@pytest.mark.parametrize(
    ("kind", "region", "participants", "title", "held_on", "field"),
    [
        (GovernanceKind.NATIONAL_COMMITTEE, "76", 10, "", YEAR_START, "region"),
        (GovernanceKind.REGIONAL_COMMITTEE, None, 10, "", YEAR_START, "region"),
        (GovernanceKind.ENAP_TRAINING, None, None, "", YEAR_START, "participants"),
        (GovernanceKind.ENPJJ_TRAINING, None, 0, "", YEAR_START, "participants"),
        (GovernanceKind.TOOL, None, 5, "Guide", YEAR_START, "participants"),
        (GovernanceKind.TOOL, None, None, "  ", YEAR_START, "title"),
        (GovernanceKind.PRACTICE_EXCHANGE, "76", 8, "", TODAY + datetime.timedelta(1), "held_on"),
    ],
)
def test_rule_governance_records_are_complete(
    personas, kind, region, participants, title, held_on, field
):
    with pytest.raises(ValidationError) as caught:
        _record(
            personas["national_pilot"],
            kind,
            Region.objects.get(code=region) if region else None,
            participants=participants,
            title=title,
            held_on=held_on,
        )
    assert field in caught.value.message_dict


def test_recording_and_deleting_are_in_the_journal(personas):
    record = _record(personas["arml_pilot"], GovernanceKind.PRACTICE_EXCHANGE, _occitanie())
    services.delete_governance_record(actor=personas["arml_pilot"], record=record)
    entries = AuditEntry.objects.filter(object_id=str(record.uid)).order_by("id")
    assert [entry.changes.get("deleted", False) for entry in entries] == [False, True]
    assert not GovernanceRecord.objects.exists()


def test_pilot_records_an_event_from_the_page(personas, client_for):
    client = client_for(personas["arml_pilot"])
    response = client.post(
        reverse("governance:create"),
        {
            "kind": GovernanceKind.REGIONAL_COMMITTEE,
            "region": _occitanie().pk,
            "held_on": YEAR_START.isoformat(),
            "participants": "16",
        },
        follow=True,
    )
    page = response.content.decode()
    assert "Comité de pilotage régional du" in page
    assert "<td>Comité de pilotage régional</td><td>1</td><td>16</td>" in page


def test_page_says_what_an_arml_pilot_cannot_record(personas, client_for):
    response = client_for(personas["arml_pilot"]).post(
        reverse("governance:create"),
        {"kind": GovernanceKind.NATIONAL_COMMITTEE, "held_on": YEAR_START, "participants": 3},
    )
    assert "le reste est enregistré par l&#x27;UNML" in response.content.decode()


# --- Barometer --------------------------------------------------------------------------


def _answer(user, score=3, evolution="stable", knows=True):
    return services.answer_barometer(
        actor=user,
        communication=score,
        tools=score,
        access=score,
        knows_integration_commissions=knows,
        evolution=evolution,
    )


def _cjml(ml):
    return UserFactory(role=Role.CJML, organisation=ml)


def test_rule_barometer_answer_is_not_linked_to_its_author(personas):
    answer = _answer(personas["cjml_a"])
    relations = [field.name for field in BarometerAnswer._meta.get_fields() if field.is_relation]
    assert relations == ["region"]
    assert BarometerParticipation.objects.get().user == personas["cjml_a"]
    entry = AuditEntry.objects.get(object_type="governance.barometerparticipation")
    assert entry.changes == {"year": TODAY.year} and str(answer.pk) not in str(entry.changes)


def test_rule_one_barometer_answer_a_year(personas):
    _answer(personas["cjml_a"])
    with pytest.raises(ValidationError, match="déjà répondu"):
        _answer(personas["cjml_a"], score=1)
    assert BarometerAnswer.objects.count() == 1


def test_rule_only_cjml_answer_the_barometer(personas):
    for persona in ("counsellor_a", "director_a", "arml_pilot", "cpip"):
        with pytest.raises(PermissionDenied):
            _answer(personas[persona])


@override_settings(GOVERNANCE_BAROMETER_MIN_ANSWERS=3)
def test_rule_barometer_results_are_never_shown_for_fewer_answers_than_the_threshold(
    personas, ml_a, ml_b
):
    for score in (4, 4, 3):
        _answer(_cjml(ml_a), score=score, evolution="improved")
    _answer(_cjml(ml_b), score=1, evolution="worsened", knows=False)

    regional = barometer_results(personas["arml_pilot"], year=TODAY.year)
    national = barometer_results(personas["national_pilot"], year=TODAY.year)

    [occitanie] = regional["groups"]
    assert occitanie["label"] == "Occitanie" and occitanie["answers"] == 3
    assert occitanie["summary"]["questions"][0] == {"satisfied_percent": 100, "mean": 3.7}
    assert occitanie["summary"]["evolution_percents"] == [100, 0, 0]
    groups = {group["label"]: group for group in national["groups"]}
    # Grand Est has one answer: hidden; Occitanie is hidden too, or Grand Est's answer would be
    # the total minus Occitanie.
    assert groups["Grand Est"]["summary"] is None
    assert groups["Occitanie"]["summary"] is None
    assert groups["Ensemble"]["answers"] == 4
    assert groups["Ensemble"]["summary"]["questions"][0] == {"satisfied_percent": 75, "mean": 3.0}


@pytest.mark.parametrize(
    ("counts", "total_shown", "hidden"),
    [
        ({"a": 10, "b": 8, "c": 0}, True, set()),
        ({"a": 10, "b": 2, "c": 0}, False, {"b"}),
        ({"a": 10, "b": 2, "c": 7}, True, {"b", "c"}),
        ({"a": 10, "b": 2, "c": 3}, True, {"b", "c"}),
        ({"a": 10, "b": 1, "c": 1}, True, {"b", "c", "a"}),
    ],
)
def test_rule_small_barometer_groups_are_suppressed_with_secondary_suppression(
    counts, total_shown, hidden
):
    assert rules.suppressed_groups(counts, total_shown=total_shown, threshold=5) == hidden


@given(
    counts=st.dictionaries(st.integers(0, 30), st.integers(0, 40), max_size=15),
    threshold=st.integers(1, 10),
)
def test_hidden_barometer_answers_can_never_be_recomputed(counts, threshold):
    hidden = rules.suppressed_groups(counts, total_shown=True, threshold=threshold)
    for group, n in counts.items():
        if 0 < n < threshold:
            assert group in hidden
    # What the total gives away about the hidden groups is their sum: never a small one.
    hidden_answers = sum(counts[group] for group in hidden)
    assert (
        hidden_answers == 0
        or hidden_answers >= threshold
        or hidden == {g for g, n in counts.items() if n}
    )


def test_cjml_answers_from_the_page_then_is_thanked(personas, client_for):
    client = client_for(personas["cjml_a"])
    response = client.post(
        reverse("governance:barometer"),
        {
            "communication": "3",
            "tools": "2",
            "access": "4",
            "knows_integration_commissions": "no",
            "evolution": "improved",
        },
        follow=True,
    )
    assert "Votre réponse anonyme a été enregistrée" in response.content.decode()
    answer = BarometerAnswer.objects.get()
    assert (answer.tools, answer.knows_integration_commissions) == (2, False)
    assert (
        "Vous avez répondu au baromètre"
        in client.get(reverse("governance:barometer")).content.decode()
    )


def test_arml_pilot_in_a_structure_without_region_records_nothing(personas, client_for):
    pilot = UserFactory(
        role=Role.ARML_PILOT,
        organisation=OrganisationFactory(arml=True, code="ARML-X", region=None),
    )
    assert client_for(pilot).get(reverse("governance:create")).status_code == 403


@settings(**DATABASE_EXAMPLES, max_examples=40)
@given(
    kind=st.sampled_from([*GovernanceKind.values, "", "other"]),
    held_on=any_date,
    title=any_text,
    participants=st.one_of(st.none(), st.integers(-10, 10_000)),
    regional=st.booleans(),
)
def test_any_governance_record_is_saved_or_refused_in_french(
    personas, kind, held_on, title, participants, regional
):
    with rolled_back():
        try:
            record = _record(
                personas["national_pilot"],
                kind,
                _occitanie() if regional else None,
                participants=participants,
                title=title,
                held_on=held_on,
            )
        except ValidationError as error:
            assert_french_validation_error(error)
        else:
            assert record.held_on <= TODAY


@settings(**DATABASE_EXAMPLES, max_examples=40)
@given(
    scores=st.lists(
        st.one_of(st.integers(-2, 6), st.none(), st.booleans(), any_text), min_size=3, max_size=3
    ),
    knows=st.one_of(st.booleans(), st.none(), any_text),
    evolution=st.one_of(st.sampled_from(["improved", "stable", "worsened"]), any_text),
)
def test_any_barometer_answer_is_saved_or_refused_in_french(personas, scores, knows, evolution):
    with rolled_back():
        try:
            services.answer_barometer(
                actor=personas["cjml_a"],
                communication=scores[0],
                tools=scores[1],
                access=scores[2],
                knows_integration_commissions=knows,
                evolution=evolution,
            )
        except ValidationError as error:
            assert_french_validation_error(error)
            assert not BarometerParticipation.objects.exists()
        else:
            assert all(type(score) is int and 1 <= score <= 4 for score in scores)


def test_the_kinds_an_arml_pilot_records_are_governance_kinds():
    assert {
        GovernanceKind.REGIONAL_COMMITTEE,
        GovernanceKind.PRACTICE_EXCHANGE,
        GovernanceKind.TOOL,
    } == policy.GOVERNANCE_REGIONAL_KINDS
