"""Issue #6, done when: an ASE referent and a counsellor record the interview at 17 and a joint
autonomy project. The counsellor opens the ASE follow-up of a young person about to turn 17;
the young person consented to share with the Département, whose referent joined the group; the
referent plans the interview at 17 with the counsellor, the counsellor records that it was held
jointly, the referent records the autonomy project built jointly, and both see the result."""

import datetime

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from tests.browser.conftest import sign_in
from tests.childwelfare.factories import share_with_departement, young_person_aged

pytestmark = pytest.mark.browser


def test_an_ase_referent_and_a_counsellor_record_the_interview_at_17_and_a_joint_project(
    page, browser, live_server, personas, ml_a, counsellor_a
):
    referent = personas["ase_referent"]
    today = timezone.localdate()
    young_person = young_person_aged(
        ml_a, 16, days=300, last_name="Mercier", first_names="Jade", referent=counsellor_a
    )

    # The counsellor opens the follow-up from the file.
    sign_in(page, counsellor_a)
    page.goto(f"/jeunes/{young_person.uid}/")
    page.get_by_role("link", name="Ouvrir un suivi de l'aide sociale à l'enfance (ASE)").click()
    page.get_by_label("Département (conseil départemental)").select_option(
        label="Conseil départemental 31"
    )
    page.get_by_label("Pris·e en charge par l'ASE le").fill("2020-09-01")
    page.get_by_label("Situation à l'ASE").select_option(label="Placé·e")
    page.get_by_label("Dans cette situation depuis le").fill("2020-09-01")
    page.get_by_label("Premier contact avec un·e conseiller·ère le").fill(
        (today - datetime.timedelta(days=20)).isoformat()
    )
    page.get_by_role("button", name="Enregistrer").click()
    expect(page.get_by_test_id("ase-status")).to_contain_text("Placé·e depuis le 01/09/2020")
    expect(page.get_by_test_id("interview-stage")).to_have_text("À planifier")

    # With the young person's consent, the Département's referent joins the follow-up.
    share_with_departement(counsellor_a, young_person, referent)

    # The referent plans the interview at 17, in binôme with the counsellor.
    partner = browser.new_context(base_url=live_server.url, locale="fr-FR").new_page()
    sign_in(partner, referent)
    partner.get_by_role("link", name="MERCIER Jade").click()
    partner.get_by_role("link", name="Suivi ASE : entretien des 17 ans").click()
    partner.get_by_role("link", name="Enregistrer un entretien").click()
    partner.get_by_label("Prévu le").fill((today + datetime.timedelta(days=7)).isoformat())
    partner.get_by_label("Professionnel·le du Département présent·e").fill(referent.get_full_name())
    partner.get_by_label("Conseiller·ère de la Mission Locale présent·e").select_option(
        label=counsellor_a.get_full_name()
    )
    partner.get_by_role("button", name="Enregistrer l'entretien").click()
    expect(partner.get_by_test_id("interview-stage")).to_have_text("Planifié")

    # The counsellor records that the interview was held, jointly.
    page.reload()
    page.get_by_test_id("interviews").get_by_role("link", name="Modifier").click()
    page.get_by_label("Réalisé le").fill(today.isoformat())
    page.locator("label[for=id_held_jointly]").click()
    page.get_by_role("button", name="Enregistrer l'entretien").click()
    expect(page.get_by_test_id("interview-stage")).to_have_text("Réalisé")
    expect(page.get_by_test_id("interviews")).to_contain_text(
        f"Réalisé le {today:%d/%m/%Y} — En binôme Département / Mission Locale"
    )

    # The referent records the autonomy project built jointly with the counsellor.
    partner.reload()
    expect(partner.get_by_test_id("interviews")).to_contain_text("En binôme")
    partner.get_by_role("link", name="Enregistrer un projet").click()
    partner.get_by_label("Élaboré le").fill(today.isoformat())
    partner.locator("label[for=id_built_jointly]").click()
    partner.get_by_label("Conseiller·ère de la Mission Locale associé·e").select_option(
        label=counsellor_a.get_full_name()
    )
    partner.get_by_label("Logement : objectifs").fill("Entrer en foyer de jeunes travailleurs")
    partner.get_by_label("Emploi, formation : actions").fill("Stage en crèche en juin")
    partner.get_by_role("button", name="Enregistrer le projet").click()
    expect(partner.get_by_test_id("project")).to_contain_text(
        "Élaboré conjointement avec la Mission Locale"
    )

    page.reload()
    project = page.get_by_test_id("project")
    expect(project).to_contain_text("Entrer en foyer de jeunes travailleurs")
    expect(project).to_contain_text(f"Mission Locale : {counsellor_a.get_full_name()}")
    partner.context.close()
