from django import forms
from dsfr.forms import DsfrBaseForm

from jalon.accounts.models import MISSION_LOCALE_ROLES, User
from jalon.scheduling.enums import AppointmentMode, AppointmentStatus, SessionKind
from jalon.youngpeople.forms import DateInput


class DateTimeInput(forms.DateTimeInput):
    input_type = "datetime-local"

    def __init__(self, **kwargs):
        super().__init__(format="%Y-%m-%dT%H:%M", **kwargs)


def _staff_of(organisation_id):
    return User.objects.filter(
        organisation_id=organisation_id, role__in=MISSION_LOCALE_ROLES, is_active=True
    ).order_by("last_name", "first_name")


class AppointmentForm(DsfrBaseForm):
    """Typing and parsing only: the rules live in rules.py, applied by the services."""

    counsellor = forms.ModelChoiceField(
        label="Conseiller·ère", queryset=User.objects.none(), empty_label=None
    )
    starts_at = forms.DateTimeField(label="Date et heure", widget=DateTimeInput())
    duration_minutes = forms.IntegerField(
        label="Durée (minutes)",
        initial=45,
        help_text="De 5 à 480 minutes.",
        widget=forms.NumberInput(attrs={"step": 5, "min": 5, "max": 480}),
    )
    mode = forms.ChoiceField(
        label="Modalité", choices=AppointmentMode.choices, initial=AppointmentMode.IN_PERSON
    )
    place = forms.CharField(
        label="Lieu", required=False, max_length=200, help_text="Site, bureau, lien de visio…"
    )
    subject = forms.CharField(label="Objet", required=False, max_length=150)
    notes = forms.CharField(
        label="Notes internes",
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="Réservées à l'équipe : jamais dans l'agenda partagé ni l'API des partenaires.",
    )
    next = forms.CharField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args, young_person, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["counsellor"].queryset = _staff_of(young_person.mission_locale_id)
        self.fields["counsellor"].label_from_instance = lambda user: user.get_full_name()


class StatusForm(DsfrBaseForm):
    status = forms.ChoiceField(label="Statut", choices=AppointmentStatus.choices)
    reason = forms.CharField(label="Motif", required=False, max_length=500)
    new_starts_at = forms.DateTimeField(
        label="Nouvelle date", required=False, widget=DateTimeInput()
    )
    next = forms.CharField(widget=forms.HiddenInput, required=False)


class SessionForm(DsfrBaseForm):
    kind = forms.ChoiceField(label="Type", choices=SessionKind.choices)
    title = forms.CharField(label="Intitulé", max_length=150)
    theme = forms.CharField(label="Thème", required=False, max_length=150)
    starts_at = forms.DateTimeField(label="Date et heure", widget=DateTimeInput())
    duration_minutes = forms.IntegerField(
        label="Durée (minutes)",
        initial=120,
        widget=forms.NumberInput(attrs={"step": 5, "min": 5, "max": 480}),
    )
    place = forms.CharField(label="Lieu", required=False, max_length=200)
    facilitator = forms.ModelChoiceField(
        label="Animateur·rice", queryset=User.objects.none(), required=False, empty_label="—"
    )
    capacity = forms.IntegerField(
        label="Nombre de places",
        required=False,
        min_value=1,
        help_text="Laisser vide : sans limite.",
    )

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["facilitator"].queryset = _staff_of(user.organisation_id)
        self.fields["facilitator"].label_from_instance = lambda u: u.get_full_name()
        self.initial.setdefault("facilitator", user.pk)


__all__ = ["AppointmentForm", "DateInput", "SessionForm", "StatusForm"]
