"""Lists of school leavers, the cases they open, and the reports to the Département."""

import uuid

from django.conf import settings
from django.db import models
from django.utils import timezone

from jalon.core.encryption import EncryptedTextField
from jalon.network.models import Departement, Organisation
from jalon.obligation import rules
from jalon.obligation.enums import ContactChannel, ContactOutcome, SendingMeans, SolutionKind
from jalon.youngpeople.enums import Sex


class ScopedQuerySet(models.QuerySet):
    def visible_to(self, user):
        from jalon import policy

        return policy.scope_obligation(self, user)


class LeaverList(models.Model):
    """One list of school leavers received from the rectorat (or a school), as uploaded.

    The decoded text stays here, encrypted, between the upload and the import, so that the
    user can map its columns and see the preview; the import empties it.
    """

    uid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    mission_locale = models.ForeignKey(
        Organisation, verbose_name="Mission Locale", on_delete=models.PROTECT, related_name="+"
    )
    file_name = models.CharField("fichier", max_length=200)
    source = models.CharField(
        "provenance",
        max_length=200,
        blank=True,
        help_text="Par exemple : rectorat de Nancy-Metz, liste de novembre.",
    )
    encoding = models.CharField("encodage", max_length=20)
    delimiter = models.CharField("séparateur", max_length=1)
    content = EncryptedTextField("contenu", blank=True)
    line_count = models.PositiveIntegerField("lignes", default=0)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="déposée par",
        on_delete=models.PROTECT,
        related_name="+",
    )
    uploaded_at = models.DateTimeField("déposée le", default=timezone.now)
    imported_at = models.DateTimeField("importée le", null=True, blank=True)
    created_count = models.PositiveIntegerField("situations créées", default=0)
    known_count = models.PositiveIntegerField("déjà connues", default=0)
    ignored_count = models.PositiveIntegerField("hors obligation", default=0)
    linked_count = models.PositiveIntegerField("rattachées à un dossier", default=0)

    objects = ScopedQuerySet.as_manager()

    class Meta:
        verbose_name = "liste de sortants"
        verbose_name_plural = "listes de sortants"
        ordering = ["-uploaded_at", "-pk"]

    def __str__(self):
        return f"{self.file_name} ({self.uploaded_at:%d/%m/%Y})"

    @property
    def is_imported(self) -> bool:
        return self.imported_at is not None

    @property
    def delimiter_label(self) -> str:
        from jalon.obligation.csvimport import DELIMITER_LABELS

        return DELIMITER_LABELS.get(self.delimiter, self.delimiter)


