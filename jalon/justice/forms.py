"""Typing and parsing of the justice pages: the rules live in rules.py, applied by services."""

from django import forms
from dsfr.forms import DsfrBaseForm

from jalon.accounts.models import MISSION_LOCALE_ROLES, Role, User
from jalon.justice.enums import (
    AdjustmentKind,
    Housing,
    JobEventKind,
    JobEventOutcome,
    LeavePurpose,
    Measure,
    ReleasePathway,
    ReleaseSituation,
)
from jalon.network.models import Commune, Organisation, OrganisationKind
from jalon.scheduling.forms import DateTimeInput
from jalon.youngpeople.forms import DateInput, YoungPersonForm


def _organisations(*kinds):
    return Organisation.objects.filter(kind__in=kinds).order_by("kind", "name")


def _staff(mission_locale_id, roles=MISSION_LOCALE_ROLES):
    return User.objects.filter(
        organisation_id=mission_locale_id, role__in=roles, is_active=True
    ).order_by("last_name", "first_name")


class TimeInput(forms.TimeInput):
    input_type = "time"

    def __init__(self, **kwargs):
        super().__init__(format="%H:%M", **kwargs)


class PenalSituationForm(DsfrBaseForm):
    measure = forms.ChoiceField(label="Mesure", choices=[("", "—"), *Measure.choices])
    establishment = forms.ModelChoiceField(
        label="Établissement ou service",
        queryset=_organisations(
            OrganisationKind.PRISON, OrganisationKind.SPIP, OrganisationKind.PJJ
        ),
        empty_label="—",
        help_text="Établissement pénitentiaire pour une détention, SPIP ou PJJ sinon.",
    )
    referring_service = forms.ModelChoiceField(
        label="Service référent (SPIP ou PJJ)",
        queryset=_organisations(OrganisationKind.SPIP, OrganisationKind.PJJ),
        required=False,
        empty_label="—",
    )
    entry_date = forms.DateField(label="Date d'entrée", widget=DateInput())
    foreseeable_release_date = forms.DateField(
        label="Date prévisible de sortie", widget=DateInput(), required=False
    )
    details = forms.CharField(
        label="Précisions",
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="Chiffrées, lues seulement par les personnes habilitées justice.",
    )


class ReleaseDateForm(DsfrBaseForm):
    foreseeable_release_date = forms.DateField(
        label="Nouvelle date prévisible de sortie", widget=DateInput(), required=False
    )
    reason = forms.CharField(label="Motif du changement", required=False, max_length=500)
    version = forms.IntegerField(widget=forms.HiddenInput)


class AdjustmentForm(DsfrBaseForm):
    kind = forms.ChoiceField(label="Aménagement", choices=AdjustmentKind.choices)
    decided_on = forms.DateField(label="Date", widget=DateInput())
    details = forms.CharField(label="Précisions", required=False, max_length=2000)


class LeaveForm(DsfrBaseForm):
    starts_on = forms.DateField(label="Du", widget=DateInput())
    ends_on = forms.DateField(label="Au", widget=DateInput())
    purpose = forms.ChoiceField(label="Motif", choices=LeavePurpose.choices)
    pmsmp_host = forms.CharField(
        label="Structure d'accueil de la PMSMP", required=False, max_length=200
    )


class ReleaseForm(DsfrBaseForm):
    released_on = forms.DateField(label="Sorti·e le", widget=DateInput())
    release_situation = forms.ChoiceField(
        label="Situation à la sortie", choices=[("", "—"), *ReleaseSituation.choices]
    )
    version = forms.IntegerField(widget=forms.HiddenInput)


