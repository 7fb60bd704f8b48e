"""The law's figures hold whatever the dates and amounts: durations, caps, ladder, allowance."""

import datetime
import itertools
from decimal import Decimal
from types import SimpleNamespace

from django.core.exceptions import ValidationError
from hypothesis import assume, example, given, settings
from hypothesis import strategies as st

from jalon.pathways import reference, rules, services
from jalon.pathways.enums import (
    SANCTION_LADDER,
    AllowanceCategory,
    ExitOutcome,
    ExitReason,
    PathwayKind,
    ProposalStatus,
    SanctionKind,
)
from jalon.pathways.models import CejSanction, Pathway
from jalon.pathways.selectors import allowance_schedule, cej_weeks
from jalon.scheduling.enums import AppointmentStatus
from tests.pathways.factories import PathwayFactory
from tests.scheduling.factories import AppointmentFactory
from tests.strategies import (
    DATABASE_EXAMPLES,
    any_date,
    any_text,
    assert_french_validation_error,
    recent_date,
    rolled_back,
)

# The figures in force since the CEJ started (reference data, R5131-16 and R5131-17).
CEJ = {"min_months": 6, "max_months": 12, "exception_max_months": 18}
days = st.integers(min_value=-400, max_value=800)
money = st.decimals(min_value=Decimal("-100"), max_value=Decimal("2000"), places=2)
cap = st.one_of(st.none(), st.decimals(min_value=0, max_value=Decimal("2000"), places=2))


@given(start=recent_date, length=days, reason=any_text)
def test_rule_cej_lasts_6_to_12_months_18_with_a_reason_never_more(start, length, reason):
    end = start + datetime.timedelta(days=length)
    try:
        rules.check_cej_duration(start, end, exception_reason=reason, **CEJ)
    except ValidationError as error:
        assert_french_validation_error(error)
        assert set(error.message_dict) <= {"planned_end_date", "exception_reason"}
        assert not (rules.add_months(start, 6) <= end <= rules.add_months(start, 12)), (
            "a CEJ of 6 to 12 months was refused"
        )
        return
    assert rules.add_months(start, 6) <= end <= rules.add_months(start, 18)
    assert end <= rules.add_months(start, 12) or reason.strip()


@given(start=recent_date, length=days, max_months=st.integers(1, 36))
def test_rule_pacea_and_orientation_sequence_never_exceed_their_maximum(start, length, max_months):
    end = start + datetime.timedelta(days=length)
    for check in (rules.check_pacea_duration, rules.check_orientation_sequence_duration):
        try:
            check(start, end, max_months=max_months)
        except ValidationError as error:
            assert_french_validation_error(error)
            assert end > rules.add_months(start, max_months)
            continue
        assert end <= rules.add_months(start, max_months)


@given(start=recent_date, previous_end=st.one_of(st.none(), recent_date))
def test_rule_six_months_between_two_cej(start, previous_end):
    try:
        rules.check_cej_gap(start, previous_end, gap_months=6)
    except ValidationError as error:
        assert_french_validation_error(error)
        assert start < rules.add_months(previous_end, 6)
        return
    assert previous_end is None or start >= rules.add_months(previous_end, 6)


@given(
    payments=st.lists(st.tuples(st.integers(1, 12), money), max_size=15),
    monthly_cap=cap,
    yearly_cap=cap,
)
def test_rule_pacea_payments_accepted_never_add_up_beyond_the_caps(
    payments, monthly_cap, yearly_cap
):
    paid_by_month: dict[int, Decimal] = {}
    for month, amount in payments:
        paid_this_month = paid_by_month.get(month, Decimal(0))
        try:
            rules.check_pacea_payment(
                amount=amount,
                paid_this_month=paid_this_month,
                paid_this_year=sum(paid_by_month.values(), Decimal(0)),
                monthly_cap=monthly_cap,
                yearly_cap=yearly_cap,
            )
        except ValidationError as error:
            assert list(error.message_dict) == ["amount"]
            continue
        paid_by_month[month] = paid_this_month + amount
    assert all(amount > 0 for amount in paid_by_month.values())
    if monthly_cap is not None:
        assert all(amount <= monthly_cap for amount in paid_by_month.values())
    if yearly_cap is not None:
        assert sum(paid_by_month.values(), Decimal(0)) <= yearly_cap


