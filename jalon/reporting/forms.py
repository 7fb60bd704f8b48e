from urllib.parse import urlencode

from django import forms
from django.core.exceptions import ValidationError
from django.utils import timezone
from dsfr.forms import DsfrBaseForm

from jalon import policy
from jalon.reporting import periods, selectors
from jalon.reporting.periods import PeriodKind

BREAKDOWN_CHOICES = [("site", "par site"), ("referent", "par conseiller·ère référent·e")]


class ReportForm(DsfrBaseForm):
    """Scope, period and breakdown of the dashboards, the exports and the drill-down (GET)."""

    perimetre = forms.ChoiceField(label="Périmètre")
    periode = forms.ChoiceField(label="Période", choices=PeriodKind.choices)
    date = forms.DateField(
        label="Date de référence",
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}),
        help_text="Un jour du mois, du trimestre ou de l'année.",
    )
    du = forms.DateField(
        label="Début (période libre)",
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}),
    )
    au = forms.DateField(
        label="Fin (période libre)", required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    vue = forms.ChoiceField(label="Détail", required=False)

    def __init__(self, data, *, user):
        self.user = user
        defaults = {
            "perimetre": selectors.default_scope_key(user),
            "periode": PeriodKind.MONTH,
            "date": timezone.localdate().isoformat(),
        }
        given = {key: value for key, value in data.items() if value not in ("", None)}
        super().__init__({**defaults, **given})
        self.fields["perimetre"].choices = selectors.scope_choices(user)
        breakdowns = policy.indicator_breakdowns(user)
        self.fields["vue"].choices = [c for c in BREAKDOWN_CHOICES if c[0] in breakdowns]
        if len(breakdowns) < 2:
            self.fields["vue"].widget = forms.HiddenInput()

    def clean(self):
        data = super().clean()
        if self.errors:
            return data
        try:
            data["period"] = periods.build(
                data["periode"], day=data.get("date"), start=data.get("du"), end=data.get("au")
            )
            data["scope"] = selectors.resolve_scope(
                self.user, data["perimetre"], data.get("vue") or ""
            )
        except ValidationError as error:
            for name, messages in error.message_dict.items():
                self.add_error(name if name in self.fields else None, messages)
        return data

    @property
    def query(self) -> str:
        """The chosen parameters, for the links of the page (drill-down, exports)."""
        data = self.cleaned_data
        values = {
            "perimetre": data["perimetre"],
            "periode": data["periode"],
            "vue": data.get("vue") or "",
        }
        if data["periode"] == PeriodKind.CUSTOM:
            values.update(du=data["du"].isoformat(), au=data["au"].isoformat())
        else:
            values["date"] = data["date"].isoformat()
        return urlencode({k: v for k, v in values.items() if v})
