"""Data subject rights as the director uses them: requests, access export, erasure."""

import datetime
import json

import pytest
from dateutil.relativedelta import relativedelta
from django.urls import reverse
from django.utils import timezone

from jalon.audit.models import AuditEntry
from jalon.pathways.enums import PathwayKind
from jalon.pilotage.selectors import overview
from jalon.privacy import services
from jalon.privacy.enums import RightKind
from jalon.privacy.models import RightsRequest
from jalon.youngpeople.enums import FileStatus
from jalon.youngpeople.models import YoungPerson
from tests.pathways.factories import PathwayFactory
from tests.privacy.factories import SECRET, RightsRequestFactory, full_file
from tests.reception.factories import FirstReceptionFactory

TODAY = timezone.localdate()
DAY = datetime.timedelta(days=1)


@pytest.fixture
def director(director_a, client_for):
    return client_for(director_a)


@pytest.fixture
def erasure(young_person_a, director_a):
    return RightsRequestFactory(
        young_person=young_person_a, kind=RightKind.ERASURE, recorded_by=director_a
    )


def test_the_file_page_links_to_the_rights_page_for_the_director_only(
    young_person_a, director, counsellor_a, client_for
):
    url = reverse("privacy:file_rights", args=[young_person_a.uid])
    page = reverse("youngpeople:detail", args=[young_person_a.uid])
    assert url in director.get(page).content.decode()
    assert url not in client_for(counsellor_a).get(page).content.decode()


def test_rule_a_request_is_answered_within_one_month_of_its_receipt(young_person_a, director):
    received = TODAY - 3 * DAY
    response = director.post(
        reverse("privacy:file_rights", args=[young_person_a.uid]),
        {"kind": "access", "received_on": received.isoformat(), "details": "Par courrier"},
    )
    assert response.status_code == 302
    request = RightsRequest.objects.get(young_person=young_person_a)
    assert request.deadline == received + relativedelta(months=1)
    page = director.get(reverse("privacy:request_list")).content.decode()
    assert request.deadline.strftime("%d/%m/%Y") in page and "Accès (article 15)" in page
    entry = AuditEntry.objects.filter(object_type="privacy.rightsrequest").get()
    assert entry.changes["echeance"][1] == request.deadline.isoformat()


def test_a_request_received_in_the_future_is_refused_with_a_message(young_person_a, director):
    response = director.post(
        reverse("privacy:file_rights", args=[young_person_a.uid]),
        {"kind": "erasure", "received_on": (TODAY + DAY).isoformat()},
    )
    assert response.status_code == 200
    assert "ne peut pas être dans le futur" in response.content.decode()
    assert not RightsRequest.objects.exists()


def test_open_requests_are_listed_for_their_own_mission_locale_only(
    erasure, director, personas, client_for
):
    assert str(erasure.uid) in director.get(reverse("privacy:request_list")).content.decode()
    other = client_for(personas["director_b"]).get(reverse("privacy:request_list"))
    assert str(erasure.uid) not in other.content.decode()


def test_rule_the_deadline_extends_by_two_months_only_within_the_first_month(erasure, director):
    url = reverse("privacy:request_extend", args=[erasure.uid])
    assert director.post(url, {"reason": ""}).status_code == 200
    assert director.post(url, {"reason": "Dossier volumineux"}).status_code == 302
    erasure.refresh_from_db()
    assert erasure.deadline == erasure.received_on + relativedelta(months=3)
    assert erasure.extended_on == TODAY
    late = RightsRequestFactory(
        young_person=erasure.young_person,
        received_on=TODAY - 40 * DAY,
        recorded_by=erasure.recorded_by,
    )
    response = director.post(
        reverse("privacy:request_extend", args=[late.uid]), {"reason": "Trop de demandes"}
    )
    assert "dans le mois" in response.content.decode()
    late.refresh_from_db()
    assert late.extended_on is None


def test_closing_a_request_records_the_answer_and_whether_it_was_in_time(erasure, director):
    response = director.post(
        reverse("privacy:request_close", args=[erasure.uid]),
        {"answered_on": TODAY.isoformat(), "outcome": "granted", "answer": "Coordonnées effacées"},
    )
    assert response.status_code == 302
    erasure.refresh_from_db()
    assert not erasure.is_open and erasure.answer == "Coordonnées effacées"
    assert str(erasure.uid) not in director.get(reverse("privacy:request_list")).content.decode()
    entry = AuditEntry.objects.filter(object_id=str(erasure.uid)).latest("id")
    assert entry.changes["dans_les_delais"] == [None, True]


def test_the_access_export_holds_every_app_and_who_accessed_the_file(
    young_person_a, director_a, director, counsellor_a, client_for
):
    full_file(young_person_a, director_a)
    client_for(counsellor_a).get(reverse("youngpeople:detail", args=[young_person_a.uid]))
    response = director.get(reverse("privacy:export_json", args=[young_person_a.uid]))
    assert response.status_code == 200 and response["Content-Type"] == "application/json"
    document = json.loads(response.content)
    for section in (
        "Dossier",
        "Accueils",
        "Domaines du diagnostic",
        "Parcours contractualisés",
        "Phases du PACEA",
        "Versements d'allocation",
        "Sanctions CEJ",
        "Immersions (PMSMP)",
        "Propositions",
        "Situations",
        "Rendez-vous",
        "Participations aux séances collectives",
        "Contacts de repérage",
        "Fusions de dossiers",
        "Demandes d'exercice des droits",
        "Publics prioritaires",
    ):
        assert section in document["donnees"], section
    assert document["donnees"]["Dossier"][0]["Nom d'usage"] == "Dupont"
    assert SECRET in json.dumps(document, ensure_ascii=False)
    reads = document["consultations_et_modifications"]
    assert {
        "action": "Consultation",
        "objet": "dossier",
        "role": "Conseiller·ère",
        "structure": "Mission Locale de Toulouse",
    }.items() <= reads[-2].items()  # the last one is this very export
    assert reads[-1]["role"] == "Directeur·rice" and reads[-1]["objet"].startswith("export")
    # Functions and structures, not the names of the staff who consulted the file.
    assert counsellor_a.last_name not in json.dumps(reads, ensure_ascii=False)
    assert AuditEntry.objects.filter(changes__vue=[None, "export droit d'accès (JSON)"]).exists()


