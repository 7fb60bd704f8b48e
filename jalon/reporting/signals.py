"""A commit that changes a record the indicators count moves on the data version of its
Mission Locale (`snapshots.mark_changed`), once per commit whatever the number of rows.

Generic over the apps whose records the indicators read: a record is linked to a Mission Locale
through its young person (`young_person`, directly or through one parent that has one, like an
interview's diagnostic), or by naming one (a transfer's two Mission Locales, a session's). A
young person's own record counts in its Mission Locale. Writes that skip signals (queryset
`update`, bulk loads) are caught by `jalon refresh-indicators --cold`.
"""

from collections import defaultdict
from functools import partial

from django.apps import apps
from django.db import transaction
from django.db.models.signals import post_delete, post_save

# The apps whose records an indicator counts: an indicator that reads another app adds it here.
COUNTED_APPS = (
    "youngpeople",
    "reception",
    "pathways",
    "scheduling",
    "referrals",
    "justice",
    "childwelfare",
)


def _empty_batch() -> dict:
    return {"people": set(), "missions_locales": set(), "parents": defaultdict(set)}


def _flush(connection):
    """The first callback after a commit takes the whole batch; the others find it empty."""
    from jalon.reporting import snapshots
    from jalon.youngpeople.models import YoungPerson

    batch = getattr(connection, "jalon_indicator_batch", None)
    if not batch or not any(batch.values()):
        return
    connection.jalon_indicator_batch = _empty_batch()
    people = set(batch["people"])
    for model, pks in batch["parents"].items():
        people |= set(model.objects.filter(pk__in=pks).values_list("young_person_id", flat=True))
    missions_locales = set(batch["missions_locales"])
    missions_locales |= set(
        YoungPerson.objects.filter(pk__in=people).values_list("mission_locale_id", flat=True)
    )
    snapshots.mark_changed(missions_locales)


def _changed(sender, instance, *, links, **kwargs):
    connection = transaction.get_connection()
    if not hasattr(connection, "jalon_indicator_batch"):
        connection.jalon_indicator_batch = _empty_batch()
    batch = connection.jalon_indicator_batch
    for kind, attname, parent in links:
        value = getattr(instance, attname)
        if value is None:
            continue
        if kind == "parent":
            batch["parents"][parent].add(value)
        else:
            batch[kind].add(value)
    transaction.on_commit(partial(_flush, connection))


def _links(model) -> list[tuple]:
    """(batch key, attribute, parent model) for each way a record of `model` names a young
    person or a Mission Locale."""
    from jalon.network.models import Organisation
    from jalon.youngpeople.models import YoungPerson

    links = []
    if model is YoungPerson:
        links.append(("missions_locales", "mission_locale_id", None))
    for field in model._meta.concrete_fields:
        if not field.many_to_one:
            continue
        if field.related_model is Organisation:
            links.append(("missions_locales", field.attname, None))
        elif field.related_model is YoungPerson:
            if model is not YoungPerson:
                links.append(("people", field.attname, None))
        elif any(f.name == "young_person" for f in field.related_model._meta.concrete_fields):
            links.append(("parent", field.attname, field.related_model))
    if any(kind == "people" for kind, _, _ in links):  # its own young person is enough
        links = [link for link in links if link[0] != "parent"]
    return links


def connect():
    for app_label in COUNTED_APPS:
        for model in apps.get_app_config(app_label).get_models():
            links = _links(model)
            if not links:
                continue
            handler = partial(_changed, links=links)
            uid = f"reporting-{model._meta.label_lower}"
            post_save.connect(handler, sender=model, weak=False, dispatch_uid=uid)
            post_delete.connect(handler, sender=model, weak=False, dispatch_uid=f"{uid}-d")
