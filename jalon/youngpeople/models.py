"""The young person's file."""

import uuid

from django.conf import settings
from django.db import models
from django.utils import timezone

from jalon.core.versioning import Versioned
from jalon.network.models import Commune, Organisation, Site
from jalon.youngpeople.enums import (
    DocumentKind,
    FileStatus,
    Level1969,
    Level2019,
    PriorityPublic,
    PublicDetail,
    Sex,
    TransferReason,
    TransferStatus,
)
from jalon.youngpeople.normalize import normalize_name


class YoungPersonQuerySet(models.QuerySet):
    def visible_to(self, user):
        from jalon import policy

        return policy.scope_young_people(self, user)

    def live(self):
        return self.exclude(status=FileStatus.MERGED)


class BelongsToYoungPersonQuerySet(models.QuerySet):
    """For records of a file (pathways, receptions, appointments...): they follow its scope."""

    def visible_to(self, user):
        from jalon import policy

        return policy.scope_by_young_person(self, user)


class YoungPerson(Versioned):
    VERSION_SUBJECT = "Ce dossier"

    # Opaque identifier for URLs and the API: row numbers would leak the size of a file base.
    uid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)

    last_name = models.CharField("nom d'usage", max_length=100)
    birth_name = models.CharField("nom de naissance", max_length=100, blank=True)
    first_names = models.CharField("prénoms", max_length=150)
    sex = models.CharField("sexe", max_length=1, choices=Sex.choices)
    birth_date = models.DateField("date de naissance")

    phone = models.CharField("téléphone", max_length=20, blank=True)
    email = models.EmailField("courriel", blank=True)
    address = models.CharField("adresse", max_length=250, blank=True)
    postal_code = models.CharField("code postal", max_length=5, blank=True)
    commune = models.ForeignKey(
        Commune, verbose_name="commune", on_delete=models.PROTECT, null=True, blank=True
    )

    level_1969 = models.CharField(
        "niveau (nomenclature 1969)",
        max_length=4,
        choices=Level1969.choices,
        blank=True,
        help_text="Dernière classe atteinte.",
    )
    level_2019 = models.PositiveSmallIntegerField(
        "niveau de certification (cadre national 2019)",
        choices=Level2019.choices,
        null=True,
        blank=True,
        help_text="Plus haute certification obtenue.",
    )
    last_class = models.CharField("dernière classe fréquentée", max_length=100, blank=True)
    diploma = models.CharField("diplôme le plus élevé", max_length=150, blank=True)
    neet_on_arrival = models.BooleanField(
        "NEET à l'arrivée", default=True, help_text="Ni en emploi, ni en études, ni en formation."
    )

    first_reception_date = models.DateField("date du premier accueil")
    age_exception_reason = models.TextField("motif de la dérogation d'âge", blank=True)
    age_exception_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="dérogation accordée par",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )

    mission_locale = models.ForeignKey(
        Organisation,
        verbose_name="Mission Locale",
        on_delete=models.PROTECT,
        related_name="young_people",
    )
    site = models.ForeignKey(
        Site, verbose_name="site", on_delete=models.PROTECT, null=True, blank=True
    )
    referent = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="conseiller·ère référent·e",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="portfolio",
    )
    status = models.CharField(
        "statut", max_length=12, choices=FileStatus.choices, default=FileStatus.ACTIVE
    )
    merged_into = models.ForeignKey(
        "self", on_delete=models.PROTECT, null=True, blank=True, related_name="absorbed"
    )
    # Set when the retention period ended: identity and free text are gone, the facts that
    # indicators count (dates, programmes, outcomes) stay.
    anonymised_at = models.DateTimeField("anonymisé le", null=True, blank=True, editable=False)

    # Accent- and case-free "last birth first" names, for trigram search and duplicates
    # (trigram GIN index created on PostgreSQL by migration 0002).
    search_name = models.CharField(max_length=400, editable=False, default="")

    created_at = models.DateTimeField("créé le", default=timezone.now, editable=False)
    updated_at = models.DateTimeField("modifié le", auto_now=True)

    objects = YoungPersonQuerySet.as_manager()

    class Meta:
        verbose_name = "jeune"
        verbose_name_plural = "jeunes"
        ordering = ["last_name", "first_names"]
        indexes = [
            models.Index(fields=["mission_locale", "status", "last_name"]),
            models.Index(fields=["referent", "status"]),
            models.Index(fields=["birth_date"]),
        ]

    def __str__(self):
        return f"{self.last_name.upper()} {self.first_names}"

    def save(self, *args, **kwargs):
        self.search_name = self.compute_search_name()
        if "update_fields" in kwargs and kwargs["update_fields"] is not None:
            kwargs["update_fields"] = {*kwargs["update_fields"], "search_name", "updated_at"}
        super().save(*args, **kwargs)

    def compute_search_name(self) -> str:
        return normalize_name(self.last_name, self.birth_name, self.first_names)

    def age_on(self, day) -> int:
        years = day.year - self.birth_date.year
        return years - ((day.month, day.day) < (self.birth_date.month, self.birth_date.day))

    @property
    def age(self) -> int:
        return self.age_on(timezone.localdate())

    @property
    def born_word(self) -> str:
        return "née" if self.sex == Sex.FEMALE else "né"

    @property
    def age_at_first_reception(self) -> int:
        return self.age_on(self.first_reception_date)

    @property
    def display_name(self) -> str:
        return str(self)


