"""The access export as a JSON document and as a PDF handed to the person (fpdf2)."""

import datetime
import json
import uuid
from decimal import Decimal

from django.utils import timezone
from fpdf import FPDF

from jalon.privacy.selectors import AccessExport
from jalon.reception.pdf import latin1


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


class _Document(FPDF):
    def footer(self):
        self.set_y(-15)
        self.set_font("Helvetica", "I", 8)
        self.set_text_color(110, 110, 110)
        self.cell(0, 10, latin1(f"Vos données - page {self.page_no()}/{{nb}}"), align="C")


def as_pdf(export: AccessExport, *, compress: bool = True) -> bytes:
    young_person = export.young_person
    pdf = _Document(format="A4")
    pdf.set_compression(compress)
    pdf.set_title(latin1("Vos données personnelles"))
    pdf.set_author(latin1(young_person.mission_locale.name))
    pdf.set_auto_page_break(auto=True, margin=20)
    pdf.add_page()

    def line(text, size=10, style="", height=5, color=(0, 0, 0)):
        pdf.set_font("Helvetica", style, size)
        pdf.set_text_color(*color)
        pdf.multi_cell(0, height, latin1(text), new_x="LMARGIN", new_y="NEXT")

    line(young_person.mission_locale.name, color=(0, 0, 145))
    pdf.ln(2)
    line("Vos données personnelles", size=20, style="B", height=10)
    line(f"{young_person.first_names} {young_person.last_name.upper()}", size=14, style="B")
    line(
        f"Tout ce que la Mission Locale détient à votre sujet au "
        f"{timezone.localtime(export.generated_at):%d/%m/%Y à %H:%M} "
        "(règlement général sur la protection des données, article 15)."
    )
    for section in export.sections:
        pdf.ln(4)
        line(section.title, size=14, style="B", height=8, color=(0, 0, 145))
        for record in section.records:
            pdf.ln(1)
            for label, value in record:
                line(f"{label} : {_text(value)}")
    pdf.ln(4)
    line("Qui a consulté ou modifié votre dossier", size=14, style="B", height=8, color=(0, 0, 145))
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
    return bytes(pdf.output())
