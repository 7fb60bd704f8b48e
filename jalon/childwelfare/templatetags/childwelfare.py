"""The ASE panel of the young person's file and of the partner view: one include line each in
templates owned by other apps (youngpeople, partners), the rest here."""

from django import template
from django.http import Http404

from jalon import policy
from jalon.childwelfare import selectors
from jalon.youngpeople.enums import PriorityPublic

register = template.Library()


@register.inclusion_tag("childwelfare/_panel.html", takes_context=True)
def ase_panel(context, young_person, periods):
    """The follow-up's summary for whoever may open it; staff without one may open it.

    `periods`: the file's priority-public periods, which the file page already holds. A
    follow-up always has its ASE period (opening it records one), so a file without any is
    answered without a query."""
    user = context["request"].user
    has_ase = any(period.public == PriorityPublic.ASE for period in periods)
    follow_up = selectors.follow_up_of(young_person) if has_ase else None
    if follow_up is None:
        return {
            "yp": young_person,
            "follow_up": None,
            "can_open": policy.can_open_ase_follow_up(user, young_person),
        }
    visible = type(follow_up).objects.filter(pk=follow_up.pk)
    if not policy.scope_ase_follow_ups(visible, user).exists():
        return {"yp": young_person, "follow_up": None, "can_open": False}
    return {"yp": young_person, "follow_up": follow_up, "state": selectors.state_of(follow_up)}


@register.inclusion_tag("childwelfare/_partner_link.html", takes_context=True)
def ase_partner_link(context, uid):
    """On the partner view: the way to the ASE follow-up, for the Département's referent."""
    user = context["request"].user
    if not policy.is_ase_referent(user):
        return {"uid": None}
    try:
        policy.get_ase_file_or_404(user, uid)
    except Http404:
        return {"uid": None}
    return {"uid": uid}
