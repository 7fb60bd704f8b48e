"""One test per rule of the contracted pathways (seed 003, domain notes, Code du travail)."""

import datetime
from decimal import Decimal
from types import SimpleNamespace

import pytest
from django.core.exceptions import ValidationError

from jalon.pathways import rules
from jalon.pathways.enums import PathwayKind, SanctionKind
from jalon.youngpeople.rules import check_not_in_future

D = datetime.date
BASES_2024 = {
    "non_taxable": Decimal("552.29"),
    "first_bracket": Decimal("331.17"),
    "minor": Decimal("220.92"),
}


def errors_of(check, *args, **kwargs) -> dict:
    with pytest.raises(ValidationError) as error:
        check(*args, **kwargs)
    return error.value.message_dict


def test_rule_orientation_sequence_lasts_4_months_at_most():
    rules.check_orientation_sequence_duration(D(2026, 1, 10), D(2026, 5, 10), max_months=4)
    message = errors_of(
        rules.check_orientation_sequence_duration, D(2026, 1, 10), D(2026, 5, 11), max_months=4
    )["planned_end_date"][0]
    assert (
        message == "La séquence d'orientation dure 4 mois au plus : fin au plus tard le 10/05/2026."
    )


def test_rule_pacea_lasts_24_consecutive_months_at_most():
    rules.check_pacea_duration(D(2025, 1, 1), D(2027, 1, 1), max_months=24)
    message = errors_of(rules.check_pacea_duration, D(2025, 1, 1), D(2027, 2, 1), max_months=24)
    assert "Le PACEA dure 24 mois consécutifs au plus" in message["planned_end_date"][0]


def test_rule_pacea_follows_a_concluded_diagnostic():
    rules.check_pacea_after_diagnostic(has_completed_diagnostic=True)
    assert (
        "diagnostic"
        in errors_of(rules.check_pacea_after_diagnostic, has_completed_diagnostic=False)["kind"][0]
    )


def test_rule_cej_is_for_16_to_25_revolus():
    rules.check_programme_age(
        kind=PathwayKind.CEJ, birth_date=D(2000, 6, 2), start=D(2026, 6, 1), has_rqth=False
    )
    message = errors_of(
        rules.check_programme_age,
        kind=PathwayKind.CEJ,
        birth_date=D(2000, 6, 1),
        start=D(2026, 6, 1),
        has_rqth=False,
    )["start_date"][0]
    assert message == (
        "Le CEJ s'adresse aux jeunes de 16 à 25 ans révolus (29 ans avec une RQTH) ; "
        "le jeune a 26 ans."
    )


def test_rule_cej_goes_to_29_revolus_with_rqth():
    rules.check_programme_age(
        kind=PathwayKind.CEJ, birth_date=D(1997, 1, 1), start=D(2026, 6, 1), has_rqth=True
    )
    with pytest.raises(ValidationError):
        rules.check_programme_age(
            kind=PathwayKind.CEJ, birth_date=D(1996, 1, 1), start=D(2026, 6, 1), has_rqth=True
        )


def test_rule_rqth_does_not_extend_the_pacea():
    with pytest.raises(ValidationError):
        rules.check_programme_age(
            kind=PathwayKind.PACEA, birth_date=D(1999, 1, 1), start=D(2026, 6, 1), has_rqth=True
        )


def test_rule_cej_lasts_6_to_12_months():
    limits = {"min_months": 6, "max_months": 12, "exception_max_months": 18, "exception_reason": ""}
    rules.check_cej_duration(D(2026, 1, 1), D(2026, 7, 1), **limits)
    rules.check_cej_duration(D(2026, 1, 1), D(2027, 1, 1), **limits)
    assert (
        "au moins 6 mois"
        in errors_of(rules.check_cej_duration, D(2026, 1, 1), D(2026, 6, 30), **limits)[
            "planned_end_date"
        ][0]
    )


def test_rule_cej_of_13_months_needs_a_reasoned_exception():
    limits = {"min_months": 6, "max_months": 12, "exception_max_months": 18}
    message = errors_of(
        rules.check_cej_duration, D(2026, 1, 1), D(2027, 2, 1), exception_reason="", **limits
    )
    assert "dérogation motivée" in message["exception_reason"][0]
    rules.check_cej_duration(
        D(2026, 1, 1), D(2027, 2, 1), exception_reason="Formation en cours", **limits
    )


def test_rule_cej_never_exceeds_18_months():
    limits = {"min_months": 6, "max_months": 12, "exception_max_months": 18}
    message = errors_of(
        rules.check_cej_duration, D(2026, 1, 1), D(2027, 7, 2), exception_reason="Motif", **limits
    )
    assert "18 mois au plus" in message["planned_end_date"][0]


def test_rule_6_months_between_two_cej():
    rules.check_cej_gap(D(2026, 7, 1), D(2026, 1, 1), gap_months=6)
    message = errors_of(rules.check_cej_gap, D(2026, 4, 1), D(2026, 1, 1), gap_months=6)[
        "start_date"
    ][0]
    assert message.startswith(
        "Un nouveau CEJ ne peut commencer que 6 mois après la fin du précédent"
    )
    assert "au plus tôt le 01/07/2026" in message


def test_rule_one_contracted_pathway_at_a_time():
    active = SimpleNamespace(end_date=None, __str__=lambda self: "PACEA")
    closed = SimpleNamespace(end_date=D(2026, 1, 31))
    rules.check_single_active_pathway(D(2026, 2, 1), [closed])
    assert (
        "un seul parcours à la fois"
        in errors_of(rules.check_single_active_pathway, D(2026, 2, 1), [active])["kind"][0]
    )
    with pytest.raises(ValidationError):
        rules.check_single_active_pathway(D(2026, 1, 15), [closed])


