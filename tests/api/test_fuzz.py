"""The whole API, fuzzed from its own OpenAPI schema: bad input never breaks it.

Every operation of `/api/v1/openapi.json` receives generated requests, valid and invalid, as a
counsellor of a Mission Locale that holds files (the partner operations as a CPIP who follows
them with consent; path parameters mostly name real records, so
the operations go past their 404). Each answer must be no server error, a documented status,
the declared content type and a body that matches the declared schema.

JALON_FUZZ_EXAMPLES sets the examples per operation and mode (default 30, for CI); raise it to
fuzz longer locally, with JALON_HYPOTHESIS=dev for new random requests at each run (the "ci"
profile is derandomised: a failure found in CI is found again).
"""

import os
import re

import hypothesis
import pytest
import schemathesis
from django.core.signals import request_finished, request_started
from django.core.wsgi import get_wsgi_application
from django.db import close_old_connections
from hypothesis import HealthCheck, given
from hypothesis import strategies as st
from schemathesis import GenerationMode
from schemathesis.checks import not_a_server_error
from schemathesis.core.failures import FailureGroup
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    response_schema_conformance,
    status_code_conformance,
)

from jalon.childwelfare.models import AgeSeventeenInterview, AseFollowUp
from jalon.childwelfare.services import interview_record
from jalon.justice.models import PenalSituation
from jalon.pathways.models import Pathway
from jalon.reception.models import Diagnostic
from jalon.referrals.models import LiaisonAttachment, LiaisonForm
from jalon.scheduling.models import Appointment
from jalon.webhooks.models import WebhookDelivery
from jalon.youngpeople.enums import TransferReason
from jalon.youngpeople.models import Document, FileTransfer, YoungPerson
from tests.childwelfare.factories import days_ago, open_follow_up
from tests.factories import OrganisationFactory, PublicPeriodFactory, YoungPersonFactory
from tests.justice.factories import detention
from tests.pathways.factories import PathwayFactory
from tests.reception.factories import (
    DiagnosticAreaFactory,
    DiagnosticFactory,
    FirstReceptionFactory,
)
from tests.referrals.factories import send
from tests.scheduling.factories import AppointmentFactory
from tests.youngpeople.factories import stored_document, upload

EXAMPLES = int(os.environ.get("JALON_FUZZ_EXAMPLES", "30"))
CHECKS = [
    not_a_server_error,
    status_code_conformance,
    content_type_conformance,
    response_schema_conformance,
]
# Path parameters are named after the collection they follow: /young-people/{uid},
# /pathways/{uid}, .../diagnostics/{diagnostic_uid}. The identifiers of a collection not listed
# here are generated (404s), until it is listed.
RECORDS_BY_COLLECTION = {
    "young-people": YoungPerson,
    "pathways": Pathway,
    "appointments": Appointment,
    "diagnostics": Diagnostic,
    "documents": Document,
    "transfers": FileTransfer,
    "liaison-forms": LiaisonForm,
    "attachments": LiaisonAttachment,
    "penal-situations": PenalSituation,
    "deliveries": WebhookDelivery,
    "follow-ups": AseFollowUp,
    "interviews": AgeSeventeenInterview,
}
PARAMETER = r"([\w-]+)/\{(\w+)\}"


@pytest.fixture
def api_schema(db):
    """The schema served by the app, whose requests go in-process to the same app.

    Like Django's test client, the requests keep the test's database connection open (Django
    closes it at the end of each request otherwise, and the test's transaction with it).
    """
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    try:
        yield schemathesis.openapi.from_wsgi("/api/v1/openapi.json", get_wsgi_application())
    finally:
        request_started.connect(close_old_connections)
        request_finished.connect(close_old_connections)


@pytest.fixture
def files_of_ml_a(ml_a, ml_b, counsellor_a, counsellor_b, young_person_a, young_person_b, personas):
    """Files with every kind of record, in scope (ML A) and out of scope (ML B)."""
    second = YoungPersonFactory(mission_locale=ml_a, last_name="Martin", referent=counsellor_a)
    PublicPeriodFactory(young_person=second, rqth=True)
    for young_person in (young_person_a, second, young_person_b):
        PathwayFactory(young_person=young_person, counsellor=counsellor_a)
        AppointmentFactory(young_person=young_person, counsellor=counsellor_a)
        FirstReceptionFactory(young_person=young_person, received_by=counsellor_a)
        diagnostic = DiagnosticFactory(young_person=young_person, counsellor=counsellor_a)
        DiagnosticAreaFactory(diagnostic=diagnostic)
        stored_document(young_person, uploaded_by=counsellor_a)
    # A file of ML B on its way to ML A: the counsellor of A may accept or refuse it.
    FileTransfer.objects.create(
        young_person=young_person_b,
        from_mission_locale=ml_b,
        to_mission_locale=ml_a,
        requested_by=counsellor_b,
        reason_kind=TransferReason.RELEASE,
    )
    prison = OrganisationFactory(kind="prison", subtype="maison_arret", code="MA-FUZZ")
    for young_person, staff in ((young_person_a, "cjml_a"), (second, "cjml_a")):
        detention(personas[staff], young_person, prison)
    detention(personas["director_b"], young_person_b, prison)
    follow_up = open_follow_up(counsellor_a, second, personas["ase_referent"].organisation)
    interview_record(actor=counsellor_a, follow_up=follow_up, data={"planned_on": days_ago(-9)})
    cpip = personas["cpip"]
    send(cpip, ml_a, attachments=[upload("jugement.pdf")])
    send(cpip, ml_a, last_name="Durand")
    send(cpip, ml_b)


