import pytest
from django.db import connection

from jalon.accounts.models import Role, User
from jalon.referrals.services import liaison_form_match
from jalon.youngpeople.models import YoungPerson
from tests.factories import YoungPersonFactory, years_ago
from tests.referrals.factories import send as send_liaison_form
from tests.youngpeople.factories import stored_document


def form_data(**overrides):
    data = {
        "last_name": "Bernard",
        "first_names": "Manon",
        "sex": "F",
        "birth_date": years_ago(19).isoformat(),
        "first_reception_date": years_ago(0, days=1).isoformat(),
        "postal_code": "31400",
        "commune": "31555",
        "neet_on_arrival": "on",
    }
    return {**data, **overrides}


def test_creating_a_file_from_the_page(client_for, counsellor_a):
    response = client_for(counsellor_a).post("/jeunes/nouveau/", form_data())
    young_person = YoungPerson.objects.get()
    assert response.url == f"/jeunes/{young_person.uid}/"
    assert young_person.referent == counsellor_a


def test_the_age_rule_message_is_shown_and_input_kept(client_for, counsellor_a):
    response = client_for(counsellor_a).post(
        "/jeunes/nouveau/", form_data(birth_date=years_ago(14).isoformat())
    )
    page = response.content.decode()
    assert "la Mission Locale accompagne les jeunes de 16 à 25 ans révolus" in page
    assert 'value="Bernard"' in page
    assert not YoungPerson.objects.exists()


def test_a_duplicate_elsewhere_shows_only_the_other_mission_locale_contact(
    client_for, counsellor_a, young_person_b
):
    data = form_data(
        last_name="Lefevre", first_names="Ines", birth_date=young_person_b.birth_date.isoformat()
    )
    page = client_for(counsellor_a).post("/jeunes/nouveau/", data).content.decode()
    assert "Ce jeune a peut-être déjà un dossier" in page
    assert "Mission Locale du Nord Meusien" in page and "03 29 00 00 55" in page
    assert str(young_person_b.uid) not in page
    assert YoungPerson.objects.count() == 1
    response = client_for(counsellor_a).post(
        "/jeunes/nouveau/", {**data, "confirm_not_duplicate": "on"}
    )
    assert response.status_code == 302
    assert YoungPerson.objects.count() == 2


def test_a_duplicate_in_the_same_mission_locale_links_to_it(
    client_for, counsellor_a, young_person_a
):
    data = form_data(
        last_name="Dupond", first_names="Lucas", birth_date=young_person_a.birth_date.isoformat()
    )
    page = client_for(counsellor_a).post("/jeunes/nouveau/", data).content.decode()
    assert f"/jeunes/{young_person_a.uid}/" in page


def test_a_postal_code_from_elsewhere_is_explained(client_for, counsellor_a):
    page = client_for(counsellor_a).post("/jeunes/nouveau/", form_data(postal_code="34000")).content
    assert "Sélectionnez un choix valide" in page.decode() or "ne correspond pas" in page.decode()


def test_communes_are_offered_for_a_postal_code(client_for, counsellor_a):
    page = client_for(counsellor_a).get("/communes/?postal_code=55100").content.decode()
    assert "Verdun" in page


def test_editing_a_file(client_for, counsellor_a, young_person_a):
    data = form_data(
        last_name="Dupont",
        first_names="Lucas",
        birth_date=young_person_a.birth_date.isoformat(),
        first_reception_date=young_person_a.first_reception_date.isoformat(),
        phone="07 11 22 33 44",
        version=young_person_a.version,
    )
    response = client_for(counsellor_a).post(f"/jeunes/{young_person_a.uid}/modifier/", data)
    assert response.status_code == 302
    young_person_a.refresh_from_db()
    assert young_person_a.phone == "07 11 22 33 44"


def test_the_portfolio_lists_my_young_people_and_filters_by_public(
    client_for, counsellor_a, ml_a, young_person_a
):
    other = YoungPersonFactory(mission_locale=ml_a, last_name="Zidane", first_names="Nora")
    client = client_for(counsellor_a)
    page = client.get("/jeunes/").content.decode()
    assert "DUPONT Lucas" in page and "ZIDANE" not in page
    page = client.get("/jeunes/?scope=all").content.decode()
    assert "ZIDANE Nora" in page
    other.public_periods.create(public="qpv", start_date=years_ago(1))
    page = client.get("/jeunes/?scope=all&public=qpv").content.decode()
    assert "ZIDANE Nora" in page and "DUPONT Lucas" not in page


def test_the_portfolio_is_paginated_and_sortable(client_for, counsellor_a, ml_a):
    for index in range(30):
        YoungPersonFactory(mission_locale=ml_a, referent=counsellor_a, last_name=f"Nom{index:02d}")
    client = client_for(counsellor_a)
    first_page = client.get("/jeunes/?sort=-nom").content.decode()
    assert "NOM29" in first_page and "NOM00" not in first_page
    assert "NOM00" in client.get("/jeunes/?sort=-nom&page=2").content.decode()


def test_search_results_come_as_an_htmx_fragment(client_for, counsellor_a, young_person_a):
    response = client_for(counsellor_a).get(
        "/jeunes/?q=dupond", headers={"HX-Request": "true", "HX-Target": "results"}
    )
    page = response.content.decode()
    assert "DUPONT Lucas" in page and "<html" not in page


