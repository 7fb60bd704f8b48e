from jalon.audit.models import AuditEntry
from jalon.reception.models import Diagnostic, FirstReception, OutreachContact
from jalon.reception.pdf import diagnostic_pdf
from jalon.youngpeople.models import YoungPerson
from tests.factories import years_ago
from tests.reception.factories import (
    DiagnosticAreaFactory,
    DiagnosticFactory,
    OutreachContactFactory,
    days_ago,
)


def _diagnostic_url(diagnostic, suffix=""):
    return f"/jeunes/{diagnostic.young_person.uid}/diagnostics/{diagnostic.uid}/{suffix}"


def test_recording_a_reception_returns_to_the_file(client_for, personas, young_person_a):
    client = client_for(personas["reception_a"])
    url = f"/jeunes/{young_person_a.uid}/accueils/nouveau/"
    page = client.get(url).content.decode()
    assert "Premier accueil de DUPONT Lucas" in page and "<html" in page
    response = client.post(
        url,
        {
            "received_on": days_ago(1).isoformat(),
            "mode": "walk_in",
            "outcome": "one_off_answer",
            "topic": "housing",
        },
    )
    assert response.url == f"/jeunes/{young_person_a.uid}/"
    assert FirstReception.objects.get().topic == "housing"


def test_the_reception_form_is_a_fragment_under_htmx(client_for, counsellor_a, young_person_a):
    client = client_for(counsellor_a)
    url = f"/jeunes/{young_person_a.uid}/accueils/nouveau/"
    headers = {"HX-Request": "true"}
    page = client.get(url, headers=headers).content.decode()
    assert "<html" not in page and 'id="reception-form"' in page
    response = client.post(
        url,
        {
            "received_on": days_ago(1).isoformat(),
            "mode": "walk_in",
            "outcome": "external_orientation",
        },
        headers=headers,
    )
    assert "vers quel acteur" in response.content.decode()
    response = client.post(
        url,
        {
            "received_on": days_ago(1).isoformat(),
            "mode": "appointment",
            "outcome": "external_orientation",
            "oriented_to_text": "CMP de Toulouse",
        },
        headers=headers,
    )
    assert response["HX-Redirect"] == f"/jeunes/{young_person_a.uid}/"


def test_starting_a_diagnostic(client_for, counsellor_a, young_person_a):
    response = client_for(counsellor_a).post(
        f"/jeunes/{young_person_a.uid}/diagnostics/nouveau/",
        {"started_on": days_ago(3).isoformat(), "interview_mode": "in_person"},
    )
    assert response.url == f"/jeunes/{young_person_a.uid}/"
    diagnostic = Diagnostic.objects.get()
    assert diagnostic.counsellor == counsellor_a and diagnostic.interviews.count() == 1


def test_editing_the_eight_areas_then_concluding(client_for, counsellor_a, young_person_a):
    diagnostic = DiagnosticFactory(young_person=young_person_a)
    client = client_for(counsellor_a)
    page = client.get(_diagnostic_url(diagnostic, "situation/")).content.decode()
    for label in ("Emploi", "Formation", "Santé", "Logement", "Mobilité", "Ressources"):
        assert f">{label}</legend>" in page
    assert "Loisirs, culture et sport" in page and "Citoyenneté" in page
    response = client.post(
        _diagnostic_url(diagnostic, "situation/"),
        {
            "housing_situation": "Hébergé chez sa tante.",
            "housing_barriers": "Pas de garant.",
            "version": 1,
        },
    )
    assert response.url == _diagnostic_url(diagnostic)
    page = client.post(
        _diagnostic_url(diagnostic, "conclure/"),
        {
            "conclusions": "",
            "recommended_next_step": "",
            "completed_on": days_ago(0).isoformat(),
            "version": 2,
        },
    ).content.decode()
    assert "Rédigez les conclusions du diagnostic." in page
    response = client.post(
        _diagnostic_url(diagnostic, "conclure/"),
        {
            "conclusions": "Entrée en CEJ.",
            "recommended_next_step": "cej",
            "completed_on": days_ago(0).isoformat(),
            "version": 2,
        },
    )
    assert response.url == _diagnostic_url(diagnostic)
    diagnostic.refresh_from_db()
    assert diagnostic.completed_on == days_ago(0)
    page = client.get(_diagnostic_url(diagnostic)).content.decode()
    assert "Hébergé chez sa tante." in page and "Conclu le" in page
    assert "Renseigner la situation" not in page


def test_adding_an_interview(client_for, counsellor_a, young_person_a):
    diagnostic = DiagnosticFactory(young_person=young_person_a)
    client = client_for(counsellor_a)
    client.post(
        _diagnostic_url(diagnostic, "entretiens/"),
        {"held_on": days_ago(2).isoformat(), "mode": "phone"},
    )
    assert diagnostic.interviews.count() == 2


def test_viewing_a_diagnostic_is_journaled(client_for, counsellor_a, young_person_a):
    diagnostic = DiagnosticFactory(young_person=young_person_a)
    client_for(counsellor_a).get(_diagnostic_url(diagnostic))
    entry = AuditEntry.objects.get(action="read")
    assert entry.young_person == young_person_a and entry.changes["vue"][1] == "diagnostic"


