import pytest

from tests.reporting import scenario as scripted


@pytest.fixture
def scenario(ml_a, ml_b, site_a, counsellor_a):
    return scripted.build(ml_a=ml_a, ml_b=ml_b, site_a=site_a, counsellor=counsellor_a)


@pytest.fixture
def justice_scenario(ml_a, ml_b, personas):
    from tests.reporting import partnership_scenario

    return partnership_scenario.build_justice(
        ml_a=ml_a,
        ml_b=ml_b,
        cjml=personas["cjml_a"],
        counsellor=personas["counsellor_a"],
        cpip=personas["cpip"],
        pjj_educator=personas["pjj_educator"],
    )


@pytest.fixture
def child_welfare_scenario(ml_a, ml_b, personas):
    from tests.reporting import partnership_scenario

    return partnership_scenario.build_child_welfare(
        ml_a=ml_a,
        ml_b=ml_b,
        counsellor=personas["counsellor_a"],
        cd31=personas["ase_referent"].organisation,
    )