class PriorityPublicPeriodQuerySet(models.QuerySet):
    def active_on(self, day):
        return self.filter(start_date__lte=day).filter(
            models.Q(end_date__isnull=True) | models.Q(end_date__gte=day)
        )


class PriorityPublicPeriod(models.Model):
    """A young person belongs to a priority public for a dated period (indicators count by day)."""

    young_person = models.ForeignKey(
        YoungPerson, on_delete=models.CASCADE, related_name="public_periods"
    )
    public = models.CharField("public", max_length=20, choices=PriorityPublic.choices)
    detail = models.CharField("précision", max_length=30, choices=PublicDetail.choices, blank=True)
    start_date = models.DateField("début")
    end_date = models.DateField("fin", null=True, blank=True)

    objects = PriorityPublicPeriodQuerySet.as_manager()

    class Meta:
        verbose_name = "période de public prioritaire"
        ordering = ["-start_date"]
        indexes = [models.Index(fields=["public", "young_person"])]

    def __str__(self):
        return self.get_public_display()

    def is_active_on(self, day) -> bool:
        return self.start_date <= day and (self.end_date is None or self.end_date >= day)


class MergeRecord(models.Model):
    """Kept forever: what an absorbed file held when it was merged into another."""

    kept = models.ForeignKey(YoungPerson, on_delete=models.PROTECT, related_name="merges_kept")
    absorbed = models.ForeignKey(
        YoungPerson, on_delete=models.PROTECT, related_name="merges_absorbed"
    )
    merged_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT)
    merged_at = models.DateTimeField(default=timezone.now)
    absorbed_snapshot = models.JSONField()
    moved = models.JSONField(help_text="Related records moved to the kept file, by model.")

    class Meta:
        verbose_name = "fusion de dossiers"
        verbose_name_plural = "fusions de dossiers"

    def __str__(self):
        return f"Fusion du {self.merged_at:%d/%m/%Y}"


class Document(models.Model):
    """A file attached to a young person's file (CV, identity document, certificate...).

    The content lives under a random name in a private directory that no URL serves
    (settings.UPLOAD_DIR); it is read only through the download view, which applies the access
    policy. Deleting the row, in any way (service, retention, cascade), deletes the content.
    """

    uid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    young_person = models.ForeignKey(
        YoungPerson, verbose_name="jeune", on_delete=models.CASCADE, related_name="documents"
    )
    kind = models.CharField("type de document", max_length=20, choices=DocumentKind.choices)
    original_name = models.CharField("nom du fichier", max_length=200)
    stored_name = models.CharField(max_length=80, unique=True, editable=False)
    # Sniffed from the content, never taken from the browser or the file name.
    content_type = models.CharField("format", max_length=100)
    size = models.PositiveIntegerField("taille (octets)")
    sha256 = models.CharField("empreinte SHA-256", max_length=64)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="déposé par",
        on_delete=models.PROTECT,
        related_name="+",
    )
    uploaded_at = models.DateTimeField("déposé le", default=timezone.now)

    objects = BelongsToYoungPersonQuerySet.as_manager()

    class Meta:
        verbose_name = "document"
        verbose_name_plural = "documents"
        ordering = ["-uploaded_at", "-pk"]

    def __str__(self):
        return f"{self.get_kind_display()} — {self.original_name}"

    @property
    def size_label(self) -> str:
        if self.size >= 1024 * 1024:
            return f"{self.size / (1024 * 1024):.1f} Mo".replace(".", ",")
        return f"{max(1, round(self.size / 1024))} ko"


