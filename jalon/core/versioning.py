"""Optimistic concurrency: a second person saving an outdated version gets a conflict.

A record edited in place inherits `Versioned`. Its edit form carries the version it was loaded
at; the service passes it to `update_with_version`, whose conditional
`UPDATE ... SET version = v + 1 WHERE pk = ... AND version = v` succeeds for one writer only
(the row stays locked by that writer until its transaction ends). The loser gets a
`ConcurrentEditError` naming who changed the record and when (from the audit journal, which
every service writes), and nothing of theirs is written.
"""

from django.db import models, transaction
from django.utils import timezone


class Versioned(models.Model):
    version = models.PositiveIntegerField("version", default=1, editable=False)

    # How the conflict message names the record ("Ce dossier a été modifié par…").
    VERSION_SUBJECT = "Cet enregistrement"

    class Meta:
        abstract = True


class ConcurrentEditError(Exception):
    def __init__(self, instance, *, current_version: int, changed_by: str, changed_at):
        self.instance = instance
        self.current_version = current_version
        self.changed_by = changed_by
        self.changed_at = changed_at
        super().__init__(self.summary)

    @property
    def summary(self) -> str:
        subject = type(self.instance).VERSION_SUBJECT
        if self.changed_at is None:
            return f"{subject} a été modifié par {self.changed_by} pendant votre saisie."
        at = timezone.localtime(self.changed_at)
        return (
            f"{subject} a été modifié par {self.changed_by} le {at:%d/%m/%Y} à {at:%H:%M} "
            "pendant votre saisie."
        )

    @property
    def page_message(self) -> str:
        return (
            f"{self.summary} Vos modifications n'ont pas été enregistrées ; elles sont conservées "
            "ci-dessous : vérifiez les valeurs actuelles puis enregistrez à nouveau."
        )

    @property
    def api_message(self) -> str:
        return (
            f"{self.summary} Votre modification n'a pas été enregistrée : relisez l'enregistrement "
            f"puis renvoyez-la avec la version actuelle ({self.current_version})."
        )


def _last_change(instance) -> tuple[str, object]:
    """Who last wrote the record and when, from the audit journal."""
    from jalon.audit.models import AuditAction, AuditEntry

    entries = AuditEntry.objects.filter(
        object_type=instance._meta.label_lower,
        object_id=str(getattr(instance, "uid", instance.pk)),
    ).exclude(action=AuditAction.READ)
    young_person_id = getattr(instance, "young_person_id", None) or (
        instance.pk if instance._meta.label_lower == "youngpeople.youngperson" else None
    )
    if young_person_id:
        entries = entries.filter(young_person_id=young_person_id)
    entry = entries.select_related("actor").order_by("-id").first()
    if entry is None:
        return "une autre personne", None
    name = entry.actor.get_full_name() if entry.actor else ""
    return name or entry.actor_label, entry.at


def conflict(instance) -> ConcurrentEditError:
    current = type(instance)._base_manager.filter(pk=instance.pk).values_list("version", flat=True)
    changed_by, changed_at = _last_change(instance)
    return ConcurrentEditError(
        instance,
        current_version=current.first() or 0,
        changed_by=changed_by,
        changed_at=changed_at,
    )


def check_version(instance, expected_version) -> None:
    """Early check, before the rules: an outdated form is told so first."""
    if expected_version is None or int(expected_version) != instance.version:
        raise conflict(instance)


def update_with_version(instance, expected_version: int, fields) -> None:
    """Save `fields` of `instance` only if the stored version is still `expected_version`.

    Call it inside the service's transaction; on success the instance carries the new version.
    """
    model = type(instance)
    with transaction.atomic():
        claimed = model._base_manager.filter(pk=instance.pk, version=expected_version).update(
            version=expected_version + 1
        )
        if not claimed:
            raise conflict(instance)
        instance.version = expected_version + 1
        fields = [name for name in fields if name != "version"]
        if fields:
            instance.save(update_fields=fields)
