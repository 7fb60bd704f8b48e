import pytest

from tests.reporting import scenario as scripted


@pytest.fixture
def scenario(ml_a, ml_b, site_a, counsellor_a):
    return scripted.build(ml_a=ml_a, ml_b=ml_b, site_a=site_a, counsellor=counsellor_a)
