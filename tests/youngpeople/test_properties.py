"""Whatever is typed into a file or the search box, the answer is a result or a French refusal."""

import datetime
import re

import pytest
from dateutil.relativedelta import relativedelta
from django.core.exceptions import ValidationError
from hypothesis import example, given, settings
from hypothesis import strategies as st

from jalon.youngpeople import rules, services
from jalon.youngpeople.models import YoungPerson
from jalon.youngpeople.normalize import normalize_name, normalize_text
from jalon.youngpeople.search import search_young_people, split_query, word_similarity
from tests.factories import PublicPeriodFactory, years_ago
from tests.strategies import (
    DATABASE_EXAMPLES,
    FRENCH_LETTERS,
    any_date,
    any_text,
    assert_french_validation_error,
    french_name,
    recent_date,
    rolled_back,
)

_WITHOUT_ACCENTS = str.maketrans("àâäçéèêëîïôöùûüÿ", "aaaceeeeiioouuuy")


@given(any_text)
def test_normalisation_is_idempotent_and_gives_lowercase_ascii_words(value):
    normalized = normalize_text(value)
    assert normalize_text(normalized) == normalized
    assert re.fullmatch(r"([a-z0-9]+( [a-z0-9]+)*)?", normalized)


@given(st.text(alphabet=FRENCH_LETTERS + " -'", max_size=40))
def test_normalisation_ignores_accents_and_case(name):
    plain = name.translate(_WITHOUT_ACCENTS).replace("œ", "oe").replace("æ", "ae")
    assert normalize_text(name.upper()) == normalize_text(name) == normalize_text(plain)


@given(french_name, french_name)
def test_a_name_is_the_same_whatever_the_order_of_its_parts_is_normalized(last, first):
    assert set(normalize_name(last, first).split()) == set(normalize_name(first, last).split())


@given(any_text, any_text)
def test_name_similarity_is_a_share_and_a_name_matches_itself_fully(query, target):
    assert 0 <= word_similarity(query, target) <= 1
    words = normalize_text(query)
    if words:
        assert word_similarity(words, words) == 1


@given(any_text)
def test_a_search_query_splits_into_names_and_at_most_a_valid_date(raw):
    names, birth_date = split_query(raw)
    assert normalize_text(names) == names
    assert birth_date is None or isinstance(birth_date, datetime.date)


@given(any_text)
def test_phone_numbers_are_normalised_once_or_refused_in_french(raw):
    try:
        phone = rules.normalize_phone(raw)
    except ValidationError as error:
        assert list(error.message_dict) == ["phone"]
        assert_french_validation_error(error)
        return
    assert phone == "" or re.fullmatch(r"0[1-9]( \d\d){4}", phone)
    assert rules.normalize_phone(phone) == phone


@given(birth=recent_date, years=st.integers(0, 80), days=st.integers(0, 364))
def test_age_is_the_number_of_birthdays_passed(birth, years, days):
    try:
        day = birth + relativedelta(years=years) + datetime.timedelta(days=days)
    except (OverflowError, ValueError):
        return
    expected = years if day < birth + relativedelta(years=years + 1) else years + 1
    assert rules.age_on(birth, day) == expected


@given(birth=any_date, first_reception=any_date, has_rqth=st.booleans(), reason=any_text)
def test_rule_age_at_first_reception_16_to_25_or_29_with_rqth_unless_a_reason(
    birth, first_reception, has_rqth, reason
):
    age = rules.age_on(birth, first_reception)
    accepted = bool(reason.strip()) or 16 <= age <= (29 if has_rqth else 25)
    try:
        rules.check_age_at_first_reception(
            birth_date=birth,
            first_reception_date=first_reception,
            has_rqth=has_rqth,
            exception_reason=reason,
        )
    except ValidationError as error:
        assert not accepted
        assert "birth_date" in error.message_dict
        return
    assert accepted


_file_data = st.fixed_dictionaries(
    {
        "last_name": any_text,
        "first_names": any_text,
        "sex": st.one_of(st.sampled_from(["F", "M"]), any_text),
        "birth_date": st.one_of(any_date, recent_date, st.none()),
        "first_reception_date": st.one_of(any_date, recent_date, st.none()),
    },
    optional={
        "birth_name": any_text,
        "phone": any_text,
        "email": any_text,
        "address": any_text,
        "postal_code": any_text,
        "level_1969": any_text,
        "last_class": any_text,
        "diploma": any_text,
        "age_exception_reason": any_text,
        "has_rqth": st.booleans(),
    },
)


@settings(max_examples=settings().max_examples // 2, **DATABASE_EXAMPLES)
@given(data=_file_data)
def test_opening_a_file_with_any_input_succeeds_or_refuses_in_french(counsellor_a, data):
    with rolled_back():
        try:
            young_person = services.young_person_create(
                actor=counsellor_a, data=data, confirm_not_duplicate=True
            )
        except ValidationError as error:
            assert_french_validation_error(error)
            return
        young_person.refresh_from_db()
        assert young_person.mission_locale_id == counsellor_a.organisation_id
        assert rules.age_on(young_person.birth_date, young_person.first_reception_date) >= 16


@settings(max_examples=settings().max_examples // 2, **DATABASE_EXAMPLES)
@given(data=_file_data)
@example(data={"first_reception_date": None})
def test_changing_a_file_with_any_input_keeps_it_valid_or_refuses_in_french(
    counsellor_a, young_person_a, data
):
    data.pop("has_rqth", None)
    PublicPeriodFactory(young_person=young_person_a, rqth=True, start_date=years_ago(1))
    before = YoungPerson.objects.values().get(pk=young_person_a.pk)
    with rolled_back():
        young_person = YoungPerson.objects.get(pk=young_person_a.pk)
        try:
            services.young_person_update(
                actor=counsellor_a,
                young_person=young_person,
                data=data,
                expected_version=young_person.version,
            )
        except ValidationError as error:
            assert_french_validation_error(error)
            assert YoungPerson.objects.values().get(pk=young_person_a.pk) == before
            return
        young_person.refresh_from_db()
        young_person.full_clean(exclude=["search_name", "mission_locale", "uid"])


@settings(max_examples=settings().max_examples // 2, **DATABASE_EXAMPLES)
@given(query=any_text)
def test_search_never_fails_and_finds_only_files_in_scope(
    counsellor_a, young_person_a, young_person_b, query
):
    visible = YoungPerson.objects.visible_to(counsellor_a)
    found = list(search_young_people(visible, query))
    assert young_person_b not in found
    assert all(yp.mission_locale_id == counsellor_a.organisation_id for yp in found)


@settings(max_examples=settings().max_examples // 2, **DATABASE_EXAMPLES)
@given(typo=st.sampled_from(["dupont", "DUPONT", "Dupônt", "dupond", "lucas dupont"]))
def test_search_finds_a_file_whatever_the_accents_case_and_small_typos(
    counsellor_a, young_person_a, typo
):
    visible = YoungPerson.objects.visible_to(counsellor_a)
    assert young_person_a in search_young_people(visible, typo)


def test_rule_a_nul_character_in_a_file_is_refused_on_its_field(counsellor_a):
    data = {
        "last_name": "Ber\x00nard",
        "first_names": "Manon",
        "sex": "F",
        "birth_date": years_ago(19),
        "first_reception_date": years_ago(0, days=1),
        "address": "\x00",
    }
    with pytest.raises(ValidationError) as refused:
        services.young_person_create(actor=counsellor_a, data=data, confirm_not_duplicate=True)
    assert set(refused.value.message_dict) == {"last_name", "address"}
    assert "caractère nul" in refused.value.message_dict["last_name"][0]
