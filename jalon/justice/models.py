"""Young people under justice (JSMJ, seed 000): the penal situation, known only to
justice-habilitated staff and to the justice partners of the follow-up group; the CJML's work
in detention; exit preparation; TIG hosted by Missions Locales; the CJML directory.

Every query goes through `visible_to(user)`, which asks `jalon.policy`.
"""

import uuid

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone

from jalon.core.encryption import EncryptedTextField
from jalon.core.versioning import Versioned
from jalon.justice.enums import (
    DETENTION_MEASURES,
    AdjustmentKind,
    Housing,
    JobEventKind,
    JobEventOutcome,
    LeavePurpose,
    Measure,
    ReleasePathway,
    ReleaseSituation,
    SessionStatus,
    TigStatus,
)
from jalon.network.models import OrganisationKind

_USER = settings.AUTH_USER_MODEL


def _by(verbose_name="enregistré par"):
    return models.ForeignKey(
        _USER, verbose_name=verbose_name, on_delete=models.PROTECT, related_name="+"
    )


# --- Penal situation ------------------------------------------------------------------------


class PenalSituationQuerySet(models.QuerySet):
    def visible_to(self, user):
        from jalon import policy

        return policy.scope_penal_situations(self, user)

    def ongoing(self):
        return self.filter(released_on__isnull=True)

    def in_detention(self):
        return self.ongoing().filter(measure__in=DETENTION_MEASURES)


class PenalSituation(Versioned):
    """One penal measure of a young person (a detention, an open-environment follow-up, a PJJ
    placement). Its free text is encrypted; it is read by justice-habilitated people only."""

    VERSION_SUBJECT = "Cette situation pénale"

    uid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    young_person = models.ForeignKey(
        "youngpeople.YoungPerson",
        verbose_name="jeune",
        on_delete=models.CASCADE,
        related_name="penal_situations",
    )
    measure = models.CharField("mesure", max_length=24, choices=Measure.choices)
    establishment = models.ForeignKey(
        "network.Organisation",
        verbose_name="établissement ou service",
        on_delete=models.PROTECT,
        related_name="+",
        limit_choices_to={
            "kind__in": [OrganisationKind.PRISON, OrganisationKind.SPIP, OrganisationKind.PJJ]
        },
    )
    referring_service = models.ForeignKey(
        "network.Organisation",
        verbose_name="service référent (SPIP ou PJJ)",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        limit_choices_to={"kind__in": [OrganisationKind.SPIP, OrganisationKind.PJJ]},
    )
    entry_date = models.DateField("date d'entrée")
    foreseeable_release_date = models.DateField("date prévisible de sortie", null=True, blank=True)
    details = EncryptedTextField("précisions", blank=True)
    released_on = models.DateField("sortie le", null=True, blank=True)
    release_situation = models.CharField(
        "situation à la sortie", max_length=20, choices=ReleaseSituation.choices, blank=True
    )
    created_by = _by("créée par")
    created_at = models.DateTimeField("créée le", default=timezone.now, editable=False)

    objects = PenalSituationQuerySet.as_manager()

    class Meta:
        verbose_name = "situation pénale"
        verbose_name_plural = "situations pénales"
        ordering = ["-entry_date", "-pk"]
        indexes = [models.Index(fields=["establishment", "released_on"])]

    def __str__(self):
        return f"{self.get_measure_display()} — {self.establishment}"

    @property
    def is_detention(self) -> bool:
        return self.measure in DETENTION_MEASURES

    @property
    def is_ongoing(self) -> bool:
        return self.released_on is None


class ReleaseDateChange(models.Model):
    """The history of the foreseeable release date: a date moves often (adjustments, remand)."""

    situation = models.ForeignKey(
        PenalSituation, on_delete=models.CASCADE, related_name="release_date_changes"
    )
    previous_date = models.DateField("ancienne date", null=True, blank=True)
    new_date = models.DateField("nouvelle date", null=True, blank=True)
    reason = EncryptedTextField("motif", blank=True)
    changed_by = _by("modifiée par")
    changed_at = models.DateTimeField("le", default=timezone.now)

    class Meta:
        verbose_name = "changement de date prévisible de sortie"
        ordering = ["-changed_at", "-pk"]

    def __str__(self):
        return f"{self.previous_date} → {self.new_date}"


class SentenceAdjustment(models.Model):
    uid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    situation = models.ForeignKey(
        PenalSituation, on_delete=models.CASCADE, related_name="adjustments"
    )
    kind = models.CharField("aménagement", max_length=24, choices=AdjustmentKind.choices)
    decided_on = models.DateField("date")
    details = EncryptedTextField("précisions", blank=True)
    recorded_by = _by()
    recorded_at = models.DateTimeField("enregistré le", default=timezone.now, editable=False)

    class Meta:
        verbose_name = "aménagement de peine"
        ordering = ["-decided_on", "-pk"]

    def __str__(self):
        return self.get_kind_display()


