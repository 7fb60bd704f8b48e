from django import forms

from jalon.governance.enums import SATISFACTION_QUESTIONS, Evolution, GovernanceKind, Satisfaction


class GovernanceRecordForm(forms.Form):
    kind = forms.ChoiceField(label="Type", choices=GovernanceKind.choices)
    region = forms.ModelChoiceField(
        label="Région",
        queryset=None,
        required=False,
        empty_label="— National —",
        help_text="Vide pour un comité national, une formation ou un outil national.",
    )
    held_on = forms.DateField(
        label="Date (tenue ou publication)", widget=forms.DateInput(attrs={"type": "date"})
    )
    title = forms.CharField(
        label="Intitulé", max_length=200, required=False, help_text="Obligatoire pour un outil."
    )
    participants = forms.IntegerField(
        label="Nombre de participants",
        min_value=1,
        max_value=5000,
        required=False,
        help_text="Sauf pour un outil.",
    )

    def __init__(self, *args, regions, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["region"].queryset = regions


class BarometerForm(forms.Form):
    communication = forms.TypedChoiceField(
        label=SATISFACTION_QUESTIONS["communication"],
        choices=Satisfaction.choices,
        coerce=int,
        widget=forms.RadioSelect,
    )
    tools = forms.TypedChoiceField(
        label=SATISFACTION_QUESTIONS["tools"],
        choices=Satisfaction.choices,
        coerce=int,
        widget=forms.RadioSelect,
    )
    access = forms.TypedChoiceField(
        label=SATISFACTION_QUESTIONS["access"],
        choices=Satisfaction.choices,
        coerce=int,
        widget=forms.RadioSelect,
    )
    knows_integration_commissions = forms.TypedChoiceField(
        label="Connaissez-vous les commissions d'insertion professionnelle de vos établissements ?",
        choices=[("yes", "Oui"), ("no", "Non")],
        coerce=lambda value: value == "yes",
        widget=forms.RadioSelect,
    )
    evolution = forms.ChoiceField(
        label="Depuis un an, la coopération avec les services de la Justice",
        choices=Evolution.choices,
        widget=forms.RadioSelect,
    )
