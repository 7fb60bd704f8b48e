"""Reads of the reception app that span models, for pages and API."""

from django.db.models import Prefetch
from django.shortcuts import get_object_or_404

from jalon.reception.models import Diagnostic, DiagnosticInterview, OutreachContact


def diagnostic_for_display(young_person, uid) -> Diagnostic:
    """A diagnostic of a file the caller already fetched through the policy (else 404)."""
    queryset = Diagnostic.objects.select_related("counsellor").prefetch_related(
        "areas", Prefetch("interviews", queryset=DiagnosticInterview.objects.order_by("held_on"))
    )
    diagnostic = get_object_or_404(queryset, young_person=young_person, uid=uid)
    diagnostic.young_person = young_person
    return diagnostic


def outreach_contacts(user, *, outcome="", converted="", since=None, until=None):
    queryset = OutreachContact.objects.visible_to(user).select_related(
        "commune", "made_by", "partner", "young_person"
    )
    if outcome:
        queryset = queryset.filter(outcome=outcome)
    if converted == "oui":
        queryset = queryset.filter(young_person__isnull=False)
    elif converted == "non":
        queryset = queryset.filter(young_person__isnull=True)
    if since:
        queryset = queryset.filter(contacted_on__gte=since)
    if until:
        queryset = queryset.filter(contacted_on__lte=until)
    return queryset.order_by("-contacted_on", "-created_at")
