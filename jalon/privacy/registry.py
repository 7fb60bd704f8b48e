"""What each app holds about a young person, declared next to its models.

Every app that stores something about a young person has a `privacy.py` module with
`HOLDINGS`, a list of `Holding`: how to reach the young person from the model, which fields
are identity, contact details, free text, or facts kept for the indicators. The access export,
the erasure on request and the anonymisation all read this registry, so a new app (justice,
child welfare, referrals...) plugs in by declaring its models; `tests/privacy/test_registry.py`
fails while a model linked to a file, or one of its text fields, is not declared.

Apps may also list `ACCOUNT_TRACES`: (model, lookup, user attribute) rows that identify a
staff account (tokens, login traces) and are deleted when the account is anonymised.
"""

import functools
from collections.abc import Callable
from dataclasses import dataclass, field
from importlib import import_module
from typing import Any

from django.apps import apps
from django.db import models
from django.utils.module_loading import module_has_submodule


@dataclass(frozen=True)
class Holding:
    model: str  # "app_label.ModelName"
    # Lookup from this model to the young person's primary key ("pk" for the file itself).
    to_young_person: str
    label: str  # section title in the access export
    # Replaced on anonymisation (names, birth date, contact details...).
    identity: tuple[str, ...] = ()
    # Erased on request (a subset of identity): phone, e-mail, address.
    contact: tuple[str, ...] = ()
    # Comments and notes: cleared on anonymisation and on erasure of comments.
    free_text: tuple[str, ...] = ()
    # Text that is a fact the indicators need (codes): kept on anonymisation.
    kept_text: tuple[str, ...] = ()
    # Technical fields, absent from the access export.
    internal: tuple[str, ...] = ()
    # Value for a cleared field when not its empty value; a callable receives the record.
    replacements: dict[str, Any | Callable] = field(default_factory=dict)
    # Whole records removed on anonymisation (e.g. uploaded documents).
    delete_on_anonymisation: bool = False

    @property
    def model_class(self) -> type[models.Model]:
        return apps.get_model(self.model)

    def records(self, young_person_pk: int) -> models.QuerySet:
        return self.model_class._base_manager.filter(**{self.to_young_person: young_person_pk})

    def cleared_values(self, names) -> dict[str, Any]:
        """The value each field takes once cleared: its replacement, or an empty value."""
        values = {}
        for name in names:
            if name in self.replacements:
                values[name] = self.replacements[name]
                continue
            model_field = self.model_class._meta.get_field(name)
            if model_field.null:
                values[name] = None
            elif isinstance(model_field, models.JSONField):
                values[name] = {}
            else:
                values[name] = ""
        return values

    def clear(self, young_person_pk: int, names) -> int:
        """Set the fields to their cleared values on every record of the file."""
        values = self.cleared_values(names)
        if not values:
            return 0
        records = self.records(young_person_pk)
        computed = {name for name, value in values.items() if callable(value)}
        if not computed:
            return records.update(**values)
        count = 0
        for record in records:
            row = {n: (v(record) if n in computed else v) for n, v in values.items()}
            count += type(record)._base_manager.filter(pk=record.pk).update(**row)
        return count


@functools.cache
def _declarations() -> tuple[tuple[Holding, ...], tuple[tuple[str, str, str], ...]]:
    holdings, traces = [], []
    for app in apps.get_app_configs():
        if not module_has_submodule(app.module, "privacy"):
            continue
        module = import_module(f"{app.name}.privacy")
        holdings.extend(getattr(module, "HOLDINGS", ()))
        traces.extend(getattr(module, "ACCOUNT_TRACES", ()))
    return tuple(holdings), tuple(traces)


def holdings() -> tuple[Holding, ...]:
    """Every declared holding, in the order of INSTALLED_APPS (the file first)."""
    return _declarations()[0]


def account_traces() -> tuple[tuple[str, str, str], ...]:
    return _declarations()[1]
