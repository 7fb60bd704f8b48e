"""Consents and liaison forms: each write in one transaction, journalled."""

import datetime

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.mail import send_mail
from django.db import transaction
from django.db.models import Q
from django.db.models.signals import post_delete
from django.dispatch import receiver
from django.urls import reverse
from django.utils import timezone

from jalon import policy
from jalon.accounts.models import Role
from jalon.audit import services as audit
from jalon.audit.models import AuditAction
from jalon.network.models import Organisation
from jalon.referrals import rules
from jalon.referrals.enums import (
    OPEN_STATUSES,
    WAITING_STATUSES,
    ConsentCategory,
    LiaisonDirection,
    LiaisonStatus,
)
from jalon.referrals.models import Consent, LiaisonAttachment, LiaisonForm, LiaisonTransition
from jalon.webhooks import services as webhooks
from jalon.youngpeople import documents
from jalon.youngpeople.enums import DocumentKind


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
    _notify_consent(consent, "given", consent.recorded_at)
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
    _notify_consent(locked, "withdrawn", locked.withdrawn_at)
    return locked


def _notify_consent(consent: Consent, status: str, at) -> None:
    """The partner structure's systems learn what they may now see (or no longer)."""
    webhooks.notify(
        organisation=consent.organisation,
        event="consent.changed",
        payload={
            "consent": str(consent.uid),
            "young_person": str(consent.young_person.uid),
            "status": status,
            "categories": sorted(consent.categories),
            "at": at.isoformat(),
        },
    )


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


# --- Liaison forms ------------------------------------------------------------------------

LIAISON_FIELDS = (
    "recipient_organisation",
    "last_name",
    "first_names",
    "birth_date",
    "phone",
    "email",
    "commune",
    "situation",
    "establishment",
    "expected_release_date",
    "situation_details",
    "reason",
    "needs",
    "needs_details",
    "urgency",
    "urgency_reason",
    "consent_given",
    "consent_method",
    "consent_date",
)
# What following a form needs of the file: who the young person is and where they stand.
CONSENT_TO_FOLLOW_A_FORM = frozenset({ConsentCategory.IDENTITY, ConsentCategory.PATHWAY})

# Which status may follow which; the status log records every step.
TRANSITIONS = {
    LiaisonStatus.SENT: {LiaisonStatus.RECEIVED, LiaisonStatus.REFUSED, LiaisonStatus.CANCELLED},
    LiaisonStatus.RECEIVED: {
        LiaisonStatus.APPOINTMENT_SET,
        LiaisonStatus.ACCOMPANIMENT_STARTED,
        LiaisonStatus.REFUSED,
        LiaisonStatus.CANCELLED,
    },
    LiaisonStatus.APPOINTMENT_SET: {
        LiaisonStatus.ACCOMPANIMENT_STARTED,
        LiaisonStatus.CANCELLED,
    },
    LiaisonStatus.ACCOMPANIMENT_STARTED: set(),
    LiaisonStatus.REFUSED: set(),
    LiaisonStatus.CANCELLED: set(),
}


def _mission_locale_of(form: LiaisonForm):
    """The Mission Locale a form concerns: its journal records the form's events."""
    if form.direction == LiaisonDirection.TO_MISSION_LOCALE:
        return form.recipient_organisation
    return form.sender_organisation


def _partner_of(form: LiaisonForm):
    if form.direction == LiaisonDirection.TO_MISSION_LOCALE:
        return form.sender_organisation
    return form.recipient_organisation


def _notify_partner(form: LiaisonForm, from_status: str, at) -> None:
    """The partner's systems learn the new status: identifiers and statuses only (what the
    partner already sees of its own forms), never the young person's name nor any text."""
    webhooks.notify(
        organisation=_partner_of(form),
        event="liaison_form.status_changed",
        payload={
            "liaison_form": str(form.uid),
            "from_status": from_status,
            "status": form.status,
            "changed_at": at.isoformat(),
        },
    )


