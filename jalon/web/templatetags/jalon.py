from django import template

register = template.Library()


@register.filter
def pick(form, names: str):
    """The form's bound fields named in a comma-separated list, skipping absent ones."""
    return [form[name] for name in names.split(",") if name in form.fields]
