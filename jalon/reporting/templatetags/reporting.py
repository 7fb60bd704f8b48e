from django import template

register = template.Library()


@register.filter
def shown(value):
    """A hidden count (secret statistique) reads « s »."""
    return "s" if value is None else value
