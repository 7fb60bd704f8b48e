from django import forms
from django.utils import timezone
from django.utils.functional import lazy
from dsfr.forms import DsfrBaseForm

from jalon import policy
from jalon.accounts.models import MISSION_LOCALE_ROLES, User
from jalon.network.models import Commune, Organisation
from jalon.youngpeople.documents import max_size_label
from jalon.youngpeople.enums import (
    DocumentKind,
    FileStatus,
    PriorityPublic,
    PublicDetail,
    TransferReason,
)
from jalon.youngpeople.models import YoungPerson
from jalon.youngpeople.services import EDITABLE_FIELDS, REFERENT_ROLES


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, **kwargs):
        super().__init__(format="%Y-%m-%d", **kwargs)


class YoungPersonForm(DsfrBaseForm, forms.ModelForm):
    """Typing and parsing only: the file's rules live in services/rules."""

    class Meta:
        model = YoungPerson
        fields = EDITABLE_FIELDS
        widgets = {
            "birth_date": DateInput(),
            "first_reception_date": DateInput(),
            "age_exception_reason": forms.Textarea(attrs={"rows": 2}),
        }

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user
        # Any commune is accepted (the service checks it against the postal code, with a clear
        # message); only those of the typed postal code are offered.
        commune_field = self.fields["commune"]
        commune_field.to_field_name = "code"
        commune_field.widget.choices = [
            ("", "—"),
            *((c.code, c.name) for c in self._communes_for(self._postal_code())),
        ]
        commune_field.help_text = "Les communes proposées dépendent du code postal."
        if self.instance.commune_id and self.initial.get("commune") == self.instance.commune_id:
            # The options are valued by INSEE code: the file's commune stays selected.
            self.initial["commune"] = self.instance.commune.code
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
        self.fields["site"].queryset = user.organisation.sites.all()
        self.fields["referent"].queryset = User.objects.filter(
            organisation=user.organisation, role__in=MISSION_LOCALE_ROLES, is_active=True
        )
        if not policy.can_grant_age_exception(user):
            del self.fields["age_exception_reason"]
        self.fields["phone"].widget.attrs["inputmode"] = "tel"
        for field in self.fields.values():
            if isinstance(field, forms.ModelChoiceField):
                field.empty_label = "—"
            elif isinstance(field, forms.ChoiceField):
                field.choices = [
                    ("", "—") if not value else (value, label) for value, label in field.choices
                ]
        sex = self.fields["sex"]
        sex.widget = forms.RadioSelect()
        sex.choices = [(value, label) for value, label in sex.choices if value]
        if not self.instance.pk:
            self.initial.setdefault("first_reception_date", timezone.localdate())
            self.initial.setdefault("site", user.site_id)
            if user.role in REFERENT_ROLES:
                self.initial.setdefault("referent", user.pk)

    def _postal_code(self) -> str:
        if self.is_bound:
            return (self.data.get(self.add_prefix("postal_code")) or "").strip()
        return self.instance.postal_code if self.instance.pk else ""

    @staticmethod
    def _communes_for(postal_code: str):
        if len(postal_code) != 5:
            return Commune.objects.none()
        return Commune.objects.filter(postal_codes__contains=postal_code).order_by("name")


class YoungPersonCreateForm(YoungPersonForm):
    has_rqth = forms.BooleanField(
        label="Reconnaissance de la qualité de travailleur handicapé (RQTH)",
        required=False,
        help_text="Ouvre l'accompagnement jusqu'à 29 ans révolus.",
    )
    lives_in_qpv = forms.BooleanField(
        label="Réside en quartier prioritaire de la politique de la ville (QPV)", required=False
    )
    confirm_not_duplicate = forms.BooleanField(
        label="J'ai vérifié : il s'agit d'une autre personne, créer le dossier",
        required=False,
    )


class PublicPeriodForm(DsfrBaseForm):
    public = forms.ChoiceField(label="Public", choices=PriorityPublic.choices)
    detail = forms.ChoiceField(
        label="Précision", choices=[("", "—"), *PublicDetail.choices], required=False
    )
    start_date = forms.DateField(label="Début", widget=DateInput())
    end_date = forms.DateField(label="Fin", widget=DateInput(), required=False)


class PublicPeriodEndForm(DsfrBaseForm):
    end_date = forms.DateField(label="Date de fin", widget=DateInput())


