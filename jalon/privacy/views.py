"""The "Droits de la personne (RGPD)" page of a file, the access export and the requests."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_GET, require_POST

from jalon import policy
from jalon.accounts import reauth
from jalon.audit import services as audit
from jalon.privacy import export, selectors, services
from jalon.privacy.enums import RightKind
from jalon.privacy.forms import ClosingForm, ErasureForm, ExtensionForm, RightsRequestForm
from jalon.privacy.models import RightsRequest
from jalon.web.forms import add_service_errors


def _file(request, uid):
    """The file, for its Mission Locale's director only (others: 403; out of scope: 404)."""
    if not policy.can_handle_rights_requests(request.user):
        raise PermissionDenied
    young_person = policy.get_young_person_or_404(request.user, uid)
    if not policy.can_exercise_rights_on(request.user, young_person):
        raise PermissionDenied
    return young_person


def _rights_page(request, young_person, *, request_form=None, erasure_form=None, status=200):
    requests = RightsRequest.objects.filter(young_person=young_person).order_by("-received_on")
    open_erasures = requests.filter(kind=RightKind.ERASURE, answered_on__isnull=True)
    return render(
        request,
        "privacy/file_rights.html",
        {
            "yp": young_person,
            "requests": requests,
            "request_form": request_form
            or RightsRequestForm(initial={"received_on": timezone.localdate()}),
            "erasure_form": erasure_form
            or (ErasureForm(requests=open_erasures) if open_erasures else None),
            "erasure_obstacles": services.erasure_obstacles(young_person),
            "title": f"Droits de la personne (RGPD) — {young_person}",
        },
        status=status,
    )


@login_required
def file_rights(request, uid):
    """The director records a request, exports the data, erases what the law allows."""
    young_person = _file(request, uid)
    if request.method == "POST":
        form = RightsRequestForm(request.POST)
        if form.is_valid():
            try:
                services.rights_request_create(
                    actor=request.user, young_person=young_person, **form.cleaned_data
                )
            except ValidationError as error:
                add_service_errors(form, error)
            else:
                messages.success(request, "La demande est enregistrée avec son échéance.")
                return redirect("privacy:file_rights", uid=young_person.uid)
        return _rights_page(request, young_person, request_form=form)
    audit.record_read(actor=request.user, young_person=young_person, what="droits RGPD")
    return _rights_page(request, young_person)


def _export(request, uid, *, kind: str, render_bytes, content_type: str, extension: str):
    young_person = _file(request, uid)
    # Everything held about a person in one file: a recent password (and code) is required.
    if pending := reauth.reauth_response(request):
        return pending
    audit.record_read(
        actor=request.user, young_person=young_person, what=f"export droit d'accès ({kind})"
    )
    data = selectors.access_export(young_person)
    response = HttpResponse(render_bytes(data), content_type=content_type)
    response["Content-Disposition"] = (
        f'attachment; filename="donnees-{data.generated_at:%Y-%m-%d}.{extension}"'
    )
    return response


@login_required
@require_GET
def export_pdf(request, uid):
    return _export(
        request,
        uid,
        kind="PDF",
        render_bytes=export.as_pdf,
        content_type="application/pdf",
        extension="pdf",
    )


@login_required
@require_GET
def export_json(request, uid):
    return _export(
        request,
        uid,
        kind="JSON",
        render_bytes=export.as_json_bytes,
        content_type="application/json",
        extension="json",
    )


@login_required
@require_POST
def erase(request, uid):
    young_person = _file(request, uid)
    # Erasure cannot be undone: confirm identity first, then choose again on the rights page.
    if pending := reauth.reauth_response(
        request, reverse("privacy:file_rights", kwargs={"uid": young_person.uid})
    ):
        return pending
    open_erasures = RightsRequest.objects.filter(
        young_person=young_person, kind=RightKind.ERASURE, answered_on__isnull=True
    )
    form = ErasureForm(request.POST, requests=open_erasures)
    if form.is_valid():
        try:
            services.erase(
                actor=request.user,
                young_person=young_person,
                what=form.cleaned_data["what"],
                request=form.cleaned_data["request"],
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            rights_request = form.cleaned_data["request"]
            if form.cleaned_data["what"] == "file":
                messages.success(
                    request,
                    "Le dossier est anonymisé. Répondez maintenant à la demande d'effacement.",
                )
                return redirect("privacy:request_detail", uid=rights_request.uid)
            messages.success(request, "L'effacement est fait. Pensez à répondre à la demande.")
            return redirect("privacy:file_rights", uid=young_person.uid)
    return _rights_page(request, young_person, erasure_form=form)


@login_required
def request_list(request):
    """The director's open requests, the most urgent first."""
    if not policy.can_handle_rights_requests(request.user):
        raise PermissionDenied
    open_requests = sorted(
        RightsRequest.objects.visible_to(request.user).open().select_related("young_person"),
        key=lambda r: (r.deadline, r.received_on),
    )
    return render(
        request,
        "privacy/request_list.html",
        {
            "requests": open_requests,
            "today": timezone.localdate(),
            "title": "Demandes d'exercice des droits",
        },
    )


def _request_page(request, rights_request, *, extension_form=None, closing_form=None):
    return render(
        request,
        "privacy/request_detail.html",
        {
            "rr": rights_request,
            "yp": rights_request.young_person,
            "file_anonymised": rights_request.young_person.anonymised_at is not None,
            "extension_form": extension_form or ExtensionForm(),
            "closing_form": closing_form
            or ClosingForm(initial={"answered_on": timezone.localdate()}),
            "today": timezone.localdate(),
            "title": str(rights_request),
        },
    )


def _rights_request(request, uid):
    if not policy.can_handle_rights_requests(request.user):
        raise PermissionDenied
    return policy.get_rights_request_or_404(request.user, uid)


@login_required
@require_GET
def request_detail(request, uid):
    return _request_page(request, _rights_request(request, uid))


@login_required
@require_POST
def request_extend(request, uid):
    rights_request = _rights_request(request, uid)
    form = ExtensionForm(request.POST)
    if form.is_valid():
        try:
            services.rights_request_extend(
                actor=request.user, request=rights_request, reason=form.cleaned_data["reason"]
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, "Le délai de réponse est prolongé de deux mois.")
            return redirect("privacy:request_detail", uid=rights_request.uid)
    return _request_page(request, rights_request, extension_form=form)


@login_required
@require_POST
def request_close(request, uid):
    rights_request = _rights_request(request, uid)
    form = ClosingForm(request.POST)
    if form.is_valid():
        try:
            services.rights_request_close(
                actor=request.user, request=rights_request, **form.cleaned_data
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, "La réponse est enregistrée.")
            return redirect(reverse("privacy:request_list"))
    return _request_page(request, rights_request, closing_form=form)