class FileTransferQuerySet(models.QuerySet):
    def pending(self):
        return self.filter(status=TransferStatus.REQUESTED)

    def incoming_for(self, user):
        from jalon import policy

        return policy.scope_incoming_transfers(self, user)


class FileTransfer(models.Model):
    """A file handed from one Mission Locale to another (a move, a release from detention).

    Until the receiving Mission Locale accepts, the file stays with the sending one; on
    acceptance the whole file changes hands at once. Status changes go through
    `transfers.py`, which logs them in FileTransferStatusChange.
    """

    uid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    young_person = models.ForeignKey(
        YoungPerson, verbose_name="jeune", on_delete=models.CASCADE, related_name="transfers"
    )
    from_mission_locale = models.ForeignKey(
        Organisation,
        verbose_name="Mission Locale d'origine",
        on_delete=models.PROTECT,
        related_name="outgoing_transfers",
    )
    to_mission_locale = models.ForeignKey(
        Organisation,
        verbose_name="Mission Locale d'accueil",
        on_delete=models.PROTECT,
        related_name="incoming_transfers",
    )
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="demandé par",
        on_delete=models.PROTECT,
        related_name="+",
    )
    requested_at = models.DateTimeField("demandé le", default=timezone.now)
    reason_kind = models.CharField("motif", max_length=10, choices=TransferReason.choices)
    reason = models.TextField("précisions sur le motif", blank=True)
    new_address = models.CharField("nouvelle adresse", max_length=250, blank=True)
    new_postal_code = models.CharField("nouveau code postal", max_length=5, blank=True)
    new_commune = models.ForeignKey(
        Commune,
        verbose_name="nouvelle commune",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    status = models.CharField(
        "statut", max_length=10, choices=TransferStatus.choices, default=TransferStatus.REQUESTED
    )
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="décidé par",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    decided_at = models.DateTimeField("décidé le", null=True, blank=True)
    refusal_reason = models.TextField("motif du refus", blank=True)

    objects = FileTransferQuerySet.as_manager()

    class Meta:
        verbose_name = "transfert de dossier"
        verbose_name_plural = "transferts de dossiers"
        ordering = ["-requested_at", "-pk"]
        constraints = [
            # One pending transfer per file: two receivers could otherwise both accept it.
            models.UniqueConstraint(
                fields=["young_person"],
                condition=models.Q(status="requested"),
                name="one_pending_transfer_per_file",
            )
        ]
        indexes = [models.Index(fields=["to_mission_locale", "status"])]

    def __str__(self):
        return f"Transfert vers {self.to_mission_locale}"

    @property
    def is_pending(self) -> bool:
        return self.status == TransferStatus.REQUESTED


class FileTransferStatusChange(models.Model):
    """Who changed a transfer's status, when, from what to what, and why."""

    transfer = models.ForeignKey(
        FileTransfer, on_delete=models.CASCADE, related_name="status_changes"
    )
    changed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name="par", on_delete=models.PROTECT, related_name="+"
    )
    changed_at = models.DateTimeField("le", default=timezone.now)
    from_status = models.CharField(
        "ancien statut", max_length=10, choices=TransferStatus.choices, blank=True
    )
    to_status = models.CharField("nouveau statut", max_length=10, choices=TransferStatus.choices)
    reason = models.TextField("motif", blank=True)

    class Meta:
        verbose_name = "changement de statut d'un transfert"
        ordering = ["changed_at", "pk"]

    def __str__(self):
        return f"{self.from_status or '—'} → {self.to_status}"
