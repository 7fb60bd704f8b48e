"""Password strength after ANSSI's 2021 guide (see README, "Authentification")."""

import pytest
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError

from tests.factories import UserFactory


def refusal(password, user=None):
    try:
        validate_password(password, user)
    except ValidationError as error:
        return " ".join(error.messages)
    return None


@pytest.mark.parametrize(
    "password",
    [
        "le chemin des écoliers fleuris",  # passphrase, lower case only
        "Jalon-Toul0use",  # 14 characters, four kinds
        "Ecureuil2Roux",  # 13 characters, three kinds
    ],
)
def test_rule_anssi_a_long_passphrase_or_twelve_mixed_characters_is_accepted(db, password):
    assert refusal(password) is None


def test_rule_anssi_twelve_characters_of_two_kinds_only_are_refused(db):
    message = refusal("ecureuilroux2")
    assert message and "Mot de passe trop faible" in message


def test_rule_anssi_eleven_characters_are_refused_whatever_the_mix(db):
    assert "au moins 12 caractères" in refusal("Ab3!Ab3!Ab3")


def test_rule_anssi_common_passwords_are_refused_even_long(db):
    assert "trop courant" in refusal("1q2w3e4r5t6y7u8i9o0p")


def test_rule_anssi_a_password_close_to_the_name_is_refused(db):
    user = UserFactory(first_name="Bérénice", last_name="Larochefoucauld", email="bl@ml.test")
    assert "trop semblable" in refusal("Larochefoucauld1", user)
