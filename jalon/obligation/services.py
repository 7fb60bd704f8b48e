"""Every write of the obligation de formation (one transaction each, policy and rules checked,
the audit journal written).

The import is all or nothing: one faulty line and nothing is imported, so that a list is never
half in. It runs in bulk (a few queries whatever the number of lines) and is idempotent: a
person already followed by the Mission Locale is recognised and not created twice.
"""

import datetime
import hashlib
from dataclasses import dataclass, field

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone

from jalon import policy
from jalon.audit import services as audit
from jalon.audit.models import AuditAction
from jalon.obligation import csvimport, rules
from jalon.obligation.models import (
    ContactAttempt,
    DepartementReport,
    LeaverList,
    ObligationCase,
)
from jalon.youngpeople.duplicates import DUPLICATE_NAME_THRESHOLD
from jalon.youngpeople.enums import FileStatus
from jalon.youngpeople.models import YoungPerson
from jalon.youngpeople.normalize import normalize_name
from jalon.youngpeople.search import word_similarity

# Rows per INSERT and names per IN (...): well under SQLite's and PostgreSQL's limits.
BATCH = 500


def _fail(field_name: str, message: str):
    return ValidationError({field_name: message})


def identity_key(*, last_name: str, first_names: str, birth_date: datetime.date) -> str:
    return f"{birth_date.isoformat()} {normalize_name(last_name, first_names)}"


def _chunks(items: list, size: int = BATCH):
    for start in range(0, len(items), size):
        yield items[start : start + size]


# --- Import of a list of leavers -------------------------------------------------------------


@transaction.atomic
def leaver_list_upload(*, actor, file_name: str, raw: bytes, source: str = "") -> LeaverList:
    """Read the file and keep it (encrypted) for the mapping and the preview."""
    if not policy.can_import_leaver_lists(actor):
        raise PermissionDenied("Vous ne pouvez pas importer de liste de sortants.")
    if len(raw) > settings.JALON_OBLIGATION_IMPORT_MAX_BYTES:
        raise _fail(
            "file",
            f"Le fichier dépasse {settings.JALON_OBLIGATION_IMPORT_MAX_BYTES // (1024 * 1024)} "
            "Mo : découpez-le en plusieurs fichiers.",
        )
    leaver_file = csvimport.read(raw, max_lines=settings.JALON_OBLIGATION_IMPORT_MAX_LINES)
    for name, value in (("file", file_name), ("source", source)):
        if "\x00" in value:
            raise _fail(name, "Caractères interdits.")
    leaver_list = LeaverList.objects.create(
        mission_locale_id=actor.organisation_id,
        file_name=file_name[:200] or "liste.csv",
        source=source[:200],
        encoding=leaver_file.encoding,
        delimiter=leaver_file.delimiter,
        content=leaver_file.text,
        line_count=len(leaver_file.rows),
        uploaded_by=actor,
    )
    audit.record(
        actor=actor,
        action=AuditAction.CREATE,
        obj=leaver_list,
        mission_locale=leaver_list.mission_locale,
        changes={
            "liste de sortants": [None, leaver_list.file_name],
            "lignes": [None, leaver_list.line_count],
            "empreinte": [None, hashlib.sha256(raw).hexdigest()],
        },
    )
    return leaver_list


def leaver_file_of(leaver_list: LeaverList) -> csvimport.LeaverFile:
    return csvimport.read(
        leaver_list.content.encode("utf-8"),
        max_lines=settings.JALON_OBLIGATION_IMPORT_MAX_LINES,
    )


@dataclass
class Plan:
    """What importing a list with a mapping would do, line by line, before doing it."""

    errors: list[csvimport.LineError] = field(default_factory=list)
    new: list[csvimport.Leaver] = field(default_factory=list)
    known: list[csvimport.Leaver] = field(default_factory=list)
    repeated: list[csvimport.Leaver] = field(default_factory=list)
    too_young: list[csvimport.Leaver] = field(default_factory=list)
    too_old: list[csvimport.Leaver] = field(default_factory=list)
    # identity key -> pk of the Mission Locale's file it matches
    files: dict[str, int] = field(default_factory=dict)
    keys: dict[int, str] = field(default_factory=dict)  # line -> identity key

    @property
    def is_valid(self) -> bool:
        return not self.errors

    @property
    def ignored(self) -> int:
        return len(self.too_young) + len(self.too_old)


