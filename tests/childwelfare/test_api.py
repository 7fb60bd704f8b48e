"""The Département's system and the Mission Locale's tools on the same follow-up."""

from jalon.audit.models import AuditAction, AuditEntry
from jalon.childwelfare import services
from jalon.childwelfare.models import AgeSeventeenInterview
from tests.childwelfare.factories import days_ago


def _api(client_for, api_token_for, user):
    client = client_for(None)
    headers = {"Authorization": f"Bearer {api_token_for(user)}"}

    def call(method, path, body=None):
        kwargs = {"headers": headers}
        if body is not None:
            kwargs.update(data=body, content_type="application/json")
        return getattr(client, method)(f"/api/v1{path}", **kwargs)

    return call


def test_the_departements_system_records_a_joint_interview(
    shared_follow_up, ase_referent, counsellor_a, client_for, api_token_for
):
    follow_up = shared_follow_up["follow_up"]
    call = _api(client_for, api_token_for, ase_referent)
    created = call(
        "post",
        f"/ase/follow-ups/{follow_up.uid}/interviews",
        {"planned_on": days_ago(-3).isoformat(), "departement_participant": "Mme Roux"},
    )
    assert created.status_code == 201, created.json()
    held = call(
        "patch",
        f"/ase/interviews/{created.json()['id']}",
        {
            "held_on": days_ago(0).isoformat(),
            "held_jointly": True,
            "ml_participant_email": counsellor_a.email,
            "version": 1,
        },
    )
    assert held.status_code == 200, held.json()
    assert held.json()["ml_participant"] == counsellor_a.get_full_name()
    interview = AgeSeventeenInterview.objects.get()
    assert (interview.planned_on, interview.held_jointly) == (days_ago(-3), True)
    outdated = call(
        "patch", f"/ase/interviews/{interview.uid}", {"held_jointly": False, "version": 1}
    )
    assert outdated.status_code == 409


def test_an_unknown_counsellor_is_refused_in_french(
    shared_follow_up, ase_referent, client_for, api_token_for
):
    call = _api(client_for, api_token_for, ase_referent)
    response = call(
        "post",
        f"/ase/follow-ups/{shared_follow_up['follow_up'].uid}/autonomy-projects",
        {
            "drawn_up_on": days_ago(1).isoformat(),
            "built_jointly": True,
            "ml_participant_email": "inconnu@ml.test",
            "areas": [{"area": "housing", "objectives": "FJT"}],
        },
    )
    assert response.status_code == 400
    assert "ml_participant_email" in response.json()["errors"]


def test_the_follow_up_read_by_the_departement_never_holds_the_comment_and_is_audited(
    shared_follow_up, ase_referent, counsellor_a, client_for, api_token_for
):
    follow_up = shared_follow_up["follow_up"]
    services.ase_follow_up_update(
        actor=counsellor_a,
        follow_up=follow_up,
        data={"internal_comment": "Fragilité psychique signalée"},
        expected_version=follow_up.version,
    )
    response = _api(client_for, api_token_for, ase_referent)(
        "get", f"/ase/follow-ups/{follow_up.uid}"
    )
    assert response.status_code == 200
    body = response.json()
    assert "Fragilité" not in response.content.decode()
    assert body["statuses"][0]["status"] == "ase_placed"
    assert body["interview_stage"] == "to_plan"
    assert AuditEntry.objects.filter(
        action=AuditAction.READ,
        actor=ase_referent,
        young_person=follow_up.young_person,
        channel="api",
    ).exists()


def test_the_list_gives_what_is_due_without_identity(
    shared_follow_up, ase_referent, client_for, api_token_for
):
    follow_up = shared_follow_up["follow_up"]
    [item] = _api(client_for, api_token_for, ase_referent)("get", "/ase/follow-ups").json()
    assert item["young_person_id"] == str(follow_up.young_person.uid)
    assert (
        item["interview_due_by"]
        == follow_up.young_person.birth_date.replace(
            year=follow_up.young_person.birth_date.year + 17
        ).isoformat()
    )
    assert "last_name" not in item
