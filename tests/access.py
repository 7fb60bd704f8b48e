"""Vocabulary of the access matrix: personas and expected-status tables.

Each app declares the rows for its URLs in `tests/<app>/access.py` (PAGES, API and optionally
`records(young_person_a)`), collected by tests/test_access_matrix.py.
"""

ML_A_STAFF = {"reception_a", "counsellor_a", "cjml_a", "justice_referent_a", "director_a"}
ML_STAFF = ML_A_STAFF | {"counsellor_b", "director_b"}
PILOTS = {"arml_pilot", "national_pilot"}
PARTNERS = {"cpip", "pjj_educator", "ase_referent", "france_travail"}
EVERYONE = ML_STAFF | PILOTS | PARTNERS | {"dpo_a", "administrator"}
ANONYMOUS = "anonymous"
LOGIN_REDIRECT = 302
API_UNAUTHENTICATED = 401


def everyone(status, anonymous=None):
    """The same status for every persona (anonymous: `anonymous`, or the same)."""
    return {
        **dict.fromkeys(EVERYONE, status),
        ANONYMOUS: status if anonymous is None else anonymous,
    }


def only(status, personas, otherwise, anonymous=LOGIN_REDIRECT):
    """`status` for the given personas, `otherwise` for the other logged-in ones."""
    table = dict.fromkeys(EVERYONE, otherwise)
    table.update(dict.fromkeys(personas, status))
    table[ANONYMOUS] = anonymous
    return table


def api_body(body) -> dict:
    """Client arguments of an API row's body: JSON, or multipart built afresh for a file."""
    if callable(body):
        return {"data": body()}
    if body is not None:
        return {"data": body, "content_type": "application/json"}
    return {}
