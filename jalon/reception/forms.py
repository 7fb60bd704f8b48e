from django import forms
from django.utils import timezone
from dsfr.forms import DsfrBaseForm

from jalon.accounts.models import MISSION_LOCALE_ROLES, User
from jalon.network.models import Organisation
from jalon.reception.enums import (
    Area,
    InterviewMode,
    NextStep,
    OneOffTopic,
    OutreachOutcome,
    ReceptionMode,
    ReceptionOutcome,
)
from jalon.reception.models import FirstReception, OutreachContact
from jalon.youngpeople.forms import DateInput


def _staff_of(organisation):
    return User.objects.filter(
        organisation=organisation, role__in=MISSION_LOCALE_ROLES, is_active=True
    ).order_by("last_name", "first_name")


def _empty_labels(form) -> None:
    for field in form.fields.values():
        if isinstance(field, forms.ModelChoiceField):
            field.empty_label = "—"


class FirstReceptionForm(DsfrBaseForm, forms.ModelForm):
    """Typing only: which details an outcome requires is a rule of the service."""

    class Meta:
        model = FirstReception
        fields = (
            "received_on",
            "site",
            "mode",
            "outcome",
            "topic",
            "oriented_to",
            "oriented_to_text",
            "notes",
        )
        widgets = {
            "received_on": DateInput(),
            "mode": forms.RadioSelect(),
            "outcome": forms.RadioSelect(),
            "notes": forms.Textarea(attrs={"rows": 3}),
        }
        help_texts = {
            "topic": "Seulement pour une réponse ponctuelle.",
            "oriented_to": "Pour une orientation vers un autre acteur : une structure de "
            "l'annuaire…",
            "oriented_to_text": "… ou, si elle n'y est pas, son nom (ex. PAEJ, CCAS, CMP).",
            "notes": "Notes internes : elles ne figurent sur aucun document remis au jeune.",
        }

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["site"].queryset = user.organisation.sites.all()
        self.fields["oriented_to"].queryset = Organisation.objects.partners().order_by("name")
        self.fields["mode"].choices = ReceptionMode.choices
        self.fields["outcome"].choices = ReceptionOutcome.choices
        self.fields["topic"].choices = [("", "—"), *OneOffTopic.choices]
        _empty_labels(self)
        self.initial.setdefault("received_on", timezone.localdate())
        self.initial.setdefault("site", user.site_id)
        self.initial.setdefault("mode", ReceptionMode.WALK_IN)


class DiagnosticStartForm(DsfrBaseForm):
    started_on = forms.DateField(
        label="Date du premier entretien", widget=DateInput(), initial=timezone.localdate
    )
    interview_mode = forms.ChoiceField(
        label="Modalité de l'entretien",
        choices=InterviewMode.choices,
        initial=InterviewMode.IN_PERSON,
    )


class DiagnosticInterviewForm(DsfrBaseForm):
    held_on = forms.DateField(
        label="Date de l'entretien", widget=DateInput(), initial=timezone.localdate
    )
    mode = forms.ChoiceField(label="Modalité", choices=InterviewMode.choices)


class DiagnosticAreasForm(DsfrBaseForm):
    """The eight areas of the global approach, each with its situation and its barriers."""

    def __init__(self, *args, diagnostic, **kwargs):
        super().__init__(*args, **kwargs)
        existing = {a.area: a for a in diagnostic.areas.all()}
        self.sections = []
        for area, label in Area.choices:
            current = existing.get(area)
            situation = forms.CharField(
                label=f"{label} — situation",
                required=False,
                widget=forms.Textarea(attrs={"rows": 3}),
                initial=current.situation if current else "",
            )
            barriers = forms.CharField(
                label=f"{label} — freins",
                required=False,
                widget=forms.Textarea(attrs={"rows": 2}),
                initial=current.barriers if current else "",
            )
            self.fields[f"{area}_situation"] = situation
            self.fields[f"{area}_barriers"] = barriers
            self.sections.append((area, label))

    def section_fields(self):
        """(area, label, situation bound field, barriers bound field) in the areas' order."""
        return [
            (area, label, self[f"{area}_situation"], self[f"{area}_barriers"])
            for area, label in self.sections
        ]

    def areas(self) -> dict[str, dict]:
        return {
            area: {
                "situation": self.cleaned_data[f"{area}_situation"],
                "barriers": self.cleaned_data[f"{area}_barriers"],
            }
            for area, _ in self.sections
        }


class DiagnosticCompleteForm(DsfrBaseForm):
    conclusions = forms.CharField(
        label="Conclusions",
        required=False,
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text="Élaborées avec le jeune : elles figurent sur le document qui lui est remis.",
    )
    recommended_next_step = forms.ChoiceField(
        label="Suite recommandée", choices=[("", "—"), *NextStep.choices], required=False
    )
    completed_on = forms.DateField(
        label="Date des conclusions", widget=DateInput(), initial=timezone.localdate
    )


class OutreachContactForm(DsfrBaseForm, forms.ModelForm):
    class Meta:
        model = OutreachContact
        fields = (
            "contacted_on",
            "place",
            "commune",
            "made_by",
            "partner",
            "first_name",
            "last_name",
            "approximate_age",
            "birth_date",
            "outcome",
            "notes",
        )
        widgets = {
            "contacted_on": DateInput(),
            "birth_date": DateInput(),
            "outcome": forms.RadioSelect(),
            "notes": forms.Textarea(attrs={"rows": 3}),
        }
        labels = {"made_by": "Membre de l'équipe"}
        help_texts = {
            "made_by": "Au moins l'un des deux : un membre de l'équipe ou une structure "
            "partenaire.",
            "first_name": "Facultatif : le jeune peut rester anonyme au premier contact.",
            "approximate_age": "Si la date de naissance n'est pas connue.",
        }

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        organisation = user.organisation
        self.fields["commune"].queryset = organisation.communes_covered.order_by("name")
        self.fields["made_by"].queryset = _staff_of(organisation)
        self.fields["partner"].queryset = Organisation.objects.partners().order_by("name")
        self.fields["outcome"].choices = OutreachOutcome.choices
        _empty_labels(self)
        self.initial.setdefault("contacted_on", timezone.localdate())
        self.initial.setdefault("made_by", user.pk)


class OutreachFilterForm(DsfrBaseForm):
    outcome = forms.ChoiceField(
        label="Suite donnée", choices=[("", "Toutes"), *OutreachOutcome.choices], required=False
    )
    converted = forms.ChoiceField(
        label="Dossier",
        choices=[("", "Tous"), ("non", "Sans dossier"), ("oui", "Dossier créé")],
        required=False,
    )
    since = forms.DateField(label="Depuis le", widget=DateInput(), required=False)
    until = forms.DateField(label="Jusqu'au", widget=DateInput(), required=False)
