"""Consent: dated, scoped to a partner and to categories, withdrawn at once."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from jalon import policy
from jalon.audit.models import AuditEntry
from jalon.referrals import services
from jalon.referrals.enums import ConsentCategory, ConsentMethod


@pytest.fixture
def spip(personas):
    return personas["cpip"].organisation


def record(actor, young_person, organisation, categories=(ConsentCategory.IDENTITY,), **extra):
    return services.consent_record(
        actor=actor,
        young_person=young_person,
        organisation=organisation,
        categories=set(categories),
        method=extra.get("method", ConsentMethod.SIGNED_FORM),
        given_on=extra.get("given_on", timezone.localdate()),
    )


def test_rule_a_partner_sees_only_the_categories_consented_to(
    personas, counsellor_a, young_person_a, spip
):
    record(counsellor_a, young_person_a, spip, [ConsentCategory.IDENTITY, ConsentCategory.PATHWAY])
    assert policy.partner_categories(personas["cpip"], young_person_a) == {
        ConsentCategory.IDENTITY,
        ConsentCategory.PATHWAY,
    }


def test_rule_a_partner_of_another_structure_sees_nothing(
    personas, counsellor_a, young_person_a, spip
):
    record(counsellor_a, young_person_a, spip)
    assert policy.partner_categories(personas["pjj_educator"], young_person_a) == frozenset()
    assert policy.partner_categories(personas["ase_referent"], young_person_a) == frozenset()


def test_rule_staff_get_no_categories_from_consent(personas, counsellor_a, young_person_a, spip):
    record(counsellor_a, young_person_a, spip)
    assert policy.partner_categories(counsellor_a, young_person_a) == frozenset()


def test_rule_withdrawal_takes_effect_at_once(personas, counsellor_a, young_person_a, spip):
    consent = record(counsellor_a, young_person_a, spip)
    services.consent_withdraw(actor=counsellor_a, consent=consent)
    assert policy.partner_categories(personas["cpip"], young_person_a) == frozenset()
    with pytest.raises(ValidationError, match="déjà été retiré"):
        services.consent_withdraw(actor=counsellor_a, consent=consent)


def test_rule_consents_add_up_and_each_is_withdrawn_alone(
    personas, counsellor_a, young_person_a, spip
):
    first = record(counsellor_a, young_person_a, spip, [ConsentCategory.IDENTITY])
    record(counsellor_a, young_person_a, spip, [ConsentCategory.APPOINTMENTS])
    services.consent_withdraw(actor=counsellor_a, consent=first)
    assert policy.partner_categories(personas["cpip"], young_person_a) == {
        ConsentCategory.APPOINTMENTS
    }


def test_rule_a_consent_is_given_to_a_partner_structure_with_a_category_a_method_and_a_date(
    counsellor_a, young_person_a, ml_b
):
    with pytest.raises(ValidationError) as error:
        services.consent_record(
            actor=counsellor_a,
            young_person=young_person_a,
            organisation=ml_b,
            categories=set(),
            method="",
            given_on=timezone.localdate() + datetime.timedelta(days=1),
        )
    assert error.value.message_dict == {
        "organisation": ["Choisissez une structure partenaire."],
        "categories": ["Cochez au moins une catégorie d'informations à partager."],
        "method": ["Indiquez comment le consentement a été recueilli."],
        "given_on": ["Un consentement ne peut pas être daté dans le futur."],
    }


def test_recording_and_withdrawing_a_consent_are_journalled(counsellor_a, young_person_a, spip):
    consent = record(counsellor_a, young_person_a, spip)
    services.consent_withdraw(actor=counsellor_a, consent=consent)
    entries = AuditEntry.objects.filter(
        young_person=young_person_a, object_type="referrals.consent"
    )
    assert entries.count() == 2


def test_rule_a_consent_given_or_withdrawn_is_announced_to_the_partners_systems(
    counsellor_a, young_person_a, spip
):
    from jalon.webhooks.models import WebhookDelivery
    from tests.webhooks.factories import SubscriptionFactory

    SubscriptionFactory(organisation=spip, event_types=["consent.changed"])
    consent = record(counsellor_a, young_person_a, spip, [ConsentCategory.PATHWAY])
    services.consent_withdraw(actor=counsellor_a, consent=consent)
    payloads = [d.payload for d in WebhookDelivery.objects.order_by("pk")]
    assert [(p["status"], p["categories"]) for p in payloads] == [
        ("given", [ConsentCategory.PATHWAY]),
        ("withdrawn", [ConsentCategory.PATHWAY]),
    ]
    assert {p["young_person"] for p in payloads} == {str(young_person_a.uid)}
