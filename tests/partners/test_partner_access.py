"""A partner sees a file only while a member of its follow-up group with the young person's
consent for their structure, only what was consented, and never the Mission Locale's free text."""

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from jalon.audit.models import AuditAction, AuditEntry
from jalon.partners import services
from jalon.partners.models import FollowUpNote
from jalon.referrals.enums import ConsentCategory
from jalon.referrals.services import consent_withdraw
from tests.factories import YoungPersonFactory
from tests.partners.conftest import give_consent, join


def _page(client_for, user, young_person):
    return client_for(user).get(reverse("partners:partner_file", args=[young_person.uid]))


def _api(client, api_token_for, user, path):
    return client.get(path, headers={"Authorization": f"Bearer {api_token_for(user)}"})


def test_rule_a_member_with_consent_reads_the_limited_view(
    client_for, cpip, young_person_a, followed
):
    response = _page(client_for, cpip, young_person_a)
    assert response.status_code == 200
    assert "DUPONT Lucas" in response.text
    assert young_person_a.referent.email in response.text


def test_rule_a_partner_without_consent_gets_404(
    client, client_for, api_token_for, cpip, counsellor_a, young_person_a
):
    # A membership recorded while a consent existed, then the consent withdrawn: no consent.
    consent = give_consent(counsellor_a, young_person_a, cpip.organisation)
    join(counsellor_a, young_person_a, cpip)
    consent_withdraw(actor=counsellor_a, consent=consent)
    assert _page(client_for, cpip, young_person_a).status_code == 404
    path = f"/api/v1/partner/young-people/{young_person_a.uid}"
    assert _api(client, api_token_for, cpip, path).status_code == 404


def test_rule_a_consent_without_membership_opens_nothing(
    client_for, cpip, counsellor_a, young_person_a
):
    """Least privilege: the structure's consent alone does not open the file to all its staff."""
    give_consent(counsellor_a, young_person_a, cpip.organisation)
    assert _page(client_for, cpip, young_person_a).status_code == 404


def test_rule_withdrawal_of_consent_removes_access_at_once_pages_and_api(
    client, client_for, api_token_for, cpip, counsellor_a, young_person_a, followed
):
    path = f"/api/v1/partner/young-people/{young_person_a.uid}"
    assert _page(client_for, cpip, young_person_a).status_code == 200
    assert _api(client, api_token_for, cpip, path).status_code == 200
    staff = client_for(counsellor_a)
    response = staff.post(reverse("partners:consent_withdraw", args=[followed["consent"].uid]))
    assert response.status_code == 302
    assert _page(client_for, cpip, young_person_a).status_code == 404
    assert _api(client, api_token_for, cpip, path).status_code == 404
    listing = _api(client, api_token_for, cpip, "/api/v1/partner/young-people")
    assert listing.json() == []
    portal = client_for(cpip).get(reverse("partners:portal"))
    assert "DUPONT" not in portal.text


def test_rule_ending_a_membership_removes_access_at_once(
    client, client_for, api_token_for, cpip, counsellor_a, young_person_a, followed
):
    response = client_for(counsellor_a).post(
        reverse("partners:member_end", args=[followed["member"].uid])
    )
    assert response.status_code == 302
    assert _page(client_for, cpip, young_person_a).status_code == 404
    path = f"/api/v1/partner/young-people/{young_person_a.uid}"
    assert _api(client, api_token_for, cpip, path).status_code == 404


def test_rule_a_partner_of_another_structure_sees_nothing(
    client, client_for, api_token_for, personas, young_person_a, followed
):
    for persona in ("pjj_educator", "ase_referent"):
        user = personas[persona]
        assert _page(client_for, user, young_person_a).status_code == 404
        path = f"/api/v1/partner/young-people/{young_person_a.uid}"
        assert _api(client, api_token_for, user, path).status_code == 404
        listing = _api(client, api_token_for, user, "/api/v1/partner/young-people")
        assert listing.status_code == 200 and listing.json() == []


def test_rule_a_partner_member_without_consent_for_their_structure_sees_nothing(
    client_for, personas, counsellor_a, young_person_a, followed
):
    """Even listed in the group by mistake, the PJJ educator's structure has no consent."""
    from django.utils import timezone

    from jalon.partners.models import FollowUpMember

    FollowUpMember.objects.create(
        group=followed["member"].group,
        user=personas["pjj_educator"],
        start_date=timezone.localdate(),
        added_by=counsellor_a,
    )
    assert _page(client_for, personas["pjj_educator"], young_person_a).status_code == 404


def test_rule_adding_a_partner_requires_an_active_consent_for_their_structure(
    counsellor_a, young_person_a, personas
):
    with pytest.raises(ValidationError, match="consentement"):
        join(counsellor_a, young_person_a, personas["ase_referent"])


