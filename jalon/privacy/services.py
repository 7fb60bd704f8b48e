"""Anonymisation at the end of retention, and the answers to data subject rights.

Every write is one transaction. The anonymisation claims its file with a conditional UPDATE
(`... WHERE anonymised_at IS NULL`): two runs of the daily job, or the job and a director's
erasure, never process the same file twice; the second finds nothing to claim.
"""

import datetime
from dataclasses import dataclass, field

from dateutil.relativedelta import relativedelta
from django.apps import apps
from django.contrib.auth.hashers import make_password
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Exists, OuterRef, Prefetch
from django.utils import timezone

from jalon import policy
from jalon.accounts.models import User
from jalon.audit import services as audit
from jalon.audit.models import AuditAction
from jalon.network.models import OrganisationKind
from jalon.pathways.models import AllowancePayment, Pathway
from jalon.privacy import registry, rules
from jalon.privacy.enums import Erasure, RightKind
from jalon.privacy.models import RightsRequest
from jalon.youngpeople.enums import FileStatus
from jalon.youngpeople.models import YoungPerson

# RFC 2606: a domain that can never receive mail, so the placeholder is never someone's.
ANONYMISED_EMAIL_DOMAIN = "anonymise.invalid"


# --- Retention ----------------------------------------------------------------------------


@dataclass(frozen=True)
class DueFile:
    pk: int
    uid: str
    deadline: rules.Deadline


@dataclass(frozen=True)
class DueAccount:
    pk: int
    deadline: datetime.date


@dataclass
class RetentionReview:
    """What the retention rules say on a day: nothing personal beyond identifiers."""

    today: datetime.date
    files: list[DueFile] = field(default_factory=list)
    # Past the age limit but kept while followed or in a programme (the ML should close them).
    open_programmes: list[str] = field(default_factory=list)
    accounts: list[DueAccount] = field(default_factory=list)

    def files_by_rule(self) -> dict[str, list[DueFile]]:
        grouped: dict[str, list[DueFile]] = {}
        for due in self.files:
            grouped.setdefault(due.deadline.rule, []).append(due)
        return grouped


def review_retention(
    today: datetime.date, periods: rules.RetentionPeriods | None = None
) -> RetentionReview:
    """Files and accounts whose retention ended on or before `today`. Reads only."""
    periods = periods or rules.RetentionPeriods.from_settings()
    review = RetentionReview(today=today)
    # Every deadline comes at the age limit or later: only files born early enough qualify
    # (one day of margin for those born on 29 February).
    born_by = (
        today
        - relativedelta(years=periods.age_revolu + 1 + periods.years_after_age)
        + datetime.timedelta(days=1)
    )
    candidates = (
        YoungPerson.objects.filter(anonymised_at__isnull=True, birth_date__lte=born_by)
        .exclude(status__in=[FileStatus.MERGED, FileStatus.ANONYMISED])
        .only("pk", "uid", "birth_date", "status")
        .prefetch_related(
            Prefetch("pathways", queryset=Pathway.objects.only("young_person", "kind", "end_date"))
        )
        .order_by("pk")
    )
    for file in candidates:
        deadline = rules.file_deadline(
            birth_date=file.birth_date,
            programmes=[(p.kind, p.end_date) for p in file.pathways.all()],
            periods=periods,
            followed=file.status == FileStatus.ACTIVE,
        )
        if deadline.is_due(today):
            review.files.append(DueFile(file.pk, str(file.uid), deadline))
        elif deadline.rule == rules.RULE_PROGRAMME_OPEN:
            review.open_programmes.append(str(file.uid))
    accounts = (
        User.objects.filter(habilitation_ended_at__isnull=False)
        .exclude(email__endswith=f"@{ANONYMISED_EMAIL_DOMAIN}")
        .only("pk", "habilitation_ended_at")
        .order_by("pk")
    )
    for account in accounts:
        deadline = rules.account_deadline(
            habilitation_ended_on=timezone.localdate(account.habilitation_ended_at),
            periods=periods,
        )
        if deadline <= today:
            review.accounts.append(DueAccount(account.pk, deadline))
    return review


@dataclass
class RetentionRun:
    files: list[str] = field(default_factory=list)
    accounts: list[int] = field(default_factory=list)
    failures: list[str] = field(default_factory=list)


