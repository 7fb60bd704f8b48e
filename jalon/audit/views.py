from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_POST

from jalon import policy
from jalon.audit import alerts, emergency, selectors
from jalon.audit import services as audit
from jalon.audit.forms import (
    AlertReviewForm,
    AuditSearchForm,
    EmergencyIdentityForm,
    EmergencyReasonForm,
)
from jalon.audit.models import AuditAction
from jalon.web.forms import add_service_errors
from jalon.youngpeople.duplicates import find_likely_duplicates

PAGE_SIZE = 50


def _require(allowed: bool) -> None:
    if not allowed:
        raise PermissionDenied


def _search_summary(form) -> str:
    """What was searched, for the journal: the name typed is not copied, only its use."""
    data = getattr(form, "cleaned_data", {})
    parts = []
    for name, field in form.fields.items():
        value = data.get(name)
        if value in (None, ""):
            continue
        if name == "young_person_name":
            value = "(recherche par nom)"
        elif name == "actor":
            value = value.email
        parts.append(f"{field.label} : {value}")
    return " ; ".join(parts) or "aucun filtre"


@login_required
def audit_list(request):
    """Who read or changed which file of the Mission Locale: the director's and DPO's search."""
    user = request.user
    _require(policy.can_read_audit(user))
    form = AuditSearchForm(
        request.GET or None,
        staff=selectors.audit_staff(user),
        can_search_names=policy.is_mission_locale_director(user),
    )
    filters = form.cleaned_data if form.is_bound and form.is_valid() else {}
    if form.is_bound and not filters:
        # Keep the valid filters of a partly wrong search (the errors are shown).
        filters = {k: v for k, v in form.cleaned_data.items() if k not in form.errors}
    page = Paginator(selectors.search_entries(user, filters), PAGE_SIZE).get_page(
        request.GET.get("page")
    )
    selectors.with_displayed_names(user, page.object_list)
    audit.record(
        actor=user,
        action=AuditAction.SEARCH,
        object_type="audit.auditentry",
        mission_locale=user.organisation,
        changes={"filtres": [None, _search_summary(form)], "page": [None, page.number]},
    )
    query = request.GET.copy()
    query.pop("page", None)
    return render(
        request,
        "audit/list.html",
        {
            "form": form,
            "page_obj": page,
            "query": query.urlencode(),
            "grants": selectors.emergency_accesses(user),
            "alerts": selectors.audit_alerts(user),
            "review_form": AlertReviewForm(),
            "title": "Journal d'audit",
        },
    )


@login_required
@require_POST
def alert_review(request, uid):
    _require(policy.can_read_audit(request.user))
    alert = policy.get_audit_alert_or_404(request.user, uid)
    form = AlertReviewForm(request.POST)
    if form.is_valid():
        try:
            alerts.alert_review(
                actor=request.user, alert=alert, comment=form.cleaned_data["comment"]
            )
        except ValidationError as error:
            for message in error.messages:
                messages.error(request, message)
        else:
            messages.success(request, "L'alerte est marquée comme examinée.")
    else:
        for errors in form.errors.values():
            for message in errors:
                messages.error(request, message)
    return redirect("audit:list")


def _other_mission_locale_files(user, identity: dict) -> tuple[list, list]:
    """The network's likely files for this identity, split as the duplicate check shows them:
    own files (openable) and other Missions Locales' files (contact only)."""
    candidates = find_likely_duplicates(
        last_name=identity["last_name"],
        first_names=identity["first_names"],
        birth_date=identity["birth_date"],
        birth_name=identity.get("birth_name", ""),
    )
    own = [c for c in candidates if policy.duplicate_disclosure(user, c) == "full"]
    others = [c for c in candidates if policy.can_request_emergency_access_to(user, c)]
    return own, others


@login_required
def emergency_request(request):
    """Find the young person in front of the counsellor, then open a file of another Mission
    Locale read-only after stating a reason. Shows no more than the duplicate check does."""
    user = request.user
    _require(policy.can_request_emergency_access(user))
    identity_form = EmergencyIdentityForm(request.POST or None)
    context = {"identity_form": identity_form, "title": "Accès d'urgence à un dossier"}
    if request.method != "POST" or not identity_form.is_valid():
        return render(request, "audit/emergency_request.html", context)
    own, others = _other_mission_locale_files(user, identity_form.cleaned_data)
    granting = request.POST.get("step") == "grant"
    if not granting:
        # Who looks up identities across the network, and how often (never the name typed).
        audit.record(
            actor=user,
            action=AuditAction.SEARCH,
            object_type="audit.emergencyaccess",
            mission_locale=user.organisation,
            changes={
                "recherche": [None, "identité dans le réseau"],
                "résultats": [None, len(others)],
            },
        )
    reason_form = EmergencyReasonForm(request.POST if granting else None, candidates=others)
    context.update(searched=True, own=own, others=others, reason_form=reason_form)
    if granting and reason_form.is_valid():
        holder = reason_form.cleaned_data["candidate"]
        # The best match held by the chosen Mission Locale (candidates come best first).
        chosen = next(c for c in others if str(c.mission_locale_id) == holder)
        if current := audit.active_emergency_grant(user, chosen):
            messages.info(
                request,
                "Vous avez déjà un accès d'urgence à ce dossier, en lecture seule jusqu'à "
                f"{timezone.localtime(current.expires_at):%H:%M} (motif : « {current.reason} »). "
                "Il n'a pas été prolongé et le nouveau motif n'a pas été enregistré.",
            )
            return redirect("youngpeople:detail", uid=chosen.uid)
        try:
            grant = emergency.emergency_access_grant(
                actor=user,
                young_person=chosen,
                reason_category=reason_form.cleaned_data["reason_category"],
                reason=reason_form.cleaned_data["reason"],
            )
        except ValidationError as error:
            add_service_errors(reason_form, error)
        except PermissionDenied as exc:
            raise Http404 from exc
        else:
            messages.warning(
                request,
                "Accès d'urgence accordé en lecture seule jusqu'à "
                f"{timezone.localtime(grant.expires_at):%H:%M}. Les directions des deux "
                "Missions Locales sont prévenues.",
            )
            return redirect("youngpeople:detail", uid=chosen.uid)
    return render(request, "audit/emergency_request.html", context)