def test_the_access_export_speaks_french_and_leaves_technical_fields_out(
    young_person_a, director_a, director
):
    full_file(young_person_a, director_a)
    response = director.get(reverse("privacy:export_json", args=[young_person_a.uid]))
    labels = {
        label
        for records in json.loads(response.content)["donnees"].values()
        for record in records
        for label in record
    }
    assert not labels & {"Version", "Created at", "Recorded by", "Appointment", "Pathway"}
    assert "Enregistré par" in labels


def test_the_access_export_as_pdf(young_person_a, director):
    response = director.get(reverse("privacy:export_pdf", args=[young_person_a.uid]))
    assert response.status_code == 200 and response.content.startswith(b"%PDF")
    assert response["Content-Disposition"].startswith('attachment; filename="donnees-')
    assert "Dupont" not in response["Content-Disposition"]
    assert AuditEntry.objects.filter(changes__vue=[None, "export droit d'accès (PDF)"]).exists()


def test_erasing_contact_details_keeps_the_rest_and_journals_no_value(
    young_person_a, erasure, director
):
    young_person_a.email = "lucas@example.test"
    young_person_a.save()
    response = director.post(
        reverse("privacy:erase", args=[young_person_a.uid]),
        {"request": erasure.uid, "what": "contact", "confirm": "on"},
    )
    assert response.status_code == 302
    young_person_a.refresh_from_db()
    assert (young_person_a.phone, young_person_a.email, young_person_a.postal_code) == ("",) * 3
    assert young_person_a.last_name == "Dupont" and young_person_a.commune_id
    entry = AuditEntry.objects.latest("id")
    assert "lucas@example.test" not in json.dumps(entry.changes)


def test_erasing_comments_clears_every_free_text_but_the_requests(
    young_person_a, director_a, erasure, director
):
    full_file(young_person_a, director_a)
    director.post(
        reverse("privacy:erase", args=[young_person_a.uid]),
        {"request": erasure.uid, "what": "comments", "confirm": "on"},
    )
    assert not young_person_a.receptions.exclude(notes="").exists()
    assert not young_person_a.appointments.exclude(notes="").exists()
    assert young_person_a.rights_requests.filter(details=SECRET).exists()
    young_person_a.refresh_from_db()
    assert young_person_a.status == FileStatus.ACTIVE


def test_rule_whole_file_erasure_is_refused_while_a_legal_retention_obligation_applies(
    young_person_a, erasure, director
):
    PathwayFactory(young_person=young_person_a, kind=PathwayKind.CEJ, start_date=TODAY - 300 * DAY)
    response = director.post(
        reverse("privacy:erase", args=[young_person_a.uid]),
        {"request": erasure.uid, "what": "file", "confirm": "on"},
    )
    assert response.status_code == 200
    page = response.content.decode()
    assert "parcours contractualisé est en cours" in page and "CEJ" in page
    young_person_a.refresh_from_db()
    assert young_person_a.anonymised_at is None


def test_rule_whole_file_erasure_anonymises_at_once_and_keeps_the_aggregates(
    young_person_a, director_a, erasure, director
):
    FirstReceptionFactory(young_person=young_person_a, notes=SECRET)
    before = overview(director_a)["publics"], overview(director_a)["totals"]["total"]
    response = director.post(
        reverse("privacy:erase", args=[young_person_a.uid]),
        {"request": erasure.uid, "what": "file", "confirm": "on"},
    )
    assert response.url == reverse("privacy:request_detail", args=[erasure.uid])
    young_person = YoungPerson.objects.get(pk=young_person_a.pk)
    assert young_person.status == FileStatus.ANONYMISED and young_person.last_name == "Anonymisé"
    assert (overview(director_a)["publics"], overview(director_a)["totals"]["total"]) == before
    assert director.get(reverse("youngpeople:detail", args=[young_person.uid])).status_code == 404
    # The request outlives the file: the director still answers it.
    page = director.get(response.url).content.decode()
    assert "Dossier anonymisé" in page and "Enregistrer la réponse" in page
    assert director.get(reverse("privacy:request_list")).status_code == 200


def test_erasure_needs_an_open_erasure_request_of_the_file(young_person_a, director_a, director):
    access = RightsRequestFactory(young_person=young_person_a, recorded_by=director_a)
    page = director.get(reverse("privacy:file_rights", args=[young_person_a.uid]))
    assert "Enregistrez d'abord la demande d'effacement" in page.content.decode()
    response = director.post(
        reverse("privacy:erase", args=[young_person_a.uid]),
        {"request": access.uid, "what": "contact", "confirm": "on"},
    )
    assert response.status_code == 200
    young_person_a.refresh_from_db()
    assert young_person_a.phone


def test_only_the_director_of_the_file_may_erase(young_person_a, erasure, personas):
    with pytest.raises(services.PermissionDenied):
        services.erase(
            actor=personas["counsellor_a"],
            young_person=young_person_a,
            what="contact",
            request=erasure,
        )