@given(previous=st.integers(0, 50))
def test_rule_sanction_ladder_reduction_suspension_then_end(previous):
    kind = rules.next_sanction_kind(previous)
    assert kind == SANCTION_LADDER[min(previous, 2)]
    assert SANCTION_LADDER.index(kind) >= SANCTION_LADDER.index(
        rules.next_sanction_kind(max(previous - 1, 0))
    )


_sanction = st.builds(
    SimpleNamespace,
    kind=st.sampled_from(SanctionKind.values),
    month=st.dates(min_value=datetime.date(2022, 1, 1), max_value=datetime.date(2027, 12, 31)),
)


@given(
    amount=st.decimals(min_value=0, max_value=Decimal("1000"), places=2),
    month=st.dates(min_value=datetime.date(2022, 1, 1), max_value=datetime.date(2027, 12, 31)),
    sanctions=st.lists(_sanction, max_size=4),
)
def test_rule_sanctions_only_lower_the_allowance_and_nothing_is_due_after_the_end(
    amount, month, sanctions
):
    due = rules.apply_sanctions(amount, month, sanctions)
    assert Decimal(0) <= due <= amount
    if any(
        s.kind == SanctionKind.END and rules.first_of_month(s.month) <= rules.first_of_month(month)
        for s in sanctions
    ):
        assert due == 0


@given(any_text)
def test_a_siret_is_accepted_or_refused_in_french_on_its_field(siret):
    try:
        rules.check_siret(siret)
    except ValidationError as error:
        assert list(error.message_dict) == ["employer_siret"]
        return
    assert len(siret) == 14 and siret.isdigit()


@given(st.text(alphabet="0123456789", min_size=13, max_size=13))
def test_rule_a_siret_with_a_valid_luhn_key_is_accepted(body):
    for key in "0123456789":
        try:
            rules.check_siret(body + key)
        except ValidationError:
            continue
        return
    raise AssertionError(f"no Luhn key accepted for {body}")


@given(
    kind=st.one_of(st.sampled_from(["employment", "training", "work_study"]), any_text),
    contract_type=any_text,
    training_type=any_text,
    start=any_date,
    end=st.one_of(st.none(), any_date),
)
def test_a_situation_is_accepted_or_refused_in_french(
    kind, contract_type, training_type, start, end
):
    try:
        rules.check_situation(
            kind=kind,
            contract_type=contract_type,
            training_type=training_type,
            start=start,
            end=end,
            today=datetime.date(2025, 6, 1),
        )
    except ValidationError as error:
        assert_french_validation_error(error)


# --- With the database: the services and the schedules built from records ------------------

cej_start = st.dates(min_value=datetime.date(2022, 3, 1), max_value=datetime.date(2025, 6, 1))