@pytest.mark.parametrize("persona", ["arml_pilot", "national_pilot"])
def test_pilots_see_aggregates_and_never_a_name(client_for, personas, persona, young_person_a):
    page = client_for(personas[persona]).get("/pilotage/").content.decode()
    assert "Mission Locale de Toulouse" in page
    assert "Dupont" not in page and "DUPONT" not in page
    assert client_for(personas[persona]).get("/jeunes/?q=dupont").status_code == 403


def test_regional_pilot_sees_only_their_region(client_for, personas, ml_a, ml_b):
    page = client_for(personas["arml_pilot"]).get("/pilotage/").content.decode()
    assert ml_a.name in page and ml_b.name not in page


def test_merge_from_the_pages(client_for, director_a, counsellor_b, ml_a):
    kept = YoungPersonFactory(mission_locale=ml_a, first_names="Lucas")
    other = YoungPersonFactory(mission_locale=ml_a, first_names="Lucas", email="l@exemple.fr")
    client = client_for(director_a)
    page = client.get(f"/jeunes/{kept.uid}/fusionner/?q=dupont lucas").content.decode()
    assert f"?other={other.uid}" in page
    response = client.post(
        f"/jeunes/{kept.uid}/fusionner/", {"other": str(other.uid), "confirm": "on"}
    )
    assert response.status_code == 302
    kept.refresh_from_db()
    assert kept.email == "l@exemple.fr"
    assert client.get(f"/jeunes/{other.uid}/").url == f"/jeunes/{kept.uid}/"
    assert client_for(counsellor_b).get(f"/jeunes/{other.uid}/").status_code == 404


def test_file_page_shows_both_level_nomenclatures(client_for, counsellor_a, young_person_a):
    young_person_a.level_1969 = "V"
    young_person_a.level_2019 = 3
    young_person_a.save()
    page = client_for(counsellor_a).get(f"/jeunes/{young_person_a.uid}/").content.decode()
    assert "année terminale de CAP/BEP" in page and "CAP, BEP" in page


def test_the_portfolio_page_has_a_bounded_number_of_queries(
    client_for, counsellor_a, ml_a, django_assert_max_num_queries
):
    for _ in range(25):
        young_person = YoungPersonFactory(mission_locale=ml_a, referent=counsellor_a)
        young_person.public_periods.create(public="qpv", start_date=years_ago(1))
    client = client_for(counsellor_a)
    # 10, and the menu's count of incoming transfers.
    with django_assert_max_num_queries(11):
        assert client.get("/jeunes/").status_code == 200


def test_the_file_page_has_a_bounded_number_of_queries(
    client_for, counsellor_a, young_person_a, django_assert_max_num_queries
):
    for public in ("qpv", "zrr", "mna"):
        young_person_a.public_periods.create(public=public, start_date=years_ago(1))
    for _ in range(3):
        stored_document(young_person_a)
    cpip = User.objects.get(role=Role.CPIP)
    for _ in range(3):
        form = send_liaison_form(cpip, young_person_a.mission_locale)
        liaison_form_match(actor=counsellor_a, form=form, young_person=young_person_a)
    client = client_for(counsellor_a)
    # The timeline's providers add a fixed number of queries (see tests/pathways); the journal's
    # entry for the read takes an advisory lock on PostgreSQL. Transfers: the menu's count and
    # the file's transfers (banner and timeline); liaison forms: their timeline entry; sharing
    # with partners: the consents (section and timeline) and the group's members (timeline);
    # obligation de formation: its cases (timeline).
    with django_assert_max_num_queries(31 + (connection.vendor == "postgresql")):
        assert client.get(f"/jeunes/{young_person_a.uid}/").status_code == 200


def test_search_has_a_bounded_number_of_queries(
    client_for, counsellor_a, ml_a, django_assert_max_num_queries
):
    YoungPersonFactory.create_batch(20, mission_locale=ml_a)
    client = client_for(counsellor_a)
    # 10, and the menu's count of incoming transfers.
    with django_assert_max_num_queries(11):
        assert client.get("/jeunes/?q=dupond").status_code == 200


def test_merging_a_file_with_itself_is_refused_with_a_message(
    client_for, director_a, young_person_a
):
    client = client_for(director_a)
    url = f"/jeunes/{young_person_a.uid}/fusionner/"
    response = client.post(url, {"other": str(young_person_a.uid), "confirm": "on"}, follow=True)
    assert response.status_code == 200
    assert "Choisissez deux dossiers différents." in response.content.decode()
    assert client.get(url + "?other=not-a-uuid").status_code == 404


def test_missing_pages_are_french(client_for, counsellor_a):
    response = client_for(counsellor_a).get("/jeunes/00000000-0000-0000-0000-000000000000/")
    assert response.status_code == 404
    assert "Page introuvable" in response.content.decode()


def test_the_edit_form_keeps_the_file_commune_selected(client_for, counsellor_a, young_person_a):
    page = client_for(counsellor_a).get(f"/jeunes/{young_person_a.uid}/modifier/").content.decode()
    code = young_person_a.commune.code
    assert f'<option value="{code}" selected>' in page
