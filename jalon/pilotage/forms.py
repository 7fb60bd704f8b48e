from django import forms
from django.core.exceptions import ValidationError

from jalon.pilotage import cofinancing

# A counts file is a few lines per region or Mission Locale: 1 MB is far beyond need.
MAX_COUNTS_FILE_BYTES = 1_000_000
# 35,000 communes with their figures: about 1 MB; 5 MB leaves room for long lines.
MAX_TERRITORIAL_FILE_BYTES = 5_000_000


def read_csv_upload(upload, *, field: str, max_bytes: int = MAX_COUNTS_FILE_BYTES) -> str:
    """The text of an uploaded CSV file (UTF-8, with or without BOM), or a French error."""
    if upload.size > max_bytes:
        raise ValidationError({field: f"Le fichier dépasse {max_bytes // 1_000_000} Mo."})
    try:
        return upload.read().decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise ValidationError(
            {field: "Le fichier n'est pas encodé en UTF-8 (enregistrez-le en « CSV UTF-8 »)."}
        ) from exc


class CofinancingForm(forms.Form):
    envelope = forms.CharField(
        label="Enveloppe annuelle (en euros)", max_length=40, help_text="Exemple : 700000"
    )
    counts = forms.CharField(
        label="Sortants de 16 à 25 ans par territoire",
        required=False,
        widget=forms.Textarea(attrs={"rows": 12}),
        help_text="Une ligne d'en-tête « territory,released », puis une ligne par région ou "
        "Mission Locale : nom, nombre de sortants.",
    )
    counts_file = forms.FileField(
        label="Ou un fichier CSV",
        required=False,
        help_text="Mêmes colonnes territory,released, séparées par des virgules ou des "
        "points-virgules, encodage UTF-8.",
    )

    def clean_envelope(self):
        try:
            return cofinancing.parse_envelope(self.cleaned_data["envelope"])
        except ValidationError as exc:
            raise ValidationError(exc.message_dict["envelope"]) from exc

    def clean(self):
        data = super().clean()
        upload = data.get("counts_file")
        text = read_csv_upload(upload, field="counts_file") if upload else data.get("counts")
        field = "counts_file" if upload else "counts"
        if not (text or "").strip():
            self.add_error("counts", "Saisissez les sortants par territoire ou joignez un fichier.")
            return data
        try:
            data["parsed_counts"] = cofinancing.parse_counts(text)
        except ValidationError as exc:
            for message in exc.message_dict["counts"]:
                self.add_error(field, message)
        return data


class TerritorialImportForm(forms.Form):
    source = forms.CharField(
        label="Source",
        max_length=200,
        help_text="Ex. INSEE, recensement de la population 2021 ; France Travail, demandeurs "
        "d'emploi de moins de 26 ans en fin de mois (DEFM A, B, C) au 31 décembre.",
    )
    year = forms.IntegerField(label="Année des données", min_value=1, max_value=9999)
    file = forms.FileField(
        label="Fichier CSV",
        help_text="Colonnes commune,population_16_25,job_seekers (code INSEE de la commune ; "
        "jeunes demandeurs d'emploi de moins de 26 ans, vide si non publié), encodage UTF-8.",
    )

    def clean_file(self):
        upload = self.cleaned_data["file"]
        try:
            return upload.name, read_csv_upload(
                upload, field="file", max_bytes=MAX_TERRITORIAL_FILE_BYTES
            )
        except ValidationError as exc:
            raise ValidationError(exc.message_dict["file"]) from exc


class YearForm(forms.Form):
    annee = forms.IntegerField(label="Année", min_value=1990, max_value=9999, required=False)
