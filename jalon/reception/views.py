from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.db.models import Count, Q
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST

from jalon import policy
from jalon.audit import services as audit
from jalon.core.versioning import ConcurrentEditError
from jalon.reception import selectors, services
from jalon.reception.enums import OutreachOutcome
from jalon.reception.forms import (
    DiagnosticAreasForm,
    DiagnosticCompleteForm,
    DiagnosticInterviewForm,
    DiagnosticStartForm,
    FirstReceptionForm,
    OutreachContactForm,
    OutreachFilterForm,
)
from jalon.reception.models import FirstReception
from jalon.reception.pdf import diagnostic_pdf
from jalon.web.concurrency import (
    VERSION_FIELD,
    changed_since_loaded,
    rebased_data,
    track_version,
)
from jalon.web.forms import add_service_errors
from jalon.youngpeople.forms import YoungPersonCreateForm, YoungPersonForm
from jalon.youngpeople.models import YoungPerson
from jalon.youngpeople.services import DuplicateSuspected

PAGE_SIZE = 25


def _require(allowed: bool) -> None:
    if not allowed:
        raise PermissionDenied


def _saved(request, url: str):
    """After a write: back to `url`, through HX-Redirect when the form came as a fragment."""
    if request.htmx:
        response = HttpResponse(status=204)
        response["HX-Redirect"] = url
        return response
    return redirect(url)


def _form_page(request, name: str, context: dict):
    """`reception/_<name>.html` alone for htmx, inside `reception/<name>.html` otherwise."""
    template = f"reception/_{name}.html" if request.htmx else f"reception/{name}.html"
    return render(request, template, context)


def _file_url(young_person) -> str:
    return reverse("youngpeople:detail", args=[young_person.uid])


# --- Outreach --------------------------------------------------------------------------------


@login_required
def outreach_list(request):
    _require(policy.can_record_outreach(request.user))
    form = OutreachFilterForm(request.GET or None)
    filters = form.cleaned_data if form.is_valid() else {}
    queryset = selectors.outreach_contacts(
        request.user,
        outcome=filters.get("outcome", ""),
        converted=filters.get("converted", ""),
        since=filters.get("since"),
        until=filters.get("until"),
    )
    totals = queryset.aggregate(
        total=Count("pk"),
        mobilised=Count("pk", filter=Q(outcome=OutreachOutcome.MOBILISED)),
        converted=Count("pk", filter=Q(young_person__isnull=False)),
    )
    page = Paginator(queryset, PAGE_SIZE).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    return render(
        request,
        "reception/outreach_list.html",
        {
            "form": form,
            "page_obj": page,
            "totals": totals,
            "query": query.urlencode(),
            "title": "Repérage et aller-vers",
        },
    )


@login_required
def outreach_create(request):
    _require(policy.can_record_outreach(request.user))
    form = OutreachContactForm(request.POST or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        try:
            services.outreach_contact_create(actor=request.user, data=form.cleaned_data)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, "Le contact a été enregistré.")
            return _saved(request, reverse("reception:outreach_list"))
    return _form_page(
        request, "outreach_form", {"form": form, "title": "Nouveau contact de repérage"}
    )


@login_required
def outreach_detail(request, uid):
    contact = policy.get_outreach_contact_or_404(
        request.user,
        uid,
        selectors.outreach_contacts(request.user).select_related("mission_locale"),
    )
    if contact.young_person_id:
        audit.record_read(
            actor=request.user, young_person=contact.young_person, what="contact de repérage"
        )
    return render(
        request,
        "reception/outreach_detail.html",
        {
            "contact": contact,
            "can_register": policy.can_create_young_person(request.user),
            "title": str(contact),
        },
    )


def _prefill(contact) -> dict:
    initial = {"last_name": contact.last_name, "first_names": contact.first_name}
    if contact.birth_date:
        initial["birth_date"] = contact.birth_date
    if contact.commune_id and len(contact.commune.postal_code_list) == 1:
        initial["postal_code"] = contact.commune.postal_code_list[0]
        initial["commune"] = contact.commune.code
    return {k: v for k, v in initial.items() if v}


