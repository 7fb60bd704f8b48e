"""Access-matrix rows of the documents and transfers of a file (collected by
tests/test_access_matrix.py).

The file's other pages are in tests/test_access_matrix.py.
"""

from django.urls import reverse

from jalon.network.models import Organisation
from jalon.youngpeople.enums import TransferReason
from jalon.youngpeople.models import FileTransfer
from tests.access import ANONYMOUS, API_UNAUTHENTICATED, ML_A_STAFF, only
from tests.factories import YoungPersonFactory
from tests.youngpeople.factories import stored_document

# Counsellors and directors send and receive transfers; reception does not.
TRANSFER_A = {"counsellor_a", "cjml_a", "justice_referent_a", "director_a"}
TRANSFER_B = {"counsellor_b", "director_b"}


def _pending_transfer(young_person_a):
    """Another file of ML A, sent to ML B (the matrix may accept it without side effects)."""
    file = YoungPersonFactory(
        mission_locale=young_person_a.mission_locale, referent=young_person_a.referent
    )
    return FileTransfer.objects.create(
        young_person=file,
        from_mission_locale=file.mission_locale,
        to_mission_locale=Organisation.objects.get(code="ML-B"),
        requested_by=young_person_a.referent,
        reason_kind=TransferReason.MOVE,
    )


def records(young_person_a):
    return {
        "document": stored_document(young_person_a),
        "transfer": _pending_transfer(young_person_a),
        "transfer_to_cancel": _pending_transfer(young_person_a),
        # The API's own: a test may run the pages and the API on the same records.
        "api_transfer": _pending_transfer(young_person_a),
    }


def _both_sides(sender, receiver):
    return {**only(sender, TRANSFER_A, 404), **dict.fromkeys(TRANSFER_B, receiver)}


PAGES = {
    "youngpeople:document_upload": (
        "get",
        lambda r: reverse("youngpeople:document_upload", args=[r["yp"].uid]),
        only(200, ML_A_STAFF, 404),
    ),
    "youngpeople:document_download": (
        "get",
        lambda r: reverse("youngpeople:document_download", args=[r["document"].uid]),
        only(200, ML_A_STAFF, 404),
    ),
    "youngpeople:document_delete": (
        "post",
        lambda r: reverse("youngpeople:document_delete", args=[r["document"].uid]),
        only(302, ML_A_STAFF, 404),
    ),
    "youngpeople:transfer_request": (
        "get",
        lambda r: reverse("youngpeople:transfer_request", args=[r["yp"].uid]),
        {**only(200, TRANSFER_A, 404), "reception_a": 403},
    ),
    "youngpeople:transfer_incoming": (
        "get",
        lambda r: reverse("youngpeople:transfer_incoming"),
        only(200, TRANSFER_A | TRANSFER_B, 403),
    ),
    "youngpeople:transfer_detail": (
        "get",
        lambda r: reverse("youngpeople:transfer_detail", args=[r["transfer"].uid]),
        _both_sides(200, 200),
    ),
    # The matrix posts no reason: the receiver is sent back to the page with the error.
    "youngpeople:transfer_refuse": (
        "post",
        lambda r: reverse("youngpeople:transfer_refuse", args=[r["transfer"].uid]),
        _both_sides(403, 302),
    ),
    "youngpeople:transfer_cancel": (
        "post",
        lambda r: reverse("youngpeople:transfer_cancel", args=[r["transfer_to_cancel"].uid]),
        _both_sides(302, 403),
    ),
    # Last: the receiver's acceptance moves that file to ML B.
    "youngpeople:transfer_accept": (
        "post",
        lambda r: reverse("youngpeople:transfer_accept", args=[r["transfer"].uid]),
        _both_sides(403, 302),
    ),
}

_API_OWN_FILE = {**only(200, ML_A_STAFF, 404), ANONYMOUS: API_UNAUTHENTICATED}


def _api(table):
    return {**table, ANONYMOUS: API_UNAUTHENTICATED}


API = {
    "api:list_documents": [
        ("get", lambda r: f"/api/v1/young-people/{r['yp'].uid}/documents", None, _API_OWN_FILE)
    ],
    "api:download_document": [
        ("get", lambda r: f"/api/v1/documents/{r['document'].uid}", None, _API_OWN_FILE)
    ],
    # No Mission Locale named and no new commune: the sender is asked to choose one.
    "api:request_transfer": [
        (
            "post",
            lambda r: f"/api/v1/young-people/{r['yp'].uid}/transfers",
            {"reason_kind": "move"},
            _api({**only(400, TRANSFER_A, 404), "reception_a": 403}),
        )
    ],
    "api:list_incoming_transfers": [
        (
            "get",
            lambda r: "/api/v1/transfers/incoming",
            None,
            _api(only(200, TRANSFER_A | TRANSFER_B, 403)),
        )
    ],
    "api:refuse_transfer": [
        (
            "post",
            lambda r: f"/api/v1/transfers/{r['api_transfer'].uid}/refuse",
            {"reason": ""},
            _api(_both_sides(403, 400)),
        )
    ],
    "api:accept_transfer": [
        (
            "post",
            lambda r: f"/api/v1/transfers/{r['api_transfer'].uid}/accept",
            {},
            _api(_both_sides(403, 200)),
        )
    ],
}