def plan_import(*, leaver_list: LeaverList, mapping: dict[str, int], today=None) -> Plan:
    """Check the lines and sort them: new, already followed, repeated, outside 16-17. Reads
    only: the preview shows it, the import carries it out."""
    today = today or timezone.localdate()
    leaver_file = leaver_file_of(leaver_list)
    csvimport.check_mapping(mapping, len(leaver_file.header))
    checked = csvimport.check_lines(leaver_file, mapping, today)
    plan = Plan(errors=checked.errors)
    seen: set[str] = set()
    candidates = []
    for leaver in checked.leavers:
        values = leaver.values
        key = identity_key(
            last_name=values["last_name"],
            first_names=values["first_names"],
            birth_date=values["birth_date"],
        )
        plan.keys[leaver.line] = key
        age = rules.age_on(values["birth_date"], today)
        if age < rules.OBLIGATION_START_AGE:
            plan.too_young.append(leaver)
        elif age >= rules.OBLIGATION_END_AGE:
            plan.too_old.append(leaver)
        elif key in seen:
            plan.repeated.append(leaver)
        else:
            seen.add(key)
            candidates.append(leaver)
    known_keys = set()
    for keys in _chunks(sorted(seen)):
        known_keys.update(
            ObligationCase.objects.filter(
                mission_locale_id=leaver_list.mission_locale_id, identity_key__in=keys
            ).values_list("identity_key", flat=True)
        )
    for leaver in candidates:
        (plan.known if plan.keys[leaver.line] in known_keys else plan.new).append(leaver)
    plan.files = _matching_files(leaver_list.mission_locale_id, plan.new, plan.keys)
    return plan


def _matching_files(mission_locale_id: int, leavers, keys) -> dict[str, int]:
    """The Mission Locale's file of each new case, by the duplicate rule of the files (same
    birth date, similar names: jalon/youngpeople/duplicates.py), in one query per batch."""
    dates = sorted({leaver.values["birth_date"] for leaver in leavers})
    files_by_date: dict[datetime.date, list[tuple[int, str]]] = {}
    for batch in _chunks(dates):
        rows = (
            YoungPerson.objects.live()
            .exclude(status=FileStatus.ANONYMISED)
            .filter(mission_locale_id=mission_locale_id, birth_date__in=batch)
            .values_list("pk", "birth_date", "search_name")
        )
        for pk, birth_date, search_name in rows:
            files_by_date.setdefault(birth_date, []).append((pk, search_name))
    matches = {}
    for leaver in leavers:
        names = normalize_name(leaver.values["last_name"], leaver.values["first_names"])
        scored = [
            (word_similarity(names, search_name), pk)
            for pk, search_name in files_by_date.get(leaver.values["birth_date"], [])
        ]
        best = max(scored, default=None)
        if best and best[0] >= DUPLICATE_NAME_THRESHOLD:
            matches[keys[leaver.line]] = best[1]
    return matches


def _lines_error(errors: list[csvimport.LineError]) -> ValidationError:
    shown = [str(error) for error in errors[: csvimport.MAX_ERRORS_SHOWN]]
    if len(errors) > len(shown):
        shown.append(f"… et {len(errors) - len(shown)} autre(s) erreur(s).")
    return ValidationError({"file": shown})


@dataclass(frozen=True)
class ImportResult:
    created: int
    known: int
    ignored: int
    linked: int