def _transition(*, actor, form: LiaisonForm, to_status: str, reason: str = "", channel="web"):
    """The one place where a form changes status: locked, checked, logged, journalled, and
    announced to the partner's systems (webhook, in the same transaction)."""
    locked = LiaisonForm.objects.select_for_update().get(pk=form.pk)
    if to_status not in TRANSITIONS.get(locked.status, set()):
        raise ValidationError(
            f"Cette fiche est « {locked.get_status_display()} » : elle ne peut plus passer "
            f"à « {LiaisonStatus(to_status).label} »."
        )
    from_status = locked.status
    now = timezone.now()
    LiaisonForm.objects.filter(pk=locked.pk).update(status=to_status, status_changed_at=now)
    LiaisonTransition.objects.create(
        form=locked, by=actor, at=now, from_status=from_status, to_status=to_status, reason=reason
    )
    form.status, form.status_changed_at = to_status, now
    audit.record(
        actor=actor,
        action=AuditAction.UPDATE,
        obj=locked,
        young_person=locked.young_person,
        mission_locale=_mission_locale_of(locked),
        changes={"statut": [from_status, to_status]},
        channel=channel,
    )
    _notify_partner(form, from_status, now)
    return form


def suggested_mission_locale(commune):
    """The Mission Locale covering the young person's commune, when the network says so."""
    if commune is None:
        return None
    return Organisation.objects.missions_locales().filter(communes_covered=commune).first()


def latest_diagnostic_conclusions(young_person) -> str:
    """The conclusions of the last completed diagnostic: never the interviews' notes."""
    diagnostic = (
        young_person.diagnostics.filter(completed_on__isnull=False)
        .order_by("-completed_on", "-created_at")
        .first()
    )
    if diagnostic is None or not diagnostic.conclusions:
        return ""
    step = diagnostic.get_recommended_next_step_display()
    suffix = f"\nSuite recommandée : {step}" if step else ""
    return (
        f"Diagnostic conclu le {diagnostic.completed_on:%d/%m/%Y}\n{diagnostic.conclusions}{suffix}"
    )


@transaction.atomic
def liaison_form_send(
    *, actor, data: dict, attachments=(), young_person=None, channel: str = "web"
) -> LiaisonForm:
    """Send a form: a partner to a Mission Locale, or a Mission Locale (about one of its files)
    to a partner, with the diagnostic conclusions when the young person consented to it."""
    if not policy.can_send_liaison_form(actor):
        raise PermissionDenied("Vous ne pouvez pas envoyer de fiche de liaison.")
    values = {name: data[name] for name in LIAISON_FIELDS if data.get(name) is not None}
    if actor.is_partner:
        direction = LiaisonDirection.TO_MISSION_LOCALE
        young_person = None
    else:
        direction = LiaisonDirection.TO_PARTNER
        if young_person is None or not policy.can_edit_young_person(actor, young_person):
            raise PermissionDenied("Choisissez un jeune de votre Mission Locale.")
    rules.check_liaison_form(
        data=values,
        direction=direction,
        today=timezone.localdate(),
        attachment_count=len(attachments),
    )
    checked = _checked_attachments(attachments)
    now = timezone.now()
    form = LiaisonForm(
        direction=direction,
        sender=actor,
        sender_organisation=actor.organisation,
        young_person=young_person,
        status=LiaisonStatus.SENT,
        sent_at=now,
        status_changed_at=now,
        **values,
    )
    if young_person is not None:
        categories = consented_categories(
            organisation_id=form.recipient_organisation.pk, young_person=young_person
        )
        if ConsentCategory.DIAGNOSTIC in categories:
            form.diagnostic_conclusions = latest_diagnostic_conclusions(young_person)
    try:
        form.full_clean(exclude=["young_person", "consent", "appointment", "needs"])
    except ValidationError as error:
        raise ValidationError(error.message_dict) from error
    form.save()
    if young_person is not None:
        form.consent = _consent_to_receive(actor, form)
        LiaisonForm.objects.filter(pk=form.pk).update(consent=form.consent)
    for uploaded, content_type in checked:
        _store_attachment(actor, form, uploaded, content_type)
    LiaisonTransition.objects.create(
        form=form, by=actor, at=now, from_status="", to_status=LiaisonStatus.SENT
    )
    audit.record(
        actor=actor,
        action=AuditAction.CREATE,
        obj=form,
        young_person=young_person,
        mission_locale=_mission_locale_of(form),
        changes={
            "destinataire": [None, form.recipient_organisation.name],
            "urgence": [None, form.urgency],
            "pieces_jointes": [None, len(checked)],
        },
        channel=channel,
    )
    if form.direction == LiaisonDirection.TO_PARTNER:  # the partner's systems learn of it
        _notify_partner(form, "", now)
    return form


