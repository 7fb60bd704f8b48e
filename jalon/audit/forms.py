from django import forms
from django.apps import apps
from dsfr.forms import DsfrBaseForm

from jalon.accounts.models import User
from jalon.audit.models import AuditAction, EmergencyReason
from jalon.youngpeople.forms import DateInput

# The records of personal data the journal names, in the order of the work.
RECORD_APPS = ("youngpeople", "reception", "pathways", "scheduling", "audit")


def record_type_choices() -> list[tuple[str, str]]:
    choices = [
        (model._meta.label_lower, str(model._meta.verbose_name).capitalize())
        for app in RECORD_APPS
        for model in apps.get_app_config(app).get_models()
        if model._meta.model_name != "auditentry"
    ]
    return [("", "Tous"), *sorted(choices, key=lambda choice: choice[1])]


class AuditSearchForm(DsfrBaseForm):
    """Filters of the journal; `young_person_name` is offered to the director only."""

    actor = forms.ModelChoiceField(
        label="Membre du personnel",
        queryset=User.objects.none(),
        required=False,
        empty_label="Tous",
    )
    file = forms.UUIDField(
        label="Identifiant du dossier",
        required=False,
        error_messages={"invalid": "Identifiant de dossier invalide (copiez-le depuis un lien)."},
    )
    young_person_name = forms.CharField(label="Nom du jeune", required=False, max_length=100)
    action = forms.ChoiceField(
        label="Action", required=False, choices=[("", "Toutes"), *AuditAction.choices]
    )
    record_type = forms.ChoiceField(label="Type d'enregistrement", required=False, choices=())
    date_from = forms.DateField(
        label="Du",
        required=False,
        widget=DateInput(),
        error_messages={"invalid": "Date de début invalide (JJ/MM/AAAA)."},
    )
    date_to = forms.DateField(
        label="Au",
        required=False,
        widget=DateInput(),
        error_messages={"invalid": "Date de fin invalide (JJ/MM/AAAA)."},
    )

    def __init__(self, *args, staff, can_search_names: bool, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["actor"].queryset = staff
        self.fields["actor"].label_from_instance = lambda u: f"{u.get_full_name()} ({u.email})"
        self.fields["record_type"].choices = record_type_choices()
        if not can_search_names:
            del self.fields["young_person_name"]

    def clean(self):
        data = super().clean()
        start, end = data.get("date_from"), data.get("date_to")
        if start and end and end < start:
            self.add_error("date_to", "La date de fin doit suivre la date de début.")
        return data


class EmergencyIdentityForm(DsfrBaseForm):
    """Who the young person in front of the counsellor is: the same check as on creation."""

    last_name = forms.CharField(label="Nom", max_length=100)
    first_names = forms.CharField(label="Prénoms", max_length=150)
    birth_date = forms.DateField(
        label="Date de naissance",
        widget=DateInput(),
        error_messages={
            "required": "Indiquez la date de naissance.",
            "invalid": "Date de naissance invalide (JJ/MM/AAAA).",
        },
    )
    birth_name = forms.CharField(label="Nom de naissance", max_length=100, required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["last_name"].error_messages["required"] = "Indiquez le nom du jeune."
        self.fields["first_names"].error_messages["required"] = "Indiquez le prénom du jeune."


class EmergencyReasonForm(DsfrBaseForm):
    reason_category = forms.ChoiceField(
        label="Motif",
        choices=[("", "Choisissez un motif"), *EmergencyReason.choices],
        error_messages={"required": "Choisissez le motif de l'accès d'urgence."},
    )
    reason = forms.CharField(
        label="Motif détaillé",
        help_text=(
            "Visible par les directions des deux Missions Locales, leur DPO et dans le journal : "
            "le nécessaire, sans détail de santé ni de justice."
        ),
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=1000,
        error_messages={"required": "Expliquez pourquoi vous devez consulter ce dossier."},
    )
    # The holding Mission Locale, not the file's uid: the page reveals no more than the
    # duplicate check (which Mission Locale holds a file), the service finds the file again.
    candidate = forms.ChoiceField(
        label="Dossier",
        widget=forms.RadioSelect,
        error_messages={
            "required": "Choisissez le dossier à consulter.",
            "invalid_choice": "Ce dossier ne correspond pas au jeune recherché.",
        },
    )

    def __init__(self, *args, candidates, **kwargs):
        super().__init__(*args, **kwargs)
        holders = {c.mission_locale_id: c.mission_locale.name for c in candidates}
        self.fields["candidate"].choices = [
            (str(pk), f"Dossier de la {name}") for pk, name in holders.items()
        ]


class AlertReviewForm(DsfrBaseForm):
    comment = forms.CharField(
        label="Commentaire",
        widget=forms.Textarea(attrs={"rows": 2}),
        max_length=2000,
        error_messages={"required": "Indiquez ce que vous avez vérifié."},
    )
