"""Reading the lists of school leavers the rectorats send: CSV with a header row, semicolons or
commas, UTF-8 or Windows (Latin-1/cp1252) encoding, columns named as each rectorat likes.

Any bytes either give a `LeaverFile` or a French `ValidationError` (key "file"); a mapped file
gives typed leavers and one French message per faulty line, never an exception.
"""

import codecs
import csv
import datetime
import io
import re
from dataclasses import dataclass, field

from django.core.exceptions import ValidationError

from jalon.youngpeople.enums import Sex
from jalon.youngpeople.normalize import normalize_text

MAX_COLUMNS = 100
# Messages listed on the page; beyond, a count (a wrong mapping fails every line).
MAX_ERRORS_SHOWN = 200
DELIMITERS = (";", ",", "\t")
DELIMITER_LABELS = {";": "point-virgule", ",": "virgule", "\t": "tabulation"}


@dataclass(frozen=True)
class ImportField:
    name: str
    label: str
    required: bool = False
    max_length: int = 200
    kind: str = "text"  # text, date, sex, postal_code
    # Column titles seen in the rectorats' exports (compared accent- and case-free).
    synonyms: tuple[str, ...] = ()


FIELDS = (
    ImportField(
        "last_name",
        "Nom",
        True,
        100,
        synonyms=("nom", "nom de famille", "nom eleve", "nom d usage"),
    ),
    ImportField(
        "first_names",
        "Prénoms",
        True,
        150,
        synonyms=("prenom", "prenoms", "prenom eleve", "prenom 1", "prenoms eleve"),
    ),
    ImportField(
        "birth_date",
        "Date de naissance",
        True,
        kind="date",
        synonyms=(
            "date de naissance",
            "date naissance",
            "ne le",
            "ne e le",
            "naissance",
            "dt naiss",
        ),
    ),
    ImportField("sex", "Sexe", kind="sex", synonyms=("sexe", "genre", "civilite")),
    ImportField("address", "Adresse", max_length=250, synonyms=("adresse", "adresse 1", "rue")),
    ImportField("postal_code", "Code postal", kind="postal_code", synonyms=("code postal", "cp")),
    ImportField(
        "commune_name", "Commune", max_length=100, synonyms=("commune", "ville", "localite")
    ),
    ImportField(
        "establishment",
        "Établissement quitté",
        synonyms=("etablissement", "etablissement d origine", "etablissement quitte", "lycee"),
    ),
    ImportField(
        "school_class", "Classe", max_length=100, synonyms=("classe", "division", "niveau")
    ),
    ImportField(
        "left_on",
        "Date de sortie",
        kind="date",
        synonyms=("date de sortie", "date sortie", "sortie le", "date de fin de scolarite"),
    ),
    ImportField(
        "representative",
        "Représentant légal",
        synonyms=("representant legal", "responsable legal", "responsable", "representant"),
    ),
    ImportField(
        "representative_contact",
        "Coordonnées du représentant légal",
        synonyms=(
            "telephone responsable",
            "tel responsable",
            "contact responsable",
            "coordonnees representant",
            "coordonnees du representant legal",
        ),
    ),
    ImportField(
        "phone", "Téléphone du jeune", max_length=30, synonyms=("telephone", "tel", "portable")
    ),
)
FIELDS_BY_NAME = {f.name: f for f in FIELDS}


@dataclass
class LeaverFile:
    """A decoded CSV: its text, header and rows, each row with the line it starts on."""

    text: str
    encoding: str
    delimiter: str
    header: list[str]
    rows: list[tuple[int, list[str]]]


@dataclass(frozen=True)
class LineError:
    line: int
    message: str

    def __str__(self):
        return f"Ligne {self.line} : {self.message}"


@dataclass
class Leaver:
    line: int
    values: dict


@dataclass
class Checked:
    leavers: list[Leaver] = field(default_factory=list)
    errors: list[LineError] = field(default_factory=list)


def _refuse(message: str):
    return ValidationError({"file": message})


