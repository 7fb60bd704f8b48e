"""Access-matrix rows of the privacy app (collected by tests/test_access_matrix.py).

Data subject rights are the director's: other staff of A are refused (403), the director of
B does not learn that the file exists (404).
"""

from django.urls import reverse

from jalon.privacy.enums import RightKind
from tests.access import only
from tests.privacy.factories import RightsRequestFactory

DIRECTOR_OF_A = {**only(200, {"director_a"}, 403), "director_b": 404}
DIRECTORS = only(200, {"director_a", "director_b"}, 403)


def records(young_person_a):
    director = young_person_a.mission_locale.members.filter(role="director").first()
    return {
        "rights_request": RightsRequestFactory(
            young_person=young_person_a, kind=RightKind.ERASURE, recorded_by=director
        )
    }


def _file_url(name):
    return lambda r: reverse(f"privacy:{name}", args=[r["yp"].uid])


def _request_url(name):
    return lambda r: reverse(f"privacy:{name}", args=[r["rights_request"].uid])


PAGES = {
    "privacy:file_rights": ("get", _file_url("file_rights"), DIRECTOR_OF_A),
    "privacy:export_pdf": ("get", _file_url("export_pdf"), DIRECTOR_OF_A),
    "privacy:export_json": ("get", _file_url("export_json"), DIRECTOR_OF_A),
    # The matrix posts unrelated fields: the director gets the page back with its errors.
    "privacy:erase": ("post", _file_url("erase"), DIRECTOR_OF_A),
    "privacy:request_list": ("get", lambda r: reverse("privacy:request_list"), DIRECTORS),
    "privacy:request_detail": ("get", _request_url("request_detail"), DIRECTOR_OF_A),
    "privacy:request_extend": ("post", _request_url("request_extend"), DIRECTOR_OF_A),
    "privacy:request_close": ("post", _request_url("request_close"), DIRECTOR_OF_A),
}
