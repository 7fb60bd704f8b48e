"""The printable liaison form: what was sent, its status history, and nothing more."""

from django.utils import timezone

from jalon.web.pdf import JalonPdf


def render(form, *, transitions, internal_comment: bool, appointment: bool) -> bytes:
    """`internal_comment`: the Mission Locale's own copy only; `appointment`: staff, or a
    partner whose consent covers appointments."""
    pdf = JalonPdf(title="Fiche de liaison", author=form.sender_organisation.name, body_size=10)
    line = pdf.line
    pdf.header_block(organisation=form.sender_organisation.name, person=form.person_name)
    line(
        f"{form.get_direction_display()} - envoyée le "
        f"{timezone.localtime(form.sent_at):%d/%m/%Y} par {form.sender.get_full_name()} "
        f"à {form.recipient_organisation.name}"
    )
    line(f"Statut : {form.get_status_display()}", style="B")
    pdf.ln(3)
    pdf.heading("Le jeune")
    line(f"Né·e le {form.birth_date:%d/%m/%Y}")
    for label, value in (
        ("Téléphone", form.phone),
        ("Courriel", form.email),
        ("Commune", form.commune.name if form.commune_id else ""),
        ("Situation", form.get_situation_display()),
        ("Établissement", form.establishment.name if form.establishment_id else ""),
        (
            "Date de sortie prévue",
            f"{form.expected_release_date:%d/%m/%Y}" if form.expected_release_date else "",
        ),
        ("Précisions", form.situation_details),
    ):
        if value:
            line(f"{label} : {value}")
    pdf.ln(3)
    pdf.heading("L'orientation")
    line(f"Motif : {form.reason}")
    line(
        f"Urgence : {form.get_urgency_display()}"
        + (f" ({form.urgency_reason})" if form.urgency_reason else "")
    )
    if form.need_labels:
        line("Besoins : " + ", ".join(form.need_labels))
    if form.needs_details:
        line(f"Précisions sur les besoins : {form.needs_details}")
    if form.diagnostic_conclusions:
        line(f"Conclusions du diagnostic : {form.diagnostic_conclusions}")
    line(
        f"Consentement du jeune : {form.get_consent_method_display()}, "
        f"le {form.consent_date:%d/%m/%Y}"
    )
    if appointment and form.appointment_id:
        line(f"Rendez-vous : {timezone.localtime(form.appointment.starts_at):%d/%m/%Y à %H:%M}")
    if internal_comment and form.internal_comment:
        line(f"Commentaire interne de la Mission Locale : {form.internal_comment}")
    pdf.ln(3)
    pdf.heading("Historique")
    for transition in transitions:
        reason = f" - {transition.reason}" if transition.reason else ""
        line(
            f"{timezone.localtime(transition.at):%d/%m/%Y %H:%M} - "
            f"{transition.get_to_status_display()}{reason}"
        )
    return pdf.to_bytes()
