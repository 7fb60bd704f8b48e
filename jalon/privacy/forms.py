from django import forms
from dsfr.forms import DsfrBaseForm

from jalon.privacy.enums import Erasure, RequestOutcome, RightKind
from jalon.youngpeople.forms import DateInput

NO_PERSONAL_DATA = "Ce texte est effacé avec le dossier : n'y recopiez pas de données du dossier."


class RightsRequestForm(DsfrBaseForm):
    kind = forms.ChoiceField(label="Droit exercé", choices=RightKind.choices)
    received_on = forms.DateField(label="Reçue le", widget=DateInput())
    details = forms.CharField(
        label="Demande",
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="Canal (courrier, accueil, courriel) et objet de la demande.",
    )


class ExtensionForm(DsfrBaseForm):
    reason = forms.CharField(
        label="Motif de la prolongation",
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text="Complexité ou nombre des demandes ; la personne doit en être informée.",
    )


class ClosingForm(DsfrBaseForm):
    answered_on = forms.DateField(label="Réponse envoyée le", widget=DateInput())
    outcome = forms.ChoiceField(label="Suite donnée", choices=RequestOutcome.choices)
    answer = forms.CharField(
        label="Réponse apportée",
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=NO_PERSONAL_DATA,
    )


class ErasureForm(DsfrBaseForm):
    request = forms.ModelChoiceField(
        label="Demande d'effacement", queryset=None, to_field_name="uid", empty_label=None
    )
    what = forms.ChoiceField(label="Effacer", choices=Erasure.choices, widget=forms.RadioSelect)
    confirm = forms.BooleanField(
        label="Je confirme : l'effacement est définitif.",
        required=True,
    )

    def __init__(self, *args, requests, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["request"].queryset = requests
