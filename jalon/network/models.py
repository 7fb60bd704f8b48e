"""The Missions Locales network and its partners, on top of the official geography."""

from django.core.exceptions import ValidationError
from django.db import models


class Region(models.Model):
    code = models.CharField("code INSEE", max_length=3, unique=True)
    name = models.CharField("nom", max_length=100)

    class Meta:
        verbose_name = "région"
        ordering = ["name"]

    def __str__(self):
        return self.name


class Departement(models.Model):
    code = models.CharField("code INSEE", max_length=3, unique=True)
    name = models.CharField("nom", max_length=100)
    region = models.ForeignKey(Region, on_delete=models.PROTECT, related_name="departements")

    class Meta:
        verbose_name = "département"
        ordering = ["code"]

    def __str__(self):
        return f"{self.name} ({self.code})"


class Commune(models.Model):
    code = models.CharField("code INSEE", max_length=5, unique=True)
    name = models.CharField("nom", max_length=100)
    departement = models.ForeignKey(Departement, on_delete=models.PROTECT, related_name="communes")
    # Space-separated: a commune can have several postal codes and a code several communes.
    postal_codes = models.CharField("codes postaux", max_length=200)

    class Meta:
        verbose_name = "commune"
        ordering = ["name"]
        indexes = [models.Index(fields=["name"])]

    def __str__(self):
        return f"{self.name} ({self.departement.code})" if self.departement_id else self.name

    @property
    def postal_code_list(self) -> list[str]:
        return self.postal_codes.split()


class OrganisationKind(models.TextChoices):
    UNML = "unml", "Union nationale des Missions Locales"
    ARML = "arml", "Association régionale des Missions Locales"
    MISSION_LOCALE = "mission_locale", "Mission Locale"
    SPIP = "spip", "Service pénitentiaire d'insertion et de probation (SPIP)"
    PJJ = "pjj", "Service de la protection judiciaire de la jeunesse (PJJ)"
    PRISON = "prison", "Établissement pénitentiaire"
    CONSEIL_DEPARTEMENTAL = "conseil_departemental", "Conseil départemental (ASE)"
    FRANCE_TRAVAIL = "france_travail", "Agence France Travail"
    E2C = "e2c", "École de la deuxième chance (E2C)"
    EPIDE = "epide", "Établissement pour l'insertion dans l'emploi (EPIDE)"
    TRAINING_BODY = "training_body", "Organisme de formation"
    EMPLOYER = "employer", "Employeur"


PARTNER_KINDS = frozenset(
    {
        OrganisationKind.SPIP,
        OrganisationKind.PJJ,
        OrganisationKind.PRISON,
        OrganisationKind.CONSEIL_DEPARTEMENTAL,
        OrganisationKind.FRANCE_TRAVAIL,
        OrganisationKind.E2C,
        OrganisationKind.EPIDE,
        OrganisationKind.TRAINING_BODY,
        OrganisationKind.EMPLOYER,
    }
)


class PrisonType(models.TextChoices):
    MAISON_ARRET = "maison_arret", "Maison d'arrêt"
    CENTRE_DETENTION = "centre_detention", "Centre de détention"
    CENTRE_PENITENTIAIRE = "centre_penitentiaire", "Centre pénitentiaire"
    MAISON_CENTRALE = "maison_centrale", "Maison centrale"
    EPM = "epm", "Établissement pénitentiaire pour mineurs (EPM)"
    QUARTIER_MINEURS = "quartier_mineurs", "Quartier mineurs"
    CENTRE_SEMI_LIBERTE = "centre_semi_liberte", "Centre de semi-liberté"
    CJD = "cjd", "Centre de jeunes détenus (CJD)"
    SAS = "sas", "Structure d'accompagnement vers la sortie (SAS)"
    INSERRE = "inserre", "InSERRE (établissement expérimental d'insertion par l'emploi)"


class PjjServiceType(models.TextChoices):
    UEAJ = "ueaj", "Unité éducative d'activités de jour (UEAJ)"
    UEMO = "uemo", "Unité éducative de milieu ouvert (UEMO)"
    UEHC = "uehc", "Unité éducative d'hébergement collectif (UEHC)"
    DT = "dt", "Direction territoriale"


SUBTYPES_BY_KIND = {
    OrganisationKind.PRISON: PrisonType,
    OrganisationKind.PJJ: PjjServiceType,
}


class OrganisationQuerySet(models.QuerySet):
    def missions_locales(self):
        return self.filter(kind=OrganisationKind.MISSION_LOCALE)

    def partners(self):
        return self.filter(kind__in=PARTNER_KINDS)


class Organisation(models.Model):
    """A structure of the network (UNML, ARML, Mission Locale) or a partner of the directory.

    One model for all of them keeps accounts, the directory and the API simple: every user
    belongs to exactly one organisation, whatever its kind.
    """

    kind = models.CharField("type", max_length=32, choices=OrganisationKind.choices)
    subtype = models.CharField(
        "catégorie", max_length=32, blank=True, help_text="Type d'établissement ou de service."
    )
    code = models.CharField(
        "code", max_length=32, unique=True, help_text="Code de la structure (ex. code ML)."
    )
    name = models.CharField("nom", max_length=200)
    parent = models.ForeignKey(
        "self",
        verbose_name="structure de rattachement",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="children",
    )
    region = models.ForeignKey(
        Region, verbose_name="région", on_delete=models.PROTECT, null=True, blank=True
    )
    departement = models.ForeignKey(
        Departement, verbose_name="département", on_delete=models.PROTECT, null=True, blank=True
    )
    commune = models.ForeignKey(
        Commune,
        verbose_name="commune du siège",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    address = models.CharField("adresse", max_length=250, blank=True)
    phone = models.CharField("téléphone", max_length=20, blank=True)
    email = models.EmailField("courriel", blank=True)
    communes_covered = models.ManyToManyField(
        Commune, verbose_name="communes couvertes", blank=True, related_name="covered_by"
    )

    objects = OrganisationQuerySet.as_manager()

    class Meta:
        verbose_name = "structure"
        ordering = ["name"]
        indexes = [models.Index(fields=["kind", "name"])]

    def __str__(self):
        return self.name

    @property
    def is_mission_locale(self) -> bool:
        return self.kind == OrganisationKind.MISSION_LOCALE

    @property
    def subtype_label(self) -> str:
        choices = SUBTYPES_BY_KIND.get(self.kind)
        return dict(choices.choices).get(self.subtype, "") if choices else ""

    def clean(self):
        choices = SUBTYPES_BY_KIND.get(self.kind)
        if choices is None and self.subtype:
            raise ValidationError({"subtype": "Ce type de structure n'a pas de catégorie."})
        if choices is not None and self.subtype not in choices.values:
            raise ValidationError(
                {"subtype": "Choisissez la catégorie de l'établissement ou du service."}
            )


class Site(models.Model):
    """A reception point (point d'accueil) of a Mission Locale."""

    mission_locale = models.ForeignKey(
        Organisation,
        verbose_name="Mission Locale",
        on_delete=models.CASCADE,
        related_name="sites",
        limit_choices_to={"kind": OrganisationKind.MISSION_LOCALE},
    )
    name = models.CharField("nom", max_length=200)
    commune = models.ForeignKey(Commune, verbose_name="commune", on_delete=models.PROTECT)
    address = models.CharField("adresse", max_length=250, blank=True)
    is_main = models.BooleanField("siège", default=False)

    class Meta:
        verbose_name = "site (point d'accueil)"
        verbose_name_plural = "sites (points d'accueil)"
        ordering = ["mission_locale", "-is_main", "name"]

    def __str__(self):
        return self.name
