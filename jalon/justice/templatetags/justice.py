"""The justice panel of the file page: rendered for justice-habilitated readers only, so the
file page itself needs no change beyond one include."""

from django import template
from django.http import Http404

from jalon import policy
from jalon.justice import selectors

register = template.Library()


@register.inclusion_tag("justice/_panel.html", takes_context=True)
def justice_panel(context, young_person):
    user = context["request"].user
    visible = policy.can_read_penal_situation(user, young_person)
    return {
        "visible": visible,
        "yp": young_person,
        "situation": selectors.current_situation(user, young_person) if visible else None,
    }


@register.inclusion_tag("justice/_panel.html", takes_context=True)
def justice_partner_panel(context, uid):
    """On a partner's limited view of a file: the same panel, for the CPIP or PJJ educator
    the young person's consent allows."""
    user = context["request"].user
    try:
        young_person = policy.get_justice_file_or_404(user, uid)
    except Http404:
        return {"visible": False}
    return justice_panel(context, young_person)