def _checked_attachments(attachments) -> list[tuple]:
    """(upload, sniffed type) of each file, or every refusal at once, keyed "attachments"."""
    errors = []
    checked = []
    for uploaded in attachments:
        try:
            checked.append((uploaded, documents.check_upload(uploaded, DocumentKind.OTHER)))
        except ValidationError as error:
            errors.extend(
                f"{documents.clean_name(uploaded.name)} : {message}"
                for message in error.message_dict.get("file", error.messages)
            )
    if errors:
        raise ValidationError({"attachments": errors})
    return checked


def _store_attachment(actor, form, uploaded, content_type) -> LiaisonAttachment:
    stored_name, sha256 = documents.store(uploaded)
    return LiaisonAttachment.objects.create(
        form=form,
        original_name=documents.clean_name(uploaded.name),
        content_type=content_type,
        size=uploaded.size,
        sha256=sha256,
        stored_name=stored_name,
        uploaded_by=actor,
    )


@transaction.atomic
def liaison_form_attach(*, actor, form: LiaisonForm, uploaded, channel="web") -> LiaisonAttachment:
    """The sending structure adds a document it did not have when it sent the form (a
    judgment, a certificate), while the form is still open."""
    if not policy.can_add_liaison_attachment(actor, form):
        raise PermissionDenied("Seule la structure émettrice ajoute des pièces à sa fiche.")
    locked = LiaisonForm.objects.select_for_update().get(pk=form.pk)
    if locked.status not in OPEN_STATUSES:
        raise ValidationError("Cette fiche est close : on ne peut plus y ajouter de pièce.")
    rules.check_attachment_count(locked.attachments.count() + 1)
    ((_, content_type),) = _checked_attachments([uploaded])
    attachment = _store_attachment(actor, locked, uploaded, content_type)
    audit.record(
        actor=actor,
        action=AuditAction.UPDATE,
        obj=locked,
        young_person=locked.young_person,
        mission_locale=_mission_locale_of(locked),
        changes={"piece_jointe": [None, attachment.original_name]},
        channel=channel,
    )
    return attachment


def _consent_to_receive(actor, form: LiaisonForm) -> Consent:
    """The consent stated on a form a Mission Locale sends becomes a Consent of the recipient
    partner to know who the young person is, unless a wider one already covers it."""
    existing = (
        Consent.objects.active()
        .filter(
            young_person=form.young_person,
            organisation=form.recipient_organisation,
            shares_identity=True,
        )
        .first()
    )
    if existing is not None:
        return existing
    return consent_record(
        actor=actor,
        young_person=form.young_person,
        organisation=form.recipient_organisation,
        categories={ConsentCategory.IDENTITY},
        method=form.consent_method,
        given_on=form.consent_date,
    )


@receiver(post_delete, sender=LiaisonAttachment)
def _delete_attachment_content(sender, instance, **kwargs):
    transaction.on_commit(lambda: documents.discard(instance.stored_name))


def _require_handler(actor, form):
    if not policy.can_handle_liaison_form(actor, form):
        raise PermissionDenied("Seule la Mission Locale destinataire traite cette fiche.")


def _require_recipient(actor, form):
    if not (
        policy.can_handle_liaison_form(actor, form)
        or policy.can_answer_liaison_form_as_partner(actor, form)
    ):
        raise PermissionDenied("Seule la structure destinataire traite cette fiche.")


