"""What a young person agreed to share, with whom, since when, until when."""

import uuid

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone

from jalon.referrals.enums import ConsentCategory, ConsentMethod


class ConsentQuerySet(models.QuerySet):
    def visible_to(self, user):
        from jalon import policy

        return policy.scope_by_young_person(self, user)

    def active(self, at=None):
        """Given (on or before today) and not withdrawn: withdrawal takes effect at once."""
        at = at or timezone.now()
        return self.filter(given_on__lte=timezone.localdate(at)).filter(
            Q(withdrawn_at__isnull=True) | Q(withdrawn_at__gt=at)
        )


class Consent(models.Model):
    """The young person's agreement that one partner structure sees some categories of their
    file. Several may coexist (one per partner, or a wider one later); each is withdrawn alone."""

    uid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    young_person = models.ForeignKey(
        "youngpeople.YoungPerson",
        verbose_name="jeune",
        on_delete=models.CASCADE,
        related_name="consents",
    )
    organisation = models.ForeignKey(
        "network.Organisation",
        verbose_name="structure partenaire",
        on_delete=models.PROTECT,
        related_name="consents",
    )
    shares_identity = models.BooleanField(ConsentCategory.IDENTITY.label, default=False)
    shares_diagnostic = models.BooleanField(ConsentCategory.DIAGNOSTIC.label, default=False)
    shares_pathway = models.BooleanField(ConsentCategory.PATHWAY.label, default=False)
    shares_appointments = models.BooleanField(ConsentCategory.APPOINTMENTS.label, default=False)
    method = models.CharField("recueilli par", max_length=12, choices=ConsentMethod.choices)
    given_on = models.DateField("donné le")
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="enregistré par",
        on_delete=models.PROTECT,
        related_name="+",
    )
    recorded_at = models.DateTimeField("enregistré le", default=timezone.now, editable=False)
    withdrawn_at = models.DateTimeField("retiré le", null=True, blank=True)
    withdrawn_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="retrait enregistré par",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )

    objects = ConsentQuerySet.as_manager()

    class Meta:
        verbose_name = "consentement"
        ordering = ["-given_on", "-recorded_at"]
        indexes = [models.Index(fields=["organisation", "young_person", "withdrawn_at"])]

    def __str__(self):
        return f"Consentement pour {self.organisation}"

    @property
    def categories(self) -> frozenset[str]:
        return frozenset(
            category for category in ConsentCategory.values if getattr(self, f"shares_{category}")
        )

    @property
    def category_labels(self) -> list[str]:
        return [label for value, label in ConsentCategory.choices if value in self.categories]

    def is_active(self, at=None) -> bool:
        at = at or timezone.now()
        return self.given_on <= timezone.localdate(at) and (
            self.withdrawn_at is None or self.withdrawn_at > at
        )
