import pytest

from tests.childwelfare.factories import open_follow_up, share_with_departement, young_person_aged


@pytest.fixture
def ase_referent(personas):
    return personas["ase_referent"]


@pytest.fixture
def departement(ase_referent):
    return ase_referent.organisation


@pytest.fixture
def minor_in_care(ml_a, counsellor_a, departement):
    """A 16-year-old of Mission Locale A placed by the Département."""
    young_person = young_person_aged(ml_a, 16, days=100, referent=counsellor_a)
    return open_follow_up(counsellor_a, young_person, departement)


@pytest.fixture
def shared_follow_up(minor_in_care, counsellor_a, ase_referent):
    """The young person consented to share everything with the Département; the referent is
    a member of the follow-up group."""
    consent, member = share_with_departement(counsellor_a, minor_in_care.young_person, ase_referent)
    return {"follow_up": minor_in_care, "consent": consent, "member": member}
