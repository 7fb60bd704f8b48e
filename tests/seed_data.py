"""Data that migrations load (geography, reference values) and tests rely on.

A transactional test (browser tests) ends with a flush of every table; this puts it back.
"""


def restore_if_flushed() -> None:
    from jalon.network.geography import load_geography
    from jalon.network.models import Commune, Departement, Region
    from jalon.pathways.models import ReferenceValue
    from jalon.pathways.reference_data import load_reference_values

    if not Commune.objects.exists():
        load_geography(Region, Departement, Commune)
    if not ReferenceValue.objects.exists():
        load_reference_values(ReferenceValue)