@settings(max_examples=settings().max_examples // 2, **DATABASE_EXAMPLES)
@given(
    kind=st.one_of(st.sampled_from(PathwayKind.values), any_text),
    start=st.one_of(recent_date, any_date),
    length=days,
    category=st.one_of(st.sampled_from(["non_taxable", "first_bracket", ""]), any_text),
    reason=any_text,
)
def test_opening_a_pathway_with_any_input_respects_the_maximum_durations(
    counsellor_a, young_person_a, kind, start, length, category, reason
):
    try:
        planned_end = start + datetime.timedelta(days=length)
    except OverflowError:
        planned_end = start
    with rolled_back():
        try:
            pathway = services.pathway_open(
                actor=counsellor_a,
                young_person=young_person_a,
                kind=kind,
                start_date=start,
                planned_end_date=planned_end,
                allowance_category=category,
                exception_reason=reason,
            )
        except ValidationError as error:
            assert_french_validation_error(error)
            return
        max_months = {"cej": 18, "pacea": 24, "orientation_sequence": 4}[pathway.kind]
        assert pathway.planned_end_date <= rules.add_months(pathway.start_date, max_months)


@settings(max_examples=settings().max_examples // 2, **DATABASE_EXAMPLES)
@given(
    start=cej_start,
    category=st.sampled_from(["non_taxable", "first_bracket"]),
    sanctions=st.lists(
        st.tuples(st.integers(0, 14), st.sampled_from(SanctionKind.values)), max_size=3
    ),
)
def test_the_cej_allowance_due_never_exceeds_the_reference_amount_of_the_month(
    counsellor_a, young_person_a, start, category, sanctions
):
    with rolled_back():
        pathway = PathwayFactory(
            young_person=young_person_a, start_date=start, allowance_category=category
        )
        for offset, kind in sanctions:
            CejSanction.objects.create(
                pathway=pathway,
                month=rules.add_months(start, offset),
                kind=kind,
                breach_date=rules.add_months(start, offset),
                reason="Absence",
                decided_by=counsellor_a,
            )
        months = allowance_schedule(Pathway.objects.get(pk=pathway.pk))
        assert months, "a CEJ started in the past has months due"
        for row in months:
            if row["due"] is None:
                assert row["problem"]
                continue
            bases = reference.cej_bases_on(row["month"])
            assert Decimal(0) <= row["due"] <= max(v for v in bases.values() if v is not None)


@settings(max_examples=settings().max_examples // 2, **DATABASE_EXAMPLES)
@given(
    start=cej_start,
    held=st.lists(st.tuples(st.integers(0, 120), st.integers(5, 480)), max_size=6),
    done=st.lists(st.tuples(st.integers(0, 120), st.integers(0, 40)), max_size=3),
)
def test_cej_weekly_hours_are_non_negative_and_add_up(
    counsellor_a, young_person_a, start, held, done
):
    with rolled_back():
        pathway = PathwayFactory(young_person=young_person_a, start_date=start)
        for day, minutes in held:
            AppointmentFactory(
                young_person=young_person_a,
                counsellor=counsellor_a,
                starts_at=datetime.datetime.combine(
                    start + datetime.timedelta(days=day), datetime.time(10)
                ).astimezone(),
                duration_minutes=minutes,
                status=AppointmentStatus.PRESENT,
            )
        for day, hours in done:
            young_person_a.proposals.create(
                kind="training",
                proposed_on=start,
                description="Formation",
                status=ProposalStatus.DONE,
                done_on=start + datetime.timedelta(days=day),
                cej_hours=Decimal(hours),
                recorded_by=counsellor_a,
            )
        today = start + datetime.timedelta(days=130)
        weeks = cej_weeks(Pathway.objects.get(pk=pathway.pk), today=today)
        assume(weeks)
        assert [w["monday"].weekday() for w in weeks] == [0] * len(weeks)
        for earlier, later in itertools.pairwise(weeks):
            assert later["monday"] - earlier["monday"] == datetime.timedelta(days=7)
        for week in weeks:
            assert all(hours >= 0 for hours in week["detail"].values())
            assert week["total"] == sum(week["detail"].values(), Decimal(0))
            assert week["under_minimum"] == (week["total"] < 15)
        expected = sum(Decimal(m) / 60 for _, m in held) + sum(Decimal(h) for _, h in done)
        total = sum(week["total"] for week in weeks)
        assert abs(total - expected) <= Decimal("0.05") * sum(len(w["detail"]) for w in weeks)


@settings(max_examples=settings().max_examples // 2, **DATABASE_EXAMPLES)
@given(
    end_date=st.one_of(st.none(), recent_date),
    exit_reason=st.one_of(st.sampled_from(["completed", "request"]), any_text),
    exit_outcome=st.one_of(st.sampled_from(["sustainable_employment"]), any_text),
)
@example(end_date=datetime.date(2025, 1, 6), exit_reason="x" * 25, exit_outcome="training")
@example(end_date=datetime.date(2025, 1, 6), exit_reason="request", exit_outcome="unknown")
def test_rule_a_pathway_exits_with_a_known_reason_and_outcome_or_not_at_all(
    counsellor_a, young_person_a, end_date, exit_reason, exit_outcome
):
    with rolled_back():
        pathway = PathwayFactory(young_person=young_person_a, start_date=datetime.date(2024, 9, 2))
        try:
            services.pathway_exit(
                actor=counsellor_a,
                pathway=pathway,
                end_date=end_date,
                exit_reason=exit_reason,
                exit_outcome=exit_outcome,
                expected_version=pathway.version,
            )
        except ValidationError as error:
            assert_french_validation_error(error)
            assert Pathway.objects.get(pk=pathway.pk).end_date is None
            return
        pathway.refresh_from_db()
        assert pathway.exit_reason in ExitReason.values
        assert pathway.exit_outcome in ExitOutcome.values


@settings(max_examples=settings().max_examples // 2, **DATABASE_EXAMPLES)
@given(category=any_text)
@example(category="x" * 25)
@example(category="other")
def test_rule_a_cej_has_a_known_allowance_category(counsellor_a, young_person_a, category):
    with rolled_back():
        try:
            pathway = services.pathway_open(
                actor=counsellor_a,
                young_person=young_person_a,
                kind="cej",
                start_date=datetime.date(2025, 1, 6),
                planned_end_date=datetime.date(2025, 9, 6),
                allowance_category=category,
            )
        except ValidationError as error:
            assert_french_validation_error(error)
            return
        assert pathway.allowance_category in AllowanceCategory.values


_day = st.one_of(recent_date, st.just(datetime.date(2025, 1, 6)))


@settings(max_examples=settings().max_examples // 2, **DATABASE_EXAMPLES)
@given(
    situation=st.fixed_dictionaries(
        {
            "kind": st.one_of(st.sampled_from(["employment", "training", "unemployed"]), any_text),
            "start_date": _day,
        },
        optional={
            "contract_type": any_text,
            "training_type": any_text,
            "end_date": _day,
            "organisation_name": any_text,
            "rome_code": any_text,
            "formacode": any_text,
        },
    ),
    pmsmp=st.fixed_dictionaries(
        {
            "employer_name": any_text,
            "employer_siret": st.one_of(st.just("73282932000074"), any_text),
            "start_date": _day,
            "end_date": _day,
            "goal": any_text,
        },
        optional={
            "weekly_hours": st.decimals(-100, 1000, places=1),
            "rome_code": any_text,
        },
    ),
    proposal=st.fixed_dictionaries(
        {
            "kind": st.one_of(st.sampled_from(["job_offer", "training"]), any_text),
            "proposed_on": _day,
            "description": any_text,
        },
        optional={"cej_hours": st.decimals(-100, 1000, places=1)},
    ),
)
@example(
    situation={"kind": "unemployed", "start_date": datetime.date(2025, 1, 6), "rome_code": "\x00"},
    pmsmp={
        "employer_name": "Boulangerie\x00",
        "employer_siret": "73282932000074",
        "start_date": datetime.date(2025, 1, 6),
        "end_date": datetime.date(2025, 1, 10),
        "goal": "Découvrir",
    },
    proposal={"kind": "training", "proposed_on": datetime.date(2025, 1, 6), "description": "\x00"},
)
def test_recording_situations_immersions_and_proposals_with_any_input_is_safe(
    counsellor_a, young_person_a, situation, pmsmp, proposal
):
    for record, data in (
        (services.situation_record, situation),
        (services.pmsmp_record, pmsmp),
        (services.proposal_record, proposal),
    ):
        with rolled_back():
            try:
                record(actor=counsellor_a, young_person=young_person_a, data=data)
            except ValidationError as error:
                assert_french_validation_error(error)
