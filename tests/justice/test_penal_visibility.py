"""A staff member without justice habilitation never sees the penal situation: not on the file,
not on its justice page, not through the API, not in the search results; habilitated reads are
journalled; free text is encrypted at rest."""

import pytest
from django.urls import reverse

from jalon.audit.models import AuditEntry
from jalon.core.encryption import stored_values
from jalon.justice.models import PenalSituation
from jalon.youngpeople.enums import PriorityPublic, PublicDetail
from tests.factories import PublicPeriodFactory

SECRET = "Condamné pour vol aggravé"


@pytest.fixture
def file_url(young_person_a, situation_a):
    return reverse("youngpeople:detail", args=[young_person_a.uid])


@pytest.mark.parametrize("persona", ["counsellor_a", "reception_a"])
def test_an_unhabilitated_colleague_sees_nothing_penal_on_the_file_page(
    persona, personas, client_for, file_url
):
    page = client_for(personas[persona]).get(file_url).content.decode()
    assert "Situation pénale" not in page
    assert "Toulouse-Seysses" not in page


def test_the_cjml_sees_the_penal_panel_on_the_file(personas, client_for, file_url):
    page = client_for(personas["cjml_a"]).get(file_url).content.decode()
    assert "Situation pénale" in page and "Toulouse-Seysses" in page


@pytest.mark.parametrize("persona", ["counsellor_a", "reception_a", "director_b", "dpo_a"])
def test_an_unhabilitated_user_gets_404_on_the_justice_page_and_the_api(
    persona, personas, client_for, api_token_for, young_person_a, situation_a
):
    user = personas[persona]
    assert (
        client_for(user).get(reverse("justice:file", args=[young_person_a.uid])).status_code == 404
    )
    api = client_for(None)
    headers = {"Authorization": f"Bearer {api_token_for(user)}"}
    for path in (
        f"/api/v1/young-people/{young_person_a.uid}/penal-situations",
        f"/api/v1/penal-situations/{situation_a.uid}",
    ):
        assert api.get(path, headers=headers).status_code == 404


def test_the_file_api_and_the_search_results_say_nothing_penal(
    personas, client_for, api_token_for, young_person_a, situation_a
):
    user = personas["counsellor_a"]
    headers = {"Authorization": f"Bearer {api_token_for(user)}"}
    file_json = client_for(None).get(f"/api/v1/young-people/{young_person_a.uid}", headers=headers)
    assert file_json.status_code == 200
    results = client_for(user).get(reverse("youngpeople:list") + "?q=Dupont").content.decode()
    assert "Dupont".upper() in results.upper()
    for body in (file_json.content.decode(), results):
        assert "Seysses" not in body and "detention_convicted" not in body and SECRET not in body


def test_the_justice_page_read_is_journalled_without_the_penal_text(
    personas, client_for, young_person_a, situation_a
):
    client_for(personas["justice_referent_a"]).get(
        reverse("justice:file", args=[young_person_a.uid])
    )
    entry = AuditEntry.objects.filter(action="read").latest("pk")
    assert entry.changes == {"vue": [None, "situation pénale"]}
    assert not any(SECRET in str(e.changes) for e in AuditEntry.objects.all())


def test_penal_details_are_encrypted_at_rest(situation_a):
    stored = dict(stored_values(PenalSituation, "details"))[situation_a.pk]
    assert SECRET not in stored
    assert PenalSituation.objects.get(pk=situation_a.pk).details.startswith(SECRET)


def test_the_cpip_of_the_group_reads_it_only_with_the_pathway_consent(
    personas, client_for, young_person_a, situation_a
):
    from django.utils import timezone

    from jalon.partners import services as partners
    from jalon.referrals.services import consent_record

    cpip, director = personas["cpip"], personas["director_a"]
    url = reverse("justice:file", args=[young_person_a.uid])
    consent_record(
        actor=director,
        young_person=young_person_a,
        organisation=cpip.organisation,
        categories={"identity"},
        method="signed_form",
        given_on=timezone.localdate(),
    )
    partners.follow_up_member_add(
        actor=director, young_person=young_person_a, user=cpip, start_date=timezone.localdate()
    )
    partner_view = reverse("partners:partner_file", args=[young_person_a.uid])
    assert client_for(cpip).get(url).status_code == 404
    assert "Situation pénale" not in client_for(cpip).get(partner_view).content.decode()
    consent_record(
        actor=director,
        young_person=young_person_a,
        organisation=cpip.organisation,
        categories={"pathway"},
        method="signed_form",
        given_on=timezone.localdate(),
    )
    assert "Situation pénale" in client_for(cpip).get(partner_view).content.decode()
    page = client_for(cpip).get(url).content.decode()
    assert "Toulouse-Seysses" in page
    # Free text never reaches a partner.
    assert SECRET not in page


def test_the_measure_behind_a_justice_priority_public_is_for_the_habilitated_only(
    personas, client_for, api_token_for, young_person_a
):
    PublicPeriodFactory(
        young_person=young_person_a,
        public=PriorityPublic.JUSTICE,
        detail=PublicDetail.JUSTICE_DETENTION,
    )
    url = reverse("youngpeople:detail", args=[young_person_a.uid])
    api = f"/api/v1/young-people/{young_person_a.uid}"
    for persona, shown in (("counsellor_a", False), ("cjml_a", True), ("director_a", True)):
        user = personas[persona]
        page = client_for(user).get(url).content.decode()
        # (The form to add a period lists every detail: the file's own periods are checked.)
        assert ("— Détention" in page) is shown, persona
        headers = {"Authorization": f"Bearer {api_token_for(user)}"}
        body = client_for(None).get(api, headers=headers).json()
        details = {p["detail"] for p in body["priority_publics"]}
        assert ("justice_detention" in details) is shown, persona