def test_the_diagnostic_page_has_a_bounded_number_of_queries(
    client_for, counsellor_a, young_person_a, django_assert_max_num_queries
):
    diagnostic = DiagnosticFactory(young_person=young_person_a)
    for area in ("employment", "training", "health", "housing", "mobility", "leisure"):
        DiagnosticAreaFactory(diagnostic=diagnostic, area=area)
    client = client_for(counsellor_a)
    # Session, user, file, diagnostic, areas, interviews, header, audit entry sealed to the
    # previous one (lock, previous seal, insert, savepoints): the same whatever the number of
    # areas and interviews; and the menu's count of incoming transfers.
    with django_assert_max_num_queries(17):
        assert client.get(_diagnostic_url(diagnostic)).status_code == 200
    for day in range(5):
        diagnostic.interviews.create(held_on=days_ago(day))
    with django_assert_max_num_queries(17):
        assert client.get(_diagnostic_url(diagnostic)).status_code == 200


def test_the_pdf_for_the_young_person(client_for, counsellor_a, young_person_a):
    diagnostic = DiagnosticFactory(
        young_person=young_person_a,
        completed_on=days_ago(1),
        conclusions="Projet dans la restauration \u2013 cœur de métier.",
        recommended_next_step="e2c",
    )
    DiagnosticAreaFactory(diagnostic=diagnostic, area="mobility", barriers="Pas de permis\u2019")
    response = client_for(counsellor_a).get(_diagnostic_url(diagnostic, "pdf/"))
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"] == (
        f'attachment; filename="diagnostic-{days_ago(1).isoformat()}.pdf"'
    )
    assert response.content.startswith(b"%PDF")
    assert AuditEntry.objects.get(action="read").changes["vue"][1] == "PDF diagnostic"
    plain = diagnostic_pdf(diagnostic, compress=False)
    assert plain.startswith(b"%PDF")
    for text in (
        "Mon diagnostic",
        "Lucas DUPONT",
        "restauration - coeur de m\xe9tier",
        "Mobilit\xe9",
    ):
        assert text.encode("latin-1") in plain
    assert "École de la deuxième chance".encode("latin-1") in plain


def test_outreach_list_filters(client_for, counsellor_a, ml_a, ml_b):
    OutreachContactFactory(mission_locale=ml_a, made_by=counsellor_a, first_name="Yanis")
    OutreachContactFactory(
        mission_locale=ml_a, made_by=counsellor_a, first_name="Sofia", outcome="refused"
    )
    OutreachContactFactory(mission_locale=ml_b, first_name="Kevin")
    client = client_for(counsellor_a)
    page = client.get("/reperage/").content.decode()
    assert "Yanis" in page and "Sofia" in page and "Kevin" not in page
    page = client.get("/reperage/?outcome=refused").content.decode()
    assert "Sofia" in page and "Yanis" not in page


def test_recording_an_outreach_contact(client_for, counsellor_a, ml_a):
    response = client_for(counsellor_a).post(
        "/reperage/nouveau/",
        {
            "contacted_on": days_ago(1).isoformat(),
            "place": "Quartier Bagatelle, pied d'immeuble",
            "made_by": counsellor_a.pk,
            "outcome": "recontact",
            "approximate_age": "18",
        },
    )
    assert response.url == "/reperage/"
    assert OutreachContact.objects.get().mission_locale == ml_a


def _file_form(**overrides):
    data = {
        "last_name": "Benhamou",
        "first_names": "Yanis",
        "sex": "M",
        "birth_date": years_ago(19).isoformat(),
        "first_reception_date": days_ago(0).isoformat(),
        "neet_on_arrival": "on",
    }
    return {**data, **overrides}


def test_a_contact_becomes_a_file_in_one_step(client_for, counsellor_a, ml_a):
    contact = OutreachContactFactory(mission_locale=ml_a, made_by=counsellor_a)
    client = client_for(counsellor_a)
    page = client.get(f"/reperage/{contact.uid}/inscrire/").content.decode()
    assert 'value="Benhamou"' in page and 'value="Yanis"' in page
    response = client.post(f"/reperage/{contact.uid}/inscrire/", _file_form())
    young_person = YoungPerson.objects.get()
    assert response.url == f"/jeunes/{young_person.uid}/"
    contact.refresh_from_db()
    assert contact.young_person == young_person
    # Already converted: back to the file.
    assert client.get(f"/reperage/{contact.uid}/inscrire/").url == response.url


def test_converting_a_contact_warns_of_a_duplicate(client_for, counsellor_a, ml_a, young_person_a):
    contact = OutreachContactFactory(mission_locale=ml_a, made_by=counsellor_a)
    client = client_for(counsellor_a)
    data = _file_form(
        last_name="Dupond", first_names="Lucas", birth_date=young_person_a.birth_date.isoformat()
    )
    page = client.post(f"/reperage/{contact.uid}/inscrire/", data).content.decode()
    assert "Ce jeune a peut-être déjà un dossier" in page
    assert f"/jeunes/{young_person_a.uid}/" in page
    contact.refresh_from_db()
    assert contact.young_person is None and YoungPerson.objects.count() == 1
    response = client.post(
        f"/reperage/{contact.uid}/inscrire/", {**data, "confirm_not_duplicate": "on"}
    )
    assert response.status_code == 302
    contact.refresh_from_db()
    assert contact.young_person is not None
