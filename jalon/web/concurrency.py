"""Edit forms of versioned records (jalon/core/versioning.py): no lost work on a conflict.

The form carries the version it was loaded at and, for each field, the value it was loaded
with (hidden `initial-<name>` inputs, rendered by the `version_inputs` template filter). When a
save conflicts, the page is shown again with the user's input, the fields that the other person
changed (with their current value), and the current version, so that saving again after
checking succeeds.
"""

import datetime

from django import forms
from django.core.exceptions import ValidationError

VERSION_FIELD = "version"
_MISSING_VERSION = "Ce formulaire est incomplet (version manquante) : rechargez la page."


def track_version(form, version: int) -> None:
    form.loaded_value_fields = list(form.fields)
    form.fields[VERSION_FIELD] = forms.IntegerField(
        widget=forms.HiddenInput,
        initial=version,
        min_value=1,
        error_messages={"required": _MISSING_VERSION, "invalid": _MISSING_VERSION},
    )


def display_value(instance, name: str) -> str:
    """A model field's current value as the user reads it."""
    field = instance._meta.get_field(name)
    value = getattr(instance, name)
    if field.choices and value not in ("", None):
        return str(getattr(instance, f"get_{name}_display")())
    if value in ("", None):
        return "(vide)"
    if isinstance(value, bool):
        return "oui" if value else "non"
    if isinstance(value, datetime.date):
        return value.strftime("%d/%m/%Y")
    return str(value)


def changed_since_loaded(form, current_form, instance=None) -> list[tuple[str, str]]:
    """(label, current value) of the fields someone else changed after the form was loaded.

    Values are read from `instance` when the field is one of its model's, else from the form.
    """
    model_fields = {f.name for f in instance._meta.concrete_fields} if instance else set()
    changed = []
    for name, field in form.fields.items():
        if name == VERSION_FIELD or name not in current_form.fields:
            continue
        loaded = form._widget_data_value(field.hidden_widget(), form[name].html_initial_name)
        current = current_form[name].initial
        if field.has_changed(current, loaded):
            if name in model_fields:
                shown = display_value(instance, name)
            else:
                shown = "(vide)" if current in ("", None) else str(current)
            changed.append((str(field.label), shown))
    return changed


def _user_changed(form, name) -> bool:
    field = form.fields[name]
    loaded = form._widget_data_value(field.hidden_widget(), form[name].html_initial_name)
    try:
        loaded = field.to_python(loaded)
    except ValidationError:
        return True
    return field.has_changed(loaded, form[name].data)


def rebased_data(form, current_form, version: int):
    """The user's input, now based on the current version and values (to save it again).

    A field the user left alone takes its current value: saving again never undoes the other
    person's change by accident; what the user typed stays as typed.
    """
    data = form.data.copy()
    data[form.add_prefix(VERSION_FIELD)] = str(version)
    for name, field in current_form.fields.items():
        if name == VERSION_FIELD or name not in form.fields:
            continue
        rendered = field.hidden_widget().format_value(current_form[name].value())
        rendered = "" if rendered is None else rendered
        if not _user_changed(form, name):
            data[form[name].html_name] = rendered
        data[form[name].html_initial_name] = rendered
    return data