def decode(raw: bytes) -> tuple[str, str]:
    """UTF-16 when it says so (Excel's "texte Unicode"), UTF-8 (with or without BOM) when it
    is, else Windows-1252, else Latin-1 (decodes all)."""
    if raw.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        try:
            return raw.decode("utf-16"), "UTF-16"
        except UnicodeDecodeError:
            pass
    for encoding in ("utf-8-sig", "cp1252"):
        try:
            return raw.decode(encoding), "UTF-8" if encoding == "utf-8-sig" else "Windows-1252"
        except UnicodeDecodeError:
            continue
    return raw.decode("latin-1"), "Latin-1"


def _delimiter(header_line: str) -> str:
    counts = {d: header_line.count(d) for d in DELIMITERS}
    best = max(DELIMITERS, key=lambda d: counts[d])
    return best if counts[best] else ";"


def read(raw: bytes, *, max_lines: int) -> LeaverFile:
    if raw.startswith(b"PK\x03\x04"):
        raise _refuse(
            "Ce fichier est un classeur (Excel ou LibreOffice) : enregistrez-le au format CSV "
            "(« Enregistrer sous… », type CSV) puis déposez le fichier CSV."
        )
    text, encoding = decode(raw)
    if "\x00" in text:
        raise _refuse(
            "Ce fichier contient des caractères nuls : ce n'est pas un fichier texte CSV."
        )
    if not text.strip():
        raise _refuse("Le fichier est vide.")
    first_line = text.lstrip("\r\n").splitlines()[0]
    delimiter = _delimiter(first_line)
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    rows: list[tuple[int, list[str]]] = []
    header = None
    try:
        while True:
            start = reader.line_num + 1
            try:
                row = next(reader)
            except StopIteration:
                break
            if not any(cell.strip() for cell in row):
                continue
            if header is None:
                header = [cell.strip() for cell in row]
                continue
            rows.append((start, row))
            if len(rows) > max_lines:
                raise _refuse(
                    f"Le fichier compte plus de {max_lines} lignes : découpez-le en plusieurs "
                    "fichiers."
                )
    except csv.Error as error:
        raise _refuse(
            f"Ligne {reader.line_num} : le fichier n'est pas un CSV lisible (guillemet non "
            "fermé ou champ trop long)."
        ) from error
    if header is None:
        raise _refuse("Le fichier est vide.")
    if len(header) > MAX_COLUMNS:
        raise _refuse(f"Le fichier compte plus de {MAX_COLUMNS} colonnes : est-ce bien la liste ?")
    if len(header) < 2:
        raise _refuse(
            "Une seule colonne a été trouvée : les colonnes doivent être séparées par des "
            "points-virgules ou des virgules, avec une ligne d'en-tête."
        )
    if not rows:
        raise _refuse("Le fichier ne contient que la ligne d'en-tête : aucun jeune à importer.")
    return LeaverFile(text=text, encoding=encoding, delimiter=delimiter, header=header, rows=rows)


def guess_mapping(header: list[str]) -> dict[str, int]:
    """Which column holds which field, from the column titles: exact titles first, then titles
    that begin with a known one. Each column serves one field at most."""
    titles = [normalize_text(title) for title in header]
    mapping: dict[str, int] = {}
    used: set[int] = set()
    for exact in (True, False):
        for import_field in FIELDS:
            if import_field.name in mapping:
                continue
            for index, title in enumerate(titles):
                if index in used or not title:
                    continue
                if any(
                    title == s if exact else title.startswith(s + " ")
                    for s in import_field.synonyms
                ):
                    mapping[import_field.name] = index
                    used.add(index)
                    break
    return mapping


def check_mapping(mapping: dict[str, int], column_count: int) -> None:
    errors: dict[str, list[str]] = {}
    for import_field in FIELDS:
        if import_field.required and mapping.get(import_field.name) is None:
            errors.setdefault(import_field.name, []).append(
                f"Choisissez la colonne qui contient : {import_field.label.lower()}."
            )
    seen: dict[int, str] = {}
    for name, index in mapping.items():
        if index is None:
            continue
        if not 0 <= index < column_count:
            errors.setdefault(name, []).append("Cette colonne n'existe pas dans le fichier.")
        elif index in seen:
            errors.setdefault(name, []).append(
                f"Cette colonne est déjà associée à « {FIELDS_BY_NAME[seen[index]].label} »."
            )
        else:
            seen[index] = name
    if errors:
        raise ValidationError(errors)


