"""Access-matrix rows of the documents of a file (collected by tests/test_access_matrix.py).

The file's other pages are in tests/test_access_matrix.py.
"""

from django.urls import reverse

from tests.access import ANONYMOUS, API_UNAUTHENTICATED, ML_A_STAFF, only
from tests.youngpeople.factories import stored_document


def records(young_person_a):
    return {"document": stored_document(young_person_a)}


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
}

_API_OWN_FILE = {**only(200, ML_A_STAFF, 404), ANONYMOUS: API_UNAUTHENTICATED}

API = {
    "api:list_documents": [
        ("get", lambda r: f"/api/v1/young-people/{r['yp'].uid}/documents", None, _API_OWN_FILE)
    ],
    "api:download_document": [
        ("get", lambda r: f"/api/v1/documents/{r['document'].uid}", None, _API_OWN_FILE)
    ],
}
