"""Every change to a young person's file goes through these functions (one transaction each)."""

import datetime

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone

from jalon import policy
from jalon.accounts.models import Role
from jalon.audit import services as audit
from jalon.audit.models import AuditAction, AuditEntry
from jalon.core.versioning import check_version, update_with_version
from jalon.youngpeople import documents, rules
from jalon.youngpeople.duplicates import find_likely_duplicates
from jalon.youngpeople.enums import FileStatus, PriorityPublic, PublicDetail
from jalon.youngpeople.models import (
    Document,
    FileTransfer,
    MergeRecord,
    PriorityPublicPeriod,
    YoungPerson,
)

EDITABLE_FIELDS = (
    "last_name",
    "birth_name",
    "first_names",
    "sex",
    "birth_date",
    "phone",
    "email",
    "address",
    "postal_code",
    "commune",
    "level_1969",
    "level_2019",
    "last_class",
    "diploma",
    "neet_on_arrival",
    "first_reception_date",
    "age_exception_reason",
    "site",
    "referent",
)


# Staff who open a file without naming a referent become its referent.
REFERENT_ROLES = frozenset({Role.COUNSELLOR, Role.CJML, Role.JUSTICE_REFERENT})


class DuplicateSuspected(Exception):
    """Raised before saving a file that likely exists already; the caller must confirm."""

    def __init__(self, candidates):
        super().__init__("Un dossier similaire existe déjà.")
        self.candidates = candidates


def snapshot(young_person: YoungPerson) -> dict:
    """JSON-ready values of the editable fields (foreign keys as their id)."""
    values = {}
    for name in EDITABLE_FIELDS:
        field = YoungPerson._meta.get_field(name)
        value = getattr(young_person, field.attname)
        values[name] = value.isoformat() if isinstance(value, datetime.date) else value
    return values


def _check_file(actor, young_person: YoungPerson, *, has_rqth: bool, today) -> None:
    """All rules of the file; raises one ValidationError gathering every field in error."""
    errors: dict[str, list] = {}

    def collect(check, *args, **kwargs):
        try:
            return check(*args, **kwargs)
        except ValidationError as error:
            for field, messages in error.message_dict.items():
                errors.setdefault(field, []).extend(messages)

    collect(rules.check_no_nul_characters, snapshot(young_person))
    young_person.phone = collect(rules.normalize_phone, young_person.phone) or ""
    collect(rules.check_not_in_future, young_person.birth_date, "birth_date", today)
    collect(
        rules.check_not_in_future, young_person.first_reception_date, "first_reception_date", today
    )
    collect(rules.check_postal_code, young_person.postal_code, young_person.commune)
    if young_person.age_exception_reason.strip() and not (
        young_person.age_exception_by_id or policy.can_grant_age_exception(actor)
    ):
        errors.setdefault("age_exception_reason", []).append(
            "Seul·e le directeur ou la directrice peut accorder une dérogation d'âge."
        )
    if young_person.birth_date and young_person.first_reception_date and "birth_date" not in errors:
        if young_person.first_reception_date < young_person.birth_date:
            errors.setdefault("first_reception_date", []).append(
                "Le premier accueil ne peut pas précéder la naissance."
            )
        else:
            collect(
                rules.check_age_at_first_reception,
                birth_date=young_person.birth_date,
                first_reception_date=young_person.first_reception_date,
                has_rqth=has_rqth,
                exception_reason=young_person.age_exception_reason,
            )
    if (
        young_person.site_id
        and young_person.site.mission_locale_id != young_person.mission_locale_id
    ):
        errors.setdefault("site", []).append("Ce site n'appartient pas à votre Mission Locale.")
    if young_person.referent_id and (
        young_person.referent.organisation_id != young_person.mission_locale_id
        or not young_person.referent.is_mission_locale_staff
    ):
        errors.setdefault("referent", []).append(
            "Le ou la référent·e doit travailler dans la Mission Locale du jeune."
        )
    try:
        young_person.full_clean(exclude=["search_name", "mission_locale", "uid"])
    except ValidationError as error:
        for field, messages in error.message_dict.items():
            errors.setdefault(field, []).extend(
                m for m in messages if m not in errors.get(field, [])
            )
    if errors:
        raise ValidationError(errors)


def _record_exception(actor, young_person: YoungPerson) -> None:
    if young_person.age_exception_reason.strip() and not young_person.age_exception_by_id:
        young_person.age_exception_by = actor
    if not young_person.age_exception_reason.strip():
        young_person.age_exception_by = None