_DATE_FORMATS = ("%d/%m/%Y", "%d-%m-%Y", "%d.%m.%Y", "%Y-%m-%d", "%Y/%m/%d")
# A spreadsheet often appends a midnight time to dates.
_MIDNIGHT = re.compile(r"[ T]00:00(:00)?$")
_SEXES = {
    "f": Sex.FEMALE,
    "fille": Sex.FEMALE,
    "feminin": Sex.FEMALE,
    "femme": Sex.FEMALE,
    "mme": Sex.FEMALE,
    "2": Sex.FEMALE,
    "m": Sex.MALE,
    "h": Sex.MALE,
    "g": Sex.MALE,
    "garcon": Sex.MALE,
    "masculin": Sex.MALE,
    "homme": Sex.MALE,
    "1": Sex.MALE,
}
_PRINTABLE = re.compile(r"[\x00-\x08\x0b-\x1f\x7f]")


def parse_date(value: str) -> datetime.date | None:
    value = _MIDNIGHT.sub("", value.strip())
    for date_format in _DATE_FORMATS:
        try:
            return datetime.datetime.strptime(value, date_format).date()
        except ValueError:
            continue
    return None


def _typed(import_field: ImportField, value: str, today: datetime.date):
    """(value, error message) for one cell."""
    if _PRINTABLE.search(value):
        return None, f"{import_field.label} : caractères de contrôle interdits."
    if import_field.kind == "date":
        day = parse_date(value)
        if day is None:
            return None, (f"{import_field.label} « {value[:30]} » illisible (attendu JJ/MM/AAAA).")
        if day > today:
            return None, f"{import_field.label} dans le futur ({day:%d/%m/%Y})."
        if day.year < 1900:
            return None, f"{import_field.label} invraisemblable ({day:%d/%m/%Y})."
        return day, None
    if import_field.kind == "sex":
        sex = _SEXES.get(normalize_text(value))
        if sex is None:
            return None, f"Sexe « {value[:30]} » inconnu (attendu F ou M)."
        return sex, None
    if import_field.kind == "postal_code":
        digits = value.replace(" ", "")
        if digits.isascii() and digits.isdigit() and len(digits) == 4:
            digits = "0" + digits  # a spreadsheet dropped the leading zero
        if not (digits.isascii() and digits.isdigit() and len(digits) == 5):
            return None, f"Code postal « {value[:30]} » invalide (5 chiffres attendus)."
        return digits, None
    if len(value) > import_field.max_length:
        return None, (
            f"{import_field.label} trop long ({len(value)} caractères, "
            f"{import_field.max_length} au plus)."
        )
    return value, None


def check_lines(leaver_file: LeaverFile, mapping: dict[str, int], today: datetime.date) -> Checked:
    """Type every mapped cell of every line; one error per faulty cell, with its line."""
    checked = Checked()
    width = len(leaver_file.header)
    mapped = [(FIELDS_BY_NAME[name], index) for name, index in mapping.items() if index is not None]
    for line, row in leaver_file.rows:
        if len(row) != width:
            checked.errors.append(
                LineError(line, f"{len(row)} colonne(s) au lieu de {width} (comme l'en-tête).")
            )
            continue
        values, line_errors = {}, []
        for import_field, index in mapped:
            cell = row[index].strip()
            if not cell:
                if import_field.required:
                    line_errors.append(f"{import_field.label} manquant.")
                continue
            value, error = _typed(import_field, cell, today)
            if error:
                line_errors.append(error)
            else:
                values[import_field.name] = value
        if line_errors:
            checked.errors.extend(LineError(line, message) for message in line_errors)
        else:
            checked.leavers.append(Leaver(line, values))
    return checked
