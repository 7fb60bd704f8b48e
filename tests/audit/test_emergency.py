"""Emergency access ("break the glass") to a file of another Mission Locale."""

import datetime
import html

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from jalon.audit.emergency import emergency_access_grant
from jalon.audit.models import AuditAction, AuditEntry, EmergencyAccess
from jalon.pathways.models import Pathway
from tests.access import api_body
from tests.test_access_matrix import (
    API,
    PAGES,
    records,  # noqa: F401 (the matrix's records fixture)
)
from tests.youngpeople.test_views import form_data

REASON = "Le jeune est à l'accueil, sans hébergement ce soir."


def _identity(young_person) -> dict:
    return {
        "last_name": young_person.last_name,
        "first_names": young_person.first_names,
        "birth_date": young_person.birth_date.isoformat(),
    }


def _request(client, young_person, **overrides):
    data = {
        **_identity(young_person),
        "step": "grant",
        "candidate": str(young_person.mission_locale_id),
        "reason_category": "present",
        "reason": REASON,
        **overrides,
    }
    return client.post("/acces-urgence/", data)


def _grant(user, young_person, now=None):
    return emergency_access_grant(
        actor=user,
        young_person=young_person,
        reason_category="present",
        reason=REASON,
        now=now,
    )


def test_rule_a_counsellor_opens_another_mission_locales_file_after_stating_a_reason(
    client_for, counsellor_b, young_person_a
):
    client = client_for(counsellor_b)
    assert client.get(f"/jeunes/{young_person_a.uid}/").status_code == 404
    response = _request(client, young_person_a)
    assert response.status_code == 302
    assert response.url == f"/jeunes/{young_person_a.uid}/"
    grant = EmergencyAccess.objects.get()
    assert (grant.user, grant.young_person, grant.reason) == (counsellor_b, young_person_a, REASON)
    assert grant.expires_at - grant.granted_at == datetime.timedelta(hours=3)
    page = client.get(response.url).content.decode()
    until = timezone.localtime(grant.expires_at).strftime("%H:%M")
    assert f"Accès d'urgence jusqu'à {until} — motif : Le jeune est présent" in page
    assert REASON.replace("'", "&#x27;") in page
    assert "Modifier le dossier" not in page


def test_rule_the_grant_itself_is_in_the_journal(counsellor_b, young_person_a):
    grant = _grant(counsellor_b, young_person_a)
    entry = AuditEntry.objects.get(action=AuditAction.EMERGENCY)
    assert (entry.actor, entry.young_person, entry.object_id) == (
        counsellor_b,
        young_person_a,
        str(grant.uid),
    )
    assert entry.mission_locale == young_person_a.mission_locale
    assert entry.changes["motif détaillé"] == [None, REASON]


def test_rule_the_duration_comes_from_the_settings(settings, counsellor_b, young_person_a):
    settings.JALON_EMERGENCY_ACCESS_DURATION = datetime.timedelta(hours=1)
    grant = _grant(counsellor_b, young_person_a)
    assert grant.expires_at - grant.granted_at == datetime.timedelta(hours=1)


@pytest.mark.parametrize(("hours_ago", "status"), [(2.9, 200), (3, 404), (5, 404)])
def test_rule_after_expiry_the_file_is_404_again(
    hours_ago, status, client_for, counsellor_b, young_person_a
):
    _grant(counsellor_b, young_person_a, now=timezone.now() - datetime.timedelta(hours=hours_ago))
    client = client_for(counsellor_b)
    assert client.get(f"/jeunes/{young_person_a.uid}/").status_code == status


def test_rule_an_active_grant_is_reused_not_doubled(counsellor_b, young_person_a):
    first = _grant(counsellor_b, young_person_a)
    assert _grant(counsellor_b, young_person_a) == first
    assert EmergencyAccess.objects.count() == 1


def test_asking_again_during_an_access_says_the_new_reason_was_not_recorded(
    client_for, counsellor_b, young_person_a
):
    client = client_for(counsellor_b)
    _request(client, young_person_a)
    response = _request(client, young_person_a, reason="Une autre raison, tout aussi urgente.")
    assert response.url == f"/jeunes/{young_person_a.uid}/"
    page = html.unescape(client.get(response.url).content.decode())
    assert "Vous avez déjà un accès d'urgence à ce dossier" in page
    assert "le nouveau motif n'a pas été enregistré" in page
    assert EmergencyAccess.objects.get().reason == REASON


# The matrix operations a grant opens: reading the file and its records, nothing else.
READS_UNDER_GRANT = {
    ("youngpeople:detail", "get"),
    ("youngpeople:timeline", "get"),
    ("reception:reception_detail", "get"),
    ("reception:diagnostic_detail", "get"),
    ("reception:diagnostic_pdf", "get"),
    ("pathways:detail", "get"),
    ("api:get_young_person", "get"),
    ("api:list_receptions", "get"),
    ("api:list_diagnostics", "get"),
    ("api:get_diagnostic", "get"),
    ("api:list_pathways", "get"),
    ("api:list_situations", "get"),
    ("api:list_events", "get"),
    ("api:list_appointments", "get"),
}


