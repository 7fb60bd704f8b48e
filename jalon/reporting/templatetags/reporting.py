from django import template
from django.urls import reverse
from django.utils.html import format_html

register = template.Library()


@register.filter
def shown(value):
    """A hidden count (secret statistique) reads « s »."""
    return "s" if value is None else value


@register.simple_tag(takes_context=True)
def figure(context, table, column: str, value, drillable: bool, unit: str = ""):
    """A figure of a table, a link to the young people it counts when the reader may list them.
    A tag rather than an included template: a Mission Locale's page holds some 1,500 figures."""
    if not (context.get("drill_down") and drillable and value and column):
        return shown(value)
    urls = context.render_context.setdefault("drill_down_urls", {})
    code = table.indicator.code
    if code not in urls:
        urls[code] = reverse("reporting:drill_down", args=[code])
    href = f"{urls[code]}?{context['query']}&ligne={column}" + (f"&unite={unit}" if unit else "")
    return format_html(
        '<a class="fr-link" href="{}" title="Voir les jeunes comptés">{}</a>', href, value
    )
