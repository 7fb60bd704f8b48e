from django.conf import settings
from django.core.exceptions import ValidationError

from jalon.accounts.backends import DEMO_PASSWORD


class DemoPasswordValidator:
    """The public demo password must never protect a real account."""

    def validate(self, password, user=None):
        if password == DEMO_PASSWORD and not settings.DEMO_MODE:
            raise ValidationError(
                "Ce mot de passe est public (démonstration) : choisissez-en un autre.",
                code="demo_password",
            )

    def get_help_text(self):
        return "Le mot de passe de démonstration est refusé."


class AnssiPasswordValidator:
    """Strength as read from ANSSI's 2021 guide on multi-factor authentication and passwords.

    Jalon accounts also have a second factor and a lockout after repeated failures, so the guide
    lets the password aim at a "medium" strength (around 70 bits or more), reached either by a
    passphrase of at least 16 characters, or by 12 characters or more mixing at least three of
    the four kinds: lower case, upper case, digits, other characters. No forced renewal, no
    maximum length (the guide advises against both).
    """

    PASSPHRASE_LENGTH = 16
    MIN_LENGTH = 12
    MIN_KINDS = 3

    @staticmethod
    def kinds(password: str) -> int:
        return sum(
            [
                any(c.islower() for c in password),
                any(c.isupper() for c in password),
                any(c.isdigit() for c in password),
                any(not c.isalnum() for c in password),
            ]
        )

    def validate(self, password, user=None):
        if len(password) >= self.PASSPHRASE_LENGTH:
            return
        if len(password) < self.MIN_LENGTH or self.kinds(password) < self.MIN_KINDS:
            raise ValidationError(
                "Mot de passe trop faible : choisissez une phrase de passe d'au moins "
                f"{self.PASSPHRASE_LENGTH} caractères, ou au moins {self.MIN_LENGTH} caractères "
                "mêlant trois types parmi minuscules, majuscules, chiffres et caractères spéciaux.",
                code="password_too_weak",
            )

    def get_help_text(self):
        return (
            f"Une phrase de passe d'au moins {self.PASSPHRASE_LENGTH} caractères, ou au moins "
            f"{self.MIN_LENGTH} caractères mêlant trois types parmi minuscules, majuscules, "
            "chiffres et caractères spéciaux."
        )
