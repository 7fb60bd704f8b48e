"""The follow-up pages as the counsellor and the Département's referent use them."""

import pytest
from django.urls import reverse
from django.utils import timezone

from jalon.accounts.models import Role
from jalon.audit.models import AuditAction, AuditEntry
from jalon.childwelfare import services
from jalon.childwelfare.models import AgeSeventeenInterview
from jalon.partners import services as partner_services
from jalon.referrals.enums import ConsentCategory
from jalon.referrals.services import consent_withdraw
from tests.childwelfare import access
from tests.childwelfare.factories import (
    days_ago,
    open_follow_up,
    share_with_departement,
    young_person_aged,
)
from tests.factories import OrganisationFactory


def _page(follow_up):
    return reverse("childwelfare:follow_up", args=[follow_up.young_person.uid])


def test_rule_free_text_comments_never_reach_the_departement(
    shared_follow_up, counsellor_a, ase_referent, client_for
):
    follow_up = shared_follow_up["follow_up"]
    services.ase_follow_up_update(
        actor=counsellor_a,
        follow_up=follow_up,
        data={"internal_comment": "Conflit avec la famille relais"},
        expected_version=follow_up.version,
    )
    staff_page = client_for(counsellor_a).get(_page(follow_up)).content.decode()
    referent_page = client_for(ase_referent).get(_page(follow_up)).content.decode()
    assert "Conflit avec la famille relais" in staff_page
    assert "Conflit avec la famille relais" not in referent_page
    assert "Commentaire interne" not in referent_page
    form = client_for(ase_referent).get(
        reverse("childwelfare:edit", args=[follow_up.young_person.uid])
    )
    assert "internal_comment" not in form.content.decode()


def test_the_referent_sees_the_name_only_with_the_identity_consent(
    minor_in_care, counsellor_a, ase_referent, client_for
):
    young_person = minor_in_care.young_person
    share_with_departement(counsellor_a, young_person, ase_referent, {ConsentCategory.PATHWAY})
    page = client_for(ase_referent).get(_page(minor_in_care)).content.decode()
    assert "identité non partagée" in page
    assert young_person.first_names not in page


@pytest.mark.parametrize(
    "break_access",
    ["no_pathway_consent", "consent_withdrawn", "membership_ended", "other_departement"],
)
def test_the_referent_needs_consent_membership_and_their_departement(
    break_access, ml_a, counsellor_a, ase_referent, departement, client_for
):
    young_person = young_person_aged(ml_a, 17)
    follow_up = open_follow_up(
        counsellor_a,
        young_person,
        OrganisationFactory(departement_council=True, code="CD55")
        if break_access == "other_departement"
        else departement,
    )
    categories = {ConsentCategory.IDENTITY} if break_access == "no_pathway_consent" else None
    consent, member = share_with_departement(counsellor_a, young_person, ase_referent, categories)
    if break_access == "consent_withdrawn":
        consent_withdraw(actor=counsellor_a, consent=consent)
    if break_access == "membership_ended":
        partner_services.follow_up_member_end(actor=counsellor_a, member=member)
    client = client_for(ase_referent)
    assert client.get(_page(follow_up)).status_code == 404
    worklist = client.get(reverse("childwelfare:worklist")).content.decode()
    assert str(young_person.uid) not in worklist


def test_other_partners_with_consent_see_nothing_of_it(shared_follow_up, personas, client_for):
    cpip = personas["cpip"]
    follow_up = shared_follow_up["follow_up"]
    share_with_departement(personas["counsellor_a"], follow_up.young_person, cpip)
    assert client_for(cpip).get(_page(follow_up)).status_code == 404


def test_the_file_and_the_partner_view_lead_to_the_follow_up(
    shared_follow_up, counsellor_a, ase_referent, client_for
):
    young_person = shared_follow_up["follow_up"].young_person
    detail = client_for(counsellor_a).get(reverse("youngpeople:detail", args=[young_person.uid]))
    assert _page(shared_follow_up["follow_up"]) in detail.content.decode()
    partner = client_for(ase_referent).get(
        reverse("partners:partner_file", args=[young_person.uid])
    )
    assert _page(shared_follow_up["follow_up"]) in partner.content.decode()


def test_a_file_without_follow_up_offers_to_open_one(young_person_a, counsellor_a, client_for):
    detail = client_for(counsellor_a).get(reverse("youngpeople:detail", args=[young_person_a.uid]))
    assert reverse("childwelfare:open", args=[young_person_a.uid]) in detail.content.decode()
    response = client_for(counsellor_a).get(
        reverse("childwelfare:follow_up", args=[young_person_a.uid])
    )
    assert response.status_code == 302
    assert response.url == reverse("childwelfare:open", args=[young_person_a.uid])


def test_opening_from_the_page(young_person_a, counsellor_a, departement, client_for):
    response = client_for(counsellor_a).post(
        reverse("childwelfare:open", args=[young_person_a.uid]),
        {
            "departement": departement.pk,
            "taken_into_care_on": days_ago(400).isoformat(),
            "status": "ase_young_adult",
            "status_start": days_ago(30).isoformat(),
            "first_contact_on": days_ago(20).isoformat(),
        },
    )
    assert response.status_code == 302
    page = client_for(counsellor_a).get(response.url).content.decode()
    assert "Contrat jeune majeur" in page


