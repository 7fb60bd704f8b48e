"""Transfers between Missions Locales: the file changes hands whole, and only on acceptance."""

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from jalon.audit.models import AuditEntry
from jalon.pathways.models import Pathway
from jalon.reception.models import Diagnostic, FirstReception
from jalon.scheduling.enums import AppointmentStatus
from jalon.scheduling.models import Appointment
from jalon.youngpeople import transfers
from jalon.youngpeople.enums import TransferReason, TransferStatus
from jalon.youngpeople.models import Document, FileTransfer
from jalon.youngpeople.timeline import timeline
from tests.factories import YoungPersonFactory, commune
from tests.pathways.factories import PathwayFactory
from tests.reception.factories import (
    DiagnosticAreaFactory,
    DiagnosticFactory,
    FirstReceptionFactory,
)
from tests.scheduling.factories import AppointmentFactory, at
from tests.youngpeople.factories import stored_document


@pytest.fixture
def director_b(personas):
    return personas["director_b"]


@pytest.fixture
def full_file(young_person_a, counsellor_a):
    """A file of ML A with a reception, a diagnostic, a pathway, appointments and a document."""
    FirstReceptionFactory(young_person=young_person_a)
    diagnostic = DiagnosticFactory(young_person=young_person_a)
    DiagnosticAreaFactory(diagnostic=diagnostic)
    PathwayFactory(young_person=young_person_a)
    AppointmentFactory(young_person=young_person_a, starts_at=at(-10))
    AppointmentFactory(young_person=young_person_a, starts_at=at(7))
    stored_document(young_person_a)
    return young_person_a


def _request(actor, young_person, ml, **extra):
    return transfers.transfer_request(
        actor=actor,
        young_person=young_person,
        to_mission_locale=ml,
        reason_kind=extra.pop("reason_kind", TransferReason.MOVE),
        **extra,
    )


def _history(young_person) -> dict:
    return {
        "receptions": list(
            FirstReception.objects.filter(young_person=young_person).values_list("pk", "mode")
        ),
        "diagnostics": list(
            Diagnostic.objects.filter(young_person=young_person).values_list("pk", "started_on")
        ),
        "areas": sorted(
            (a.area, a.situation, a.barriers)
            for d in Diagnostic.objects.filter(young_person=young_person)
            for a in d.areas.all()
        ),
        "pathways": list(
            Pathway.objects.filter(young_person=young_person).values_list(
                "pk", "kind", "start_date", "planned_end_date"
            )
        ),
        "appointments": list(
            Appointment.objects.filter(young_person=young_person).values_list(
                "pk", "starts_at", "subject"
            )
        ),
        "notes": [a.notes for a in Appointment.objects.filter(young_person=young_person)],
        "documents": list(
            Document.objects.filter(young_person=young_person).values_list("pk", "sha256")
        ),
    }


def _file_urls(young_person) -> list[str]:
    pathway = young_person.pathways.get()
    document = young_person.documents.get()
    uid = young_person.uid
    return [
        reverse("youngpeople:detail", args=[uid]),
        reverse("youngpeople:edit", args=[uid]),
        reverse("youngpeople:timeline", args=[uid]),
        reverse("youngpeople:document_download", args=[document.uid]),
        reverse("pathways:detail", args=[pathway.uid]),
        f"/api/v1/young-people/{uid}",
        f"/api/v1/young-people/{uid}/pathways",
        f"/api/v1/young-people/{uid}/appointments",
        f"/api/v1/young-people/{uid}/diagnostics",
        f"/api/v1/young-people/{uid}/documents",
        f"/api/v1/documents/{document.uid}",
    ]


def _statuses(client_for, api_token_for, user, urls) -> dict[str, int]:
    page_client = client_for(user)
    headers = {"Authorization": f"Bearer {api_token_for(user)}"}
    return {
        url: (
            page_client.get(url, headers=headers)
            if url.startswith("/api/")
            else page_client.get(url)
        ).status_code
        for url in urls
    }


