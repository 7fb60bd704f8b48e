"""The "Mon diagnostic" document handed to the young person (fpdf2, core fonts, latin-1).

Only what was built with the young person: areas, conclusions, next step. No internal notes.
"""

from fpdf import FPDF

from jalon.reception.enums import Area

# Core fonts only know latin-1: typographic characters outside it get a plain equivalent.
_REPLACEMENTS = {
    "\u0153": "oe",
    "\u0152": "OE",
    "\u2019": "'",
    "\u2018": "'",
    "\u201c": '"',
    "\u201d": '"',
    "\u2013": "-",
    "\u2014": "-",
    "\u2026": "...",
    "\u20ac": "EUR",
    "\u202f": " ",
    "\u2009": " ",
    "\u2192": "->",
    "\u2022": "-",
}


def latin1(text: str) -> str:
    text = "".join(_REPLACEMENTS.get(char, char) for char in text or "")
    return text.encode("latin-1", "replace").decode("latin-1")


class _Document(FPDF):
    def footer(self):
        self.set_y(-15)
        self.set_font("Helvetica", "I", 8)
        self.set_text_color(110, 110, 110)
        self.cell(0, 10, latin1(f"Mon diagnostic - page {self.page_no()}/{{nb}}"), align="C")


def diagnostic_pdf(diagnostic, *, compress: bool = True) -> bytes:
    young_person = diagnostic.young_person
    pdf = _Document(format="A4")
    pdf.set_compression(compress)
    pdf.set_title(latin1("Mon diagnostic"))
    pdf.set_author(latin1(young_person.mission_locale.name))
    pdf.set_auto_page_break(auto=True, margin=20)
    pdf.add_page()

    def line(text, size=11, style="", height=6, color=(0, 0, 0)):
        pdf.set_font("Helvetica", style, size)
        pdf.set_text_color(*color)
        pdf.multi_cell(0, height, latin1(text), new_x="LMARGIN", new_y="NEXT")

    line(young_person.mission_locale.name, size=10, color=(0, 0, 145))
    pdf.ln(2)
    line("Mon diagnostic", size=20, style="B", height=10)
    line(f"{young_person.first_names} {young_person.last_name.upper()}", size=14, style="B")
    pdf.ln(2)
    if diagnostic.completed_on:
        line(f"Conclusions du {diagnostic.completed_on:%d/%m/%Y}")
    else:
        line("Diagnostic en cours")
    interviews = ", ".join(f"{i.held_on:%d/%m/%Y}" for i in diagnostic.interviews.all())
    line(f"Entretiens : {interviews or diagnostic.started_on.strftime('%d/%m/%Y')}")
    line(f"Conseiller·ère : {diagnostic.counsellor.get_full_name()}")
    pdf.ln(4)

    line("Ma situation", size=14, style="B", height=8, color=(0, 0, 145))
    areas = sorted(diagnostic.areas.all(), key=lambda area: area.order)
    if not areas:
        line("Aucun domaine renseigné pour le moment.", style="I")
    for area in areas:
        pdf.ln(1)
        line(Area(area.area).label, size=12, style="B", height=7)
        if area.situation:
            line(f"Situation : {area.situation}")
        if area.barriers:
            line(f"Freins : {area.barriers}")
    pdf.ln(4)
    line("Conclusions", size=14, style="B", height=8, color=(0, 0, 145))
    line(diagnostic.conclusions or "Les conclusions ne sont pas encore rédigées.")
    if diagnostic.recommended_next_step:
        pdf.ln(2)
        line("Suite proposée", size=14, style="B", height=8, color=(0, 0, 145))
        line(diagnostic.get_recommended_next_step_display())
    return bytes(pdf.output())
