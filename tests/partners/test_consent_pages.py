"""The Mission Locale records and withdraws consents from the young person's file."""

from django.urls import reverse
from django.utils import timezone

from jalon.referrals.models import Consent
from tests.partners.conftest import give_consent


def test_rule_staff_record_a_consent_chosen_among_the_directorys_partners(
    client_for, counsellor_a, young_person_a, spip
):
    client = client_for(counsellor_a)
    url = reverse("partners:consent_create", args=[young_person_a.uid])
    assert "SPIP 31" in client.get(url).text
    response = client.post(
        url,
        {
            "organisation": spip.pk,
            "categories": ["identity", "appointments"],
            "method": "signed_form",
            "given_on": timezone.localdate().isoformat(),
        },
    )
    assert response.status_code == 302
    consent = Consent.objects.get()
    assert consent.categories == {"identity", "appointments"}
    assert consent.recorded_by == counsellor_a
    file_page = client.get(reverse("youngpeople:detail", args=[young_person_a.uid]))
    assert "SPIP 31" in file_page.text and "Actif" in file_page.text


def test_rule_a_consent_form_keeps_what_was_typed_and_explains_in_french(
    client_for, counsellor_a, young_person_a, spip
):
    response = client_for(counsellor_a).post(
        reverse("partners:consent_create", args=[young_person_a.uid]),
        {"organisation": spip.pk, "method": "oral", "given_on": "2999-01-01"},
    )
    assert response.status_code == 200
    assert "Ce champ est obligatoire" in response.text  # no category ticked
    assert 'value="2999-01-01"' in response.text
    assert not Consent.objects.exists()


def test_rule_a_consent_in_the_future_is_refused(client_for, counsellor_a, young_person_a, spip):
    response = client_for(counsellor_a).post(
        reverse("partners:consent_create", args=[young_person_a.uid]),
        {
            "organisation": spip.pk,
            "categories": ["identity"],
            "method": "oral",
            "given_on": "2999-01-01",
        },
    )
    assert "ne peut pas être daté dans le futur" in response.text
    assert not Consent.objects.exists()


def test_rule_withdrawal_is_confirmed_then_shown_on_the_file(
    client_for, counsellor_a, young_person_a, spip
):
    consent = give_consent(counsellor_a, young_person_a, spip)
    client = client_for(counsellor_a)
    url = reverse("partners:consent_withdraw", args=[consent.uid])
    assert "prend effet immédiatement" in client.get(url).text
    consent.refresh_from_db()
    assert consent.withdrawn_at is None  # the confirmation page changes nothing
    client.post(url)
    consent.refresh_from_db()
    assert consent.withdrawn_at is not None
    page = client.get(reverse("youngpeople:detail", args=[young_person_a.uid]))
    assert "Retiré le" in page.text


def test_rule_consents_and_group_changes_are_on_the_timeline(
    client_for, counsellor_a, young_person_a, spip, cpip
):
    from tests.partners.conftest import join

    give_consent(counsellor_a, young_person_a, spip)
    join(counsellor_a, young_person_a, cpip)
    response = client_for(counsellor_a).get(
        reverse("youngpeople:timeline", args=[young_person_a.uid]) + "?type=sharing"
    )
    assert "Consentement au partage avec SPIP 31" in response.text
    assert "rejoint le suivi partagé" in response.text


def test_rule_the_group_offers_only_staff_of_the_file_and_consented_partners(
    client_for, counsellor_a, counsellor_b, young_person_a, spip, cpip, personas
):
    give_consent(counsellor_a, young_person_a, spip)
    page = client_for(counsellor_a).get(reverse("partners:sharing", args=[young_person_a.uid]))
    assert cpip.get_full_name() in page.text
    assert personas["ase_referent"].get_full_name() not in page.text
    assert counsellor_b.get_full_name() not in page.text


def test_the_sharing_timeline_runs_two_queries_whatever_the_file(
    counsellor_a, young_person_a, spip, cpip, django_assert_max_num_queries
):
    from jalon.partners import timeline
    from tests.partners.conftest import join

    for _ in range(3):
        give_consent(counsellor_a, young_person_a, spip)
    join(counsellor_a, young_person_a, cpip)
    with django_assert_max_num_queries(2):
        assert len(timeline.items(young_person_a)) == 4