def apply_retention(review: RetentionReview) -> RetentionRun:
    """Anonymise what the review found, one transaction per file or account."""
    run = RetentionRun()
    labels = rules.RetentionPeriods.from_settings().rule_labels()
    for due in review.files:
        reason = (
            f"Durée de conservation échue le {due.deadline.day:%d/%m/%Y} "
            f"({labels[due.deadline.rule]})"
        )
        try:
            if anonymise_file(young_person_pk=due.pk, reason=reason):
                run.files.append(due.uid)
        except Exception as error:  # one file's failure must not stop the others
            run.failures.append(f"dossier {due.uid} : {type(error).__name__}")
    for due in review.accounts:
        try:
            if anonymise_account(user_pk=due.pk, deadline=due.deadline):
                run.accounts.append(due.pk)
        except Exception as error:
            run.failures.append(f"compte n°{due.pk} : {type(error).__name__}")
    return run


def _absorbed_chain(pk: int) -> list[int]:
    """Files merged into this one, and those merged into them: the same person."""
    found, frontier = [], [pk]
    while frontier:
        frontier = list(
            YoungPerson.objects.filter(merged_into__in=frontier).values_list("pk", flat=True)
        )
        found.extend(frontier)
    return found


@transaction.atomic
def anonymise_file(*, young_person_pk: int, reason: str, actor=None, channel="command") -> bool:
    """Replace identity, clear every free text of the file and its records; keep the facts.

    Returns False when the file was already anonymised (by another run): nothing is done.
    Files merged into it are the same person and go with it (they stay "merged").
    """
    now = timezone.now()
    claimed = (
        YoungPerson.objects.filter(pk=young_person_pk, anonymised_at__isnull=True)
        .exclude(status=FileStatus.MERGED)
        .update(status=FileStatus.ANONYMISED, anonymised_at=now, search_name="")
    )
    if not claimed:
        return False
    absorbed = _absorbed_chain(young_person_pk)
    YoungPerson.objects.filter(pk__in=absorbed).update(anonymised_at=now, search_name="")
    for pk in [young_person_pk, *absorbed]:
        for holding in registry.holdings():
            if holding.delete_on_anonymisation:
                holding.records(pk).delete()
            else:
                holding.clear(pk, holding.identity + holding.free_text)
    young_person = YoungPerson.objects.select_related("mission_locale").get(pk=young_person_pk)
    audit.record(
        actor=actor,
        action=AuditAction.UPDATE,
        obj=young_person,
        young_person=young_person,
        changes={
            "anonymisation": [None, reason],
            "dossiers_fusionnes": [None, len(absorbed)],
        },
        channel=channel,
    )
    return True


@transaction.atomic
def anonymise_account(*, user_pk: int, deadline: datetime.date) -> bool:
    """Names and e-mail replaced, unusable password, inactive; tokens and traces deleted.

    The audit journal keeps the label it copied at the time (append-only: never rewritten).
    """
    placeholder = f"compte-{user_pk}@{ANONYMISED_EMAIL_DOMAIN}"
    account = (
        User.objects.select_for_update(of=("self",)).select_related("organisation").get(pk=user_pk)
    )
    if account.email.endswith(f"@{ANONYMISED_EMAIL_DOMAIN}"):
        return False
    previous = {"pk": account.pk, "email": account.email}
    User.objects.filter(pk=user_pk).update(
        email=placeholder,
        first_name="Compte",
        last_name="anonymisé",
        phone="",
        password=make_password(None),
        is_active=False,
        is_staff=False,
        is_superuser=False,
    )
    for model_label, lookup, attribute in registry.account_traces():
        model = apps.get_model(model_label)
        model._base_manager.filter(**{lookup: previous[attribute]}).delete()
    organisation = account.organisation
    audit.record(
        actor=None,
        action=AuditAction.UPDATE,
        object_type="accounts.user",
        object_id=str(user_pk),
        mission_locale=(
            organisation
            if organisation is not None and organisation.kind == OrganisationKind.MISSION_LOCALE
            else None
        ),
        changes={"anonymisation": [None, f"Compte : conservation échue le {deadline:%d/%m/%Y}"]},
        channel="command",
    )
    return True


# --- Data subject rights ------------------------------------------------------------------


def _require_rights(actor, young_person) -> None:
    if not policy.can_exercise_rights_on(actor, young_person):
        raise PermissionDenied(
            "Seul·e le directeur ou la directrice de la Mission Locale du dossier traite les "
            "demandes d'exercice des droits."
        )


@transaction.atomic
def rights_request_create(
    *, actor, young_person, kind: str, received_on: datetime.date, details: str = ""
) -> RightsRequest:
    _require_rights(actor, young_person)
    rules.check_received_on(received_on, timezone.localdate())
    if kind not in RightKind.values:
        raise ValidationError({"kind": "Choisissez le droit exercé."})
    request = RightsRequest.objects.create(
        young_person=young_person,
        kind=kind,
        received_on=received_on,
        details=details.strip(),
        recorded_by=actor,
    )
    audit.record(
        actor=actor,
        action=AuditAction.CREATE,
        obj=request,
        young_person=young_person,
        changes={
            "demande": [None, RightKind(kind).label],
            "recue_le": [None, received_on.isoformat()],
            "echeance": [None, request.deadline.isoformat()],
        },
    )
    return request


