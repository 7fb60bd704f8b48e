"""Stored indicator counts of each Mission Locale (`snapshots`): national and regional tables
add them up instead of counting a whole network's files again."""

from django.db import models


class MissionLocaleDataVersion(models.Model):
    """Moves on after every commit that changes a record the indicators count in this Mission
    Locale: a stored count computed at an older version is stale."""

    mission_locale = models.OneToOneField(
        "network.Organisation",
        verbose_name="Mission Locale",
        on_delete=models.CASCADE,
        primary_key=True,
        related_name="+",
    )
    version = models.PositiveBigIntegerField("version des données", default=0)

    class Meta:
        verbose_name = "version des données d'une Mission Locale"
        verbose_name_plural = "versions des données des Missions Locales"

    def __str__(self):
        return f"Mission Locale {self.mission_locale_id} : version {self.version}"


class CountSnapshot(models.Model):
    """Every indicator figure of one Mission Locale for one period, as of `version`:
    `counts` is {indicator code: {column key: young people}} (zeros left out)."""

    mission_locale = models.ForeignKey(
        "network.Organisation",
        verbose_name="Mission Locale",
        on_delete=models.CASCADE,
        related_name="+",
    )
    period_start = models.DateField("début de la période")
    period_end = models.DateField("fin de la période")
    version = models.PositiveBigIntegerField("version des données comptées")
    definitions = models.CharField("empreinte des définitions", max_length=64)
    counts = models.JSONField("effectifs", default=dict)
    computed_at = models.DateTimeField("calculé le", auto_now=True)

    class Meta:
        verbose_name = "effectifs d'une Mission Locale"
        verbose_name_plural = "effectifs des Missions Locales"
        constraints = [
            models.UniqueConstraint(
                fields=["period_start", "period_end", "mission_locale"],
                name="reporting_one_snapshot_per_period_and_ml",
            )
        ]

    def __str__(self):
        ml, start, end = self.mission_locale_id, self.period_start, self.period_end
        return f"Mission Locale {ml}, du {start} au {end}"
