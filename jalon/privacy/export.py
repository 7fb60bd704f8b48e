"""The access export as a JSON document and as a PDF handed to the person (fpdf2)."""

import datetime
import json
import uuid
from decimal import Decimal

from django.utils import timezone

from jalon.privacy.selectors import AccessExport
from jalon.web.pdf import JalonPdf


def _json_value(value):
    if isinstance(value, datetime.datetime):
        return timezone.localtime(value).isoformat()
    if isinstance(value, datetime.date):
        return value.isoformat()
    if isinstance(value, Decimal | uuid.UUID):
        return str(value)
    return value


def as_json(export: AccessExport) -> dict:
    return {
        "dossier": str(export.young_person.uid),
        "mission_locale": export.young_person.mission_locale.name,
        "produit_le": _json_value(export.generated_at),
        "donnees": {
            section.title: [
                {label: _json_value(value) for label, value in record} for record in section.records
            ]
            for section in export.sections
        },
        "consultations_et_modifications": [
            {
                "date": _json_value(access.at),
                "action": access.action,
                "objet": access.what,
                "role": access.role,
                "structure": access.organisation,
            }
            for access in export.accesses
        ],
    }


def as_json_bytes(export: AccessExport) -> bytes:
    return json.dumps(as_json(export), ensure_ascii=False, indent=2).encode()


def _text(value) -> str:
    if isinstance(value, bool):
        return "oui" if value else "non"
    if isinstance(value, datetime.datetime):
        return f"{timezone.localtime(value):%d/%m/%Y %H:%M}"
    if isinstance(value, datetime.date):
        return f"{value:%d/%m/%Y}"
    if isinstance(value, dict | list):
        return json.dumps(value, ensure_ascii=False, default=str)
    return str(value)


def as_pdf(export: AccessExport, *, compress: bool = True) -> bytes:
    young_person = export.young_person
    pdf = JalonPdf(
        title="Vos données personnelles",
        author=young_person.mission_locale.name,
        compress=compress,
        body_size=10,
    )
    line = pdf.line
    pdf.header_block(
        organisation=young_person.mission_locale.name,
        person=f"{young_person.first_names} {young_person.last_name.upper()}",
    )
    line(
        f"Tout ce que la Mission Locale détient à votre sujet au "
        f"{timezone.localtime(export.generated_at):%d/%m/%Y à %H:%M} "
        "(règlement général sur la protection des données, article 15)."
    )
    for section in export.sections:
        pdf.ln(4)
        pdf.heading(section.title)
        for record in section.records:
            pdf.ln(1)
            for label, value in record:
                line(f"{label} : {_text(value)}")
    pdf.ln(4)
    pdf.heading("Qui a consulté ou modifié votre dossier")
    line(
        "Chaque consultation est enregistrée. Les personnes qui agissent pour la Mission Locale "
        "sont désignées par leur fonction et leur structure.",
        style="I",
    )
    for access in export.accesses:
        what = f" ({access.what})" if access.what else ""
        line(
            f"{_text(access.at)} - {access.action}{what} - {access.role}"
            + (f", {access.organisation}" if access.organisation else "")
        )
    return pdf.to_bytes()
