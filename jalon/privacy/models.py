"""Requests of young people exercising their rights on their file."""

import uuid

from django.conf import settings
from django.db import models
from django.utils import timezone

from jalon.privacy.enums import RequestOutcome, RightKind
from jalon.privacy.rules import answer_deadline


class RightsRequestQuerySet(models.QuerySet):
    def visible_to(self, user):
        from jalon import policy

        return policy.scope_rights_requests(self, user)

    def open(self):
        return self.filter(answered_on__isnull=True)


class RightsRequest(models.Model):
    """A request received from the young person, its legal deadline and the answer given.

    Kept after the file is anonymised (without its texts): it proves the answer was given.
    """

    uid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    young_person = models.ForeignKey(
        "youngpeople.YoungPerson",
        verbose_name="jeune",
        on_delete=models.PROTECT,
        related_name="rights_requests",
    )
    kind = models.CharField("droit exercé", max_length=20, choices=RightKind.choices)
    received_on = models.DateField("reçue le")
    details = models.TextField("demande", blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="enregistrée par",
        on_delete=models.PROTECT,
        related_name="+",
    )
    recorded_at = models.DateTimeField("enregistrée le", default=timezone.now, editable=False)
    extended_on = models.DateField("délai prolongé le", null=True, blank=True)
    extension_reason = models.TextField("motif de la prolongation", blank=True)
    answered_on = models.DateField("répondue le", null=True, blank=True)
    outcome = models.CharField(
        "suite donnée", max_length=10, choices=RequestOutcome.choices, blank=True
    )
    answer = models.TextField("réponse", blank=True)
    answered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="répondue par",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )

    objects = RightsRequestQuerySet.as_manager()

    class Meta:
        verbose_name = "demande d'exercice des droits"
        verbose_name_plural = "demandes d'exercice des droits"
        ordering = ["received_on", "recorded_at"]
        indexes = [models.Index(fields=["young_person", "answered_on"])]

    def __str__(self):
        return f"{self.get_kind_display()}, reçue le {self.received_on:%d/%m/%Y}"

    @property
    def deadline(self):
        return answer_deadline(self.received_on, extended=self.extended_on is not None)

    @property
    def is_open(self) -> bool:
        return self.answered_on is None