@transaction.atomic
def leaver_list_import(*, actor, leaver_list: LeaverList, mapping: dict[str, int]) -> ImportResult:
    """Create the cases of the list, all or nothing. Raises ValidationError ("file": one message
    per faulty line) and imports nothing when a line is invalid."""
    leaver_list = LeaverList.objects.select_for_update().get(pk=leaver_list.pk)
    if not (
        policy.can_import_leaver_lists(actor)
        and leaver_list.mission_locale_id == actor.organisation_id
    ):
        raise PermissionDenied("Vous ne pouvez pas importer cette liste.")
    if leaver_list.is_imported:
        raise _fail("file", "Cette liste a déjà été importée.")
    plan = plan_import(leaver_list=leaver_list, mapping=mapping)
    if not plan.is_valid:
        raise _lines_error(plan.errors)
    cases = [
        ObligationCase(
            mission_locale_id=leaver_list.mission_locale_id,
            leaver_list=leaver_list,
            identity_key=plan.keys[leaver.line],
            young_person_id=plan.files.get(plan.keys[leaver.line]),
            **leaver.values,
        )
        for leaver in plan.new
    ]
    try:
        with transaction.atomic():
            ObligationCase.objects.bulk_create(cases, batch_size=BATCH)
    except IntegrityError as error:
        # Another list naming the same young people was imported at the same moment.
        raise _fail(
            "file",
            "Une autre importation est en cours pour ces jeunes : réessayez dans un instant.",
        ) from error
    result = ImportResult(
        created=len(cases), known=len(plan.known), ignored=plan.ignored, linked=len(plan.files)
    )
    leaver_list.content = ""
    leaver_list.imported_at = timezone.now()
    leaver_list.created_count = result.created
    leaver_list.known_count = result.known
    leaver_list.ignored_count = result.ignored
    leaver_list.linked_count = result.linked
    leaver_list.save(
        update_fields=[
            "content",
            "imported_at",
            "created_count",
            "known_count",
            "ignored_count",
            "linked_count",
        ]
    )
    audit.record(
        actor=actor,
        action=AuditAction.CREATE,
        obj=leaver_list,
        mission_locale=leaver_list.mission_locale,
        changes={
            "situations créées": [None, result.created],
            "déjà suivies": [None, result.known],
            "hors obligation (âge)": [None, result.ignored],
            "rattachées à un dossier": [None, result.linked],
        },
    )
    return result


@transaction.atomic
def leaver_list_discard(*, actor, leaver_list: LeaverList) -> None:
    """Drop a list deposited but not imported (wrong file): its content goes at once."""
    if not (
        policy.can_import_leaver_lists(actor)
        and leaver_list.mission_locale_id == actor.organisation_id
    ):
        raise PermissionDenied("Vous ne pouvez pas supprimer cette liste.")
    if leaver_list.is_imported:
        raise _fail("file", "Une liste importée ne se supprime pas : ses situations sont suivies.")
    audit.record(
        actor=actor,
        action=AuditAction.UPDATE,
        obj=leaver_list,
        mission_locale=leaver_list.mission_locale,
        changes={"liste de sortants": [leaver_list.file_name, "supprimée avant import"]},
    )
    leaver_list.delete()


# --- Following a case ------------------------------------------------------------------------


def _require_case(actor, case: ObligationCase) -> None:
    if not policy.can_edit_obligation_case(actor, case):
        raise PermissionDenied("Vous ne pouvez pas modifier cette situation.")


def _record(actor, case, changes: dict, action=AuditAction.UPDATE, obj=None) -> None:
    audit.record(
        actor=actor,
        action=action,
        obj=obj or case,
        young_person=case.young_person,
        mission_locale=case.mission_locale,
        changes=changes,
    )


def _clean_text(value: str, field_name: str, max_length: int | None = None) -> str:
    value = (value or "").strip()
    if "\x00" in value:
        raise _fail(field_name, "Caractères interdits.")
    if max_length is not None and len(value) > max_length:
        raise _fail(field_name, f"{max_length} caractères au plus.")
    return value