def test_rule_emergency_access_is_read_only_everywhere(
    records,  # noqa: F811
    personas,
    client_for,
    api_token_for,
):
    """Under a grant, counsellor_b reads ML A's file and records; every other URL and API
    operation answers exactly what it answers without the grant (writes stay refused)."""
    counsellor = personas["counsellor_b"]
    _grant(counsellor, records["yp"])
    headers = {"Authorization": f"Bearer {api_token_for(counsellor)}"}
    unexpected = []
    opened = set()
    for name, (method, build, statuses) in PAGES.items():
        expected = 200 if (name, method) in READS_UNDER_GRANT else statuses["counsellor_b"]
        data = {"end_date": "2020-01-01", "public": "qpv"} if method == "post" else None
        status = getattr(client_for(counsellor), method)(build(records), data=data).status_code
        if status != expected:
            unexpected.append(f"{name}: {status} (expected {expected})")
        opened.add((name, method))
    for name, operations in API.items():
        for method, build, body, statuses in operations:
            expected = 200 if (name, method) in READS_UNDER_GRANT else statuses["counsellor_b"]
            kwargs = {"headers": headers, **api_body(body)}
            status = getattr(client_for(None), method)(build(records), **kwargs).status_code
            if status != expected:
                unexpected.append(f"{name} {method}: {status} (expected {expected})")
            opened.add((name, method))
    assert not unexpected, "; ".join(unexpected)
    assert opened >= READS_UNDER_GRANT
    written = AuditEntry.objects.filter(actor=counsellor, young_person=records["yp"]).exclude(
        action__in=[AuditAction.READ, AuditAction.EMERGENCY]
    )
    assert not written.exists()


def test_rule_the_records_of_the_file_follow_the_grant(
    client_for, api_token_for, counsellor_b, young_person_a
):
    from tests.pathways.factories import PathwayFactory

    pathway = PathwayFactory(young_person=young_person_a, counsellor=young_person_a.referent)
    _grant(counsellor_b, young_person_a)
    assert client_for(counsellor_b).get(f"/parcours/{pathway.uid}/").status_code == 200
    headers = {"Authorization": f"Bearer {api_token_for(counsellor_b)}"}
    listed = client_for(None).get(
        f"/api/v1/young-people/{young_person_a.uid}/pathways", headers=headers
    )
    assert [p["id"] for p in listed.json()] == [str(pathway.uid)]
    assert Pathway.objects.count() == 1


def test_rule_the_grant_does_not_add_the_file_to_lists_and_searches(
    client_for, counsellor_b, young_person_a
):
    _grant(counsellor_b, young_person_a)
    page = client_for(counsellor_b).get("/jeunes/?q=dupont").content.decode()
    assert str(young_person_a.uid) not in page


def test_rule_every_read_under_the_grant_references_it(client_for, counsellor_b, young_person_a):
    grant = _grant(counsellor_b, young_person_a)
    client_for(counsellor_b).get(f"/jeunes/{young_person_a.uid}/")
    client_for(counsellor_b).get(f"/jeunes/{young_person_a.uid}/chronologie/")
    reads = AuditEntry.objects.filter(action=AuditAction.READ, actor=counsellor_b)
    assert reads.count() == 2
    assert all(e.changes["accès d'urgence"] == [None, str(grant.uid)] for e in reads)
    assert all(e.mission_locale == young_person_a.mission_locale for e in reads)


def test_rule_own_reads_carry_no_grant_reference(client_for, counsellor_a, young_person_a):
    client_for(counsellor_a).get(f"/jeunes/{young_person_a.uid}/")
    assert "accès d'urgence" not in AuditEntry.objects.get().changes