def test_rule_a_transferred_file_keeps_its_whole_history_and_the_sender_loses_access_on_acceptance(
    full_file, counsellor_a, counsellor_b, director_b, ml_b, client_for, api_token_for
):
    history = _history(full_file)
    urls = _file_urls(full_file)
    transfer = _request(counsellor_a, full_file, ml_b, reason="Installation chez sa sœur")

    # Pending: ML A still reads everything; ML B sees the preview only.
    assert set(_statuses(client_for, api_token_for, counsellor_a, urls).values()) == {200}
    assert set(_statuses(client_for, api_token_for, counsellor_b, urls).values()) == {404}
    preview = client_for(counsellor_b).get(
        reverse("youngpeople:transfer_detail", args=[transfer.uid])
    )
    page = preview.content.decode()
    assert preview.status_code == 200
    assert "DUPONT" in page.upper() and "Installation chez sa sœur" in page
    assert "CEJ" in page or "Contrat d'engagement jeune" in page
    assert "Évoque une situation familiale difficile" not in page  # appointment notes
    assert "Pas de permis de conduire" not in page  # diagnostic

    client_for(director_b).post(reverse("youngpeople:transfer_accept", args=[transfer.uid]))

    transfer.refresh_from_db()
    full_file.refresh_from_db()
    assert transfer.status == TransferStatus.ACCEPTED
    assert full_file.mission_locale == ml_b
    assert _history(full_file) == history
    assert set(_statuses(client_for, api_token_for, counsellor_b, urls).values()) == {200}
    assert set(_statuses(client_for, api_token_for, counsellor_a, urls).values()) == {404}
    # Not even the transfer itself any more.
    assert (
        client_for(counsellor_a)
        .get(reverse("youngpeople:transfer_detail", args=[transfer.uid]))
        .status_code
        == 404
    )


def test_rule_acceptance_cancels_the_future_appointments_with_the_sender_and_logs_why(
    full_file, counsellor_a, director_b, ml_b
):
    past = full_file.appointments.get(starts_at__lt=at(0))
    future = full_file.appointments.get(starts_at__gt=at(0))
    transfer = _request(counsellor_a, full_file, ml_b)
    transfers.transfer_accept(actor=director_b, transfer=transfer)
    future.refresh_from_db()
    past.refresh_from_db()
    assert future.status == AppointmentStatus.CANCELLED
    assert past.status == AppointmentStatus.PLANNED  # the past is history, not rewritten
    change = future.status_changes.get()
    assert change.reason == "Dossier transféré à Mission Locale du Nord Meusien"
    assert change.changed_by == director_b


def test_rule_acceptance_hands_the_file_to_the_receiver_with_a_new_version(
    young_person_a, counsellor_a, counsellor_b, director_b, ml_b
):
    version = young_person_a.version
    transfer = _request(counsellor_a, young_person_a, ml_b)
    transfers.transfer_accept(actor=director_b, transfer=transfer, referent=counsellor_b)
    young_person_a.refresh_from_db()
    assert young_person_a.referent == counsellor_b
    assert young_person_a.site is None
    assert young_person_a.version == version + 1
    assert [(c.from_status, c.to_status) for c in transfer.status_changes.all()] == [
        ("", TransferStatus.REQUESTED),
        (TransferStatus.REQUESTED, TransferStatus.ACCEPTED),
    ]


def test_rule_the_receiver_picks_a_referent_of_its_own_mission_locale(
    young_person_a, counsellor_a, director_b, ml_b
):
    transfer = _request(counsellor_a, young_person_a, ml_b)
    with pytest.raises(ValidationError) as error:
        transfers.transfer_accept(actor=director_b, transfer=transfer, referent=counsellor_a)
    assert "referent" in error.value.message_dict


