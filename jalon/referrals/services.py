"""Recording and withdrawing consents: each write in one transaction, journalled."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from jalon.audit import services as audit
from jalon.audit.models import AuditAction
from jalon.referrals import rules
from jalon.referrals.enums import ConsentCategory
from jalon.referrals.models import Consent


@transaction.atomic
def consent_record(
    *, actor, young_person, organisation, categories, method: str, given_on
) -> Consent:
    rules.check_consent(
        organisation=organisation,
        categories=categories,
        method=method,
        given_on=given_on,
        today=timezone.localdate(),
    )
    consent = Consent.objects.create(
        young_person=young_person,
        organisation=organisation,
        method=method,
        given_on=given_on,
        recorded_by=actor,
        **{f"shares_{category}": category in categories for category in ConsentCategory.values},
    )
    audit.record(
        actor=actor,
        action=AuditAction.CREATE,
        obj=consent,
        young_person=young_person,
        changes={
            "partenaire": [None, organisation.name],
            "categories": [None, ", ".join(consent.category_labels)],
            "donne_le": [None, given_on.isoformat()],
        },
    )
    return consent


@transaction.atomic
def consent_withdraw(*, actor, consent: Consent) -> Consent:
    """Effective at once: the partner's next request already sees nothing."""
    locked = Consent.objects.select_for_update().get(pk=consent.pk)
    if locked.withdrawn_at is not None:
        raise ValidationError("Ce consentement a déjà été retiré.")
    locked.withdrawn_at = timezone.now()
    locked.withdrawn_by = actor
    locked.save(update_fields=["withdrawn_at", "withdrawn_by"])
    audit.record(
        actor=actor,
        action=AuditAction.UPDATE,
        obj=locked,
        young_person=locked.young_person,
        changes={"retire_le": [None, locked.withdrawn_at.isoformat()]},
    )
    return locked


def consented_categories(*, organisation_id, young_person, at=None) -> frozenset[str]:
    """What a partner structure may see of a file now: the union of its active consents."""
    if organisation_id is None:
        return frozenset()
    categories = set()
    for consent in Consent.objects.active(at).filter(
        young_person=young_person, organisation_id=organisation_id
    ):
        categories |= consent.categories
    return frozenset(categories)