class ObligationCase(models.Model):
    """A 16-17 year old named by a list of leavers: followed until a solution, 18, or the
    report to the Département. Kept without a file until the young person is met."""

    uid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    mission_locale = models.ForeignKey(
        Organisation, verbose_name="Mission Locale", on_delete=models.PROTECT, related_name="+"
    )
    leaver_list = models.ForeignKey(
        LeaverList,
        verbose_name="liste d'origine",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="cases",
    )
    # Accent- and case-free names and birth date: one case per person and Mission Locale,
    # so that importing the same list again (or the next month's) creates no duplicate.
    # Emptied once anonymised (the constraint ignores empty keys).
    identity_key = models.CharField(max_length=420, editable=False)
    last_name = models.CharField("nom", max_length=100)
    first_names = models.CharField("prénoms", max_length=150)
    birth_date = models.DateField("date de naissance")
    sex = models.CharField("sexe", max_length=1, choices=Sex.choices, blank=True)
    address = models.CharField("adresse", max_length=250, blank=True)
    postal_code = models.CharField("code postal", max_length=5, blank=True)
    commune_name = models.CharField("commune", max_length=100, blank=True)
    establishment = models.CharField("établissement quitté", max_length=200, blank=True)
    school_class = models.CharField("classe", max_length=100, blank=True)
    left_on = models.DateField("date de sortie", null=True, blank=True)
    representative = models.CharField("représentant légal", max_length=200, blank=True)
    representative_contact = models.CharField(
        "coordonnées du représentant légal", max_length=200, blank=True
    )
    phone = models.CharField("téléphone", max_length=30, blank=True)
    young_person = models.ForeignKey(
        "youngpeople.YoungPerson",
        verbose_name="dossier",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="obligation_cases",
    )
    convoked_on = models.DateField("convocation envoyée le", null=True, blank=True)
    appointment_on = models.DateField("rendez-vous fixé au", null=True, blank=True)
    convoked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="convoqué·e par",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    solution_kind = models.CharField(
        "solution", max_length=20, choices=SolutionKind.choices, blank=True
    )
    solution_on = models.DateField("solution depuis le", null=True, blank=True)
    solution_details = models.CharField("précision sur la solution", max_length=200, blank=True)
    pathway = models.ForeignKey(
        "pathways.Pathway",
        verbose_name="parcours",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    created_at = models.DateTimeField("créée le", default=timezone.now, editable=False)

    objects = ScopedQuerySet.as_manager()

    class Meta:
        verbose_name = "situation d'obligation de formation"
        verbose_name_plural = "situations d'obligation de formation"
        ordering = ["last_name", "first_names", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["mission_locale", "identity_key"],
                condition=~models.Q(identity_key=""),
                name="one_obligation_case_per_person",
            )
        ]
        indexes = [models.Index(fields=["mission_locale", "convoked_on"])]

    def __str__(self):
        return f"{self.last_name.upper()} {self.first_names}"

    @property
    def display_name(self) -> str:
        return str(self)

    @property
    def has_solution(self) -> bool:
        return bool(self.solution_kind)

    @property
    def ends_on(self):
        return rules.obligation_ends_on(self.birth_date)

    def age_on(self, day) -> int:
        return rules.age_on(self.birth_date, day)

    @property
    def report_due_on(self):
        return rules.report_due_on(self.convoked_on) if self.convoked_on else None


class ContactAttempt(models.Model):
    uid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    case = models.ForeignKey(
        ObligationCase, on_delete=models.CASCADE, related_name="contact_attempts"
    )
    attempted_on = models.DateField("date")
    channel = models.CharField("moyen", max_length=20, choices=ContactChannel.choices)
    outcome = models.CharField("résultat", max_length=30, choices=ContactOutcome.choices)
    notes = EncryptedTextField("commentaire", blank=True)
    made_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name="par", on_delete=models.PROTECT, related_name="+"
    )
    recorded_at = models.DateTimeField(default=timezone.now, editable=False)

    class Meta:
        verbose_name = "tentative de contact"
        verbose_name_plural = "tentatives de contact"
        ordering = ["-attempted_on", "-recorded_at"]

    def __str__(self):
        return f"{self.get_channel_display()} le {self.attempted_on:%d/%m/%Y}"


class DepartementReport(models.Model):
    """The letter informing the président du conseil départemental of the young people still
    without a solution two months after their convocation, and the record of its sending."""

    uid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    mission_locale = models.ForeignKey(
        Organisation, verbose_name="Mission Locale", on_delete=models.PROTECT, related_name="+"
    )
    departement = models.ForeignKey(
        Departement, verbose_name="département", on_delete=models.PROTECT, related_name="+"
    )
    cases = models.ManyToManyField(
        ObligationCase, verbose_name="situations signalées", related_name="reports"
    )
    # The letter keeps its count when cases without a file are deleted at the end of retention.
    case_count = models.PositiveIntegerField("nombre de situations signalées")
    prepared_on = models.DateField("établi le")
    prepared_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="établi par",
        on_delete=models.PROTECT,
        related_name="+",
    )
    sent_on = models.DateField("envoyé le", null=True, blank=True)
    sent_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="envoyé par",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    sending_means = models.CharField(
        "moyen d'envoi", max_length=20, choices=SendingMeans.choices, blank=True
    )

    objects = ScopedQuerySet.as_manager()

    class Meta:
        verbose_name = "signalement au Département"
        verbose_name_plural = "signalements au Département"
        ordering = ["-prepared_on", "-pk"]

    def __str__(self):
        return f"Signalement du {self.prepared_on:%d/%m/%Y}"

    @property
    def is_sent(self) -> bool:
        return self.sent_on is not None
