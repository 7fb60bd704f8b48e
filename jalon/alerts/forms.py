from django import forms

from jalon.alerts.services import NOTE_MAX_LENGTH
from jalon.alerts.thresholds import LABELS
from jalon.youngpeople.forms import DateInput


class HandleForm(forms.Form):
    note = forms.CharField(
        label="Ce qui a été fait",
        max_length=NOTE_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 2}),
    )


class SnoozeForm(forms.Form):
    until = forms.DateField(label="Reporter jusqu'au", widget=DateInput())


class ReassignForm(forms.Form):
    young_people = forms.MultipleChoiceField(label="Dossiers à réattribuer", choices=[])
    counsellor = forms.TypedChoiceField(label="Nouveau·elle référent·e", coerce=int, choices=[])

    def __init__(self, *args, files=(), counsellors=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["young_people"].choices = [(str(yp.uid), str(yp)) for yp in files]
        self.fields["young_people"].widget = forms.CheckboxSelectMultiple(
            choices=self.fields["young_people"].choices
        )
        self.fields["counsellor"].choices = [("", "—")] + [
            (member.pk, member.get_full_name()) for member in counsellors
        ]


class ThresholdsForm(forms.Form):
    def __init__(self, *args, current: dict, national: dict, **kwargs):
        super().__init__(*args, **kwargs)
        for name, label in LABELS.items():
            self.fields[name] = forms.IntegerField(
                label=label,
                min_value=1,
                max_value=3650,
                initial=current[name],
                help_text=f"Valeur nationale : {national[name]}",
            )