class ReleasePlanForm(DsfrBaseForm):
    """`postal_code` and `commune` keep the names the shared commune picker (/communes/) reads."""

    release_address = forms.CharField(label="Adresse à la sortie", max_length=250, required=False)
    postal_code = forms.CharField(label="Code postal", max_length=5, required=False)
    commune = forms.ModelChoiceField(
        label="Commune",
        queryset=Commune.objects.all(),
        to_field_name="code",
        required=False,
        empty_label="—",
        help_text="Sa Mission Locale reprendra le suivi à la sortie.",
    )
    first_appointment_at = forms.DateTimeField(
        label="Premier rendez-vous après la sortie", widget=DateTimeInput(), required=False
    )
    first_appointment_place = forms.CharField(
        label="Lieu du rendez-vous", max_length=200, required=False
    )
    proposed_pathway = forms.ChoiceField(
        label="Accompagnement proposé", choices=[("", "—"), *ReleasePathway.choices], required=False
    )
    housing = forms.ChoiceField(
        label="Hébergement à la sortie", choices=[("", "—"), *Housing.choices], required=False
    )
    housing_details = forms.CharField(
        label="Précisions sur l'hébergement",
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        postal_code = (self.data.get("postal_code") or "").strip() if self.is_bound else ""
        postal_code = postal_code or self.initial.get("postal_code", "")
        self.fields["commune"].widget.choices = [
            ("", "—"),
            *((c.code, c.name) for c in YoungPersonForm._communes_for(postal_code)),
        ]
        self.fields["postal_code"].widget.attrs.update(
            {
                "hx-get": "/communes/",
                "hx-trigger": "input changed delay:300ms, change",
                "hx-target": "#id_commune",
                "hx-swap": "innerHTML",
                "hx-include": "this",
                "inputmode": "numeric",
            }
        )

    def service_data(self) -> dict:
        data = dict(self.cleaned_data)
        data["release_postal_code"] = data.pop("postal_code")
        data["release_commune"] = data.pop("commune")
        data.pop("version")
        return data


class TigPlacementForm(DsfrBaseForm):
    referring_service = forms.ModelChoiceField(
        label="SPIP ou PJJ prescripteur",
        queryset=_organisations(OrganisationKind.SPIP, OrganisationKind.PJJ),
        empty_label="—",
    )
    ordered_on = forms.DateField(label="Prononcé le", widget=DateInput())
    deadline = forms.DateField(label="À exécuter avant le", widget=DateInput(), required=False)
    hours_ordered = forms.IntegerField(label="Heures prononcées", min_value=0, max_value=32767)


class TigHoursForm(DsfrBaseForm):
    hours_done = forms.IntegerField(label="Heures effectuées", min_value=0, max_value=32767)


class TigModuleForm(DsfrBaseForm):
    title = forms.CharField(label="Module", max_length=150)
    held_on = forms.DateField(label="Le", widget=DateInput())
    hours = forms.IntegerField(label="Heures", min_value=0, max_value=32767)


class TigHabilitationForm(DsfrBaseForm):
    for_minors = forms.BooleanField(label="Mineur·e·s", required=False)
    for_adults = forms.BooleanField(label="Majeur·e·s", required=False, initial=True)
    granted_on = forms.DateField(label="Habilitée depuis le", widget=DateInput())
    ends_on = forms.DateField(label="Jusqu'au", widget=DateInput(), required=False)
    positions = forms.IntegerField(label="Postes proposés", min_value=0, max_value=32767, initial=1)


class CjmlAssignmentForm(DsfrBaseForm):
    cjml = forms.ModelChoiceField(label="CJML", queryset=User.objects.none(), empty_label="—")
    establishment = forms.ModelChoiceField(
        label="Établissement pénitentiaire",
        queryset=_organisations(OrganisationKind.PRISON),
        empty_label="—",
    )
    time_share = forms.DecimalField(
        label="Quotité (part d'un temps plein)",
        max_digits=3,
        decimal_places=2,
        help_text="Par exemple 0,5 pour un mi-temps.",
    )
    start_date = forms.DateField(label="Depuis le", widget=DateInput())

    def __init__(self, *args, mission_locale_id, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["cjml"].queryset = _staff(mission_locale_id, {Role.CJML})


class SessionForm(DsfrBaseForm):
    establishment = forms.ModelChoiceField(
        label="Établissement", queryset=_organisations(OrganisationKind.PRISON), empty_label="—"
    )
    cjml = forms.ModelChoiceField(label="CJML", queryset=User.objects.none(), empty_label=None)
    date = forms.DateField(label="Date", widget=DateInput())
    starts_at = forms.TimeField(label="De", widget=TimeInput())
    ends_at = forms.TimeField(label="À", widget=TimeInput())

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["cjml"].queryset = _staff(
            user.organisation_id, {Role.CJML, Role.JUSTICE_REFERENT, Role.DIRECTOR}
        )
        self.fields["cjml"].initial = user.pk


class SeenForm(DsfrBaseForm):
    young_person = forms.ChoiceField(label="Jeune reçu·e")

    def __init__(self, *args, candidates, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["young_person"].choices = [("", "—")] + [
            (str(yp.uid), f"{yp.last_name.upper()} {yp.first_names} ({yp.birth_date:%d/%m/%Y})")
            for yp in candidates
        ]


class ParticipantForm(SeenForm):
    outcome = forms.ChoiceField(label="Suite", choices=JobEventOutcome.choices)


class CommissionForm(DsfrBaseForm):
    establishment = forms.ModelChoiceField(
        label="Établissement", queryset=_organisations(OrganisationKind.PRISON), empty_label="—"
    )
    held_on = forms.DateField(label="Réunie le", widget=DateInput())
    topics = forms.CharField(
        label="Sujets abordés",
        required=False,
        max_length=250,
        help_text="Sans nom de personne : offres présentées, dispositifs, calendrier.",
    )


class JobEventForm(DsfrBaseForm):
    establishment = forms.ModelChoiceField(
        label="Établissement", queryset=_organisations(OrganisationKind.PRISON), empty_label="—"
    )
    kind = forms.ChoiceField(label="Type", choices=JobEventKind.choices)
    title = forms.CharField(label="Intitulé", max_length=150)
    held_on = forms.DateField(label="Date", widget=DateInput())
    organiser = forms.CharField(label="Organisé par", max_length=150, required=False)