@transaction.atomic
def rights_request_extend(*, actor, request: RightsRequest, reason: str) -> RightsRequest:
    request = (
        RightsRequest.objects.select_for_update().select_related("young_person").get(pk=request.pk)
    )
    _require_open(actor, request)
    rules.check_extension(
        received_on=request.received_on,
        today=timezone.localdate(),
        reason=reason,
        already=request.extended_on is not None,
    )
    request.extended_on = timezone.localdate()
    request.extension_reason = reason.strip()
    request.save(update_fields=["extended_on", "extension_reason"])
    audit.record(
        actor=actor,
        action=AuditAction.UPDATE,
        obj=request,
        young_person=request.young_person,
        changes={"echeance_prolongee": [None, request.deadline.isoformat()]},
    )
    return request


@transaction.atomic
def rights_request_close(
    *, actor, request: RightsRequest, answered_on: datetime.date, outcome: str, answer: str
) -> RightsRequest:
    request = (
        RightsRequest.objects.select_for_update().select_related("young_person").get(pk=request.pk)
    )
    _require_open(actor, request)
    rules.check_closing(
        received_on=request.received_on,
        answered_on=answered_on,
        today=timezone.localdate(),
        answer=answer,
    )
    request.answered_on = answered_on
    request.outcome = outcome
    request.answer = answer.strip()
    request.answered_by = actor
    request.save(update_fields=["answered_on", "outcome", "answer", "answered_by"])
    audit.record(
        actor=actor,
        action=AuditAction.UPDATE,
        obj=request,
        young_person=request.young_person,
        changes={
            "reponse": [None, request.get_outcome_display()],
            "repondue_le": [None, answered_on.isoformat()],
            "dans_les_delais": [None, answered_on <= request.deadline],
        },
    )
    return request


def _require_open(actor, request: RightsRequest) -> None:
    # Requests outlive an erasure: the director of the file's Mission Locale answers them.
    if not (
        policy.can_handle_rights_requests(actor)
        and request.young_person.mission_locale_id == actor.organisation_id
    ):
        raise PermissionDenied("Vous ne pouvez pas traiter cette demande.")
    if not request.is_open:
        raise ValidationError("Cette demande a déjà reçu sa réponse.")


def erasure_obstacles(young_person) -> list[str]:
    """Why the whole file cannot be erased now (empty: it can)."""
    paid = AllowancePayment.objects.filter(pathway=OuterRef("pk"))
    programmes = (
        Pathway.objects.filter(young_person=young_person)
        .annotate(paid=Exists(paid))
        .values_list("kind", "end_date", "paid")
    )
    return rules.whole_file_erasure_obstacles(programmes)


@transaction.atomic
def erase(*, actor, young_person, what: str, request: RightsRequest) -> None:
    """Erase on request what the law allows: contact details, comments, or the whole file.

    The whole file is anonymised at once (the same service as the retention job), and only
    when no legal retention obligation applies.
    """
    _require_rights(actor, young_person)
    if request.young_person_id != young_person.pk or request.kind != RightKind.ERASURE:
        raise ValidationError({"request": "Choisissez la demande d'effacement de ce dossier."})
    if not request.is_open:
        raise ValidationError({"request": "Cette demande a déjà reçu sa réponse."})
    label = {"demande": [None, str(request.uid)]}
    if what == Erasure.FILE:
        obstacles = erasure_obstacles(young_person)
        if obstacles:
            raise ValidationError({"what": obstacles})
        anonymise_file(
            young_person_pk=young_person.pk,
            reason=f"Effacement à la demande de la personne (demande du {request.received_on})",
            actor=actor,
            channel="web",
        )
        return
    if what not in (Erasure.CONTACT, Erasure.COMMENTS):
        raise ValidationError({"what": "Choisissez ce qui doit être effacé."})
    cleared = {}
    for holding in registry.holdings():
        if holding.model_class is RightsRequest:
            continue  # the requests and their answers prove the rights were respected
        names = holding.contact if what == Erasure.CONTACT else holding.free_text
        if names and holding.clear(young_person.pk, names):
            cleared[holding.label] = list(names)
    # Only the field names go to the journal, never the erased values.
    audit.record(
        actor=actor,
        action=AuditAction.UPDATE,
        obj=young_person,
        young_person=young_person,
        changes={
            **label,
            "efface": [None, Erasure(what).label],
            "champs": [None, cleared],
        },
    )
