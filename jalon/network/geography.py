"""Loading of the official geography vendored in `data/` (see data/SOURCE.md)."""

import csv
from pathlib import Path

from django.db import transaction

DATA_DIR = Path(__file__).resolve().parent / "data"


def _rows(filename: str):
    with (DATA_DIR / filename).open(encoding="utf-8", newline="") as handle:
        yield from csv.DictReader(handle)


@transaction.atomic
def load_geography(region_model, departement_model, commune_model) -> dict[str, int]:
    """Insert or update regions, départements and communes from the vendored CSV files.

    Models are passed in so that the data migration can use its historical models.
    """
    regions = {}
    for row in _rows("regions.csv"):
        regions[row["code"]], _ = region_model.objects.update_or_create(
            code=row["code"], defaults={"name": row["name"]}
        )
    departements = {}
    for row in _rows("departements.csv"):
        departements[row["code"]], _ = departement_model.objects.update_or_create(
            code=row["code"],
            defaults={"name": row["name"], "region": regions[row["region_code"]]},
        )
    existing = set(commune_model.objects.values_list("code", flat=True))
    to_create, to_update = [], []
    for row in _rows("communes.csv"):
        commune = commune_model(
            code=row["code"],
            name=row["name"],
            departement=departements[row["departement_code"]],
            postal_codes=row["postal_codes"],
        )
        (to_update if row["code"] in existing else to_create).append(commune)
    commune_model.objects.bulk_create(to_create, batch_size=2000)
    if to_update:
        by_code = dict(commune_model.objects.values_list("code", "pk"))
        for commune in to_update:
            commune.pk = by_code[commune.code]
        commune_model.objects.bulk_update(
            to_update, ["name", "departement", "postal_codes"], batch_size=2000
        )
    return {
        "regions": len(regions),
        "departements": len(departements),
        "communes": len(to_create) + len(to_update),
    }