@transaction.atomic
def young_person_create(
    *, actor, data: dict, confirm_not_duplicate: bool = False, channel: str = "web"
) -> YoungPerson:
    """Open a file in the actor's Mission Locale.

    `has_rqth` and `lives_in_qpv` in data open the matching priority-public periods from the
    first reception on. Raises DuplicateSuspected unless the user confirmed.
    """
    if not policy.can_create_young_person(actor):
        raise PermissionDenied("Vous ne pouvez pas créer de dossier.")
    data = dict(data)
    has_rqth = bool(data.pop("has_rqth", False))
    lives_in_qpv = bool(data.pop("lives_in_qpv", False))
    today = timezone.localdate()
    young_person = YoungPerson(mission_locale_id=actor.organisation_id)
    for name in EDITABLE_FIELDS:
        if name in data:
            setattr(young_person, name, data[name] if data[name] is not None else _empty(name))
    if young_person.referent_id is None and actor.role in REFERENT_ROLES:
        young_person.referent = actor
    _check_file(actor, young_person, has_rqth=has_rqth, today=today)
    if not confirm_not_duplicate:
        candidates = find_likely_duplicates(
            last_name=young_person.last_name,
            birth_name=young_person.birth_name,
            first_names=young_person.first_names,
            birth_date=young_person.birth_date,
        )
        if candidates:
            raise DuplicateSuspected(candidates)
    _record_exception(actor, young_person)
    young_person.save()
    start = young_person.first_reception_date
    if has_rqth:
        PriorityPublicPeriod.objects.create(
            young_person=young_person,
            public=PriorityPublic.DISABILITY,
            detail=PublicDetail.RQTH,
            start_date=start,
        )
    if lives_in_qpv:
        PriorityPublicPeriod.objects.create(
            young_person=young_person, public=PriorityPublic.QPV, start_date=start
        )
    audit.record(
        actor=actor,
        action=AuditAction.CREATE,
        obj=young_person,
        young_person=young_person,
        changes=audit.diff(
            {},
            {
                **{k: v for k, v in snapshot(young_person).items() if v not in ("", None)},
                "has_rqth": has_rqth,
                "lives_in_qpv": lives_in_qpv,
            },
        ),
        channel=channel,
    )
    return young_person


def _empty(name: str):
    """What an explicit null means for a field: its default ("" for text, None for links)."""
    return YoungPerson._meta.get_field(name).get_default()


@transaction.atomic
def young_person_update(
    *, actor, young_person: YoungPerson, data: dict, expected_version: int, channel="web"
):
    """Change the given fields only; every rule is checked again on the result.

    `expected_version` is the version the user's form or API read was based on: if someone
    saved the file since, ConcurrentEditError and nothing is written.
    """
    if not policy.can_edit_young_person(actor, young_person):
        raise PermissionDenied("Vous ne pouvez pas modifier ce dossier.")
    check_version(young_person, expected_version)
    before = snapshot(young_person)
    for name in EDITABLE_FIELDS:
        if name in data:
            setattr(young_person, name, data[name] if data[name] is not None else _empty(name))
    periods = list(young_person.public_periods.all())
    has_rqth = rules.has_rqth_on(periods, young_person.first_reception_date)
    _check_file(actor, young_person, has_rqth=has_rqth, today=timezone.localdate())
    _record_exception(actor, young_person)
    changes = audit.diff(before, snapshot(young_person))
    if changes:
        update_with_version(young_person, expected_version, [*EDITABLE_FIELDS, "age_exception_by"])
        audit.record(
            actor=actor,
            action=AuditAction.UPDATE,
            obj=young_person,
            young_person=young_person,
            changes=changes,
            channel=channel,
        )
    return young_person


@transaction.atomic
def public_period_add(
    *, actor, young_person, public, detail="", start_date, end_date=None, channel="web"
) -> PriorityPublicPeriod:
    if not policy.can_edit_young_person(actor, young_person):
        raise PermissionDenied("Vous ne pouvez pas modifier ce dossier.")
    rules.check_public_period(
        public=public,
        detail=detail or "",
        start_date=start_date,
        end_date=end_date,
        today=timezone.localdate(),
    )
    period = PriorityPublicPeriod.objects.create(
        young_person=young_person,
        public=public,
        detail=detail or "",
        start_date=start_date,
        end_date=end_date,
    )
    audit.record(
        actor=actor,
        action=AuditAction.UPDATE,
        obj=young_person,
        young_person=young_person,
        changes={
            "public_ajoute": [None, f"{period.get_public_display()} {period.get_detail_display()}"],
            "debut": [None, start_date.isoformat()],
        },
        channel=channel,
    )
    return period


