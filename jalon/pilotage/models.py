"""Territorial context (seed 003, section 2.1): reference figures of the territories.

Population aged 16-25 and young job seekers (DEFM under 26: the CPO indicators "nombre de
jeunes 16-25 ans présents sur le territoire" and "nombre de jeunes DEFM") are published per
commune (INSEE, France Travail); a
national administrator imports them with their source and year. Départements and the territory
of a Mission Locale (its covered communes) add their communes up.
"""

import uuid

from django.conf import settings
from django.db import models

from jalon.network.models import Commune


class TerritorialImport(models.Model):
    """One import of reference figures: who loaded which source, for which year, when."""

    uid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    source = models.CharField("source", max_length=200)
    year = models.PositiveSmallIntegerField("année des données")
    file_name = models.CharField("fichier", max_length=200, blank=True)
    row_count = models.PositiveIntegerField("communes importées")
    imported_at = models.DateTimeField("importé le", auto_now_add=True)
    imported_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="importé par",
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
    )

    class Meta:
        verbose_name = "import de données territoriales"
        verbose_name_plural = "imports de données territoriales"
        ordering = ["-imported_at", "-pk"]

    def __str__(self):
        return f"{self.source} ({self.year})"


class CommuneFigures(models.Model):
    """The figures of one commune for one year; a later import of the same year replaces them."""

    commune = models.ForeignKey(
        Commune, verbose_name="commune", on_delete=models.PROTECT, related_name="+"
    )
    year = models.PositiveSmallIntegerField("année")
    population_16_25 = models.PositiveIntegerField("population de 16 à 25 ans")
    # Empty when the source does not publish it (statistical secrecy of small counts).
    job_seekers = models.PositiveIntegerField(
        "jeunes demandeurs d'emploi (DEFM, moins de 26 ans)", null=True, blank=True
    )
    data_import = models.ForeignKey(
        TerritorialImport, verbose_name="import", on_delete=models.PROTECT, related_name="figures"
    )

    class Meta:
        verbose_name = "données d'une commune"
        verbose_name_plural = "données des communes"
        constraints = [
            models.UniqueConstraint(fields=["commune", "year"], name="one_figure_per_commune_year")
        ]
        indexes = [models.Index(fields=["year", "commune"])]

    def __str__(self):
        return f"{self.commune_id} ({self.year})"
