"""The OpenAPI document promises every answer an operation can give, so partners can rely on it."""

import json

import pytest

from jalon.api.api import api

ERROR = "#/components/schemas/ErrorOut"


def _operations():
    schema = json.loads(json.dumps(api.get_openapi_schema()))  # as served: string status keys
    for path, item in schema["paths"].items():
        for method, operation in item.items():
            yield f"{method.upper()} {path}", operation


def _error_schema(operation, status):
    response = operation["responses"].get(str(status))
    return response and response["content"]["application/json"]["schema"].get("$ref")


@pytest.mark.parametrize(("label", "operation"), list(_operations()))
def test_every_operation_documents_its_french_errors(label, operation):
    parameters = operation.get("parameters", [])
    if operation.get("security"):
        assert _error_schema(operation, 401) == ERROR, f"{label}: 401 undocumented"
    if any(p["in"] == "path" for p in parameters):
        assert _error_schema(operation, 404) == ERROR, f"{label}: 404 undocumented"
    if "requestBody" in operation or any(p["in"] == "query" for p in parameters):
        assert _error_schema(operation, 400) == ERROR, f"{label}: 400 undocumented"


def test_file_identifiers_are_declared_as_uuids():
    """Clients (and fuzzers) know the shape of `uid`; anything else is a 404, not a crash.
    A path naming a nomenclature entry (an indicator's code) lists its codes instead."""
    for label, operation in _operations():
        for parameter in operation.get("parameters", []):
            if parameter["in"] == "path":
                schema = parameter["schema"]
                assert schema.get("format") == "uuid" or schema.get("enum"), label


def test_codes_of_nomenclatures_are_listed_in_the_schema():
    """Partners read the accepted codes in the schema instead of guessing them."""
    schemas = json.loads(json.dumps(api.get_openapi_schema()))["components"]["schemas"]
    assert schemas["PathwayIn"]["properties"]["kind"]["enum"] == [
        "orientation_sequence",
        "pacea",
        "cej",
    ]
    assert schemas["StatusIn"]["properties"]["status"]["enum"][0] == "planned"
    assert "" in schemas["ReceptionIn"]["properties"]["topic"]["enum"]


def test_an_unknown_code_is_a_french_400_listing_the_accepted_ones(
    client, counsellor_a, young_person_a, api_token_for
):
    response = client.post(
        f"/api/v1/young-people/{young_person_a.uid}/pathways",
        {"kind": "contrat", "start_date": "2025-01-06", "planned_end_date": "2025-07-06"},
        content_type="application/json",
        headers={"Authorization": f"Bearer {api_token_for(counsellor_a)}"},
    )
    assert response.status_code == 400
    assert response.json()["errors"]["kind"] == [
        "Valeur inconnue. Valeurs possibles : 'orientation_sequence', 'pacea' ou 'cej'."
    ]
