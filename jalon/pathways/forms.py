from django import forms
from django.utils import timezone
from dsfr.forms import DsfrBaseForm

from jalon.pathways.enums import (
    AllowanceCategory,
    ExitOutcome,
    ExitReason,
    PathwayKind,
    ProposalKind,
    SituationKind,
)
from jalon.pathways.models import Pmsmp, Proposal, Situation
from jalon.youngpeople.forms import DateInput


def _blank(choices):
    return [("", "—"), *choices]


class PathwayOpenForm(DsfrBaseForm):
    kind = forms.ChoiceField(label="Parcours", choices=_blank(PathwayKind.choices))
    start_date = forms.DateField(label="Date de signature", widget=DateInput())
    planned_end_date = forms.DateField(label="Fin prévue", widget=DateInput())
    allowance_category = forms.ChoiceField(
        label="CEJ : situation fiscale du foyer",
        choices=_blank(AllowanceCategory.choices),
        required=False,
        help_text="Fixe l'allocation des majeurs ; les mineurs ont le montant mineur.",
    )
    exception_reason = forms.CharField(
        label="CEJ au-delà de 12 mois : motif de la dérogation",
        widget=forms.Textarea(attrs={"rows": 2}),
        required=False,
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.initial.setdefault("start_date", timezone.localdate())


class PathwayExitForm(DsfrBaseForm):
    end_date = forms.DateField(label="Date de sortie", widget=DateInput(), required=False)
    exit_reason = forms.ChoiceField(
        label="Motif de sortie", choices=_blank(ExitReason.choices), required=False
    )
    exit_outcome = forms.ChoiceField(
        label="Situation à la sortie", choices=_blank(ExitOutcome.choices), required=False
    )


class PathwayExtendForm(DsfrBaseForm):
    planned_end_date = forms.DateField(label="Nouvelle fin prévue", widget=DateInput())
    exception_reason = forms.CharField(
        label="Motif de la dérogation (CEJ au-delà de 12 mois)",
        widget=forms.Textarea(attrs={"rows": 2}),
        required=False,
    )


class PhaseForm(DsfrBaseForm):
    start_date = forms.DateField(label="Début de la phase", widget=DateInput())
    objectives = forms.CharField(label="Objectifs", widget=forms.Textarea(attrs={"rows": 3}))


class PhaseCloseForm(DsfrBaseForm):
    end_date = forms.DateField(label="Fin de la phase", widget=DateInput())
    evaluation = forms.CharField(
        label="Évaluation de fin de phase", widget=forms.Textarea(attrs={"rows": 3})
    )


class BreachForm(DsfrBaseForm):
    breach_date = forms.DateField(label="Date du manquement", widget=DateInput())
    reason = forms.CharField(
        label="Manquement constaté", widget=forms.Textarea(attrs={"rows": 2}), required=False
    )
    exit_outcome = forms.ChoiceField(
        label="Situation à la sortie (3e manquement seulement)",
        choices=_blank(ExitOutcome.choices),
        required=False,
    )


class PaymentForm(DsfrBaseForm):
    month = forms.DateField(label="Mois (premier jour)", widget=DateInput())
    amount = forms.DecimalField(
        label="Montant (PACEA)", required=False, min_value=0, max_digits=8, decimal_places=2
    )


class PmsmpForm(DsfrBaseForm, forms.ModelForm):
    class Meta:
        model = Pmsmp
        fields = [
            "employer_name",
            "employer_siret",
            "start_date",
            "end_date",
            "weekly_hours",
            "goal",
            "rome_code",
        ]
        widgets = {"start_date": DateInput(), "end_date": DateInput()}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["goal"].choices = _blank(Pmsmp._meta.get_field("goal").choices)


class ProposalForm(DsfrBaseForm, forms.ModelForm):
    class Meta:
        model = Proposal
        fields = ["kind", "proposed_on", "description", "cej_hours"]
        widgets = {"proposed_on": DateInput()}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.initial.setdefault("proposed_on", timezone.localdate())
        self.fields["kind"].choices = _blank(ProposalKind.choices)


class SituationForm(DsfrBaseForm, forms.ModelForm):
    class Meta:
        model = Situation
        fields = [
            "kind",
            "contract_type",
            "training_type",
            "start_date",
            "end_date",
            "organisation_name",
            "rome_code",
            "formacode",
        ]
        widgets = {"start_date": DateInput(), "end_date": DateInput()}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["kind"].choices = _blank(SituationKind.choices)


class SituationEndForm(DsfrBaseForm):
    end_date = forms.DateField(label="Fin de la situation", widget=DateInput())
