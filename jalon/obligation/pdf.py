"""The letters of the obligation de formation: the convocation, and the report to the président
du conseil départemental listing the young people still without a solution."""

import datetime

from jalon.obligation import rules
from jalon.web.pdf import JalonPdf


def _organisation_lines(pdf, organisation) -> None:
    pdf.line(organisation.name, size=10, style="B")
    for text in (
        organisation.address,
        organisation.commune.name if organisation.commune_id else "",
        organisation.phone,
        organisation.email,
    ):
        if text:
            pdf.line(text, size=10)
    pdf.ln(6)


def report_letter(report, cases, *, signatory: str, compress: bool = True) -> bytes:
    organisation = report.mission_locale
    pdf = JalonPdf(
        title="Signalement - obligation de formation",
        author=organisation.name,
        body_size=10,
        compress=compress,
    )
    _organisation_lines(pdf, organisation)
    pdf.line(
        f"À l'attention de Madame ou Monsieur le Président du Conseil départemental "
        f"({report.departement.name})",
        style="B",
    )
    pdf.line(f"Le {report.prepared_on:%d/%m/%Y}")
    pdf.ln(4)
    pdf.line(
        "Objet : obligation de formation des jeunes de 16 à 18 ans (article L. 114-1 du Code de "
        "l'éducation) - jeunes sans solution deux mois après leur convocation",
        style="B",
    )
    pdf.ln(3)
    pdf.line("Madame, Monsieur le Président,")
    pdf.ln(2)
    pdf.line(
        f"En application de l'article L. 114-1 du Code de l'éducation, la Mission Locale vous "
        f"informe que les {report.case_count} jeune(s) ci-dessous, convoqué(s) par nos soins, "
        f"ne sont ni scolarisé(s), ni en formation, ni en emploi, ni en service civique, ni "
        f"accompagné(s) dans un parcours d'insertion, {rules.report_delay_months()} mois après "
        "leur convocation."
    )
    pdf.ln(3)
    for index, case in enumerate(cases, start=1):
        pdf.line(
            f"{index}. {case.last_name.upper()} {case.first_names}, né(e) le "
            f"{case.birth_date:%d/%m/%Y}",
            style="B",
        )
        address = " ".join(
            part for part in (case.address, case.postal_code, case.commune_name) if part
        )
        attempts = len(case.contact_attempts.all())
        for label, value in (
            ("Adresse", address),
            ("Établissement quitté", case.establishment),
            ("Classe", case.school_class),
            ("Sortie le", f"{case.left_on:%d/%m/%Y}" if case.left_on else ""),
            ("Représentant légal", case.representative),
            ("Convoqué(e) le", f"{case.convoked_on:%d/%m/%Y}" if case.convoked_on else ""),
            ("Tentatives de contact", str(attempts) if attempts else "aucune"),
            ("18 ans le", f"{case.ends_on:%d/%m/%Y}"),
        ):
            if value:
                pdf.line(f"    {label} : {value}")
        pdf.ln(1)
    if len(cases) < report.case_count:
        pdf.line(
            f"({report.case_count - len(cases)} situation(s) supprimée(s) depuis, la durée de "
            "conservation étant échue.)"
        )
    pdf.ln(4)
    pdf.line(
        "Nous restons à votre disposition pour tout échange sur ces situations. Veuillez agréer, "
        "Madame, Monsieur le Président, l'expression de notre considération distinguée."
    )
    pdf.ln(6)
    pdf.line(signatory, style="B")
    pdf.line(f"Pour la {organisation.name}")
    return pdf.to_bytes()


def convocation_letter(case, *, signatory: str, today: datetime.date) -> bytes:
    organisation = case.mission_locale
    pdf = JalonPdf(title="Convocation", author=organisation.name)
    _organisation_lines(pdf, organisation)
    pdf.line(f"{case.first_names} {case.last_name.upper()}", style="B")
    if case.representative:
        pdf.line(f"et {case.representative}, son représentant légal")
    for text in (case.address, f"{case.postal_code} {case.commune_name}".strip()):
        if text:
            pdf.line(text)
    pdf.ln(4)
    pdf.line(f"Le {(case.convoked_on or today):%d/%m/%Y}")
    pdf.ln(2)
    pdf.line("Objet : convocation - obligation de formation des 16-18 ans", style="B")
    pdf.ln(2)
    pdf.line("Bonjour,")
    pdf.line(
        "Depuis la rentrée 2020, tout jeune de 16 à 18 ans doit être en formation, en emploi, en "
        "service civique ou accompagné vers l'un d'eux (article L. 114-1 du Code de "
        "l'éducation). La Mission Locale est là pour vous aider à trouver la solution qui vous "
        "convient : retour en formation, apprentissage, emploi, service civique ou "
        "accompagnement."
    )
    pdf.ln(2)
    when = (
        f"le {case.appointment_on:%d/%m/%Y}"
        if case.appointment_on
        else "dans les meilleurs délais (appelez-nous pour fixer un rendez-vous)"
    )
    pdf.line(f"Nous vous attendons {when} à la Mission Locale.", style="B")
    if organisation.phone:
        pdf.line(f"Pour nous joindre : {organisation.phone}")
    pdf.ln(6)
    pdf.line(signatory, style="B")
    pdf.line(organisation.name)
    return pdf.to_bytes()