@login_required
def outreach_register(request, uid):
    """Open the file of a contacted young person: the file form, prefilled from the contact."""
    contact = policy.get_outreach_contact_or_404(request.user, uid)
    _require(policy.can_create_young_person(request.user))
    if contact.young_person_id:
        messages.info(request, "Ce contact est déjà rattaché à un dossier.")
        return redirect("youngpeople:detail", uid=contact.young_person.uid)
    form = YoungPersonCreateForm(request.POST or None, user=request.user, initial=_prefill(contact))
    if not form.is_bound and "postal_code" in form.initial:
        # The commune list follows the postal code; offer those of the contact's commune.
        form.fields["commune"].widget.choices = [
            ("", "—"),
            *((c.code, c.name) for c in YoungPersonForm._communes_for(form.initial["postal_code"])),
        ]
    duplicates = []
    if request.method == "POST" and form.is_valid():
        data = {k: v for k, v in form.cleaned_data.items() if k != "confirm_not_duplicate"}
        try:
            young_person = services.outreach_contact_register(
                actor=request.user,
                contact=contact,
                data=data,
                confirm_not_duplicate=form.cleaned_data["confirm_not_duplicate"],
            )
        except ValidationError as error:
            add_service_errors(form, error)
        except DuplicateSuspected as suspected:
            duplicates = policy.disclosed_duplicates(request.user, suspected.candidates)
        else:
            messages.success(
                request, "Le dossier a été créé ; le contact de repérage y est rattaché."
            )
            return redirect("youngpeople:detail", uid=young_person.uid)
    return render(
        request,
        "reception/outreach_register.html",
        {
            "form": form,
            "duplicates": duplicates,
            "contact": contact,
            "title": "Nouveau dossier depuis un contact de repérage",
            "creating": True,
        },
    )


# --- First reception -------------------------------------------------------------------------


