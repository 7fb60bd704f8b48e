from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST

from jalon import policy
from jalon.audit import services as audit
from jalon.core.versioning import ConcurrentEditError
from jalon.pathways import selectors, services
from jalon.pathways.enums import PathwayKind
from jalon.pathways.forms import (
    BreachForm,
    PathwayExitForm,
    PathwayExtendForm,
    PathwayOpenForm,
    PaymentForm,
    PhaseCloseForm,
    PhaseForm,
    PmsmpForm,
    ProposalForm,
    SituationEndForm,
    SituationForm,
)
from jalon.pathways.models import Pathway, Proposal, Situation
from jalon.web.concurrency import (
    VERSION_FIELD,
    changed_since_loaded,
    rebased_data,
    track_version,
)
from jalon.web.forms import add_service_errors


def _file_url(young_person) -> str:
    return reverse("youngpeople:detail", args=[young_person.uid])


def _done(request, url: str, message: str):
    """After a change: back to the page, with htmx through HX-Redirect."""
    messages.success(request, message)
    if request.htmx:
        response = HttpResponse(status=204)
        response["HX-Redirect"] = url
        return response
    return redirect(url)


def _form_page(request, young_person, form, title: str, action: str):
    """A creation form: a fragment for the file page's htmx panel, or a whole page."""
    context = {"form": form, "yp": young_person, "title": title, "action": action}
    template = "pathways/_form.html" if request.htmx else "pathways/form_page.html"
    return render(request, template, context)