class Leave(models.Model):
    """A permission de sortir, possibly used for a PMSMP "hors les murs" (seed 000, axe 3)."""

    uid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    situation = models.ForeignKey(PenalSituation, on_delete=models.CASCADE, related_name="leaves")
    starts_on = models.DateField("du")
    ends_on = models.DateField("au")
    purpose = models.CharField("motif", max_length=16, choices=LeavePurpose.choices)
    pmsmp_host = models.CharField("structure d'accueil de la PMSMP", max_length=200, blank=True)
    recorded_by = _by()
    recorded_at = models.DateTimeField("enregistrée le", default=timezone.now, editable=False)

    class Meta:
        verbose_name = "permission de sortir"
        verbose_name_plural = "permissions de sortir"
        ordering = ["-starts_on", "-pk"]

    def __str__(self):
        return f"Permission du {self.starts_on:%d/%m/%Y}"


class ReleasePlan(Versioned):
    """How the release is prepared, so that it is not a "sortie sèche": where the young
    person will live, which Mission Locale takes over ("dedans-dehors"), the first appointment
    after release, the pathway proposed and the housing."""

    VERSION_SUBJECT = "Ce projet de sortie"

    uid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    situation = models.OneToOneField(
        PenalSituation, on_delete=models.CASCADE, related_name="release_plan"
    )
    release_address = models.CharField("adresse à la sortie", max_length=250, blank=True)
    release_postal_code = models.CharField("code postal", max_length=5, blank=True)
    release_commune = models.ForeignKey(
        "network.Commune",
        verbose_name="commune à la sortie",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    release_mission_locale = models.ForeignKey(
        "network.Organisation",
        verbose_name="Mission Locale de l'adresse de sortie",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    first_appointment_at = models.DateTimeField(
        "premier rendez-vous après la sortie", null=True, blank=True
    )
    first_appointment_place = models.CharField("lieu du rendez-vous", max_length=200, blank=True)
    first_appointment = models.ForeignKey(
        "scheduling.Appointment",
        verbose_name="rendez-vous à l'agenda",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    proposed_pathway = models.CharField(
        "accompagnement proposé", max_length=24, choices=ReleasePathway.choices, blank=True
    )
    housing = models.CharField(
        "hébergement à la sortie", max_length=12, choices=Housing.choices, blank=True
    )
    housing_details = EncryptedTextField("précisions sur l'hébergement", blank=True)
    updated_by = _by("modifié par")
    updated_at = models.DateTimeField("modifié le", default=timezone.now)

    class Meta:
        verbose_name = "projet de sortie"
        verbose_name_plural = "projets de sortie"

    def __str__(self):
        return "Projet de sortie"


# --- TIG ------------------------------------------------------------------------------------


class TigHabilitationQuerySet(models.QuerySet):
    def active(self, on=None):
        on = on or timezone.localdate()
        return self.filter(granted_on__lte=on).filter(Q(ends_on__isnull=True) | Q(ends_on__gt=on))


class TigHabilitation(models.Model):
    """A Mission Locale habilitated to host people sentenced to a TIG (minors, adults)."""

    mission_locale = models.ForeignKey(
        "network.Organisation",
        verbose_name="Mission Locale",
        on_delete=models.CASCADE,
        related_name="tig_habilitations",
    )
    for_minors = models.BooleanField("mineur·e·s", default=False)
    for_adults = models.BooleanField("majeur·e·s", default=True)
    granted_on = models.DateField("habilitée depuis le")
    ends_on = models.DateField("jusqu'au", null=True, blank=True)
    positions = models.PositiveSmallIntegerField("postes proposés", default=1)
    recorded_by = _by()

    objects = TigHabilitationQuerySet.as_manager()

    class Meta:
        verbose_name = "habilitation à accueillir des TIG"
        verbose_name_plural = "habilitations à accueillir des TIG"
        ordering = ["-granted_on"]

    def __str__(self):
        return f"Habilitation TIG de {self.mission_locale}"


class TigPlacementQuerySet(models.QuerySet):
    def visible_to(self, user):
        from jalon import policy

        return policy.scope_tig_placements(self, user)


class TigPlacement(models.Model):
    """A young person doing their TIG hours at (or through) their Mission Locale."""

    uid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    young_person = models.ForeignKey(
        "youngpeople.YoungPerson",
        verbose_name="jeune",
        on_delete=models.CASCADE,
        related_name="tig_placements",
    )
    host_mission_locale = models.ForeignKey(
        "network.Organisation",
        verbose_name="Mission Locale d'accueil",
        on_delete=models.PROTECT,
        related_name="+",
    )
    referring_service = models.ForeignKey(
        "network.Organisation",
        verbose_name="SPIP ou PJJ prescripteur",
        on_delete=models.PROTECT,
        related_name="+",
        limit_choices_to={"kind__in": [OrganisationKind.SPIP, OrganisationKind.PJJ]},
    )
    ordered_on = models.DateField("prononcé le")
    deadline = models.DateField("à exécuter avant le", null=True, blank=True)
    hours_ordered = models.PositiveSmallIntegerField("heures prononcées")
    hours_done = models.PositiveSmallIntegerField("heures effectuées", default=0)
    status = models.CharField(
        "statut", max_length=12, choices=TigStatus.choices, default=TigStatus.ONGOING
    )
    recorded_by = _by()
    recorded_at = models.DateTimeField("enregistré le", default=timezone.now, editable=False)

    objects = TigPlacementQuerySet.as_manager()

    class Meta:
        verbose_name = "TIG"
        verbose_name_plural = "TIG"
        ordering = ["-ordered_on", "-pk"]

    def __str__(self):
        return f"TIG de {self.hours_ordered} heures"

    @property
    def hours_left(self) -> int:
        return max(self.hours_ordered - self.hours_done, 0)


class TigModule(models.Model):
    """A pedagogical module on professional insertion, part of a "parcours TIG"."""

    placement = models.ForeignKey(TigPlacement, on_delete=models.CASCADE, related_name="modules")
    title = models.CharField("module", max_length=150)
    held_on = models.DateField("le")
    hours = models.PositiveSmallIntegerField("heures")
    recorded_by = _by()

    class Meta:
        verbose_name = "module pédagogique d'insertion"
        ordering = ["held_on", "pk"]

    def __str__(self):
        return self.title


# --- CJML in detention: directory, sessions, commissions, job events --------------------------


class CjmlAssignmentQuerySet(models.QuerySet):
    def active(self, on=None):
        on = on or timezone.localdate()
        return self.filter(start_date__lte=on).filter(Q(end_date__isnull=True) | Q(end_date__gt=on))


class CjmlAssignment(models.Model):
    """A CJML's time allotted to one establishment (the national directory's "quotité de temps
    par établissement"), as a share of a full-time post."""

    uid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    cjml = models.ForeignKey(
        _USER, verbose_name="CJML", on_delete=models.PROTECT, related_name="cjml_assignments"
    )
    mission_locale = models.ForeignKey(
        "network.Organisation",
        verbose_name="Mission Locale",
        on_delete=models.PROTECT,
        related_name="+",
    )
    establishment = models.ForeignKey(
        "network.Organisation",
        verbose_name="établissement pénitentiaire",
        on_delete=models.PROTECT,
        related_name="cjml_assignments",
        limit_choices_to={"kind": OrganisationKind.PRISON},
    )
    time_share = models.DecimalField("quotité (ETP)", max_digits=3, decimal_places=2)
    start_date = models.DateField("depuis le")
    end_date = models.DateField("jusqu'au", null=True, blank=True)
    recorded_by = _by()

    objects = CjmlAssignmentQuerySet.as_manager()

    class Meta:
        verbose_name = "quotité d'un CJML en établissement"
        ordering = ["establishment__name", "cjml__last_name"]

    def __str__(self):
        return f"{self.cjml} — {self.establishment}"

    @property
    def time_share_percent(self) -> int:
        return round(self.time_share * 100)


class YoungDetaineeCount(models.Model):
    """How many 16-25 year olds an establishment holds, on a date (DAP figures): dated rows,
    the latest counts. The coverage view looks for those with young people and no CJML."""

    establishment = models.ForeignKey(
        "network.Organisation",
        verbose_name="établissement pénitentiaire",
        on_delete=models.CASCADE,
        related_name="young_detainee_counts",
        limit_choices_to={"kind": OrganisationKind.PRISON},
    )
    counted_on = models.DateField("au")
    minors = models.PositiveIntegerField("mineur·e·s (16-17 ans)", default=0)
    young_adults = models.PositiveIntegerField("jeunes majeur·e·s (18-25 ans)", default=0)

    class Meta:
        verbose_name = "effectif de jeunes détenus"
        ordering = ["establishment", "-counted_on"]
        constraints = [
            models.UniqueConstraint(
                fields=["establishment", "counted_on"], name="one_count_per_establishment_and_day"
            )
        ]

    def __str__(self):
        return f"{self.establishment} au {self.counted_on:%d/%m/%Y}"

    @property
    def total(self) -> int:
        return self.minors + self.young_adults


class MissionLocaleRecordQuerySet(models.QuerySet):
    def visible_to(self, user):
        from jalon import policy

        return policy.scope_detention_activity(self, user)


class DetentionSession(models.Model):
    """A CJML's session (permanence) in an establishment."""

    uid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    mission_locale = models.ForeignKey(
        "network.Organisation",
        verbose_name="Mission Locale",
        on_delete=models.PROTECT,
        related_name="+",
    )
    establishment = models.ForeignKey(
        "network.Organisation",
        verbose_name="établissement",
        on_delete=models.PROTECT,
        related_name="detention_sessions",
        limit_choices_to={"kind": OrganisationKind.PRISON},
    )
    cjml = models.ForeignKey(_USER, verbose_name="CJML", on_delete=models.PROTECT, related_name="+")
    date = models.DateField("date")
    starts_at = models.TimeField("de")
    ends_at = models.TimeField("à")
    status = models.CharField(
        "statut", max_length=10, choices=SessionStatus.choices, default=SessionStatus.PLANNED
    )
    young_people = models.ManyToManyField(
        "youngpeople.YoungPerson", through="SessionInterview", related_name="+"
    )
    created_by = _by("créée par")

    objects = MissionLocaleRecordQuerySet.as_manager()

    class Meta:
        verbose_name = "permanence en détention"
        verbose_name_plural = "permanences en détention"
        ordering = ["-date", "-starts_at"]

    def __str__(self):
        return f"Permanence du {self.date:%d/%m/%Y} — {self.establishment}"


class SessionInterview(models.Model):
    """A young person seen at a session."""

    session = models.ForeignKey(
        DetentionSession, on_delete=models.CASCADE, related_name="interviews"
    )
    young_person = models.ForeignKey(
        "youngpeople.YoungPerson", on_delete=models.CASCADE, related_name="detention_interviews"
    )
    recorded_by = _by()

    class Meta:
        verbose_name = "jeune reçu·e en permanence"
        constraints = [
            models.UniqueConstraint(
                fields=["session", "young_person"], name="seen_once_per_session"
            )
        ]

    def __str__(self):
        return "Entretien en permanence"


class InsertionCommission(models.Model):
    """An establishment's commission d'insertion professionnelle the Mission Locale attended
    (seed 000: the Missions Locales are "systématiquement associées")."""

    uid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    mission_locale = models.ForeignKey(
        "network.Organisation",
        verbose_name="Mission Locale",
        on_delete=models.PROTECT,
        related_name="+",
    )
    establishment = models.ForeignKey(
        "network.Organisation",
        verbose_name="établissement",
        on_delete=models.PROTECT,
        related_name="+",
        limit_choices_to={"kind": OrganisationKind.PRISON},
    )
    held_on = models.DateField("réunie le")
    attended_by = models.ForeignKey(
        _USER, verbose_name="représenté·e par", on_delete=models.PROTECT, related_name="+"
    )
    topics = models.CharField("sujets (sans nom de personne)", max_length=250, blank=True)

    objects = MissionLocaleRecordQuerySet.as_manager()

    class Meta:
        verbose_name = "commission d'insertion professionnelle"
        ordering = ["-held_on"]

    def __str__(self):
        return f"Commission du {self.held_on:%d/%m/%Y}"


class JobEvent(models.Model):
    """A job event in detention (job dating, forum): seed 000 asks two or three a year."""

    uid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    mission_locale = models.ForeignKey(
        "network.Organisation",
        verbose_name="Mission Locale",
        on_delete=models.PROTECT,
        related_name="+",
    )
    establishment = models.ForeignKey(
        "network.Organisation",
        verbose_name="établissement",
        on_delete=models.PROTECT,
        related_name="+",
        limit_choices_to={"kind": OrganisationKind.PRISON},
    )
    kind = models.CharField("type", max_length=16, choices=JobEventKind.choices)
    title = models.CharField("intitulé", max_length=150)
    held_on = models.DateField("date")
    organiser = models.CharField("organisé par", max_length=150, blank=True)
    created_by = _by("créé par")

    objects = MissionLocaleRecordQuerySet.as_manager()

    class Meta:
        verbose_name = "événement emploi en détention"
        ordering = ["-held_on"]

    def __str__(self):
        return self.title


class JobEventParticipant(models.Model):
    event = models.ForeignKey(JobEvent, on_delete=models.CASCADE, related_name="participants")
    young_person = models.ForeignKey(
        "youngpeople.YoungPerson", on_delete=models.CASCADE, related_name="job_event_participations"
    )
    outcome = models.CharField(
        "suite", max_length=10, choices=JobEventOutcome.choices, default=JobEventOutcome.ATTENDED
    )
    recorded_by = _by()

    class Meta:
        verbose_name = "participation à un événement emploi en détention"
        constraints = [
            models.UniqueConstraint(
                fields=["event", "young_person"], name="one_participation_per_event"
            )
        ]

    def __str__(self):
        return "Participation"