@transaction.atomic
def liaison_form_acknowledge(*, actor, form: LiaisonForm, channel="web") -> LiaisonForm:
    """The recipient says it has the form: the sender sees it is in hand."""
    _require_recipient(actor, form)
    return _transition(actor=actor, form=form, to_status=LiaisonStatus.RECEIVED, channel=channel)


@transaction.atomic
def liaison_form_match(*, actor, form: LiaisonForm, young_person) -> LiaisonForm:
    """Attach the form to the file it is about; the consent stated on the form becomes a
    Consent of the sending structure, limited to what following the form needs."""
    _require_handler(actor, form)
    if not policy.can_edit_young_person(actor, young_person):
        raise PermissionDenied("Ce dossier n'est pas celui de votre Mission Locale.")
    if form.status not in OPEN_STATUSES:
        raise ValidationError("Cette fiche est close : elle ne peut plus être rapprochée.")
    if form.young_person_id is not None:
        raise ValidationError("Cette fiche est déjà rapprochée d'un dossier.")
    consent = consent_record(
        actor=actor,
        young_person=young_person,
        organisation=form.sender_organisation,
        categories=set(CONSENT_TO_FOLLOW_A_FORM),
        method=form.consent_method,
        given_on=form.consent_date,
    )
    LiaisonForm.objects.filter(pk=form.pk).update(young_person=young_person, consent=consent)
    form.young_person, form.consent = young_person, consent
    audit.record(
        actor=actor,
        action=AuditAction.UPDATE,
        obj=form,
        young_person=young_person,
        changes={"dossier": [None, str(young_person.uid)]},
    )
    if form.status == LiaisonStatus.SENT:
        _transition(actor=actor, form=form, to_status=LiaisonStatus.RECEIVED)
    return form


@transaction.atomic
def liaison_form_set_appointment(*, actor, form: LiaisonForm, data: dict) -> LiaisonForm:
    """Book the first appointment with the matched file; the appointment links to the form."""
    from jalon.scheduling.services import appointment_create

    _require_handler(actor, form)
    if form.young_person_id is None:
        raise ValidationError("Rapprochez d'abord la fiche d'un dossier.")
    if form.status not in (LiaisonStatus.SENT, LiaisonStatus.RECEIVED):
        raise ValidationError("Un rendez-vous a déjà été fixé ou la fiche est close.")
    if form.status == LiaisonStatus.SENT:
        _transition(actor=actor, form=form, to_status=LiaisonStatus.RECEIVED)
    data = {"subject": "Fiche de liaison", **data}
    appointment = appointment_create(actor=actor, young_person=form.young_person, data=data)
    LiaisonForm.objects.filter(pk=form.pk).update(appointment=appointment)
    form.appointment = appointment
    return _transition(actor=actor, form=form, to_status=LiaisonStatus.APPOINTMENT_SET)


@transaction.atomic
def liaison_form_start_accompaniment(*, actor, form: LiaisonForm, channel="web") -> LiaisonForm:
    _require_recipient(actor, form)
    if form.direction == LiaisonDirection.TO_MISSION_LOCALE and form.young_person_id is None:
        raise ValidationError("Rapprochez d'abord la fiche d'un dossier.")
    return _transition(
        actor=actor, form=form, to_status=LiaisonStatus.ACCOMPANIMENT_STARTED, channel=channel
    )


def liaison_forms_started_by_interview(*, actor, appointment) -> None:
    """A held interview starts the accompaniment of the form that asked for it."""
    form = LiaisonForm.objects.filter(
        Q(appointment=appointment) | Q(appointment__postponed_to=appointment),
        status=LiaisonStatus.APPOINTMENT_SET,
    ).first()
    if form is not None:
        _transition(actor=actor, form=form, to_status=LiaisonStatus.ACCOMPANIMENT_STARTED)


@transaction.atomic
def liaison_form_refuse(*, actor, form: LiaisonForm, reason: str, channel="web") -> LiaisonForm:
    _require_recipient(actor, form)
    rules.check_reason(reason, "Indiquez le motif du refus : la structure émettrice le lira.")
    return _transition(
        actor=actor, form=form, to_status=LiaisonStatus.REFUSED, reason=reason, channel=channel
    )


