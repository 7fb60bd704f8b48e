"""The pages of the obligation de formation, as counsellors and directors use them."""

from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from jalon.audit.models import AuditEntry
from jalon.obligation.models import DepartementReport, LeaverList, ObligationCase
from tests.factories import years_ago
from tests.obligation.factories import ObligationCaseFactory, csv_bytes, days_ago, leaver_row


def _upload(client, raw, name="sortants-novembre.csv"):
    return client.post(
        reverse("obligation:import"),
        {"file": SimpleUploadedFile(name, raw, content_type="text/csv"), "source": "Rectorat"},
    )


def _mapping_data(**changes):
    data = {
        "last_name": "0",
        "first_names": "1",
        "birth_date": "2",
        "sex": "3",
        "establishment": "7",
    }
    data.update(changes)
    return {k: v for k, v in data.items() if v is not None}


def test_a_counsellor_uploads_maps_previews_and_imports_a_list(client_for, counsellor_a):
    client = client_for(counsellor_a)
    rows = [leaver_row("Moreau", "Lina"), leaver_row("Garnier", "Théo", SEXE="M")]
    response = _upload(client, csv_bytes(rows, encoding="cp1252"))
    leaver_list = LeaverList.objects.get()
    assert response.url == reverse("obligation:import_mapping", args=[leaver_list.uid])
    page = client.get(response.url)
    assert "encodage Windows-1252, séparateur : point-virgule" in page.content.decode()
    # The columns were recognised from their titles.
    assert page.context["form"].initial["birth_date"] == "2"
    preview = client.post(response.url, {**_mapping_data(), "preview": "1"})
    assert preview.status_code == 200
    content = preview.content.decode()
    assert "2 situations à créer" in content
    assert "Lycée Déodat-de-Séverac" in content
    assert not ObligationCase.objects.exists()
    done = client.post(response.url, {**_mapping_data(), "import": "1"})
    assert done.url == reverse("obligation:list")
    assert ObligationCase.objects.count() == 2
    listing = client.get(done.url).content.decode()
    assert "MOREAU Lina" in listing
    assert "Liste importée : 2 situation(s) créée(s)" in listing


def test_a_line_error_is_shown_in_french_and_nothing_is_imported(client_for, counsellor_a):
    client = client_for(counsellor_a)
    rows = [
        leaver_row("Moreau", "Lina"),
        leaver_row("Garnier", "Théo", **{"DATE NAISSANCE": "12/13/2009"}),
    ]
    url = _upload(client, csv_bytes(rows)).url
    response = client.post(url, {**_mapping_data(), "import": "1"})
    content = response.content.decode()
    assert "Rien n'a été importé" in content
    assert "Ligne 3 : Date de naissance « 12/13/2009 » illisible (attendu JJ/MM/AAAA)." in content
    assert "Importer 1 situation" not in content  # no import button while errors remain
    assert not ObligationCase.objects.exists()


def test_an_unreadable_file_is_refused_on_the_upload_page(client_for, counsellor_a):
    response = _upload(client_for(counsellor_a), b"PK\x03\x04...", name="liste.xlsx")
    assert response.status_code == 200
    assert "enregistrez-le au format CSV" in response.content.decode()
    assert not LeaverList.objects.exists()


def test_a_mapping_using_one_column_twice_is_refused(client_for, counsellor_a):
    client = client_for(counsellor_a)
    url = _upload(client, csv_bytes([leaver_row("Moreau", "Lina")])).url
    response = client.post(url, {**_mapping_data(first_names="0"), "preview": "1"})
    assert "Cette colonne est déjà associée à « Nom »." in response.content.decode()


def test_reading_the_list_of_cases_is_journaled(client_for, counsellor_a, ml_a):
    ObligationCaseFactory(mission_locale=ml_a, last_name="Moreau", first_names="Lina")
    response = client_for(counsellor_a).get(reverse("obligation:list"))
    assert "MOREAU Lina" in response.content.decode()
    entry = AuditEntry.objects.filter(action="read").latest("id")
    assert entry.actor == counsellor_a
    assert entry.mission_locale == ml_a
    assert entry.changes["vue"] == [None, "liste de l'obligation de formation"]


