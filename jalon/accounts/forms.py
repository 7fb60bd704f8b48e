from django import forms
from django.contrib.auth import forms as auth_forms
from django.contrib.auth.forms import AuthenticationForm
from dsfr.forms import DsfrBaseForm

from jalon import policy
from jalon.accounts.models import Role


class LoginForm(DsfrBaseForm, AuthenticationForm):
    username = forms.EmailField(
        label="Adresse électronique",
        widget=forms.EmailInput(attrs={"autofocus": True, "autocomplete": "username"}),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.label_suffix = ""

    error_messages = {
        "invalid_login": "Adresse électronique ou mot de passe incorrect.",
        "inactive": "Ce compte est désactivé. Contactez votre directeur·rice.",
    }


class SecondFactorCodeForm(DsfrBaseForm):
    code = forms.CharField(
        label="Code",
        max_length=32,
        widget=forms.TextInput(
            attrs={"autocomplete": "one-time-code", "autofocus": True, "spellcheck": "false"}
        ),
    )

    def __init__(self, *args, help_text="", **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["code"].help_text = help_text


class ReauthForm(DsfrBaseForm):
    password = forms.CharField(
        label="Mot de passe",
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password", "autofocus": True}),
    )
    code = forms.CharField(
        label="Code de votre application d'authentification (ou code de secours)",
        max_length=32,
        widget=forms.TextInput(attrs={"autocomplete": "one-time-code", "spellcheck": "false"}),
    )

    def __init__(self, *args, with_code: bool, **kwargs):
        super().__init__(*args, **kwargs)
        if not with_code:
            del self.fields["code"]


class PasswordChangeForm(DsfrBaseForm, auth_forms.PasswordChangeForm):
    error_messages = {
        **auth_forms.PasswordChangeForm.error_messages,
        "password_incorrect": "Mot de passe actuel incorrect.",
    }


class TeamMemberCreateForm(DsfrBaseForm):
    first_name = forms.CharField(label="Prénom", max_length=150)
    last_name = forms.CharField(label="Nom", max_length=150)
    email = forms.EmailField(label="Adresse électronique professionnelle")
    role = forms.ChoiceField(label="Rôle")

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["role"].choices = role_choices()


class RoleForm(DsfrBaseForm):
    role = forms.ChoiceField(label="Nouveau rôle")

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["role"].choices = role_choices()


def role_choices() -> list[tuple[str, str]]:
    return [(role, Role(role).label) for role in policy.team_roles()]