@transaction.atomic
def liaison_form_cancel(*, actor, form: LiaisonForm, reason: str, channel="web") -> LiaisonForm:
    if not policy.can_cancel_liaison_form(actor, form):
        raise PermissionDenied("Seule la structure émettrice annule sa fiche.")
    rules.check_reason(reason, "Indiquez le motif de l'annulation.")
    return _transition(
        actor=actor, form=form, to_status=LiaisonStatus.CANCELLED, reason=reason, channel=channel
    )


@transaction.atomic
def liaison_form_comment(*, actor, form: LiaisonForm, comment: str, version: int) -> LiaisonForm:
    """The recipient Mission Locale's internal comment (never shown to a partner)."""
    from jalon.core.versioning import update_with_version

    _require_handler(actor, form)
    form.internal_comment = comment
    update_with_version(form, version, ["internal_comment"])
    audit.record(
        actor=actor,
        action=AuditAction.UPDATE,
        obj=form,
        young_person=form.young_person,
        mission_locale=_mission_locale_of(form),
        changes={"commentaire_interne": [None, "modifié"]},
    )
    return form


def _reminder_recipients(mission_locale) -> list[str]:
    return list(
        mission_locale.members.filter(is_active=True, role__in=(Role.DIRECTOR, Role.CJML))
        .order_by("email")
        .values_list("email", flat=True)
    )


def liaison_forms_remind(*, now=None) -> int:
    """E-mail the recipient Mission Locale's director and CJML about each form waiting for
    longer than the reminder period, once per period: each form is claimed with a conditional
    update, so two runs at once never send the same reminder twice."""
    now = now or timezone.now()
    period = datetime.timedelta(days=settings.JALON_LIAISON_REMINDER_DAYS)
    due = Q(reminded_at__isnull=True) | Q(reminded_at__lte=now - period)
    waiting = LiaisonForm.objects.filter(
        direction=LiaisonDirection.TO_MISSION_LOCALE,
        status__in=WAITING_STATUSES,
        # Acknowledging a form does not restart the wait: the young person still has no date.
        sent_at__lte=now - period,
    ).filter(due)
    sent = 0
    for form in waiting.select_related("recipient_organisation", "sender_organisation"):
        claimed = LiaisonForm.objects.filter(pk=form.pk).filter(due).update(reminded_at=now)
        if not claimed:
            continue
        recipients = _reminder_recipients(form.recipient_organisation)
        if not recipients:
            continue
        days = (now - form.sent_at).days
        # No name in an e-mail: the link opens the form behind the login and the policy.
        send_mail(
            subject="Jalon : une fiche de liaison attend depuis " + f"{days} jours",
            message=(
                f"Une fiche de liaison envoyée par {form.sender_organisation.name} le "
                f"{timezone.localtime(form.sent_at):%d/%m/%Y} attend depuis plus de "
                f"{settings.JALON_LIAISON_REMINDER_DAYS} jours "
                f"(statut : « {form.get_status_display()} »).\n\n"
                f"Ouvrez-la : {settings.JALON_SITE_URL}"
                + reverse("referrals:detail", args=[form.uid])
            ),
            from_email=None,
            recipient_list=recipients,
        )
        sent += 1
    return sent


def liaison_form_register(*, actor, form: LiaisonForm, data: dict, confirm_not_duplicate=False):
    """Open the file from a received form and match both, in one transaction.

    Raises DuplicateSuspected (from the file's creation) unless the user confirmed.
    """
    from jalon.youngpeople.services import young_person_create

    _require_handler(actor, form)
    with transaction.atomic():
        if form.young_person_id is not None:
            raise ValidationError({"__all__": "Cette fiche est déjà rapprochée d'un dossier."})
        young_person = young_person_create(
            actor=actor, data=data, confirm_not_duplicate=confirm_not_duplicate
        )
        liaison_form_match(actor=actor, form=form, young_person=young_person)
    return young_person