@transaction.atomic
def contact_attempt_record(
    *, actor, case: ObligationCase, attempted_on, channel: str, outcome: str, notes: str = ""
) -> ContactAttempt:
    _require_case(actor, case)
    rules.check_contact_attempt(attempted_on=attempted_on, today=timezone.localdate())
    attempt = ContactAttempt(
        case=case,
        attempted_on=attempted_on,
        channel=channel,
        outcome=outcome,
        notes=_clean_text(notes, "notes"),
        made_by=actor,
    )
    attempt.full_clean(exclude=["case", "made_by", "uid"])
    attempt.save()
    _record(
        actor,
        case,
        {
            "tentative de contact": [None, f"{attempted_on:%d/%m/%Y}"],
            "channel": [None, channel],
            "outcome": [None, outcome],
        },
        action=AuditAction.CREATE,
        obj=attempt,
    )
    return attempt


@transaction.atomic
def convocation_record(
    *, actor, case: ObligationCase, convoked_on, appointment_on=None
) -> ObligationCase:
    """The convocation starts the two months after which the Département is informed."""
    case = ObligationCase.objects.select_for_update().get(pk=case.pk)
    _require_case(actor, case)
    if case.has_solution:
        raise _fail("convoked_on", "Une solution est déjà trouvée : pas de convocation.")
    rules.check_convocation(
        convoked_on=convoked_on,
        appointment_on=appointment_on,
        birth_date=case.birth_date,
        today=timezone.localdate(),
    )
    before = [case.convoked_on, case.appointment_on]
    case.convoked_on, case.appointment_on, case.convoked_by = convoked_on, appointment_on, actor
    case.save(update_fields=["convoked_on", "appointment_on", "convoked_by"])
    _record(
        actor,
        case,
        audit.diff(
            {"convoked_on": before[0], "appointment_on": before[1]},
            {"convoked_on": convoked_on, "appointment_on": appointment_on},
        ),
    )
    return case


@transaction.atomic
def solution_record(
    *, actor, case: ObligationCase, kind: str, solution_on, details: str = "", pathway=None
) -> ObligationCase:
    """A solution ends the follow-up: the young person satisfies the obligation."""
    case = ObligationCase.objects.select_for_update().get(pk=case.pk)
    _require_case(actor, case)
    rules.check_solution(
        kind=kind,
        solution_on=solution_on,
        pathway=pathway,
        young_person_id=case.young_person_id,
        today=timezone.localdate(),
    )
    case.solution_kind = kind
    case.solution_on = solution_on
    case.solution_details = _clean_text(details, "solution_details", 200)
    case.pathway = pathway
    case.full_clean(exclude=["mission_locale", "leaver_list", "young_person", "uid"])
    case.save(update_fields=["solution_kind", "solution_on", "solution_details", "pathway"])
    _record(
        actor,
        case,
        {"solution": [None, kind], "solution_on": [None, solution_on.isoformat()]},
    )
    return case


@transaction.atomic
def case_link(*, actor, case: ObligationCase, young_person) -> ObligationCase:
    """Attach the case to the young person's file (found, or opened when they came)."""
    case = ObligationCase.objects.select_for_update().get(pk=case.pk)
    _require_case(actor, case)
    if not policy.can_edit_young_person(actor, young_person):
        raise PermissionDenied("Vous ne pouvez pas rattacher ce dossier.")
    if case.young_person_id is not None:
        raise _fail("young_person", "Cette situation est déjà rattachée à un dossier.")
    case.young_person = young_person
    case.save(update_fields=["young_person"])
    _record(actor, case, {"dossier": [None, str(young_person.uid)]})
    return case


@transaction.atomic
def case_register(*, actor, case: ObligationCase, data: dict, confirm_not_duplicate=False):
    """Open the young person's file from the case and link both, in one step.

    Raises DuplicateSuspected (from the file's creation) unless the user confirmed."""
    from jalon.youngpeople.services import young_person_create

    _require_case(actor, case)
    if case.young_person_id is not None:
        raise _fail("__all__", "Cette situation est déjà rattachée à un dossier.")
    young_person = young_person_create(
        actor=actor, data=data, confirm_not_duplicate=confirm_not_duplicate
    )
    case_link(actor=actor, case=case, young_person=young_person)
    return young_person


