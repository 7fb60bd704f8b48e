"""Every read of a file or of its records, on a page, a PDF or the API, is in the journal.

Built from the access matrix: a new GET page or API read under a file is covered by this test
the day its matrix row is written.
"""

import pytest

from jalon.audit.models import AuditAction, AuditEntry
from tests.test_access_matrix import (
    API,
    PAGES,
    records,  # noqa: F401 (the matrix's records fixture)
)


@pytest.fixture
def built(records):  # noqa: F811
    return records


def _file_uids(built) -> set[str]:
    young_person = built["yp"]
    return {str(young_person.uid)} | {
        str(record.uid)
        for record in built.values()
        if getattr(record, "young_person_id", None) == young_person.pk and hasattr(record, "uid")
    }


def _reads_about_a_file(built):
    uids = _file_uids(built)
    for name, (method, build, statuses) in PAGES.items():
        path = build(built)
        if method == "get" and statuses["counsellor_a"] == 200 and any(u in path for u in uids):
            yield name, path, "web"
    for name, operations in API.items():
        for method, build, _, statuses in operations:
            path = build(built)
            if method == "get" and statuses["counsellor_a"] == 200 and any(u in path for u in uids):
                yield name, path, "api"


def test_rule_every_read_of_a_file_is_audited(built, personas, client_for, api_token_for):
    counsellor = personas["counsellor_a"]
    young_person = built["yp"]
    web = client_for(counsellor)
    api_headers = {"Authorization": f"Bearer {api_token_for(counsellor)}"}
    reads = list(_reads_about_a_file(built))
    assert len(reads) >= 15, "the matrix should list the file's pages and API reads"
    missing = []
    for name, path, channel in reads:
        before = AuditEntry.objects.count()
        if channel == "web":
            response = web.get(path)
        else:
            response = client_for(None).get(path, headers=api_headers)
        assert response.status_code == 200, name
        written = AuditEntry.objects.order_by("-id")[: AuditEntry.objects.count() - before]
        if not any(
            e.action == AuditAction.READ
            and e.actor_id == counsellor.pk
            and e.young_person_id == young_person.pk
            and e.channel == channel
            for e in written
        ):
            missing.append(name)
    assert not missing, f"reads without a journal entry naming the young person: {missing}"