def test_rule_exit_needs_a_date_a_reason_and_an_outcome():
    errors = errors_of(
        rules.check_exit,
        start=D(2026, 1, 1),
        end_date=None,
        exit_reason="",
        exit_outcome="",
        today=D(2026, 6, 1),
    )
    assert errors == {
        "end_date": ["Indiquez la date de sortie."],
        "exit_reason": ["Indiquez le motif de sortie."],
        "exit_outcome": ["Indiquez la situation du jeune à la sortie."],
    }


def test_rule_exit_date_not_in_the_future_nor_before_the_start():
    kwargs = {
        "start": D(2026, 1, 1),
        "exit_reason": "completed",
        "exit_outcome": "training",
        "today": D(2026, 6, 1),
    }
    assert errors_of(rules.check_exit, end_date=D(2026, 6, 2), **kwargs) == {
        "end_date": ["Cette date ne peut pas être dans le futur."]
    }
    assert (
        "précéder" in errors_of(rules.check_exit, end_date=D(2025, 12, 31), **kwargs)["end_date"][0]
    )


def test_rule_no_date_in_the_future():
    assert errors_of(check_not_in_future, D(2026, 6, 2), "start_date", D(2026, 6, 1)) == {
        "start_date": ["Cette date ne peut pas être dans le futur."]
    }


def test_rule_sanction_ladder_reduces_then_suspends_then_ends():
    assert [rules.next_sanction_kind(n) for n in range(4)] == [
        SanctionKind.REDUCTION,
        SanctionKind.SUSPENSION,
        SanctionKind.END,
        SanctionKind.END,
    ]


def test_rule_cej_allowance_depends_on_age_on_the_first_of_the_month():
    birth = D(2008, 3, 15)  # 18 on 15 March 2026
    march = rules.cej_monthly_allowance(
        birth_date=birth, month=D(2026, 3, 1), category="non_taxable", bases=BASES_2024
    )
    april = rules.cej_monthly_allowance(
        birth_date=birth, month=D(2026, 4, 1), category="non_taxable", bases=BASES_2024
    )
    assert (march, april) == (Decimal("220.92"), Decimal("552.29"))


def test_rule_cej_allowance_follows_the_household_category():
    amount = rules.cej_monthly_allowance(
        birth_date=D(2000, 1, 1), month=D(2024, 6, 1), category="first_bracket", bases=BASES_2024
    )
    assert amount == Decimal("331.17")


def test_rule_a_reduction_takes_25_percent_of_the_month():
    sanctions = [SimpleNamespace(kind=SanctionKind.REDUCTION, month=D(2025, 5, 1))]
    assert rules.apply_sanctions(Decimal("561.68"), D(2025, 5, 1), sanctions) == Decimal("421.26")
    assert rules.apply_sanctions(Decimal("561.68"), D(2025, 6, 1), sanctions) == Decimal("561.68")


def test_rule_a_suspension_removes_one_month_and_an_end_every_later_month():
    suspension = [SimpleNamespace(kind=SanctionKind.SUSPENSION, month=D(2025, 5, 1))]
    assert rules.apply_sanctions(Decimal("561.68"), D(2025, 5, 1), suspension) == 0
    assert rules.apply_sanctions(Decimal("561.68"), D(2025, 6, 1), suspension) == Decimal("561.68")
    end = [SimpleNamespace(kind=SanctionKind.END, month=D(2025, 5, 1))]
    assert rules.apply_sanctions(Decimal("561.68"), D(2025, 8, 1), end) == 0


def test_rule_pacea_allowance_within_its_caps():
    rules.check_pacea_payment(
        amount=Decimal(100),
        paid_this_month=Decimal(0),
        paid_this_year=Decimal(0),
        monthly_cap=None,
        yearly_cap=None,
    )
    message = errors_of(
        rules.check_pacea_payment,
        amount=Decimal(100),
        paid_this_month=Decimal(450),
        paid_this_year=Decimal(450),
        monthly_cap=Decimal(500),
        yearly_cap=Decimal(2000),
    )["amount"][0]
    assert message.startswith("Plafond mensuel de l'allocation PACEA dépassé")
    assert (
        "annuel"
        in errors_of(
            rules.check_pacea_payment,
            amount=Decimal(100),
            paid_this_month=Decimal(0),
            paid_this_year=Decimal(1950),
            monthly_cap=Decimal(500),
            yearly_cap=Decimal(2000),
        )["amount"][0]
    )


def test_rule_siret_has_14_digits_and_a_valid_key():
    rules.check_siret("73282932000074")
    assert errors_of(rules.check_siret, "7328293200007")["employer_siret"] == [
        "Le SIRET compte 14 chiffres."
    ]
    assert "clé" in errors_of(rules.check_siret, "73282932000075")["employer_siret"][0]


def test_rule_employment_situations_name_their_contract():
    kwargs = {"training_type": "", "start": D(2026, 1, 1), "end": None, "today": D(2026, 6, 1)}
    rules.check_situation(kind="employment", contract_type="cdi", **kwargs)
    assert errors_of(rules.check_situation, kind="employment", contract_type="", **kwargs) == {
        "contract_type": ["Précisez le contrat."]
    }
    assert "contract_type" in errors_of(
        rules.check_situation, kind="work_study", contract_type="cdi", **kwargs
    )


def test_rule_training_situations_say_if_qualifying():
    errors = errors_of(
        rules.check_situation,
        kind="training",
        contract_type="",
        training_type="",
        start=D(2026, 1, 1),
        end=None,
        today=D(2026, 6, 1),
    )
    assert "training_type" in errors