def test_a_bad_status_change_is_explained_in_french(minor_in_care, counsellor_a, client_for):
    response = client_for(counsellor_a).post(
        reverse("childwelfare:status_change", args=[minor_in_care.young_person.uid]),
        {"status": "ase_young_adult", "start_date": days_ago(1).isoformat()},
    )
    assert response.status_code == 200
    assert "au plus tôt aux 18 ans" in response.content.decode()


def test_a_late_interview_comes_first_in_the_worklist(ml_a, counsellor_a, departement, client_for):
    open_follow_up(counsellor_a, young_person_aged(ml_a, 16, last_name="Alix"), departement)
    open_follow_up(
        counsellor_a, young_person_aged(ml_a, 17, days=60, last_name="Zola"), departement
    )
    page = client_for(counsellor_a).get(reverse("childwelfare:worklist")).content.decode()
    assert page.index("ZOLA") < page.index("ALIX")
    assert "En retard" in page


def test_counsellor_and_referent_edit_the_same_interview_without_losing_work(
    shared_follow_up, counsellor_a, ase_referent, client_for
):
    follow_up = shared_follow_up["follow_up"]
    interview = services.interview_record(
        actor=ase_referent, follow_up=follow_up, data={"planned_on": days_ago(-5)}
    )
    url = reverse("childwelfare:interview_edit", args=[interview.uid])
    base = {
        "planned_on": days_ago(-5).isoformat(),
        "version": 1,
        "initial-planned_on": days_ago(-5).isoformat(),
    }
    first = client_for(ase_referent).post(url, {**base, "departement_participant": "Mme Roux"})
    assert first.status_code == 302
    second = client_for(counsellor_a).post(url, {**base, "ml_participant": counsellor_a.pk})
    assert second.status_code == 200
    assert "Mme Roux" in second.content.decode()
    interview = AgeSeventeenInterview.objects.get()
    assert (interview.departement_participant, interview.ml_participant) == ("Mme Roux", None)


def test_rule_every_read_of_the_follow_up_is_audited(personas, client_for, young_person_a):
    built = {"yp": young_person_a, **access.records(young_person_a)}
    young_person = built["ase_yp"]
    for persona in ("counsellor_a", "ase_referent"):
        user = personas[persona]
        for name, (method, build, statuses) in access.PAGES.items():
            if method != "get" or statuses[persona] != 200 or name == "childwelfare:worklist":
                continue
            path = build(built)
            if str(young_person.uid) not in path and not any(
                str(getattr(built[key], "uid", "")) in path
                for key in ("ase_interview", "ase_project")
            ):
                continue
            before = AuditEntry.objects.count()
            assert client_for(user).get(path).status_code == 200, name
            assert AuditEntry.objects.filter(
                pk__gt=AuditEntry.objects.order_by("id")[before - 1].pk if before else 0,
                action=AuditAction.READ,
                actor=user,
                young_person=young_person,
            ).exists(), f"{name} as {persona}"


def test_reception_reads_but_does_not_write(minor_in_care, personas, client_for):
    reception = personas["reception_a"]
    assert reception.role == Role.RECEPTION
    page = client_for(reception).get(_page(minor_in_care)).content.decode()
    assert "Modifier le suivi" not in page


def test_the_menu_leads_staff_and_the_ase_referent_to_their_list(personas):
    from jalon.web.navigation import navigation_for

    def labels(persona):
        return [item["label"] for item in navigation_for(personas[persona], "/")]

    assert "Jeunes ASE" in labels("counsellor_a")
    assert "Jeunes ASE" in labels("ase_referent")
    assert "Jeunes ASE" not in labels("cpip")
    assert "Jeunes ASE" not in labels("national_pilot")


def test_a_liaison_form_from_the_departement_prefills_the_opening(
    young_person_a, counsellor_a, ase_referent, client_for
):
    from jalon.referrals.services import liaison_form_match
    from tests.referrals.factories import send

    form = send(ase_referent, young_person_a.mission_locale, situation="child_welfare")
    liaison_form_match(actor=counsellor_a, form=form, young_person=young_person_a)
    page = client_for(counsellor_a).get(reverse("childwelfare:open", args=[young_person_a.uid]))
    body = page.content.decode()
    assert f'value="{timezone.localdate(form.sent_at).isoformat()}"' in body
    assert f'<option value="{ase_referent.organisation_id}" selected>' in body


def test_the_referents_list_is_journalled_file_by_file(
    shared_follow_up, ase_referent, client_for, api_token_for
):
    young_person = shared_follow_up["follow_up"].young_person
    client_for(ase_referent).get(reverse("childwelfare:worklist"))
    client_for(None).get(
        "/api/v1/ase/follow-ups",
        headers={"Authorization": f"Bearer {api_token_for(ase_referent)}"},
    )
    channels = set(
        AuditEntry.objects.filter(
            action=AuditAction.READ, actor=ase_referent, young_person=young_person
        ).values_list("channel", flat=True)
    )
    assert channels == {"web", "api"}
