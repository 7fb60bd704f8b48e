"""Writes of shared follow-up and of the correspondents' directory: one transaction each,
journalled."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from jalon.audit import services as audit
from jalon.audit.models import AuditAction
from jalon.partners import rules
from jalon.partners.models import Correspondent, FollowUpGroup, FollowUpMember, FollowUpNote
from jalon.referrals.services import consented_categories


@transaction.atomic
def follow_up_member_add(*, actor, young_person, user, start_date) -> FollowUpMember:
    group, _ = FollowUpGroup.objects.get_or_create(
        young_person=young_person, defaults={"created_by": actor}
    )
    # Serialises two additions of the same person.
    FollowUpGroup.objects.select_for_update().get(pk=group.pk)
    rules.check_new_member(
        young_person=young_person,
        user=user,
        start_date=start_date,
        has_consent=bool(
            user is not None
            and consented_categories(
                organisation_id=user.organisation_id, young_person=young_person
            )
        ),
        already_member=user is not None
        and group.members.active(start_date or timezone.localdate()).filter(user=user).exists(),
    )
    member = FollowUpMember.objects.create(
        group=group, user=user, start_date=start_date, added_by=actor
    )
    audit.record(
        actor=actor,
        action=AuditAction.CREATE,
        obj=member,
        young_person=young_person,
        changes={
            "membre": [None, f"{user.get_full_name()} ({user.organisation})"],
            "debut": [None, start_date.isoformat()],
        },
    )
    return member


@transaction.atomic
def follow_up_member_end(*, actor, member: FollowUpMember) -> FollowUpMember:
    """Effective at once: the member's next request already sees nothing."""
    locked = (
        FollowUpMember.objects.select_for_update()
        .select_related("group__young_person")
        .get(pk=member.pk)
    )
    today = timezone.localdate()
    if locked.end_date is not None and locked.end_date <= today:
        raise ValidationError("Cette participation au suivi est déjà terminée.")
    locked.end_date = today
    locked.ended_by = actor
    locked.save(update_fields=["end_date", "ended_by"])
    audit.record(
        actor=actor,
        action=AuditAction.UPDATE,
        obj=locked,
        young_person=locked.group.young_person,
        changes={"fin": [None, locked.end_date.isoformat()]},
    )
    return locked


@transaction.atomic
def follow_up_note_add(*, actor, young_person, text: str, channel: str = "web") -> FollowUpNote:
    rules.check_note(text)
    group, _ = FollowUpGroup.objects.get_or_create(
        young_person=young_person, defaults={"created_by": actor}
    )
    note = FollowUpNote.objects.create(group=group, author=actor, text=text.strip())
    # The journal says a note was written, never what it says.
    audit.record(
        actor=actor,
        action=AuditAction.CREATE,
        obj=note,
        young_person=young_person,
        changes={"note du suivi partagé": [None, "ajoutée"]},
        channel=channel,
    )
    return note


@transaction.atomic
def correspondent_create(*, actor, data: dict) -> Correspondent:
    rules.check_correspondent(
        mission_locale_id=actor.organisation_id,
        organisation=data.get("organisation"),
        counterpart=data.get("counterpart"),
        start_date=data.get("start_date"),
        end_date=data.get("end_date"),
    )
    correspondent = Correspondent.objects.create(recorded_by=actor, **data)
    audit.record(
        actor=actor,
        action=AuditAction.CREATE,
        obj=correspondent,
        mission_locale=actor.organisation,
        changes={
            "correspondant": [None, str(correspondent)],
            "pour": [None, str(correspondent.counterpart)],
        },
    )
    return correspondent


@transaction.atomic
def correspondent_end(*, actor, correspondent: Correspondent) -> Correspondent:
    locked = Correspondent.objects.select_for_update().get(pk=correspondent.pk)
    today = timezone.localdate()
    if locked.end_date is not None and locked.end_date <= today:
        raise ValidationError("Ce·tte correspondant·e n'est déjà plus en fonction.")
    locked.end_date = today
    locked.save(update_fields=["end_date"])
    audit.record(
        actor=actor,
        action=AuditAction.UPDATE,
        obj=locked,
        mission_locale=actor.organisation,
        changes={"jusqu_au": [None, locked.end_date.isoformat()]},
    )
    return locked
