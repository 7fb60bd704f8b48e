from django import forms
from dsfr.forms import DsfrBaseForm

from jalon.webhooks.events import EVENT_CHOICES


class SubscriptionForm(DsfrBaseForm):
    label = forms.CharField(
        label="Libellé",
        max_length=100,
        help_text="Le système qui reçoit les notifications (ex. « Logiciel du SPIP »).",
    )
    target_url = forms.URLField(
        label="Adresse de réception",
        max_length=500,
        assume_scheme="https",
        help_text="Une adresse https:// de votre système, joignable depuis Internet.",
    )
    event_types = forms.MultipleChoiceField(
        label="Événements",
        choices=EVENT_CHOICES,
        widget=forms.CheckboxSelectMultiple,
        error_messages={"required": "Choisissez au moins un événement."},
    )
