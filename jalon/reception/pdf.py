"""The "Mon diagnostic" document handed to the young person (fpdf2, core fonts, latin-1).

Only what was built with the young person: areas, conclusions, next step. No internal notes.
"""

from jalon.reception.enums import Area
from jalon.web.pdf import JalonPdf


def diagnostic_pdf(diagnostic, *, compress: bool = True) -> bytes:
    young_person = diagnostic.young_person
    pdf = JalonPdf(
        title="Mon diagnostic", author=young_person.mission_locale.name, compress=compress
    )
    line = pdf.line
    pdf.header_block(
        organisation=young_person.mission_locale.name,
        person=f"{young_person.first_names} {young_person.last_name.upper()}",
    )
    pdf.ln(2)
    if diagnostic.completed_on:
        line(f"Conclusions du {diagnostic.completed_on:%d/%m/%Y}")
    else:
        line("Diagnostic en cours")
    interviews = ", ".join(f"{i.held_on:%d/%m/%Y}" for i in diagnostic.interviews.all())
    line(f"Entretiens : {interviews or diagnostic.started_on.strftime('%d/%m/%Y')}")
    line(f"Conseiller·ère : {diagnostic.counsellor.get_full_name()}")
    pdf.ln(4)

    pdf.heading("Ma situation")
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
    pdf.heading("Conclusions")
    line(diagnostic.conclusions or "Les conclusions ne sont pas encore rédigées.")
    if diagnostic.recommended_next_step:
        pdf.ln(2)
        pdf.heading("Suite proposée")
        line(diagnostic.get_recommended_next_step_display())
    return pdf.to_bytes()
