"""A change to a file's pathway, appointments or situations refreshes its alerts once the
transaction commits (one task per Mission Locale, whatever the number of rows written)."""

from collections import defaultdict
from functools import partial

from django.db import transaction
from django.db.models.signals import m2m_changed, post_delete, post_save


def _empty_batch() -> dict:
    return {"people": set(), "queues": set()}


def _flush(connection):
    """The first callback after a commit takes the whole batch; the others find it empty."""
    from jalon.alerts.tasks import refresh_files
    from jalon.youngpeople.models import YoungPerson

    batch = getattr(connection, "jalon_alert_batch", None)
    if not batch or not (batch["people"] or batch["queues"]):
        return
    connection.jalon_alert_batch = _empty_batch()
    by_mission_locale = defaultdict(set, {ml_id: set() for ml_id in batch["queues"]})
    for person_id, mission_locale_id in YoungPerson.objects.filter(
        pk__in=batch["people"]
    ).values_list("pk", "mission_locale_id"):
        by_mission_locale[mission_locale_id].add(person_id)
    for mission_locale_id, people in by_mission_locale.items():
        refresh_files(mission_locale_id, sorted(people))


def _collect(*, people=(), queues=()):
    """Add to the connection's batch and ask for a flush after the commit. What a rolled-back
    transaction added is refreshed with the next commit: harmless, the refresh is idempotent."""
    connection = transaction.get_connection()
    if not hasattr(connection, "jalon_alert_batch"):
        connection.jalon_alert_batch = _empty_batch()
    connection.jalon_alert_batch["people"].update(p for p in people if p)
    connection.jalon_alert_batch["queues"].update(q for q in queues if q)
    transaction.on_commit(partial(_flush, connection))


def _file_changed(sender, instance, **kwargs):
    _collect(people=[getattr(instance, "young_person_id", None)])


def _young_person_changed(sender, instance, **kwargs):
    _collect(people=[instance.pk])


def _liaison_form_changed(sender, instance, **kwargs):
    _collect(people=[instance.young_person_id], queues=[instance.recipient_organisation_id])


def _transfer_changed(sender, instance, **kwargs):
    _collect(
        people=[instance.young_person_id],
        queues=[instance.to_mission_locale_id, instance.from_mission_locale_id],
    )


def _mission_locale_queue_changed(sender, instance, **kwargs):
    _collect(queues=[instance.mission_locale_id])


def _contact_attempt_changed(sender, instance, **kwargs):
    _collect(queues=[instance.case.mission_locale_id])


def _release_plan_changed(sender, instance, **kwargs):
    _collect(people=[instance.situation.young_person_id])


def _ase_record_changed(sender, instance, **kwargs):
    _collect(people=[instance.follow_up.young_person_id])


def connect():
    from jalon.childwelfare.models import (
        AgeSeventeenInterview,
        AseFollowUp,
        AutonomyProject,
        CejProposal,
    )
    from jalon.justice.models import PenalSituation, ReleasePlan
    from jalon.obligation.models import (
        ContactAttempt,
        DepartementReport,
        LeaverList,
        ObligationCase,
    )
    from jalon.pathways.models import CejSanction, Pathway, Pmsmp, Proposal, Situation
    from jalon.referrals.models import LiaisonForm
    from jalon.scheduling.models import Appointment, Participation
    from jalon.youngpeople.models import FileTransfer, PriorityPublicPeriod, YoungPerson

    for model in (Pathway, Pmsmp, Proposal, Situation, Appointment, Participation):
        post_save.connect(_file_changed, sender=model, dispatch_uid=f"alerts-{model.__name__}")
        post_delete.connect(_file_changed, sender=model, dispatch_uid=f"alerts-d-{model.__name__}")
    post_save.connect(_file_changed, sender=PriorityPublicPeriod, dispatch_uid="alerts-public")
    post_save.connect(_sanction_changed, sender=CejSanction, dispatch_uid="alerts-sanction")
    post_save.connect(_young_person_changed, sender=YoungPerson, dispatch_uid="alerts-file")
    post_save.connect(_liaison_form_changed, sender=LiaisonForm, dispatch_uid="alerts-liaison")
    post_save.connect(_transfer_changed, sender=FileTransfer, dispatch_uid="alerts-transfer")
    post_save.connect(_file_changed, sender=PenalSituation, dispatch_uid="alerts-penal")
    post_save.connect(_file_changed, sender=AseFollowUp, dispatch_uid="alerts-ase")
    for model in (AgeSeventeenInterview, AutonomyProject, CejProposal):
        post_save.connect(
            _ase_record_changed, sender=model, dispatch_uid=f"alerts-{model.__name__}"
        )
    post_save.connect(_release_plan_changed, sender=ReleasePlan, dispatch_uid="alerts-release")
    for model in (LeaverList, ObligationCase, DepartementReport):  # an import is a bulk create
        post_save.connect(
            _mission_locale_queue_changed, sender=model, dispatch_uid=f"alerts-{model.__name__}"
        )
    m2m_changed.connect(
        _mission_locale_queue_changed,
        sender=DepartementReport.cases.through,
        dispatch_uid="alerts-report-cases",
    )
    post_save.connect(_contact_attempt_changed, sender=ContactAttempt, dispatch_uid="alerts-oc")


def _sanction_changed(sender, instance, **kwargs):
    _collect(people=[instance.pathway.young_person_id])