def _create_view(request, uid, form_class, service, title: str, url_name: str, message: str):
    young_person = policy.get_young_person_or_404(request.user, uid)
    form = form_class(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            service(actor=request.user, young_person=young_person, data=form.cleaned_data)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            return _done(request, _file_url(young_person), message)
    if request.method == "GET":
        audit.record_read(actor=request.user, young_person=young_person, what=title)
    return _form_page(request, young_person, form, title, reverse(url_name, args=[uid]))


@login_required
def pmsmp_create(request, uid):
    return _create_view(
        request, uid, PmsmpForm, services.pmsmp_record,
        "Nouvelle immersion (PMSMP)", "pathways:pmsmp_create", "L'immersion a été enregistrée.",
    )  # fmt: skip


@login_required
def proposal_create(request, uid):
    return _create_view(
        request, uid, ProposalForm, services.proposal_record,
        "Nouvelle proposition", "pathways:proposal_create", "La proposition a été enregistrée.",
    )  # fmt: skip


@login_required
def situation_create(request, uid):
    return _create_view(
        request, uid, SituationForm, services.situation_record,
        "Nouvelle situation", "pathways:situation_create", "La situation a été enregistrée.",
    )  # fmt: skip


@login_required
def pathway_open(request, uid):
    young_person = policy.get_young_person_or_404(request.user, uid)
    form = PathwayOpenForm(request.POST or None, initial={"kind": request.GET.get("kind", "")})
    if request.method == "POST" and form.is_valid():
        try:
            pathway = services.pathway_open(
                actor=request.user, young_person=young_person, **form.cleaned_data
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            return _done(
                request,
                reverse("pathways:detail", args=[pathway.uid]),
                f"{pathway.get_kind_display()} ouvert.",
            )
    if request.method == "GET":
        audit.record_read(actor=request.user, young_person=young_person, what="ouvrir un parcours")
    return _form_page(
        request,
        young_person,
        form,
        "Ouvrir un parcours contractualisé",
        reverse("pathways:open", args=[uid]),
    )


def _pathway(request, uid) -> Pathway:
    return policy.get_record_or_404(request.user, Pathway.objects.all(), uid)


def _exit_form(pathway, data=None):
    form = PathwayExitForm(data, prefix="exit")
    track_version(form, pathway.version)
    return form


def _extend_form(pathway, data=None):
    form = PathwayExtendForm(
        data,
        prefix="extend",
        initial={
            "planned_end_date": pathway.planned_end_date,
            "exception_reason": pathway.exception_reason,
        },
    )
    track_version(form, pathway.version)
    return form


@login_required
def pathway_detail(request, uid):
    pathway = policy.get_record_or_404(
        request.user, Pathway.objects.all(), uid, include_emergency=True
    )
    audit.record_read(actor=request.user, young_person=pathway.young_person, what="parcours")
    return _detail_page(request, pathway)


def _detail_page(request, pathway, *, conflict=None, **forms):
    """The pathway page; after a conflict, with the user's input kept in its form."""
    is_cej = pathway.kind == PathwayKind.CEJ
    return render(
        request,
        "pathways/detail.html",
        {
            "pathway": pathway,
            "yp": pathway.young_person,
            "phases": pathway.phases.all(),
            "weeks": selectors.cej_weeks(pathway) if is_cej else [],
            "allowance": selectors.allowance_schedule(pathway) if is_cej else [],
            "payments": pathway.payments.all(),
            "sanctions": pathway.sanctions.all(),
            # Prefixes keep the ids of the page's several forms distinct.
            "exit_form": _exit_form(pathway),
            "extend_form": _extend_form(pathway),
            "phase_form": PhaseForm(prefix="phase"),
            "phase_close_form": PhaseCloseForm(prefix="phaseclose"),
            "breach_form": BreachForm(prefix="breach"),
            "payment_form": PaymentForm(prefix="payment"),
            "can_edit": policy.can_edit_young_person(request.user, pathway.young_person),
            "conflict": conflict,
            "title": str(pathway),
            **forms,
        },
    )


def _versioned_pathway_action(request, uid, build_form, form_name: str, service, message: str):
    """Exit or extension: like `_pathway_action`, but a conflict keeps the user's input."""
    pathway = _pathway(request, uid)
    form = build_form(pathway, request.POST)
    if not form.is_valid():
        for errors in form.errors.values():
            for text in errors:
                messages.error(request, text)
        return redirect("pathways:detail", uid=pathway.uid)
    data = {k: v for k, v in form.cleaned_data.items() if k != VERSION_FIELD}
    try:
        service(
            actor=request.user,
            pathway=pathway,
            expected_version=form.cleaned_data[VERSION_FIELD],
            **data,
        )
    except ValidationError as error:
        for text in error.messages:
            messages.error(request, text)
    except ConcurrentEditError as error:
        pathway.refresh_from_db()
        current = build_form(pathway)
        conflict = {
            "message": error.page_message,
            "changes": changed_since_loaded(form, current, pathway),
        }
        rebased = build_form(pathway, rebased_data(form, current, pathway.version))
        return _detail_page(request, pathway, conflict=conflict, **{form_name: rebased})
    else:
        messages.success(request, message)
    return redirect("pathways:detail", uid=pathway.uid)


def _pathway_action(request, uid, form_class, prefix: str, action, message: str):
    """Run a service on a pathway from a form of its page; errors come back as messages."""
    pathway = _pathway(request, uid)
    form = form_class(request.POST, prefix=prefix)
    if form.is_valid():
        try:
            action(pathway, form.cleaned_data)
        except ValidationError as error:
            for text in error.messages:
                messages.error(request, text)
        else:
            messages.success(request, message)
    else:
        for errors in form.errors.values():
            for text in errors:
                messages.error(request, text)
    return redirect("pathways:detail", uid=pathway.uid)


@login_required
@require_POST
def pathway_exit(request, uid):
    return _versioned_pathway_action(
        request,
        uid,
        _exit_form,
        "exit_form",
        services.pathway_exit,
        "La sortie du parcours est enregistrée.",
    )


@login_required
@require_POST
def pathway_extend(request, uid):
    return _versioned_pathway_action(
        request,
        uid,
        _extend_form,
        "extend_form",
        services.pathway_extend,
        "La fin prévue a été modifiée.",
    )


@login_required
@require_POST
def phase_add(request, uid):
    return _pathway_action(
        request,
        uid,
        PhaseForm,
        "phase",
        lambda pathway, data: services.pacea_phase_add(actor=request.user, pathway=pathway, **data),
        "La phase a été ouverte.",
    )


@login_required
@require_POST
def phase_close(request, uid, phase_id):
    phase = get_object_or_404(_pathway(request, uid).phases, pk=phase_id)
    return _pathway_action(
        request,
        uid,
        PhaseCloseForm,
        "phaseclose",
        lambda pathway, data: services.pacea_phase_close(actor=request.user, phase=phase, **data),
        "La phase a été évaluée.",
    )


@login_required
@require_POST
def breach_record(request, uid):
    return _pathway_action(
        request,
        uid,
        BreachForm,
        "breach",
        lambda pathway, data: services.cej_breach_record(
            actor=request.user, pathway=pathway, **data
        ),
        "Le manquement et sa sanction sont enregistrés.",
    )


@login_required
@require_POST
def payment_record(request, uid):
    return _pathway_action(
        request,
        uid,
        PaymentForm,
        "payment",
        lambda pathway, data: services.allowance_payment_record(
            actor=request.user, pathway=pathway, **data
        ),
        "Le versement est enregistré.",
    )


@login_required
@require_POST
def proposal_status(request, uid):
    proposal = policy.get_record_or_404(request.user, Proposal.objects.all(), uid)
    try:
        services.proposal_set_status(
            actor=request.user, proposal=proposal, status=request.POST.get("status", "")
        )
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, "Le statut de la proposition est à jour.")
    return redirect("youngpeople:detail", uid=proposal.young_person.uid)


@login_required
@require_POST
def situation_end(request, uid):
    situation = policy.get_record_or_404(request.user, Situation.objects.all(), uid)
    form = SituationEndForm(request.POST)
    if form.is_valid():
        try:
            services.situation_end(
                actor=request.user, situation=situation, end_date=form.cleaned_data["end_date"]
            )
        except ValidationError as error:
            for text in error.messages:
                messages.error(request, text)
        else:
            messages.success(request, "La situation est close.")
    else:
        messages.error(request, "Indiquez une date de fin valide.")
    return redirect("youngpeople:detail", uid=situation.young_person.uid)
