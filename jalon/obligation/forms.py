from django import forms
from django.utils import timezone
from dsfr.forms import DsfrBaseForm

from jalon.accounts.models import MISSION_LOCALE_ROLES, User
from jalon.obligation import csvimport
from jalon.obligation.enums import ContactChannel, ContactOutcome, SendingMeans, SolutionKind, Stage
from jalon.youngpeople.forms import DateInput


class UploadForm(DsfrBaseForm):
    file = forms.FileField(
        label="Liste des sortants (fichier CSV)",
        help_text="Le fichier tel que le rectorat l'envoie : CSV avec une ligne d'en-tête, "
        "séparé par des points-virgules ou des virgules, en UTF-8 ou en Windows (Latin-1).",
        widget=forms.ClearableFileInput(attrs={"accept": ".csv,.txt,text/csv"}),
    )
    source = forms.CharField(
        label="Provenance",
        required=False,
        max_length=200,
        help_text="Facultatif. Par exemple : rectorat de Nancy-Metz, liste de novembre.",
    )


class MappingForm(DsfrBaseForm):
    """Which column of the file holds each field; prefilled from the column titles."""

    def __init__(self, *args, header: list[str], **kwargs):
        super().__init__(*args, **kwargs)
        choices = [("", "— non importé —")] + [
            (str(index), f"{title or '(sans titre)'} — colonne {index + 1}")
            for index, title in enumerate(header)
        ]
        for import_field in csvimport.FIELDS:
            self.fields[import_field.name] = forms.TypedChoiceField(
                label=import_field.label,
                choices=choices,
                coerce=int,
                empty_value=None,
                required=import_field.required,
                error_messages={
                    "required": f"Choisissez la colonne qui contient : "
                    f"{import_field.label.lower()}.",
                    "invalid_choice": "Cette colonne n'existe pas dans le fichier.",
                },
            )
        if not self.is_bound:
            self.initial = {
                name: str(index) for name, index in csvimport.guess_mapping(header).items()
            }

    @property
    def mapping(self) -> dict[str, int | None]:
        return {name: self.cleaned_data.get(name) for name in csvimport.FIELDS_BY_NAME}


class CaseFilterForm(DsfrBaseForm):
    stage = forms.ChoiceField(
        label="Étape", required=False, choices=[("", "Toutes"), *Stage.choices]
    )
    q = forms.CharField(label="Nom ou prénom", required=False, max_length=100)


class ContactAttemptForm(DsfrBaseForm):
    attempted_on = forms.DateField(label="Date", widget=DateInput(), initial=timezone.localdate)
    channel = forms.ChoiceField(label="Moyen", choices=ContactChannel.choices)
    outcome = forms.ChoiceField(label="Résultat", choices=ContactOutcome.choices)
    notes = forms.CharField(
        label="Commentaire",
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text="Interne à la Mission Locale : il ne figure sur aucun courrier.",
    )


class ConvocationForm(DsfrBaseForm):
    convoked_on = forms.DateField(
        label="Convocation envoyée le", widget=DateInput(), initial=timezone.localdate
    )
    appointment_on = forms.DateField(
        label="Rendez-vous fixé au",
        required=False,
        widget=DateInput(),
        help_text="Facultatif : la date proposée dans le courrier.",
    )


class SolutionForm(DsfrBaseForm):
    kind = forms.ChoiceField(label="Solution", choices=SolutionKind.choices)
    solution_on = forms.DateField(label="Depuis le", widget=DateInput(), initial=timezone.localdate)
    details = forms.CharField(
        label="Précision",
        required=False,
        max_length=200,
        help_text="Par exemple : CAP Cuisine au lycée Gallieni, contrat d'apprentissage.",
    )
    pathway = forms.ModelChoiceField(
        label="Parcours à la Mission Locale",
        queryset=None,
        required=False,
        empty_label="—",
        help_text="Pour un accompagnement par la Mission Locale : le parcours du dossier.",
    )

    def __init__(self, *args, case, **kwargs):
        super().__init__(*args, **kwargs)
        from jalon.pathways.models import Pathway

        self.fields["pathway"].queryset = (
            Pathway.objects.filter(young_person_id=case.young_person_id)
            if case.young_person_id
            else Pathway.objects.none()
        )
        if not case.young_person_id:
            del self.fields["pathway"]


class SendingForm(DsfrBaseForm):
    sent_on = forms.DateField(label="Envoyé le", widget=DateInput(), initial=timezone.localdate)
    means = forms.ChoiceField(label="Moyen d'envoi", choices=SendingMeans.choices)
    sent_by = forms.ModelChoiceField(label="Envoyé par", queryset=None, empty_label=None)

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["sent_by"].queryset = User.objects.filter(
            organisation_id=user.organisation_id, role__in=MISSION_LOCALE_ROLES, is_active=True
        ).order_by("last_name", "first_name")
        self.initial.setdefault("sent_by", user.pk)