def test_rule_only_the_receiving_mission_locale_decides(young_person_a, counsellor_a, ml_b):
    transfer = _request(counsellor_a, young_person_a, ml_b)
    with pytest.raises(PermissionDenied):
        transfers.transfer_accept(actor=counsellor_a, transfer=transfer)


def test_rule_a_refusal_needs_a_reason_and_leaves_the_file_with_the_sender(
    young_person_a, counsellor_a, director_b, ml_a, ml_b
):
    transfer = _request(counsellor_a, young_person_a, ml_b)
    with pytest.raises(ValidationError):
        transfers.transfer_refuse(actor=director_b, transfer=transfer, reason="  ")
    transfers.transfer_refuse(actor=director_b, transfer=transfer, reason="Adresse hors secteur")
    transfer.refresh_from_db()
    young_person_a.refresh_from_db()
    assert transfer.status == TransferStatus.REFUSED
    assert transfer.refusal_reason == "Adresse hors secteur"
    assert young_person_a.mission_locale == ml_a


def test_rule_a_decided_transfer_cannot_be_decided_again(
    young_person_a, counsellor_a, director_b, ml_b
):
    transfer = _request(counsellor_a, young_person_a, ml_b)
    transfers.transfer_refuse(actor=director_b, transfer=transfer, reason="Hors secteur")
    with pytest.raises(transfers.TransferConflict):
        transfers.transfer_accept(actor=director_b, transfer=transfer)


def test_rule_one_pending_transfer_per_file(young_person_a, counsellor_a, ml_b):
    _request(counsellor_a, young_person_a, ml_b)
    with pytest.raises(transfers.TransferConflict):
        _request(counsellor_a, young_person_a, ml_b)


def test_rule_the_sender_may_cancel_while_pending(young_person_a, counsellor_a, director_b, ml_b):
    transfer = _request(counsellor_a, young_person_a, ml_b)
    with pytest.raises(PermissionDenied):
        transfers.transfer_cancel(actor=director_b, transfer=transfer)
    transfers.transfer_cancel(actor=counsellor_a, transfer=transfer)
    transfer.refresh_from_db()
    assert transfer.status == TransferStatus.CANCELLED
    # A new request is possible again.
    assert _request(counsellor_a, young_person_a, ml_b).is_pending


def test_rule_reception_staff_do_not_transfer_files(young_person_a, personas, ml_b):
    with pytest.raises(PermissionDenied):
        _request(personas["reception_a"], young_person_a, ml_b)


def test_rule_a_file_is_transferred_only_to_another_mission_locale(
    young_person_a, counsellor_a, ml_a
):
    with pytest.raises(ValidationError) as error:
        _request(counsellor_a, young_person_a, ml_a)
    assert error.value.message_dict["to_mission_locale"] == [
        "Le dossier est déjà suivi par cette Mission Locale."
    ]


def test_rule_without_a_choice_the_mission_locale_of_the_new_commune_is_asked(
    young_person_a, counsellor_a, ml_b
):
    verdun = commune("55545")
    ml_b.communes_covered.add(verdun)
    transfer = _request(
        counsellor_a, young_person_a, None, new_postal_code="55100", new_commune=verdun
    )
    assert transfer.to_mission_locale == ml_b


def test_rule_without_a_choice_nor_a_covered_commune_the_sender_must_choose(
    young_person_a, counsellor_a
):
    with pytest.raises(ValidationError) as error:
        _request(
            counsellor_a,
            young_person_a,
            None,
            new_postal_code="55100",
            new_commune=commune("55545"),
        )
    assert "aucune n'est rattachée à la nouvelle commune" in error.value.messages[0]


def test_rule_dedans_dehors_a_cjml_sends_the_file_to_the_mission_locale_of_the_release_address(
    young_person_a, personas, ml_b
):
    transfer = _request(
        personas["cjml_a"], young_person_a, ml_b, reason_kind=TransferReason.RELEASE
    )
    assert transfer.get_reason_kind_display() == "Sortie de détention"


