"""Typing and parsing of the liaison-form pages: the rules live in rules.py and services.py."""

from django import forms
from dsfr.forms import DsfrBaseForm

from jalon.network.models import Commune, Organisation, OrganisationKind
from jalon.referrals.enums import (
    ConsentMethod,
    LiaisonNeed,
    LiaisonSituation,
    LiaisonUrgency,
)
from jalon.youngpeople.forms import DateInput


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    """Several attachments in one field; each file is checked by the service."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("widget", MultipleFileInput())
        super().__init__(*args, **kwargs)

    def clean(self, data, initial=None):
        files = data if isinstance(data, list | tuple) else [data] if data else []
        return [super(MultipleFileField, self).clean(item, initial) for item in files]


class LiaisonFormForm(DsfrBaseForm):
    recipient_organisation = forms.ModelChoiceField(
        label="Destinataire", queryset=Organisation.objects.none(), empty_label="—"
    )
    last_name = forms.CharField(label="Nom", max_length=150)
    first_names = forms.CharField(label="Prénom(s)", max_length=150)
    birth_date = forms.DateField(label="Date de naissance", widget=DateInput())
    phone = forms.CharField(label="Téléphone", max_length=20, required=False)
    email = forms.EmailField(label="Courriel", required=False)
    commune = forms.ModelChoiceField(
        label="Commune de résidence (code INSEE)",
        queryset=Commune.objects.all(),
        to_field_name="code",
        required=False,
        widget=forms.TextInput(attrs={"inputmode": "numeric", "maxlength": 5}),
        help_text="Par exemple 31555 pour Toulouse : la Mission Locale qui couvre la commune "
        "est proposée.",
    )
    situation = forms.ChoiceField(label="Situation", choices=LiaisonSituation.choices)
    establishment = forms.ModelChoiceField(
        label="Établissement pénitentiaire",
        queryset=Organisation.objects.filter(kind=OrganisationKind.PRISON).order_by("name"),
        required=False,
        empty_label="—",
    )
    expected_release_date = forms.DateField(
        label="Date de sortie prévue", widget=DateInput(), required=False
    )
    situation_details = forms.CharField(
        label="Précisions sur la situation",
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
        help_text="Mesure, obligations, aménagement de peine envisagé…",
    )
    reason = forms.CharField(
        label="Motif de l'orientation", widget=forms.Textarea(attrs={"rows": 3})
    )
    needs = forms.MultipleChoiceField(
        label="Besoins identifiés",
        choices=LiaisonNeed.choices,
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )
    needs_details = forms.CharField(
        label="Précisions sur les besoins", widget=forms.Textarea(attrs={"rows": 3}), required=False
    )
    urgency = forms.ChoiceField(
        label="Urgence", choices=LiaisonUrgency.choices, initial=LiaisonUrgency.NORMAL
    )
    urgency_reason = forms.CharField(label="Motif de l'urgence", max_length=300, required=False)
    consent_given = forms.BooleanField(
        label="Le jeune a donné son consentement à cette orientation et au partage de ces "
        "informations",
        required=False,
    )
    consent_method = forms.ChoiceField(
        label="Consentement recueilli par", choices=[("", "—"), *ConsentMethod.choices]
    )
    consent_date = forms.DateField(label="Date du consentement", widget=DateInput())
    attachments = MultipleFileField(
        label="Pièces jointes", required=False, help_text="PDF, JPEG ou PNG."
    )

    def __init__(self, *args, sender, **kwargs):
        super().__init__(*args, **kwargs)
        recipients = Organisation.objects.order_by("name")
        if sender.is_partner:
            recipients = recipients.missions_locales()
            self.fields["recipient_organisation"].label = "Mission Locale destinataire"
        else:
            recipients = recipients.partners().exclude(kind=OrganisationKind.PRISON)
            self.fields["recipient_organisation"].label = "Structure partenaire destinataire"
        self.fields["recipient_organisation"].queryset = recipients


class MatchForm(DsfrBaseForm):
    young_person = forms.UUIDField(widget=forms.HiddenInput)


class CommentForm(DsfrBaseForm):
    internal_comment = forms.CharField(
        label="Commentaire interne",
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
        help_text="Réservé à l'équipe de la Mission Locale : jamais montré au partenaire.",
    )