def test_rule_only_the_young_persons_mission_locale_and_partners_join_the_group(
    counsellor_a, young_person_a, counsellor_b, personas
):
    with pytest.raises(ValidationError, match="Seul·es"):
        join(counsellor_a, young_person_a, counsellor_b)
    with pytest.raises(ValidationError, match="Seul·es"):
        join(counsellor_a, young_person_a, personas["arml_pilot"])
    member = join(counsellor_a, young_person_a, counsellor_a)
    assert member.is_active()


def test_rule_a_partner_sees_only_the_consented_categories(
    client_for, cpip, counsellor_a, young_person_a
):
    give_consent(counsellor_a, young_person_a, cpip.organisation, [ConsentCategory.APPOINTMENTS])
    join(counsellor_a, young_person_a, cpip)
    response = _page(client_for, cpip, young_person_a)
    assert response.status_code == 200
    assert "Dupont" not in response.text and "DUPONT" not in response.text
    assert "identité non partagée" in response.text
    assert "Prochain rendez-vous" in response.text
    assert "Parcours et situation" not in response.text
    assert "Conclusions du diagnostic" not in response.text


def test_rule_every_partner_read_is_audited(
    client, client_for, api_token_for, cpip, young_person_a, followed
):
    _page(client_for, cpip, young_person_a)
    _api(client, api_token_for, cpip, f"/api/v1/partner/young-people/{young_person_a.uid}")
    client_for(cpip).get(reverse("partners:portal"))
    reads = AuditEntry.objects.filter(
        actor=cpip, action=AuditAction.READ, young_person=young_person_a
    )
    assert sorted(reads.values_list("channel", flat=True)) == ["api", "web", "web"]
    assert all(e.changes["vue"][1] == "vue partenaire" for e in reads)


def test_rule_a_member_adds_a_note_visible_to_the_group_encrypted_at_rest(
    client_for, cpip, counsellor_a, young_person_a, followed
):
    from django.db import connection

    response = client_for(cpip).post(
        reverse("partners:note_add", args=[young_person_a.uid]),
        {"text": "Audience reportée au 12 mars"},
    )
    assert response.status_code == 302
    staff_page = client_for(counsellor_a).get(
        reverse("partners:sharing", args=[young_person_a.uid])
    )
    assert "Audience reportée au 12 mars" in staff_page.text
    note = FollowUpNote.objects.get()
    with connection.cursor() as cursor:
        cursor.execute("SELECT text FROM partners_followupnote WHERE id = %s", [note.pk])
        assert "Audience" not in cursor.fetchone()[0]
    entry = AuditEntry.objects.filter(object_type="partners.followupnote").get()
    assert "Audience" not in str(entry.changes)


def test_rule_an_empty_note_is_refused_with_a_french_message(
    client_for, cpip, young_person_a, followed
):
    response = client_for(cpip).post(
        reverse("partners:note_add", args=[young_person_a.uid]), {"text": "  "}
    )
    assert response.status_code == 200
    assert "Ce champ est obligatoire" in response.text
    assert not FollowUpNote.objects.exists()
    with pytest.raises(ValidationError, match="Écrivez la note"):
        services.follow_up_note_add(actor=None, young_person=young_person_a, text=" ")


def test_rule_the_partner_portal_lists_the_files_followed(
    client_for, cpip, counsellor_a, young_person_a, followed, ml_a
):
    other = YoungPersonFactory(mission_locale=ml_a, last_name="Bernard", referent=counsellor_a)
    give_consent(counsellor_a, other, cpip.organisation)  # consent, but not followed by the CPIP
    response = client_for(cpip).get(reverse("partners:portal"))
    assert "DUPONT Lucas" in response.text
    assert "BERNARD" not in response.text


def test_rule_partners_land_on_their_portal(client_for, cpip):
    response = client_for(cpip).get(reverse("home"))
    assert response.url == reverse("partners:portal")


def test_rule_partners_find_their_followed_young_people_and_the_directory_in_the_menu(
    cpip, counsellor_a
):
    from jalon.web.navigation import navigation_for

    labels = [item["label"] for item in navigation_for(cpip, "/partenaires/")]
    assert labels == ["Mes jeunes suivis", "Fiches de liaison", "Webhooks", "Annuaire"]
    staff_labels = [item["label"] for item in navigation_for(counsellor_a, "/jeunes/")]
    assert "Mes jeunes suivis" not in staff_labels


def test_rule_a_professional_is_in_the_group_once_at_a_time(
    counsellor_a, young_person_a, cpip, followed
):
    with pytest.raises(ValidationError, match="fait déjà partie"):
        join(counsellor_a, young_person_a, cpip)
    services.follow_up_member_end(actor=counsellor_a, member=followed["member"])
    with pytest.raises(ValidationError, match="déjà terminée"):
        services.follow_up_member_end(actor=counsellor_a, member=followed["member"])
    assert join(counsellor_a, young_person_a, cpip).is_active()
