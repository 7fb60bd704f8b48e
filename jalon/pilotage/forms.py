from django import forms
from django.core.exceptions import ValidationError

from jalon.pilotage import cofinancing

# A counts file is a few lines per region or Mission Locale: 1 MB is far beyond need.
MAX_COUNTS_FILE_BYTES = 1_000_000


def read_csv_upload(upload, *, field: str) -> str:
    """The text of an uploaded CSV file (UTF-8, with or without BOM), or a French error."""
    if upload.size > MAX_COUNTS_FILE_BYTES:
        raise ValidationError({field: "Le fichier dépasse 1 Mo."})
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