def test_a_case_of_18_says_the_young_person_left_the_obligation(client_for, counsellor_a, ml_a):
    case = ObligationCaseFactory(mission_locale=ml_a, birth_date=years_ago(18, days=2))
    content = client_for(counsellor_a).get(reverse("obligation:case", args=[case.uid]))
    assert "il est sorti de l'obligation de formation" in content.content.decode()
    assert AuditEntry.objects.filter(action="read", object_id=str(case.uid)).exists()


def test_recording_a_convocation_from_the_case_page(client_for, counsellor_a, ml_a):
    case = ObligationCaseFactory(mission_locale=ml_a)
    client = client_for(counsellor_a)
    response = client.post(
        reverse("obligation:convocation", args=[case.uid]),
        {"convoked_on": days_ago(1).isoformat(), "appointment_on": days_ago(-7).isoformat()},
    )
    assert response.status_code == 302
    case.refresh_from_db()
    assert (case.convoked_on, case.convoked_by) == (days_ago(1), counsellor_a)
    letter = client.get(reverse("obligation:convocation_pdf", args=[case.uid]))
    assert letter.content.startswith(b"%PDF")


def test_the_director_prepares_downloads_and_records_the_report(client_for, director_a, ml_a):
    case = ObligationCaseFactory(mission_locale=ml_a, convoked_on=days_ago(75))
    client = client_for(director_a)
    listing = client.get(reverse("obligation:reports")).content.decode()
    assert case.display_name in listing
    response = client.post(reverse("obligation:report_prepare"))
    report = DepartementReport.objects.get()
    assert response.url == reverse("obligation:report", args=[report.uid])
    letter = client.get(reverse("obligation:report_pdf", args=[report.uid]))
    assert letter["Content-Type"] == "application/pdf"
    assert AuditEntry.objects.filter(action="read", object_id=str(report.uid)).count() == 1
    client.post(
        reverse("obligation:report_sent", args=[report.uid]),
        {"sent_on": days_ago(0).isoformat(), "means": "registered_post", "sent_by": director_a.pk},
    )
    page = client.get(reverse("obligation:report", args=[report.uid])).content.decode()
    assert "Courrier recommandé" in page


def test_a_case_opens_the_young_persons_file_prefilled(client_for, counsellor_a, ml_a):
    case = ObligationCaseFactory(
        mission_locale=ml_a, last_name="Moreau", first_names="Lina", postal_code="31000"
    )
    page = client_for(counsellor_a).get(reverse("obligation:register", args=[case.uid]))
    assert page.context["form"].initial["last_name"] == "Moreau"
    assert page.context["form"].initial["birth_date"] == case.birth_date


def test_the_file_timeline_shows_the_obligation_case(client_for, counsellor_a, young_person_a):
    ObligationCaseFactory(
        mission_locale=young_person_a.mission_locale,
        young_person=young_person_a,
        convoked_on=days_ago(10),
        solution_kind="apprenticeship",
        solution_on=days_ago(2),
    )
    page = client_for(counsellor_a).get(reverse("youngpeople:detail", args=[young_person_a.uid]))
    content = page.content.decode()
    assert "Obligation de formation : convocation envoyée" in content
    assert "Obligation de formation : apprentissage" in content


def test_a_list_a_colleague_just_imported_is_not_imported_twice(
    client_for, counsellor_a, director_a
):
    client = client_for(counsellor_a)
    url = _upload(client, csv_bytes([leaver_row("Moreau", "Lina")])).url
    client_for(director_a).post(url, {**_mapping_data(), "import": "1"})
    response = client.post(url, {**_mapping_data(), "import": "1"}, follow=True)
    assert "Cette liste" in response.content.decode()
    assert response.redirect_chain[-1][0] in (
        reverse("obligation:list"),
        reverse("obligation:import"),
    )
    assert ObligationCase.objects.count() == 1