# --- Report to the président du conseil départemental ----------------------------------------


@transaction.atomic
def report_prepare(*, actor, today=None) -> DepartementReport:
    """Gather every case due for the report into one letter to the Département."""
    from jalon.obligation import selectors

    if not policy.can_report_to_departement(actor):
        raise PermissionDenied("Seule la direction signale au Département.")
    today = today or timezone.localdate()
    departement = actor.organisation.departement
    if departement is None:
        raise _fail("__all__", "Le département de votre Mission Locale n'est pas renseigné.")
    due = list(selectors.cases_due_for_report(actor, today=today))
    if not due:
        raise _fail("__all__", "Aucune situation n'est à signaler aujourd'hui.")
    report = DepartementReport.objects.create(
        mission_locale_id=actor.organisation_id,
        departement=departement,
        prepared_on=today,
        prepared_by=actor,
        case_count=len(due),
    )
    report.cases.set(due)
    audit.record(
        actor=actor,
        action=AuditAction.CREATE,
        obj=report,
        mission_locale=report.mission_locale,
        changes={"situations signalées": [None, [str(case.uid) for case in due]]},
    )
    return report


@transaction.atomic
def report_record_sending(
    *, actor, report: DepartementReport, sent_on, means: str, sent_by=None
) -> DepartementReport:
    report = DepartementReport.objects.select_for_update().get(pk=report.pk)
    if not (
        policy.can_report_to_departement(actor)
        and report.mission_locale_id == actor.organisation_id
    ):
        raise PermissionDenied("Seule la direction signale au Département.")
    if report.is_sent:
        raise _fail("sent_on", "L'envoi de ce signalement est déjà enregistré.")
    sent_by = sent_by or actor
    if sent_by.organisation_id != report.mission_locale_id:
        raise _fail("sent_by", "Cette personne ne travaille pas dans votre Mission Locale.")
    rules.check_sending(
        sent_on=sent_on, means=means, created_on=report.prepared_on, today=timezone.localdate()
    )
    report.sent_on, report.sending_means, report.sent_by = sent_on, means, sent_by
    report.full_clean(exclude=["mission_locale", "departement", "prepared_by", "uid", "cases"])
    report.save(update_fields=["sent_on", "sending_means", "sent_by"])
    audit.record(
        actor=actor,
        action=AuditAction.UPDATE,
        obj=report,
        mission_locale=report.mission_locale,
        changes={
            "sent_on": [None, sent_on.isoformat()],
            "sending_means": [None, means],
            "sent_by": [None, sent_by.get_full_name()],
        },
    )
    return report


# --- Retention ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class Purge:
    cases: int
    lists: int


@transaction.atomic
def purge_expired(*, today: datetime.date, dry_run: bool = False) -> Purge:
    """Cases never joined to a file go JALON_OBLIGATION_RETENTION_MONTHS after the 18th birthday
    (the obligation is over); lists deposited but never imported go after a day. Cases joined
    to a file follow the file's retention (privacy registry)."""
    from dateutil.relativedelta import relativedelta

    born_before = today - relativedelta(
        years=rules.OBLIGATION_END_AGE, months=settings.JALON_OBLIGATION_RETENTION_MONTHS
    )
    cases = ObligationCase.objects.filter(young_person__isnull=True, birth_date__lt=born_before)
    lists = LeaverList.objects.filter(
        imported_at__isnull=True,
        uploaded_at__lt=timezone.now() - datetime.timedelta(days=1),
    )
    purge = Purge(cases=cases.count(), lists=lists.count())
    if not dry_run and (purge.cases or purge.lists):
        cases.delete()
        lists.delete()
        audit.record(
            actor=None,
            action=AuditAction.UPDATE,
            object_type="obligation.obligationcase",
            changes={
                "situations sans dossier supprimées (conservation échue)": [None, purge.cases],
                "listes non importées supprimées": [None, purge.lists],
            },
            channel="command",
        )
    return purge
