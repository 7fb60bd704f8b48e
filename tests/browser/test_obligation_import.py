"""A counsellor imports a rectorat's list of school leavers: maps an unrecognised column, sees
a line error (nothing imported), fixes the file, imports, and convokes a young person."""

import re

import pytest
from playwright.sync_api import expect

from jalon.obligation.models import ObligationCase
from tests.factories import years_ago

pytestmark = pytest.mark.browser

BORN = years_ago(17, days=-40).strftime("%d/%m/%Y")


def _file(second_birth_date: str) -> dict:
    text = "\n".join(
        [
            "Nom;Prénom;Né(e) le;Etab. d'origine;Divers",
            f"MOREAU;Lina;{BORN};Lycée Gallieni;x",
            f"GARNIER;Théo;{second_birth_date};Collège Bellefontaine;y",
        ]
    )
    return {"name": "sortants.csv", "mimeType": "text/csv", "buffer": text.encode("cp1252")}


def _upload(page, payload):
    page.goto("/obligation-de-formation/import/")
    page.locator("#id_file").set_input_files(payload)
    page.get_by_role("button", name="Déposer et associer les colonnes").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Associer les colonnes")


def test_import_with_a_mapping_and_a_line_error(page, log_in, counsellor_a):
    log_in(counsellor_a)
    _upload(page, _file("31/02/2009"))
    # Names and birth date were recognised; the establishment column is mapped by hand.
    expect(page.locator("#id_birth_date")).to_have_value("2")
    expect(page.locator("#id_establishment")).to_have_value("")
    page.locator("#id_establishment").select_option("3")
    page.get_by_role("button", name="Vérifier et voir l'aperçu").click()
    errors = page.get_by_test_id("line-errors")
    expect(errors).to_contain_text(
        "Ligne 3 : Date de naissance « 31/02/2009 » illisible (attendu JJ/MM/AAAA)."
    )
    expect(page.get_by_role("button", name=re.compile(r"^Importer \d"))).to_have_count(0)
    assert not ObligationCase.objects.exists()

    _upload(page, _file(BORN))
    page.locator("#id_establishment").select_option("3")
    page.get_by_role("button", name="Vérifier et voir l'aperçu").click()
    expect(page.get_by_test_id("plan")).to_contain_text("2 situations à créer")
    expect(page.get_by_test_id("preview")).to_contain_text("Collège Bellefontaine")
    page.get_by_role("button", name="Importer 2 situations").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Obligation de formation 16-18 ans")
    expect(page.get_by_text("Liste importée : 2 situation(s) créée(s)")).to_be_visible()

    page.get_by_role("link", name="MOREAU Lina").click()
    expect(page.get_by_test_id("stage")).to_have_text("À contacter")
    page.get_by_test_id("convocation-form").get_by_role("button").click()
    expect(page.get_by_test_id("stage")).to_have_text("Convoqué·e")
    assert ObligationCase.objects.get(first_names="Lina").convoked_by == counsellor_a