def _known_ids(path: str) -> list[dict[str, str]]:
    """Path parameters naming existing records: the last one's, with the records it belongs to."""
    named = [(RECORDS_BY_COLLECTION.get(c), name) for c, name in re.findall(PARAMETER, path)]
    while named and named[-1][0] is None:  # e.g. .../{uid}/documents/{document_uid}: generated
        named.pop()
    if not named or any(model is None for model, _ in named):
        return []
    *parents, (model, name) = named
    known = []
    for record in model.objects.all():
        ids = {name: str(record.uid)}
        for parent_model, parent_name in parents:
            parent = next(
                getattr(record, field.name)
                for field in model._meta.get_fields()
                if field.many_to_one and field.related_model is parent_model
            )
            ids[parent_name] = str(parent.uid)
        known.append(ids)
    return known


def _cases(operation, mode):
    """Generated cases; four in five name existing records in their path."""
    generated = operation.as_strategy(generation_mode=mode)
    known = _known_ids(operation.path)
    if not known or mode is GenerationMode.NEGATIVE:
        return generated
    with_real_ids = st.sampled_from(known).flatmap(
        lambda ids: operation.as_strategy(generation_mode=mode, path_parameters=ids)
    )
    return st.one_of(with_real_ids, with_real_ids, with_real_ids, with_real_ids, generated)


def _fuzz(operation, mode, headers) -> list[str]:
    """Run one operation in one mode; the failures found, as readable reports."""
    statuses = []

    # Derandomised by the "ci" profile (tests/conftest.py): CI runs the same requests each time.
    @hypothesis.settings(
        max_examples=EXAMPLES,
        # Each example is a real request with database writes, slow by hypothesis' standards;
        # schemathesis' negative mode rejects the mutations that stay valid, hence the filtering.
        suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much],
    )
    @given(case=_cases(operation, mode))
    def run(case):
        response = case.call(headers=headers)
        statuses.append(response.status_code)
        case.validate_response(response, checks=CHECKS, headers=headers)

    try:
        run()
    except (FailureGroup, Exception) as failure:  # all are reported, then the test fails
        return [f"{operation.label} ({mode.value}):\n{failure}"]
    if not statuses:
        return [f"{operation.label} ({mode.value}): never called"]
    if (
        mode is GenerationMode.POSITIVE
        and _known_ids(operation.path)
        and statuses.count(404) == len(statuses)
    ):
        return [f"{operation.label}: no request found its records (all 404)"]
    return []


@pytest.fixture
def cpip_following_ml_a(files_of_ml_a, personas, counsellor_a):
    """The partner operations are fuzzed as a CPIP who follows the files of ML A, with consent."""
    from django.utils import timezone

    from jalon.partners.services import follow_up_member_add
    from jalon.referrals.enums import ConsentCategory
    from jalon.referrals.services import consent_record

    cpip = personas["cpip"]
    for young_person in YoungPerson.objects.filter(mission_locale=counsellor_a.organisation):
        consent_record(
            actor=counsellor_a,
            young_person=young_person,
            organisation=cpip.organisation,
            categories=set(ConsentCategory.values),
            method="oral",
            given_on=timezone.localdate(),
        )
        follow_up_member_add(
            actor=counsellor_a,
            young_person=young_person,
            user=cpip,
            start_date=timezone.localdate(),
        )
    return cpip


# Operations of partners' systems, fuzzed with the partner's token.
PARTNER_PATHS = "/api/v1/partner/"
# The penal situation answers only justice-habilitated callers: fuzzed as the CJML of ML A.
JUSTICE_PATH_PART = "penal-situations"


def test_fuzzing_the_whole_api_finds_no_server_error_and_no_schema_violation(
    api_schema, files_of_ml_a, counsellor_a, cpip_following_ml_a, api_token_for, settings, personas
):
    # The rate limit is tested on its own (tests/api/test_api_authentication.py); here it would
    # answer 429 to most cases before they reach the code under test.
    settings.JALON_API_RATE = "100000/m"
    settings.JALON_API_TOKEN_RATE = "100000/m"
    headers = {"Authorization": f"Bearer {api_token_for(counsellor_a)}"}
    partner_headers = {"Authorization": f"Bearer {api_token_for(cpip_following_ml_a)}"}
    justice_headers = {"Authorization": f"Bearer {api_token_for(personas['cjml_a'])}"}
    operations = [result.ok() for result in api_schema.get_all_operations()]
    failures = []
    for operation in operations:
        for mode in (GenerationMode.POSITIVE, GenerationMode.NEGATIVE):
            partner = operation.path.startswith(PARTNER_PATHS)
            justice = JUSTICE_PATH_PART in operation.path
            chosen = partner_headers if partner else justice_headers if justice else headers
            failures += _fuzz(operation, mode, chosen)
    assert not failures, "\n\n".join(failures)
    declared = {
        (method.upper(), path)
        for path, item in api_schema.raw_schema["paths"].items()
        for method in item
    }
    assert {(op.method.upper(), op.path) for op in operations} == declared
    assert len(declared) >= 20


def _call_without_token(operation):
    @hypothesis.settings(max_examples=3)
    @given(case=operation.as_strategy())
    def run(case):
        response = case.call()
        assert response.status_code == 401, operation.label
        assert response.json()["message"].startswith("Authentification requise")
        case.validate_response(response, checks=CHECKS)

    run()


def test_every_operation_but_the_token_answers_a_documented_401_without_a_token(api_schema):
    secured = [
        result.ok()
        for result in api_schema.get_all_operations()
        if result.ok().definition.raw.get("security")
    ]
    for operation in secured:
        _call_without_token(operation)
    assert "GET /api/v1/young-people/{uid}" in {operation.label for operation in secured}