@login_required
def reception_create(request, uid):
    young_person = policy.get_young_person_or_404(request.user, uid)
    _require(policy.can_record_reception(request.user, young_person))
    form = FirstReceptionForm(request.POST or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        try:
            services.reception_create(
                actor=request.user, young_person=young_person, data=form.cleaned_data
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, "L'accueil a été enregistré.")
            return _saved(request, _file_url(young_person))
    if request.method == "GET":
        audit.record_read(actor=request.user, young_person=young_person, what="nouvel accueil")
    return _form_page(
        request,
        "reception_form",
        {"form": form, "yp": young_person, "title": f"Premier accueil — {young_person}"},
    )


@login_required
def reception_detail(request, uid, reception_uid):
    young_person = policy.get_young_person_or_404(request.user, uid, include_emergency=True)
    reception = get_object_or_404(
        FirstReception.objects.select_related("site", "received_by", "oriented_to"),
        young_person=young_person,
        uid=reception_uid,
    )
    audit.record_read(actor=request.user, young_person=young_person, what="accueil")
    return render(
        request,
        "reception/reception_detail.html",
        {"yp": young_person, "reception": reception, "title": f"{reception} — {young_person}"},
    )


# --- Diagnostic ------------------------------------------------------------------------------


def _diagnostic(request, uid, diagnostic_uid, *, edit=False):
    # Reading is open under an emergency access; changing only within one's own Mission Locale.
    young_person = policy.get_young_person_or_404(
        request.user,
        uid,
        YoungPerson.objects.select_related("mission_locale"),
        include_emergency=not edit,
    )
    diagnostic = selectors.diagnostic_for_display(young_person, diagnostic_uid)
    if edit:
        _require(policy.can_conduct_diagnostic(request.user, young_person))
    return young_person, diagnostic


def _detail_url(diagnostic) -> str:
    return reverse(
        "reception:diagnostic_detail", args=[diagnostic.young_person.uid, diagnostic.uid]
    )


@login_required
def diagnostic_create(request, uid):
    young_person = policy.get_young_person_or_404(request.user, uid)
    _require(policy.can_conduct_diagnostic(request.user, young_person))
    form = DiagnosticStartForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.diagnostic_start(
                actor=request.user, young_person=young_person, **form.cleaned_data
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(
                request,
                "Le diagnostic est commencé : renseignez la situation du jeune domaine par "
                "domaine depuis son dossier.",
            )
            return _saved(request, _file_url(young_person))
    if request.method == "GET":
        audit.record_read(actor=request.user, young_person=young_person, what="nouveau diagnostic")
    return _form_page(
        request,
        "diagnostic_form",
        {"form": form, "yp": young_person, "title": f"Nouveau diagnostic — {young_person}"},
    )


@login_required
def diagnostic_detail(request, uid, diagnostic_uid):
    young_person, diagnostic = _diagnostic(request, uid, diagnostic_uid)
    audit.record_read(actor=request.user, young_person=young_person, what="diagnostic")
    can_edit = policy.can_conduct_diagnostic(request.user, young_person)
    return render(
        request,
        "reception/diagnostic_detail.html",
        {
            "yp": young_person,
            "diagnostic": diagnostic,
            "areas": sorted(diagnostic.areas.all(), key=lambda area: area.order),
            "can_edit": can_edit and not diagnostic.is_completed,
            "interview_form": DiagnosticInterviewForm(),
            "title": f"{diagnostic} — {young_person}",
        },
    )


def _areas_form(diagnostic, data=None):
    form = DiagnosticAreasForm(data, diagnostic=diagnostic)
    track_version(form, diagnostic.version)
    return form


def _complete_form(diagnostic, data=None):
    form = DiagnosticCompleteForm(data)
    track_version(form, diagnostic.version)
    return form


def _conflict(error, form, build_form, diagnostic):
    """The conflict to show, and the user's input based on the current version."""
    diagnostic.refresh_from_db()
    current = build_form(diagnostic)
    conflict = {
        "message": error.page_message,
        "changes": changed_since_loaded(form, current, diagnostic),
    }
    return conflict, build_form(diagnostic, rebased_data(form, current, diagnostic.version))


@login_required
def diagnostic_areas(request, uid, diagnostic_uid):
    young_person, diagnostic = _diagnostic(request, uid, diagnostic_uid, edit=True)
    if diagnostic.is_completed:
        messages.info(request, "Ce diagnostic est conclu : il ne peut plus être modifié.")
        return redirect(_detail_url(diagnostic))
    form = _areas_form(diagnostic, request.POST or None)
    conflict = None
    if request.method == "POST" and form.is_valid():
        try:
            services.diagnostic_areas_update(
                actor=request.user,
                diagnostic=diagnostic,
                areas=form.areas(),
                expected_version=form.cleaned_data[VERSION_FIELD],
            )
        except ValidationError as error:
            add_service_errors(form, error)
        except ConcurrentEditError as error:
            conflict, form = _conflict(error, form, _areas_form, diagnostic)
        else:
            messages.success(request, "La situation du jeune a été enregistrée.")
            return redirect(_detail_url(diagnostic))
    if request.method == "GET":
        audit.record_read(actor=request.user, young_person=young_person, what="diagnostic (saisie)")
    return render(
        request,
        "reception/diagnostic_areas.html",
        {
            "yp": young_person,
            "diagnostic": diagnostic,
            "form": form,
            "conflict": conflict,
            "title": f"Situation du jeune — {young_person}",
        },
    )


@login_required
@require_POST
def diagnostic_interview_add(request, uid, diagnostic_uid):
    _, diagnostic = _diagnostic(request, uid, diagnostic_uid, edit=True)
    form = DiagnosticInterviewForm(request.POST)
    if form.is_valid():
        try:
            services.diagnostic_interview_add(
                actor=request.user, diagnostic=diagnostic, **form.cleaned_data
            )
        except ValidationError as error:
            for message in error.messages:
                messages.error(request, message)
        else:
            messages.success(request, "L'entretien a été ajouté.")
    else:
        messages.error(request, "Indiquez la date et la modalité de l'entretien.")
    return redirect(_detail_url(diagnostic))


@login_required
def diagnostic_complete(request, uid, diagnostic_uid):
    young_person, diagnostic = _diagnostic(request, uid, diagnostic_uid, edit=True)
    if diagnostic.is_completed:
        messages.info(request, "Ce diagnostic est déjà conclu.")
        return redirect(_detail_url(diagnostic))
    form = _complete_form(diagnostic, request.POST or None)
    conflict = None
    if request.method == "POST" and form.is_valid():
        data = {k: v for k, v in form.cleaned_data.items() if k != VERSION_FIELD}
        try:
            services.diagnostic_complete(
                actor=request.user,
                diagnostic=diagnostic,
                expected_version=form.cleaned_data[VERSION_FIELD],
                **data,
            )
        except ValidationError as error:
            add_service_errors(form, error)
        except ConcurrentEditError as error:
            conflict, form = _conflict(error, form, _complete_form, diagnostic)
        else:
            messages.success(request, "Le diagnostic est conclu.")
            return redirect(_detail_url(diagnostic))
    if request.method == "GET":
        audit.record_read(actor=request.user, young_person=young_person, what="conclure diagnostic")
    return render(
        request,
        "reception/diagnostic_complete.html",
        {
            "yp": young_person,
            "diagnostic": diagnostic,
            "areas": sorted(diagnostic.areas.all(), key=lambda area: area.order),
            "form": form,
            "conflict": conflict,
            "title": f"Conclure le diagnostic — {young_person}",
        },
    )


@login_required
def diagnostic_pdf_download(request, uid, diagnostic_uid):
    young_person, diagnostic = _diagnostic(request, uid, diagnostic_uid)
    audit.record_read(actor=request.user, young_person=young_person, what="PDF diagnostic")
    day = diagnostic.completed_on or diagnostic.started_on
    response = HttpResponse(diagnostic_pdf(diagnostic), content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="diagnostic-{day.isoformat()}.pdf"'
    return response
