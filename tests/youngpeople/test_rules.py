"""One test per rule of the young person's file (issue #2, domain notes)."""

import datetime

import pytest
from django.core.exceptions import ValidationError

from jalon.youngpeople import rules
from jalon.youngpeople.enums import LEVEL_1969_TO_2019, Level1969, Level2019

DAY = datetime.date(2026, 6, 15)


def born_years_before(years: int, days: int = 0) -> datetime.date:
    return DAY.replace(year=DAY.year - years) - datetime.timedelta(days=days)


def check_age(birth_date, *, has_rqth=False, exception=""):
    rules.check_age_at_first_reception(
        birth_date=birth_date,
        first_reception_date=DAY,
        has_rqth=has_rqth,
        exception_reason=exception,
    )


class TestAgeAtFirstReception:
    def test_rule_age_16_on_the_birthday_is_accepted(self):
        check_age(born_years_before(16))

    def test_rule_age_under_16_is_refused_with_a_french_message(self):
        with pytest.raises(ValidationError) as error:
            check_age(born_years_before(16) + datetime.timedelta(days=1))
        message = error.value.message_dict["birth_date"][0]
        assert "15 ans au premier accueil" in message
        assert "la Mission Locale accompagne les jeunes de 16 à 25 ans révolus" in message

    def test_rule_25_revolus_means_until_the_day_before_the_26th_birthday(self):
        check_age(born_years_before(26, days=-1))
        with pytest.raises(ValidationError):
            check_age(born_years_before(26))

    def test_rule_rqth_extends_the_age_limit_to_29_revolus(self):
        check_age(born_years_before(29, days=200), has_rqth=True)
        with pytest.raises(ValidationError) as error:
            check_age(born_years_before(30), has_rqth=True)
        assert "29 ans avec une RQTH" in error.value.message_dict["birth_date"][0]

    def test_rule_a_reasoned_exception_allows_any_age(self):
        check_age(born_years_before(31), exception="Suivi engagé avant ses 26 ans, fin de CEJ")


class TestDatesAndContact:
    def test_rule_no_date_in_the_future(self):
        with pytest.raises(ValidationError) as error:
            rules.check_not_in_future(DAY + datetime.timedelta(days=1), "birth_date", DAY)
        assert error.value.message_dict == {
            "birth_date": ["Cette date ne peut pas être dans le futur."]
        }
        rules.check_not_in_future(DAY, "birth_date", DAY)

    @pytest.mark.parametrize(
        ("raw", "expected"),
        [
            ("0612345678", "06 12 34 56 78"),
            ("06.12.34.56.78", "06 12 34 56 78"),
            ("+33 6 12 34 56 78", "06 12 34 56 78"),
            ("0033612345678", "06 12 34 56 78"),
            ("05-61-00-00-31", "05 61 00 00 31"),
            ("", ""),
        ],
    )
    def test_rule_valid_french_phone_is_normalised(self, raw, expected):
        assert rules.normalize_phone(raw) == expected

    @pytest.mark.parametrize(
        "raw", ["061234567", "0012345678", "+44 20 7946 0958", "06123456789", "abc"]
    )
    def test_rule_invalid_phone_is_refused(self, raw):
        with pytest.raises(ValidationError) as error:
            rules.normalize_phone(raw)
        assert "Numéro de téléphone invalide" in error.value.message_dict["phone"][0]

    def test_rule_postal_code_must_match_the_commune(self, db):
        from jalon.network.models import Commune

        toulouse = Commune.objects.get(code="31555")
        rules.check_postal_code("31400", toulouse)
        with pytest.raises(ValidationError) as error:
            rules.check_postal_code("34000", toulouse)
        message = error.value.message_dict["postal_code"][0]
        assert "ne correspond pas à Toulouse" in message
        assert "31000" in message

    def test_rule_postal_code_has_five_digits(self, db):
        with pytest.raises(ValidationError) as error:
            rules.check_postal_code("3100", None)
        assert error.value.message_dict["postal_code"] == ["Le code postal compte 5 chiffres."]

    def test_rule_postal_code_needs_its_commune(self, db):
        with pytest.raises(ValidationError) as error:
            rules.check_postal_code("31000", None)
        assert "commune" in error.value.message_dict


class TestEducationLevels:
    def test_rule_levels_vi_and_v_bis_are_below_2019_level_3(self):
        assert LEVEL_1969_TO_2019[Level1969.VI] == ()
        assert LEVEL_1969_TO_2019[Level1969.V_BIS] == ()

    def test_rule_1969_levels_map_to_the_2019_framework(self):
        assert LEVEL_1969_TO_2019[Level1969.V] == (Level2019.L3,)
        assert LEVEL_1969_TO_2019[Level1969.IV] == (Level2019.L4,)
        assert LEVEL_1969_TO_2019[Level1969.III] == (Level2019.L5,)
        assert LEVEL_1969_TO_2019[Level1969.II] == (Level2019.L6,)
        assert LEVEL_1969_TO_2019[Level1969.I] == (Level2019.L7, Level2019.L8)

    def test_rule_2019_levels_1_and_2_have_no_1969_equivalent(self):
        mapped = {level for levels in LEVEL_1969_TO_2019.values() for level in levels}
        assert Level2019.L1 not in mapped
        assert Level2019.L2 not in mapped


class TestPublicPeriods:
    def test_rule_ase_needs_its_situation(self):
        with pytest.raises(ValidationError) as error:
            rules.check_public_period(
                public="ase", detail="", start_date=DAY, end_date=None, today=DAY
            )
        assert "detail" in error.value.message_dict

    def test_rule_a_period_cannot_end_before_it_starts(self):
        with pytest.raises(ValidationError) as error:
            rules.check_public_period(
                public="qpv",
                detail="",
                start_date=DAY,
                end_date=DAY - datetime.timedelta(days=1),
                today=DAY,
            )
        assert error.value.message_dict["end_date"] == ["La fin ne peut pas précéder le début."]

    def test_rule_a_detail_must_belong_to_its_public(self):
        with pytest.raises(ValidationError):
            rules.check_public_period(
                public="justice", detail="ase_placed", start_date=DAY, end_date=None, today=DAY
            )