@transaction.atomic
def public_period_end(*, actor, period: PriorityPublicPeriod, end_date, channel="web"):
    young_person = period.young_person
    if not policy.can_edit_young_person(actor, young_person):
        raise PermissionDenied("Vous ne pouvez pas modifier ce dossier.")
    rules.check_public_period(
        public=period.public,
        detail=period.detail,
        start_date=period.start_date,
        end_date=end_date,
        today=timezone.localdate(),
    )
    rules.check_not_in_future(end_date, "end_date", timezone.localdate())
    previous = period.end_date
    period.end_date = end_date
    period.save(update_fields=["end_date"])
    audit.record(
        actor=actor,
        action=AuditAction.UPDATE,
        obj=young_person,
        young_person=young_person,
        changes={
            f"fin {period.get_public_display()}": [
                previous.isoformat() if previous else None,
                end_date.isoformat(),
            ]
        },
        channel=channel,
    )
    return period


def _related_foreign_keys():
    """Every foreign key pointing at YoungPerson, from any app, but the bookkeeping ones.

    Later apps (pathways, events...) are picked up without touching the merge.
    """
    skipped = {
        (MergeRecord, "kept"),
        (MergeRecord, "absorbed"),
        (YoungPerson, "merged_into"),
        # The journal says what happened to which file; it is never rewritten.
        (AuditEntry, "young_person"),
    }
    for relation in YoungPerson._meta.related_objects:
        if relation.many_to_many or relation.one_to_one:
            continue
        if (relation.related_model, relation.field.name) in skipped:
            continue
        yield relation.related_model, relation.field.name


def _move_one_to_ones(kept, absorbed, moved: dict) -> None:
    """A record a file has at most one of (an ASE follow-up, a follow-up group) moves to the
    kept file when it has none; when both have one, the merge is refused rather than hiding
    one of them with the absorbed file."""
    for relation in YoungPerson._meta.related_objects:
        if not relation.one_to_one:
            continue
        manager, name = relation.related_model._base_manager, relation.field.name
        if not manager.filter(**{name: absorbed}).exists():
            continue
        if manager.filter(**{name: kept}).exists():
            raise ValidationError(
                f"Les deux dossiers ont chacun un·e {relation.related_model._meta.verbose_name} : "
                "regroupez-les à la main avant de fusionner les dossiers."
            )
        manager.filter(**{name: absorbed}).update(**{name: kept})
        moved[relation.related_model._meta.label_lower] = 1


@transaction.atomic
def young_people_merge(*, actor, kept: YoungPerson, absorbed: YoungPerson) -> MergeRecord:
    """Merge two files of one Mission Locale: nothing of either history is lost.

    The absorbed file's related records move to the kept file, its empty fields fill the
    kept one's gaps, and its full content stays in a MergeRecord; it is then hidden.
    """
    kept = YoungPerson.objects.select_for_update().get(pk=kept.pk)
    absorbed = YoungPerson.objects.select_for_update().get(pk=absorbed.pk)
    if kept.pk == absorbed.pk:
        raise ValidationError("Choisissez deux dossiers différents.")
    if not policy.can_merge_young_people(actor, kept, absorbed):
        raise PermissionDenied(
            "Seul·e le directeur ou la directrice fusionne les dossiers de sa Mission Locale."
        )
    if FileStatus.MERGED in (kept.status, absorbed.status):
        raise ValidationError("Un des deux dossiers a déjà été fusionné.")
    if FileTransfer.objects.pending().filter(young_person__in=[kept, absorbed]).exists():
        # The receiver would otherwise accept a file other than the one it previewed.
        raise ValidationError(
            "Un transfert vers une autre Mission Locale est en attente pour l'un des dossiers : "
            "attendez la décision ou annulez la demande avant de fusionner."
        )
    before = snapshot(kept)
    moved = {}
    _move_one_to_ones(kept, absorbed, moved)
    for model, field_name in _related_foreign_keys():
        count = model._base_manager.filter(**{field_name: absorbed}).update(**{field_name: kept})
        if count:
            moved[model._meta.label_lower] = count
    for name in EDITABLE_FIELDS:
        field = YoungPerson._meta.get_field(name)
        if getattr(kept, field.attname) in (None, "") and getattr(absorbed, field.attname) not in (
            None,
            "",
        ):
            setattr(kept, field.attname, getattr(absorbed, field.attname))
    kept.first_reception_date = min(kept.first_reception_date, absorbed.first_reception_date)
    # A form opened on the kept file before the merge is now outdated.
    kept.version += 1
    kept.save()
    record = MergeRecord.objects.create(
        kept=kept,
        absorbed=absorbed,
        merged_by=actor,
        absorbed_snapshot={**snapshot(absorbed), "uid": str(absorbed.uid)},
        moved=moved,
    )
    absorbed.status = FileStatus.MERGED
    absorbed.merged_into = kept
    absorbed.save(update_fields=["status", "merged_into"])
    audit.record(
        actor=actor,
        action=AuditAction.MERGE,
        obj=kept,
        young_person=kept,
        changes={
            **audit.diff(before, snapshot(kept)),
            "dossier_absorbe": [None, str(absorbed.uid)],
            "elements_deplaces": [None, moved],
        },
    )
    audit.record(
        actor=actor,
        action=AuditAction.MERGE,
        obj=absorbed,
        young_person=absorbed,
        changes={"fusionne_dans": [None, str(kept.uid)]},
    )
    return record


