"""Writes of the pilotage area: imports of territorial reference figures."""

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils import timezone

from jalon import policy
from jalon.audit import services as audit
from jalon.audit.models import AuditAction
from jalon.network.models import Commune
from jalon.pilotage import rules
from jalon.pilotage.models import CommuneFigures, TerritorialImport


@transaction.atomic
def import_territorial_figures(
    *, actor, source: str, year: int, text: str, file_name: str = ""
) -> TerritorialImport:
    """Load a year of figures per commune, all or nothing.

    A commune already known for that year takes the new figures (a corrected release of the
    source); the previous import stays listed with its source and date.
    """
    if not policy.can_import_territorial_context(actor):
        raise PermissionDenied
    rules.check_source_and_year(source=source, year=year, today=timezone.localdate())
    communes = dict(Commune.objects.values_list("code", "pk"))
    lines = rules.parse_territorial_figures(text, known_communes=set(communes))
    data_import = TerritorialImport.objects.create(
        source=source.strip(),
        year=year,
        file_name=file_name[:200],
        row_count=len(lines),
        imported_by=actor,
    )
    replaced = CommuneFigures.objects.filter(
        year=year, commune_id__in=[communes[line.commune_code] for line in lines]
    ).delete()[0]
    CommuneFigures.objects.bulk_create(
        CommuneFigures(
            commune_id=communes[line.commune_code],
            year=year,
            population_16_25=line.population_16_25,
            job_seekers=line.job_seekers,
            data_import=data_import,
        )
        for line in lines
    )
    audit.record(
        actor=actor,
        action=AuditAction.CREATE,
        obj=data_import,
        changes={
            "source": data_import.source,
            "year": year,
            "communes": len(lines),
            "replaced": replaced,
        },
    )
    return data_import
