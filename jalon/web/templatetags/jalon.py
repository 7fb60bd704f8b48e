from django import template

register = template.Library()


@register.filter
def pick(form, names: str):
    """The form's bound fields named in a comma-separated list, skipping absent ones."""
    return [form[name] for name in names.split(",") if name in form.fields]


@register.filter
def pluriel(count, suffix: str = "s") -> str:
    """French plural: 0 and 1 take the singular ("0 résultat"), unlike Django's pluralize."""
    return suffix if count and abs(int(count)) > 1 else ""


@register.filter
def field_label(name: str, model_label: str = "youngpeople.youngperson") -> str:
    """A model field's French name for the audit journal; other keys are shown as written."""
    from django.apps import apps
    from django.core.exceptions import FieldDoesNotExist

    try:
        return apps.get_model(model_label)._meta.get_field(name).verbose_name
    except (FieldDoesNotExist, LookupError):
        return name.replace("_", " ")


@register.filter
def get_item(mapping, key):
    return mapping.get(key, "")
