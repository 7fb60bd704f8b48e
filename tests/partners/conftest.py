import pytest
from django.utils import timezone

from jalon.partners import services
from jalon.referrals.enums import ConsentCategory, ConsentMethod
from jalon.referrals.services import consent_record


@pytest.fixture
def cpip(personas):
    return personas["cpip"]


@pytest.fixture
def spip(cpip):
    return cpip.organisation


def give_consent(actor, young_person, organisation, categories=tuple(ConsentCategory.values)):
    return consent_record(
        actor=actor,
        young_person=young_person,
        organisation=organisation,
        categories=set(categories),
        method=ConsentMethod.ORAL,
        given_on=timezone.localdate(),
    )


def join(actor, young_person, user):
    return services.follow_up_member_add(
        actor=actor, young_person=young_person, user=user, start_date=timezone.localdate()
    )


@pytest.fixture
def followed(counsellor_a, young_person_a, cpip, spip):
    """Young person A consented to share everything with the SPIP; the CPIP follows them."""
    consent = give_consent(counsellor_a, young_person_a, spip)
    member = join(counsellor_a, young_person_a, cpip)
    return {"consent": consent, "member": member}
