from django import template
from django.utils.safestring import mark_safe

from jalon.web.concurrency import VERSION_FIELD

register = template.Library()


@register.filter
def version_inputs(form):
    """The hidden version and loaded values of a form prepared by `track_version`."""
    if VERSION_FIELD not in form.fields:
        return ""
    inputs = [str(form[VERSION_FIELD])]
    inputs += [str(form[name].as_hidden(only_initial=True)) for name in form.loaded_value_fields]
    return mark_safe("".join(inputs))  # noqa: S308 - widgets render escaped HTML