class PortfolioFilterForm(DsfrBaseForm):
    SORTS = {
        "nom": ("last_name", "first_names"),
        "-nom": ("-last_name", "-first_names"),
        "naissance": ("birth_date", "last_name"),
        "-naissance": ("-birth_date", "last_name"),
        "accueil": ("first_reception_date", "last_name"),
        "-accueil": ("-first_reception_date", "last_name"),
    }
    q = forms.CharField(
        label="Rechercher un jeune",
        required=False,
        help_text="Nom, prénom, et si besoin date de naissance (jj/mm/aaaa).",
    )
    scope = forms.ChoiceField(
        label="Dossiers",
        choices=[("mine", "Mon portefeuille"), ("all", "Toute la Mission Locale")],
        required=False,
    )
    public = forms.ChoiceField(
        label="Public prioritaire", choices=[("", "Tous"), *PriorityPublic.choices], required=False
    )
    status = forms.ChoiceField(
        label="Statut",
        choices=[
            ("", "Tous"),
            (FileStatus.ACTIVE, "Suivi en cours"),
            (FileStatus.INACTIVE, "Sans suivi"),
        ],
        required=False,
    )
    sort = forms.ChoiceField(
        label="Trier par",
        choices=[
            ("nom", "Nom (A → Z)"),
            ("-nom", "Nom (Z → A)"),
            ("-accueil", "Premier accueil (récent d'abord)"),
            ("accueil", "Premier accueil (ancien d'abord)"),
            ("naissance", "Âge (plus âgé d'abord)"),
            ("-naissance", "Âge (plus jeune d'abord)"),
        ],
        required=False,
    )


class MergeForm(DsfrBaseForm):
    other = forms.UUIDField(widget=forms.HiddenInput)
    confirm = forms.BooleanField(
        label="Je confirme qu'il s'agit de la même personne", required=True
    )


class DocumentForm(DsfrBaseForm):
    """Typing only: the service checks the type (by content), the size and emptiness."""

    kind = forms.ChoiceField(
        label="Type de document",
        choices=[("", "—"), *DocumentKind.choices],
        error_messages={"required": "Choisissez le type de document."},
    )
    file = forms.FileField(
        label="Fichier",
        allow_empty_file=True,
        error_messages={"required": "Choisissez un fichier."},
        # Lazy: the maximum follows the settings.
        help_text=lazy(lambda: f"PDF, JPEG ou PNG, {max_size_label()} au plus.", str)(),
        widget=forms.FileInput(attrs={"accept": ".pdf,.jpg,.jpeg,.png"}),
    )


class TransferRequestForm(DsfrBaseForm):
    """Typing only: `transfers.transfer_request` checks the address and picks the competent
    Mission Locale when none is chosen."""

    new_address = forms.CharField(label="Nouvelle adresse", max_length=250, required=False)
    new_postal_code = forms.CharField(label="Nouveau code postal", max_length=5, required=False)
    new_commune = forms.ModelChoiceField(
        label="Nouvelle commune",
        queryset=Commune.objects.all(),
        to_field_name="code",
        required=False,
        empty_label="—",
        help_text="Les communes proposées dépendent du code postal.",
    )
    to_mission_locale = forms.ModelChoiceField(
        label="Mission Locale d'accueil",
        queryset=Organisation.objects.missions_locales(),
        required=False,
        empty_label="— celle de la nouvelle commune —",
        help_text="Laissez vide pour la Mission Locale dont le territoire couvre la nouvelle "
        "commune.",
    )
    reason_kind = forms.ChoiceField(
        label="Motif",
        choices=TransferReason.choices,
        widget=forms.RadioSelect(),
        error_messages={"required": "Choisissez le motif du transfert."},
    )
    reason = forms.CharField(
        label="Précisions",
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="Transmises à la Mission Locale d'accueil. Rien de confidentiel ici : les notes "
        "du dossier la suivront après acceptation.",
    )

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["to_mission_locale"].queryset = Organisation.objects.missions_locales().exclude(
            pk=user.organisation_id
        )
        postal_code = (self.data.get("new_postal_code") or "").strip() if self.is_bound else ""
        self.fields["new_commune"].widget.choices = [
            ("", "—"),
            *((c.code, c.name) for c in YoungPersonForm._communes_for(postal_code)),
        ]
        self.fields["new_postal_code"].widget.attrs.update(
            {
                "hx-get": "/communes/",
                "hx-trigger": "input changed delay:300ms, change",
                "hx-target": "#id_new_commune",
                "hx-swap": "innerHTML",
                "hx-include": "this",
                "inputmode": "numeric",
            }
        )


class TransferAcceptForm(DsfrBaseForm):
    referent = forms.ModelChoiceField(
        label="Conseiller·ère référent·e",
        queryset=User.objects.none(),
        required=False,
        empty_label="— à désigner plus tard —",
    )
    site = forms.ModelChoiceField(
        label="Site", queryset=Organisation.objects.none(), required=False, empty_label="—"
    )

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["referent"].queryset = User.objects.filter(
            organisation=user.organisation, role__in=MISSION_LOCALE_ROLES, is_active=True
        )
        self.fields["site"].queryset = user.organisation.sites.all()


class TransferRefuseForm(DsfrBaseForm):
    reason = forms.CharField(
        label="Motif du refus",
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"required": "Indiquez le motif du refus."},
    )