# --- Documents ------------------------------------------------------------------------------


def document_upload(*, actor, young_person: YoungPerson, kind: str, uploaded, channel="web"):
    """Attach a PDF, JPEG or PNG to the file (type sniffed from the content, size bounded)."""
    if not policy.can_manage_documents(actor, young_person):
        raise PermissionDenied("Vous ne pouvez pas déposer de document dans ce dossier.")
    content_type = documents.check_upload(uploaded, kind)
    stored_name, sha256 = documents.store(uploaded)
    try:
        with transaction.atomic():
            document = Document.objects.create(
                young_person=young_person,
                kind=kind,
                original_name=documents.clean_name(uploaded.name),
                stored_name=stored_name,
                content_type=content_type,
                size=uploaded.size,
                sha256=sha256,
                uploaded_by=actor,
            )
            audit.record(
                actor=actor,
                action=AuditAction.CREATE,
                obj=document,
                young_person=young_person,
                changes={
                    "document": [None, document.get_kind_display()],
                    "fichier": [None, document.original_name],
                    "sha256": [None, sha256],
                },
                channel=channel,
            )
    except BaseException:
        # Nothing recorded: no orphan content either.
        documents.discard(stored_name)
        raise
    return document


@transaction.atomic
def document_delete(*, actor, document: Document, channel="web") -> None:
    """Remove a document and its content for good (the journal keeps its name and digest)."""
    young_person = document.young_person
    if not policy.can_manage_documents(actor, young_person):
        raise PermissionDenied("Vous ne pouvez pas supprimer ce document.")
    audit.record(
        actor=actor,
        action=AuditAction.UPDATE,
        obj=document,
        young_person=young_person,
        changes={
            "document_supprime": [str(document), None],
            "sha256": [document.sha256, None],
        },
        channel=channel,
    )
    document.delete()


@transaction.atomic
def young_people_reassign(*, actor, young_people, counsellor) -> int:
    """A director hands files over to another counsellor of the Mission Locale (a departure,
    a leave, a portfolio too heavy); each file's journal says who took it over."""
    if not policy.can_reassign_young_people(actor):
        raise PermissionDenied("Seule la direction réattribue des dossiers.")
    if counsellor is None or not policy.can_hold_portfolio(actor, counsellor):
        raise ValidationError(
            {"counsellor": "Choisissez un·e conseiller·ère de votre Mission Locale."}
        )
    moved = 0
    for young_person in YoungPerson.objects.select_for_update().filter(
        pk__in=[yp.pk for yp in young_people], mission_locale_id=actor.organisation_id
    ):
        if young_person.referent_id == counsellor.pk:
            continue
        previous = young_person.referent
        young_person.referent = counsellor
        # A colleague editing the file meanwhile is told it changed (the row is locked here).
        update_with_version(young_person, young_person.version, ["referent"])
        audit.record(
            actor=actor,
            action=AuditAction.UPDATE,
            obj=young_person,
            young_person=young_person,
            changes={
                "referent": [
                    previous.get_full_name() if previous else None,
                    counsellor.get_full_name(),
                ]
            },
        )
        moved += 1
    return moved
