"""Forms of the ASE follow-up: typing and parsing only; the services decide."""

from django import forms
from django.utils import timezone
from dsfr.forms import DsfrBaseForm

from jalon.accounts.models import MISSION_LOCALE_ROLES, Role, User
from jalon.childwelfare.enums import ASE_STATUS_CHOICES, AutonomyArea, CejDecision
from jalon.childwelfare.services import PROJECT_FIELDS, REFERENT_FOLLOW_UP_FIELDS
from jalon.network.models import Organisation, OrganisationKind
from jalon.reception.models import Diagnostic
from jalon.youngpeople.forms import DateInput


def _date(label, required=False, help_text=""):
    return forms.DateField(label=label, required=required, widget=DateInput(), help_text=help_text)


def _counsellors(young_person):
    """Who may take part for the Mission Locale: its counsellors and director."""
    return (
        User.objects.filter(
            is_active=True,
            organisation_id=young_person.mission_locale_id,
            role__in=MISSION_LOCALE_ROLES - {Role.RECEPTION},
        )
        .select_related("organisation")
        .order_by("last_name", "first_name")
    )


def _full_name(user) -> str:
    return user.get_full_name()


class FollowUpForm(DsfrBaseForm):
    departement = forms.ModelChoiceField(
        label="Département (conseil départemental)",
        queryset=Organisation.objects.filter(kind=OrganisationKind.CONSEIL_DEPARTEMENTAL).order_by(
            "name"
        ),
    )
    taken_into_care_on = _date(
        "Pris·e en charge par l'ASE le",
        required=True,
        help_text="Décide de la date de l'entretien des 17 ans.",
    )
    departement_referent = forms.ModelChoiceField(
        label="Référent·e ASE ayant un compte Jalon",
        queryset=User.objects.none(),
        required=False,
    )
    referent_name = forms.CharField(
        label="Ou nom du ou de la référent·e ASE", max_length=150, required=False
    )
    referent_phone = forms.CharField(
        label="Téléphone professionnel du ou de la référent·e", max_length=20, required=False
    )
    referent_email = forms.EmailField(
        label="Courriel professionnel du ou de la référent·e", required=False
    )
    requested_by_departement_on = _date("Le Département a sollicité la Mission Locale le")
    first_contact_on = _date("Premier contact avec un·e conseiller·ère le", help_text="Dès 16 ans.")
    registration_proposed_on = _date("Inscription à la Mission Locale proposée le")
    registered_on = _date("Inscrit·e à la Mission Locale pour un suivi le")
    bilan_diagnostic = forms.ModelChoiceField(
        label="Diagnostic d'orientation réalisé au bilan de parcours",
        queryset=Diagnostic.objects.none(),
        required=False,
        help_text="Un diagnostic conclu du dossier, fait par un·e conseiller·ère.",
    )
    internal_comment = forms.CharField(
        label="Commentaire interne à la Mission Locale",
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
        help_text="Jamais transmis au Département ni à aucun partenaire.",
    )

    def __init__(self, *args, young_person, for_referent=False, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["departement_referent"].queryset = (
            User.objects.filter(is_active=True, role=Role.ASE_REFERENT)
            .select_related("organisation")
            .order_by("last_name", "first_name")
        )
        self.fields["departement_referent"].label_from_instance = lambda user: (
            f"{user.get_full_name()} — {user.organisation}"
        )
        self.fields["bilan_diagnostic"].queryset = young_person.diagnostics.filter(
            completed_on__isnull=False
        ).order_by("-completed_on")
        self.fields["bilan_diagnostic"].label_from_instance = lambda diagnostic: (
            f"Diagnostic conclu le {diagnostic.completed_on:%d/%m/%Y}"
        )
        if for_referent:
            for name in set(self.fields) - set(REFERENT_FOLLOW_UP_FIELDS):
                del self.fields[name]


class OpenFollowUpForm(FollowUpForm):
    status = forms.ChoiceField(label="Situation à l'ASE", choices=ASE_STATUS_CHOICES)
    status_start = _date("Dans cette situation depuis le", required=True)

    def __init__(self, *args, has_current_status=False, **kwargs):
        super().__init__(*args, **kwargs)
        if has_current_status:
            del self.fields["status"]
            del self.fields["status_start"]
        else:
            self.fields["status_start"].initial = timezone.localdate()


class StatusForm(DsfrBaseForm):
    status = forms.ChoiceField(label="Nouvelle situation à l'ASE", choices=ASE_STATUS_CHOICES)
    start_date = _date("Depuis le", required=True)


class StatusEndForm(DsfrBaseForm):
    end_date = _date("Fin de la prise en charge par l'ASE le", required=True)


class InterviewForm(DsfrBaseForm):
    planned_on = _date("Prévu le")
    held_on = _date("Réalisé le")
    held_jointly = forms.BooleanField(
        label="En binôme Département / Mission Locale",
        required=False,
        help_text="Un·e conseiller·ère de la Mission Locale a participé à l'entretien.",
    )
    ml_participant = forms.ModelChoiceField(
        label="Conseiller·ère de la Mission Locale présent·e",
        queryset=User.objects.none(),
        required=False,
    )
    departement_participant = forms.CharField(
        label="Professionnel·le du Département présent·e", max_length=150, required=False
    )
    trusted_person_present = forms.BooleanField(
        label="Personne de confiance présente", required=False
    )

    def __init__(self, *args, young_person, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["ml_participant"].queryset = _counsellors(young_person)
        self.fields["ml_participant"].label_from_instance = _full_name


class AutonomyProjectForm(DsfrBaseForm):
    drawn_up_on = _date("Élaboré le", required=True)
    built_jointly = forms.BooleanField(
        label="Élaboré conjointement avec la Mission Locale",
        required=False,
        help_text="Un·e conseiller·ère de la Mission Locale a participé à son élaboration.",
    )
    ml_participant = forms.ModelChoiceField(
        label="Conseiller·ère de la Mission Locale associé·e",
        queryset=User.objects.none(),
        required=False,
    )
    departement_participant = forms.CharField(
        label="Professionnel·le du Département", max_length=150, required=False
    )

    def __init__(self, *args, young_person, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["ml_participant"].queryset = _counsellors(young_person)
        self.fields["ml_participant"].label_from_instance = _full_name
        for value, label in AutonomyArea.choices:
            self.fields[f"{value}_objectives"] = forms.CharField(
                label=f"{label} : objectifs",
                widget=forms.Textarea(attrs={"rows": 2}),
                required=False,
            )
            self.fields[f"{value}_actions"] = forms.CharField(
                label=f"{label} : actions",
                widget=forms.Textarea(attrs={"rows": 2}),
                required=False,
            )

    @property
    def area_groups(self):
        """(label, objectives field, actions field) per area, for the template."""
        return [
            (label, self[f"{value}_objectives"], self[f"{value}_actions"])
            for value, label in AutonomyArea.choices
        ]

    def project_data(self) -> dict:
        return {name: self.cleaned_data[name] for name in PROJECT_FIELDS}

    def areas(self) -> dict:
        return {
            value: (self.cleaned_data[f"{value}_objectives"], self.cleaned_data[f"{value}_actions"])
            for value in AutonomyArea.values
        }

    @staticmethod
    def initial_for(project) -> dict:
        initial = {
            "drawn_up_on": project.drawn_up_on,
            "built_jointly": project.built_jointly,
            "ml_participant": project.ml_participant_id,
            "departement_participant": project.departement_participant,
        }
        for row in project.areas.all():
            initial[f"{row.area}_objectives"] = row.objectives
            initial[f"{row.area}_actions"] = row.actions
        return initial


class CejProposalForm(DsfrBaseForm):
    proposed_on = _date("CEJ proposé le", required=True)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["proposed_on"].initial = timezone.localdate()


class CejDecisionForm(DsfrBaseForm):
    decision = forms.ChoiceField(
        label="Réponse du jeune",
        choices=[(CejDecision.ACCEPTED, "Accepte"), (CejDecision.REFUSED, "Refuse")],
        widget=forms.RadioSelect,
    )
    decided_on = _date("Réponse donnée le", required=True)
