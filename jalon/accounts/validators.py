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
