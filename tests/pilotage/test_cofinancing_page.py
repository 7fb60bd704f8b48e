"""The co-financing page of the pilots: form, CSV upload, CSV download, French errors."""

from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from jalon.pilotage import cofinancing

URL = reverse("pilotage:cofinancing")


def test_pilot_loads_annex_5_and_gets_the_2024_table(personas, client_for):
    client = client_for(personas["national_pilot"])
    form = client.get(URL + "?annexe=2024")
    assert "Ile-de-France,5149" in form.content.decode()

    response = client.post(
        URL,
        {"envelope": "700 000", "counts": cofinancing.ANNEX_5_2024_FILE.read_text()},
    )

    page = response.content.decode()
    assert "<td>Ile-de-France</td><td>5149</td><td>26,24 %</td><td>26 %</td><td>183659</td>" in page
    assert "<td>19625</td><td>100 %</td><td>102 %</td><td>700000</td>" in page


def test_regional_pilot_uploads_counts_per_mission_locale_and_downloads_csv(personas, client_for):
    upload = SimpleUploadedFile(
        "sortants.csv",
        "territory;released\nML Toulouse;60\nML Montpellier;30\nML Perpignan;10\n".encode(
            "utf-8-sig"
        ),
        content_type="text/csv",
    )
    response = client_for(personas["arml_pilot"]).post(
        URL, {"envelope": "50000", "counts_file": upload, "format": "csv"}
    )

    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response.content.decode("utf-8-sig").splitlines() == [
        "territory,released,share_percent,amount_eur",
        "ML Toulouse,60,60,30000",
        "ML Montpellier,30,30,15000",
        "ML Perpignan,10,10,5000",
    ]


def test_bad_counts_are_shown_line_by_line_in_french(personas, client_for):
    response = client_for(personas["national_pilot"]).post(
        URL, {"envelope": "sept cent mille", "counts": "territory,released\nCorse,-3\n"}
    )
    page = response.content.decode()
    assert "L&#x27;enveloppe « sept cent mille » n&#x27;est pas un montant entier" in page
    assert "Ligne 2 : le nombre de sortants « -3 » de « Corse »" in page
    assert "<caption>Répartition" not in page


def test_a_file_that_is_not_utf8_is_refused(personas, client_for):
    upload = SimpleUploadedFile("sortants.csv", "territory,released\nRéunion,3\n".encode("cp1252"))
    response = client_for(personas["national_pilot"]).post(
        URL, {"envelope": "1000", "counts_file": upload}
    )
    assert "n&#x27;est pas encodé en UTF-8" in response.content.decode()


def test_overview_links_pilots_to_the_allocation(personas, client_for):
    overview = reverse("pilotage:overview")
    assert URL in client_for(personas["arml_pilot"]).get(overview).content.decode()
    assert URL not in client_for(personas["director_a"]).get(overview).content.decode()


def test_regional_pilot_starts_from_the_missions_locales_of_their_region(
    personas, client_for, ml_a, ml_b
):
    page = client_for(personas["arml_pilot"]).get(URL + "?perimetre=missions-locales")
    text = page.content.decode()
    assert f"territory,released\n{ml_a.name},\n" in text
    assert ml_b.name not in text
