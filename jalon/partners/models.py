"""Shared follow-up of a young person with partner professionals, and the correspondents'
directory between Missions Locales and their partners."""

import uuid

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone

from jalon.core.encryption import EncryptedTextField


class FollowUpGroup(models.Model):
    """The professionals who follow one young person together (one group per file)."""

    uid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    young_person = models.OneToOneField(
        "youngpeople.YoungPerson",
        verbose_name="jeune",
        on_delete=models.CASCADE,
        related_name="follow_up_group",
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="créé par",
        on_delete=models.PROTECT,
        related_name="+",
    )
    created_at = models.DateTimeField("créé le", default=timezone.now, editable=False)

    class Meta:
        verbose_name = "suivi partagé"
        verbose_name_plural = "suivis partagés"

    def __str__(self):
        return f"Suivi partagé de {self.young_person}"


class FollowUpMemberQuerySet(models.QuerySet):
    def active(self, on=None):
        """Started and not ended: ending a membership today removes access at once."""
        on = on or timezone.localdate()
        return self.filter(start_date__lte=on).filter(Q(end_date__isnull=True) | Q(end_date__gt=on))


class FollowUpMember(models.Model):
    uid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    group = models.ForeignKey(
        FollowUpGroup,
        verbose_name="suivi partagé",
        on_delete=models.CASCADE,
        related_name="members",
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="professionnel·le",
        on_delete=models.PROTECT,
        related_name="follow_up_memberships",
    )
    start_date = models.DateField("début")
    end_date = models.DateField("fin", null=True, blank=True)
    added_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="ajouté par",
        on_delete=models.PROTECT,
        related_name="+",
    )
    ended_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="fin enregistrée par",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )

    objects = FollowUpMemberQuerySet.as_manager()

    class Meta:
        verbose_name = "membre du suivi partagé"
        verbose_name_plural = "membres du suivi partagé"
        ordering = ["start_date", "pk"]
        indexes = [models.Index(fields=["user", "end_date"])]

    def __str__(self):
        return str(self.user)

    def is_active(self, on=None) -> bool:
        on = on or timezone.localdate()
        return self.start_date <= on and (self.end_date is None or self.end_date > on)


class FollowUpNote(models.Model):
    """A note written for the group: deliberate sharing, unlike the Mission Locale's internal
    comments, which never leave it."""

    uid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    group = models.ForeignKey(
        FollowUpGroup, verbose_name="suivi partagé", on_delete=models.CASCADE, related_name="notes"
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="auteur·rice",
        on_delete=models.PROTECT,
        related_name="+",
    )
    text = EncryptedTextField("note")
    created_at = models.DateTimeField("écrite le", default=timezone.now, editable=False)

    class Meta:
        verbose_name = "note du suivi partagé"
        verbose_name_plural = "notes du suivi partagé"
        ordering = ["-created_at", "-pk"]

    def __str__(self):
        return f"Note du {self.created_at:%d/%m/%Y}"


class CorrespondentQuerySet(models.QuerySet):
    def current(self, on=None):
        on = on or timezone.localdate()
        return self.filter(start_date__lte=on).filter(Q(end_date__isnull=True) | Q(end_date__gt=on))


class Correspondent(models.Model):
    """Who to call: a named professional of one structure, the contact for another
    (the CJML of a Mission Locale for a prison, the référent insertion of a SPIP for an ML)."""

    uid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    organisation = models.ForeignKey(
        "network.Organisation",
        verbose_name="structure du ou de la correspondant·e",
        on_delete=models.PROTECT,
        related_name="correspondents",
    )
    counterpart = models.ForeignKey(
        "network.Organisation",
        verbose_name="correspondant·e pour",
        on_delete=models.PROTECT,
        related_name="correspondents_for",
    )
    person_name = models.CharField("nom", max_length=150)
    function = models.CharField("fonction", max_length=150)
    phone = models.CharField("téléphone professionnel", max_length=20, blank=True)
    email = models.EmailField("courriel professionnel", blank=True)
    start_date = models.DateField("depuis le")
    end_date = models.DateField("jusqu'au", null=True, blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="enregistré par",
        on_delete=models.PROTECT,
        related_name="+",
    )

    objects = CorrespondentQuerySet.as_manager()

    class Meta:
        verbose_name = "correspondant·e"
        ordering = ["organisation__name", "person_name"]

    def __str__(self):
        return f"{self.person_name} ({self.function})"
