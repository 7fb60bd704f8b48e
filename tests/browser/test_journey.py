"""A young person's whole journey, recorded through the pages as a counsellor does it."""

import datetime

import pytest
from playwright.sync_api import expect

from jalon.pathways.models import Pathway
from jalon.reception.models import Diagnostic
from tests.factories import years_ago

pytestmark = pytest.mark.browser


def days_ago(days: int) -> str:
    return (years_ago(0) - datetime.timedelta(days=days)).isoformat()


def choose_radio(page, name: str, value: str) -> None:
    """DSFR radios: the input is visually hidden behind its label."""
    radio = page.locator(f"input[name={name}][value={value}]")
    page.locator(f"label[for={radio.get_attribute('id')}]").click()


def save(page, label: str = "Enregistrer", scope=None) -> None:
    """Submit and wait for the next page (the server has then saved)."""
    with page.expect_navigation():
        (scope or page).get_by_role("button", name=label, exact=True).click()


def test_from_first_reception_to_employment_after_a_cej(page, log_in, counsellor_a, young_person_a):
    log_in(counsellor_a)
    uid = young_person_a.uid

    # Level 1: the first reception orients the young person to a counsellor.
    page.goto(f"/jeunes/{uid}/accueils/nouveau/")
    page.locator("#id_received_on").fill(days_ago(30))
    choose_radio(page, "outcome", "counsellor_orientation")
    save(page, "Enregistrer l'accueil")
    expect(page).to_have_url(f"{page.url.split('/jeunes/')[0]}/jeunes/{uid}/")

    # Level 2: a diagnostic, its areas, its conclusions.
    page.goto(f"/jeunes/{uid}/diagnostics/nouveau/")
    page.locator("#id_started_on").fill(days_ago(28))
    save(page, "Commencer le diagnostic")
    diagnostic = Diagnostic.objects.get(young_person=young_person_a)
    base = f"/jeunes/{uid}/diagnostics/{diagnostic.uid}/"
    page.goto(base + "situation/")
    page.locator("#id_employment_situation").fill("Sans emploi depuis la fin de son CAP")
    page.locator("#id_mobility_barriers").fill("Pas de permis")
    save(page)
    page.goto(base + "conclure/")
    page.locator("#id_conclusions").fill("Projet vente confirmé ; CEJ proposé")
    page.locator("#id_recommended_next_step").select_option("cej")
    page.locator("#id_completed_on").fill(days_ago(25))
    save(page, "Conclure le diagnostic")

    # The CEJ, with its allowance category.
    page.goto(f"/jeunes/{uid}/parcours/nouveau/")
    page.locator("#id_kind").select_option("cej")
    page.locator("#id_start_date").fill(days_ago(20))
    page.locator("#id_planned_end_date").fill(days_ago(-280))
    page.locator("#id_allowance_category").select_option("non_taxable")
    save(page)
    pathway = Pathway.objects.get(young_person=young_person_a)
    expect(page.get_by_role("heading", level=1)).to_contain_text("Contrat d'engagement jeune")

    # An immersion counts in the CEJ weekly hours.
    page.goto(f"/jeunes/{uid}/immersions/nouvelle/")
    page.locator("#id_employer_name").fill("Boulangerie du Capitole")
    page.locator("#id_employer_siret").fill("73282932000074")
    page.locator("#id_start_date").fill(days_ago(14))
    page.locator("#id_end_date").fill(days_ago(10))
    page.locator("#id_weekly_hours").fill("35")
    page.locator("#id_goal").select_option("recruit")
    save(page)
    page.goto(f"/parcours/{pathway.uid}/")
    weeks = page.get_by_test_id("cej-weeks")
    expect(weeks).to_contain_text("Immersion (PMSMP)")
    expect(weeks).to_contain_text("Moins de 15 h")

    # The job, then the exit of the CEJ into employment.
    page.goto(f"/jeunes/{uid}/situations/nouvelle/")
    page.locator("#id_kind").select_option("employment")
    page.locator("#id_contract_type").select_option("cdi")
    page.locator("#id_start_date").fill(days_ago(2))
    page.locator("#id_organisation_name").fill("Boulangerie du Capitole")
    save(page)
    page.goto(f"/parcours/{pathway.uid}/")
    exit_form = page.get_by_test_id("exit-form")
    exit_form.locator("[name=exit-end_date]").fill(days_ago(0))
    exit_form.locator("[name=exit-exit_reason]").select_option("completed")
    exit_form.locator("[name=exit-exit_outcome]").select_option("sustainable_employment")
    save(page, "Enregistrer la sortie", scope=exit_form)
    expect(page.get_by_text("La sortie du parcours est enregistrée.")).to_be_visible()

    # The file tells the whole journey, most recent first.
    page.goto(f"/jeunes/{uid}/")
    expect(page.get_by_test_id("journey-summary")).to_contain_text("Emploi — CDI")
    titles = page.get_by_test_id("timeline").locator("li strong").all_inner_texts()
    expected = [
        "Sortie du Contrat d'engagement jeune (CEJ)",
        "Emploi — CDI",
        "Immersion (PMSMP) chez Boulangerie du Capitole",
        "Entrée en Contrat d'engagement jeune (CEJ)",
    ]
    positions = [next(i for i, t in enumerate(titles) if t.startswith(e)) for e in expected]
    assert positions == sorted(positions), titles
    assert any("diagnostic" in t.lower() for t in titles[positions[-1] :]), titles
    assert any("accueil" in t.lower() for t in titles[positions[-1] :]), titles
