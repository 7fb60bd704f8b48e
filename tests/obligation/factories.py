"""Factories and sample files of the obligation de formation."""

import datetime

import factory
from django.utils import timezone

from jalon.obligation.models import DepartementReport, LeaverList, ObligationCase
from jalon.obligation.services import identity_key
from tests.factories import years_ago


def days_ago(days: int) -> datetime.date:
    return timezone.localdate() - datetime.timedelta(days=days)


class ObligationCaseFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ObligationCase

    last_name = "Martin"
    first_names = factory.Sequence(lambda n: f"Camille{n}")
    birth_date = factory.LazyFunction(lambda: years_ago(17, days=-30))
    establishment = "Lycée professionnel Gallieni"
    school_class = "1re année de CAP"
    identity_key = factory.LazyAttribute(
        lambda o: identity_key(
            last_name=o.last_name, first_names=o.first_names, birth_date=o.birth_date
        )
    )


class LeaverListFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = LeaverList

    file_name = "sortants.csv"
    encoding = "UTF-8"
    delimiter = ";"
    content = factory.LazyFunction(lambda: csv_text([leaver_row("Moreau", "Lina")]))
    line_count = 1


class DepartementReportFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = DepartementReport

    departement = factory.LazyAttribute(lambda o: o.mission_locale.departement)
    prepared_on = factory.LazyFunction(timezone.localdate)
    case_count = 0


HEADER = [
    "NOM",
    "PRENOM",
    "DATE NAISSANCE",
    "SEXE",
    "ADRESSE",
    "CODE POSTAL",
    "COMMUNE",
    "ETABLISSEMENT",
    "CLASSE",
    "DATE SORTIE",
    "RESPONSABLE LEGAL",
    "TELEPHONE RESPONSABLE",
]


def leaver_row(last_name, first_names, birth_date=None, **overrides) -> list[str]:
    birth_date = birth_date or years_ago(17, days=-60)
    row = {
        "NOM": last_name,
        "PRENOM": first_names,
        "DATE NAISSANCE": birth_date.strftime("%d/%m/%Y"),
        "SEXE": "F",
        "ADRESSE": "12 rue des Lilas",
        "CODE POSTAL": "31000",
        "COMMUNE": "Toulouse",
        "ETABLISSEMENT": "Lycée Déodat-de-Séverac",
        "CLASSE": "2nde générale",
        "DATE SORTIE": days_ago(40).strftime("%d/%m/%Y"),
        "RESPONSABLE LEGAL": "Mme Garnier",
        "TELEPHONE RESPONSABLE": "06 11 22 33 44",
    }
    row.update(overrides)
    return [row[column] for column in HEADER]


def csv_text(rows, delimiter=";", header=HEADER) -> str:
    return "\n".join(delimiter.join(row) for row in [header, *rows]) + "\n"


def csv_bytes(rows, delimiter=";", encoding="utf-8") -> bytes:
    return csv_text(rows, delimiter).encode(encoding)


# The mapping guess_mapping finds for HEADER (tests assert it).
MAPPING = {
    "last_name": 0,
    "first_names": 1,
    "birth_date": 2,
    "sex": 3,
    "address": 4,
    "postal_code": 5,
    "commune_name": 6,
    "establishment": 7,
    "school_class": 8,
    "left_on": 9,
    "representative": 10,
    "representative_contact": 11,
}