def test_rule_both_directors_are_emailed_without_sensitive_detail(
    client_for, personas, counsellor_b, young_person_a, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        _request(client_for(counsellor_b), young_person_a)
    recipients = sorted(m.to[0] for m in mail.outbox)
    assert recipients == sorted([personas["director_a"].email, personas["director_b"].email])
    for message in mail.outbox:
        assert counsellor_b.get_full_name() in message.body
        assert "Mission Locale de Toulouse" in message.body
        assert "Mission Locale du Nord Meusien" in message.body
        assert "/audit/#acces-urgence" in message.body
        assert "Dupont" not in message.body + message.subject
        assert REASON not in message.body
        assert "accès d'urgence" in message.subject


def test_rule_directors_see_the_grants_with_their_state(
    client_for, personas, counsellor_b, young_person_a
):
    _grant(counsellor_b, young_person_a, now=timezone.now() - datetime.timedelta(hours=4))
    _grant(counsellor_b, young_person_a)
    page_a = client_for(personas["director_a"]).get("/audit/").content.decode()
    section_a = page_a.split('id="acces-urgence"')[1].split("</section>")[0]
    assert section_a.count("Actif") == 1 and section_a.count("Expiré") == 1
    assert "DUPONT Lucas" in section_a
    # The requester's director controls their counsellor, not the other ML's young person.
    page_b = client_for(personas["director_b"]).get("/audit/").content.decode()
    section_b = page_b.split('id="acces-urgence"')[1].split("</section>")[0]
    assert counsellor_b.get_full_name() in section_b
    assert f"Dossier {young_person_a.uid}" in section_b and "DUPONT" not in section_b
    # A third Mission Locale's director sees nothing of it.
    from jalon.accounts.models import Role
    from tests.factories import OrganisationFactory, UserFactory

    other = UserFactory(role=Role.DIRECTOR, organisation=OrganisationFactory(code="ML-C"))
    page_c = client_for(other).get("/audit/").content.decode()
    assert "Aucun accès d'urgence." in page_c


@pytest.mark.parametrize(
    "persona",
    ["reception_a", "dpo_a", "arml_pilot", "national_pilot", "cpip", "administrator"],
)
def test_rule_only_accompanying_staff_may_break_the_glass(
    persona, personas, client_for, young_person_b
):
    user = personas[persona]
    assert client_for(user).get("/acces-urgence/").status_code == 403
    assert _request(client_for(user), young_person_b).status_code == 403
    with pytest.raises(PermissionDenied):
        _grant(user, young_person_b)
    assert not EmergencyAccess.objects.exists()


def test_rule_no_emergency_access_to_ones_own_mission_locale(counsellor_a, young_person_a):
    with pytest.raises(PermissionDenied):
        _grant(counsellor_a, young_person_a)


def test_rule_the_reason_is_required(client_for, counsellor_b, young_person_a):
    client = client_for(counsellor_b)
    page = _request(client, young_person_a, reason="", reason_category="").content.decode()
    assert "Expliquez pourquoi vous devez consulter ce dossier." in page
    assert "Choisissez le motif de l&#x27;accès d&#x27;urgence." in page
    page = _request(client, young_person_a, reason="urgent").content.decode()
    assert "15 caractères au moins" in page
    assert "urgent</textarea>" in page  # what was typed is kept
    assert not EmergencyAccess.objects.exists()
    with pytest.raises(ValidationError):
        emergency_access_grant(
            actor=counsellor_b, young_person=young_person_a, reason_category="other", reason=" "
        )


def test_rule_the_request_shows_no_more_than_the_duplicate_check(
    client_for, counsellor_b, young_person_a
):
    client = client_for(counsellor_b)
    page = client.post("/acces-urgence/", {**_identity(young_person_a), "step": "search"})
    text = page.content.decode()
    assert "Mission Locale de Toulouse" in text
    assert str(young_person_a.uid) not in text
    assert young_person_a.referent.last_name not in text
    wrong_day = {**_identity(young_person_a), "birth_date": "1990-01-01", "step": "search"}
    assert "Aucun dossier du réseau" in client.post("/acces-urgence/", wrong_day).content.decode()
    # Knowing a Mission Locale is not enough: the identity must match one of its files.
    response = _request(client, young_person_a, birth_date="1990-01-01")
    assert response.status_code == 200
    assert not EmergencyAccess.objects.exists()


def test_the_duplicate_warning_offers_emergency_access(
    client_for, personas, counsellor_b, young_person_a
):
    data = form_data(
        last_name="Dupont", first_names="Lucas", birth_date=young_person_a.birth_date.isoformat()
    )
    page = client_for(counsellor_b).post("/jeunes/nouveau/", data).content.decode()
    assert 'data-testid="emergency-request"' in page
    assert "Demander un accès d'urgence" in page
    assert str(young_person_a.uid) not in page
    # Reception staff orient the young person: no emergency access offered to them.
    young_person_a.mission_locale = counsellor_b.organisation
    young_person_a.save()
    page = client_for(personas["reception_a"]).post("/jeunes/nouveau/", data).content.decode()
    assert "Ce jeune a peut-être déjà un dossier" in page
    assert 'data-testid="emergency-request"' not in page


def test_rule_looking_up_an_identity_in_the_network_is_recorded(
    client_for, counsellor_b, young_person_a
):
    data = {**_identity(young_person_a), "step": "search"}
    client_for(counsellor_b).post("/acces-urgence/", data)
    entry = AuditEntry.objects.get(action=AuditAction.SEARCH)
    assert entry.actor == counsellor_b and entry.mission_locale == counsellor_b.organisation
    assert entry.changes["résultats"] == [None, 1]
    assert young_person_a.last_name not in str(entry.changes)


def test_a_search_without_result_points_to_emergency_access(client_for, personas):
    page = client_for(personas["counsellor_a"]).get("/jeunes/?q=zzzz").content.decode()
    assert "/acces-urgence/" in page
    page = client_for(personas["reception_a"]).get("/jeunes/?q=zzzz").content.decode()
    assert "/acces-urgence/" not in page