def test_rule_the_receiving_director_is_told_without_detail_and_the_requester_of_the_decision(
    young_person_a, counsellor_a, director_b, ml_b, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        transfer = _request(counsellor_a, young_person_a, ml_b, reason="Sortie de détention")
    assert [m.to for m in mail.outbox] == [[director_b.email]]
    assert "Dupont" not in mail.outbox[0].body and "Lucas" not in mail.outbox[0].body
    assert "/transferts/" in mail.outbox[0].body
    with django_capture_on_commit_callbacks(execute=True):
        transfers.transfer_refuse(actor=director_b, transfer=transfer, reason="Hors secteur")
    assert mail.outbox[1].to == [counsellor_a.email]
    assert "refusé" in mail.outbox[1].subject


def test_rule_every_step_of_a_transfer_is_in_the_audit_journal(
    young_person_a, counsellor_a, director_b, ml_b
):
    transfer = _request(counsellor_a, young_person_a, ml_b)
    transfers.transfer_accept(actor=director_b, transfer=transfer)
    entries = AuditEntry.objects.filter(object_type="youngpeople.filetransfer")
    assert entries.count() == 2


def test_the_timeline_shows_the_transfer(young_person_a, counsellor_a, director_b, ml_b):
    transfer = _request(counsellor_a, young_person_a, ml_b)
    transfers.transfer_accept(actor=director_b, transfer=transfer)
    titles = [item.title for item in timeline(young_person_a, {"transfer"})]
    assert titles[0] == "Dossier repris par Mission Locale du Nord Meusien"
    assert "Transfert demandé vers Mission Locale du Nord Meusien" in titles


def test_a_file_already_held_by_the_receiver_is_pointed_out_and_can_be_merged_after(
    young_person_a, counsellor_a, director_b, ml_b, client_for
):
    held = YoungPersonFactory(
        mission_locale=ml_b,
        last_name="Dupont",
        first_names="Lucas",
        birth_date=young_person_a.birth_date,
    )
    transfer = _request(counsellor_a, young_person_a, ml_b)
    client = client_for(director_b)
    page = client.get(reverse("youngpeople:transfer_detail", args=[transfer.uid]))
    assert "déjà un dossier pour cette personne" in page.content.decode()
    response = client.post(
        reverse("youngpeople:transfer_accept", args=[transfer.uid]), {"merge_with": held.uid}
    )
    merge_url = reverse("youngpeople:merge", args=[young_person_a.uid])
    assert response.url == f"{merge_url}?other={held.uid}"
    assert client.get(response.url).status_code == 200


def test_the_receivers_see_the_count_of_waiting_transfers_in_the_menu(
    young_person_a, counsellor_a, counsellor_b, ml_b, client_for
):
    _request(counsellor_a, young_person_a, ml_b)
    page = client_for(counsellor_b).get(reverse("youngpeople:transfer_incoming")).content.decode()
    assert "Transferts (1)" in page
    assert "Dupont" in page or "DUPONT" in page


def test_requesting_a_transfer_from_the_page(young_person_a, counsellor_a, ml_b, client_for):
    client = client_for(counsellor_a)
    response = client.post(
        reverse("youngpeople:transfer_request", args=[young_person_a.uid]),
        {"to_mission_locale": ml_b.pk, "reason_kind": "other", "reason": ""},
    )
    assert "Précisez le motif du transfert." in response.content.decode()
    response = client.post(
        reverse("youngpeople:transfer_request", args=[young_person_a.uid]),
        {"to_mission_locale": ml_b.pk, "reason_kind": "move", "new_address": "2 rue Haute"},
    )
    transfer = FileTransfer.objects.get()
    assert response.url == reverse("youngpeople:transfer_detail", args=[transfer.uid])
    assert transfer.new_address == "2 rue Haute"
    detail = client.get(reverse("youngpeople:detail", args=[young_person_a.uid]))
    assert "en attente de sa décision" in detail.content.decode()


def test_api_transfer_request_then_acceptance(
    young_person_a, counsellor_a, director_b, ml_b, client, api_token_for
):
    def call(user, url, body):
        return client.post(
            url,
            body,
            content_type="application/json",
            headers={"Authorization": f"Bearer {api_token_for(user)}"},
        )

    created = call(
        counsellor_a,
        f"/api/v1/young-people/{young_person_a.uid}/transfers",
        {"reason_kind": "release", "to_mission_locale_code": "ML-B"},
    )
    assert created.status_code == 201
    again = call(
        counsellor_a,
        f"/api/v1/young-people/{young_person_a.uid}/transfers",
        {"reason_kind": "release", "to_mission_locale_code": "ML-B"},
    )
    assert again.status_code == 409
    assert again.json()["message"] == transfers.ALREADY_PENDING
    incoming = client.get(
        "/api/v1/transfers/incoming",
        headers={"Authorization": f"Bearer {api_token_for(director_b)}"},
    ).json()
    assert [t["reason_label"] for t in incoming] == ["Sortie de détention"]
    assert "notes" not in incoming[0]
    uid = created.json()["id"]
    assert call(director_b, f"/api/v1/transfers/{uid}/accept", {}).json()["status"] == "accepted"
    second = call(director_b, f"/api/v1/transfers/{uid}/refuse", {"reason": "Trop tard"})
    assert second.status_code == 409


def test_an_unknown_mission_locale_code_is_a_french_400(
    young_person_a, counsellor_a, client, api_token_for
):
    response = client.post(
        f"/api/v1/young-people/{young_person_a.uid}/transfers",
        {"reason_kind": "move", "to_mission_locale_code": "ML-ZZ"},
        content_type="application/json",
        headers={"Authorization": f"Bearer {api_token_for(counsellor_a)}"},
    )
    assert response.status_code == 400
    assert response.json()["errors"]["to_mission_locale_code"] == [
        "Aucune Mission Locale n'a ce code."
    ]


def test_a_mission_locale_sees_only_the_transfers_sent_to_it_as_incoming(
    young_person_a, counsellor_a, counsellor_b, personas, ml_b
):
    _request(counsellor_a, young_person_a, ml_b)
    assert FileTransfer.objects.incoming_for(counsellor_a).count() == 0
    assert FileTransfer.objects.incoming_for(counsellor_b).count() == 1
    assert FileTransfer.objects.incoming_for(personas["national_pilot"]).count() == 0


def test_rule_files_with_a_pending_transfer_are_not_merged(
    young_person_a, counsellor_a, director_a, ml_a, ml_b
):
    from jalon.youngpeople.services import young_people_merge

    other = YoungPersonFactory(mission_locale=ml_a, last_name="Dupont", first_names="Lucas")
    _request(counsellor_a, other, ml_b)
    with pytest.raises(ValidationError, match="transfert vers une autre Mission Locale"):
        young_people_merge(actor=director_a, kept=young_person_a, absorbed=other)


def test_rule_each_transfer_status_change_is_announced_to_both_mission_locales_systems(
    counsellor_a, young_person_a, ml_a, ml_b, director_b
):
    from jalon.webhooks.models import WebhookDelivery
    from tests.webhooks.factories import SubscriptionFactory

    for ml in (ml_a, ml_b):
        SubscriptionFactory(organisation=ml, event_types=["transfer.status_changed"])
    transfer = _request(counsellor_a, young_person_a, ml_b)
    transfers.transfer_accept(actor=director_b, transfer=transfer)
    for ml in (ml_a, ml_b):
        payloads = [
            d.payload
            for d in WebhookDelivery.objects.filter(subscription__organisation=ml).order_by("pk")
        ]
        assert [(p["from_status"], p["status"]) for p in payloads] == [
            ("", TransferStatus.REQUESTED),
            (TransferStatus.REQUESTED, TransferStatus.ACCEPTED),
        ]
        assert "young_person" not in payloads[0]
