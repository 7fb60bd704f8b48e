"""Pages of the obligation de formation: thin, the services decide."""

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.db.models import Prefetch
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_POST

from jalon import policy
from jalon.audit import services as audit
from jalon.audit.models import AuditAction
from jalon.obligation import csvimport, pdf, rules, selectors, services
from jalon.obligation.enums import Stage
from jalon.obligation.forms import (
    CaseFilterForm,
    ContactAttemptForm,
    ConvocationForm,
    MappingForm,
    SendingForm,
    SolutionForm,
    UploadForm,
)
from jalon.obligation.models import ContactAttempt, DepartementReport, LeaverList, ObligationCase
from jalon.web.forms import add_service_errors
from jalon.youngpeople.duplicates import find_likely_duplicates
from jalon.youngpeople.forms import YoungPersonCreateForm
from jalon.youngpeople.services import DuplicateSuspected

PAGE_SIZE = 50
PREVIEW_ROWS = 10


def _require(allowed: bool) -> None:
    if not allowed:
        raise PermissionDenied


def _audit_list_read(user, what: str, obj=None) -> None:
    """A nominative list of minors was shown: the journal says who saw which one."""
    audit.record(
        actor=user,
        action=AuditAction.READ,
        obj=obj,
        object_type="" if obj is not None else "obligation.obligationcase",
        mission_locale=user.organisation,
        changes={"vue": [None, what]},
    )


def _audit_case_read(user, case, what: str) -> None:
    if case.young_person_id:
        audit.record_read(actor=user, young_person=case.young_person, what=what)
    else:
        _audit_list_read(user, what, obj=case)


# --- Cases ---------------------------------------------------------------------------------


@login_required
def case_list(request):
    _require(policy.can_follow_obligation(request.user))
    today = timezone.localdate()
    form = CaseFilterForm(request.GET or None)
    filters = form.cleaned_data if form.is_valid() else {}
    queryset = selectors.cases(
        request.user, today=today, stage=filters.get("stage", ""), query=filters.get("q", "")
    )
    page = Paginator(queryset, PAGE_SIZE).get_page(request.GET.get("page"))
    _audit_list_read(request.user, "liste de l'obligation de formation")
    query = request.GET.copy()
    query.pop("page", None)
    return render(
        request,
        "obligation/case_list.html",
        {
            "form": form,
            "page_obj": page,
            "counts": [
                (stage, label, count)
                for (stage, label), count in zip(
                    Stage.choices,
                    selectors.stage_counts(request.user, today=today).values(),
                    strict=True,
                )
            ],
            "stage_labels": dict(Stage.choices),
            "query": query.urlencode(),
            "can_import": policy.can_import_leaver_lists(request.user),
            "can_report": policy.can_report_to_departement(request.user),
            "months": rules.report_delay_months(),
            "title": "Obligation de formation 16-18 ans",
        },
    )


def _case(request, uid) -> ObligationCase:
    queryset = ObligationCase.objects.select_related(
        "young_person", "mission_locale", "convoked_by", "pathway", "leaver_list"
    ).prefetch_related(
        Prefetch("contact_attempts", queryset=ContactAttempt.objects.select_related("made_by")),
        "reports",
    )
    return policy.get_obligation_case_or_404(request.user, uid, queryset)


def _case_page(request, case, *, status=200, **forms):
    today = timezone.localdate()
    stage = selectors.with_stage(ObligationCase.objects.filter(pk=case.pk), today).values_list(
        "stage", flat=True
    )[0]
    suggestions = []
    if case.young_person_id is None:
        suggestions = [
            candidate
            for candidate in find_likely_duplicates(
                last_name=case.last_name, first_names=case.first_names, birth_date=case.birth_date
            )
            if candidate.mission_locale_id == request.user.organisation_id
        ]
    context = {
        "case": case,
        "stage": stage,
        "stage_label": Stage(stage).label,
        "age": case.age_on(today),
        "today": today,
        "suggestions": suggestions,
        "contact_form": forms.get("contact_form") or ContactAttemptForm(),
        "convocation_form": forms.get("convocation_form")
        or ConvocationForm(
            initial={
                "convoked_on": case.convoked_on or today,
                "appointment_on": case.appointment_on,
            }
        ),
        "solution_form": forms.get("solution_form") or SolutionForm(case=case),
        "months": rules.report_delay_months(),
        "can_open_file": policy.can_create_young_person(request.user),
        "title": case.display_name,
    }
    return render(request, "obligation/case_detail.html", context, status=status)


@login_required
def case_detail(request, uid):
    case = _case(request, uid)
    _audit_case_read(request.user, case, "situation d'obligation de formation")
    return _case_page(request, case)


def _case_action(request, uid, form_class, form_name, save, success: str, form_kwargs=None):
    case = _case(request, uid)
    _require(policy.can_edit_obligation_case(request.user, case))
    form = form_class(request.POST, **form_kwargs(case) if form_kwargs else {})
    if form.is_valid():
        try:
            save(case, form.cleaned_data)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, success)
            return redirect("obligation:case", uid=case.uid)
    _audit_case_read(request.user, case, "situation d'obligation de formation")
    return _case_page(request, case, **{form_name: form})


@login_required
@require_POST
def contact_add(request, uid):
    return _case_action(
        request,
        uid,
        ContactAttemptForm,
        "contact_form",
        lambda case, data: services.contact_attempt_record(actor=request.user, case=case, **data),
        "La tentative de contact a été enregistrée.",
    )


@login_required
@require_POST
def convocation(request, uid):
    return _case_action(
        request,
        uid,
        ConvocationForm,
        "convocation_form",
        lambda case, data: services.convocation_record(actor=request.user, case=case, **data),
        "La convocation a été enregistrée.",
    )


@login_required
@require_POST
def solution(request, uid):
    return _case_action(
        request,
        uid,
        SolutionForm,
        "solution_form",
        lambda case, data: services.solution_record(actor=request.user, case=case, **data),
        "La solution a été enregistrée : la situation est close.",
        form_kwargs=lambda case: {"case": case},
    )


@login_required
def convocation_pdf(request, uid):
    case = _case(request, uid)
    _audit_case_read(request.user, case, "PDF convocation (obligation de formation)")
    letter = pdf.convocation_letter(
        case, signatory=request.user.get_full_name(), today=timezone.localdate()
    )
    response = HttpResponse(letter, content_type="application/pdf")
    response["Content-Disposition"] = 'attachment; filename="convocation.pdf"'
    return response


@login_required
@require_POST
def case_link(request, uid):
    case = _case(request, uid)
    _require(policy.can_edit_obligation_case(request.user, case))
    young_person = policy.get_young_person_or_404(request.user, request.POST.get("jeune"))
    try:
        services.case_link(actor=request.user, case=case, young_person=young_person)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, f"La situation est rattachée au dossier de {young_person}.")
    return redirect("obligation:case", uid=case.uid)


@login_required
def case_register(request, uid):
    """Open the file of a young person met: the file form, prefilled from the case."""
    case = _case(request, uid)
    _require(
        policy.can_edit_obligation_case(request.user, case)
        and policy.can_create_young_person(request.user)
    )
    if case.young_person_id:
        return redirect("youngpeople:detail", uid=case.young_person.uid)
    initial = {
        "last_name": case.last_name,
        "first_names": case.first_names,
        "birth_date": case.birth_date,
        "sex": case.sex,
        "address": case.address,
        "postal_code": case.postal_code,
        "phone": case.phone,
        "last_class": case.school_class,
        "first_reception_date": timezone.localdate(),
    }
    form = YoungPersonCreateForm(
        request.POST or None,
        user=request.user,
        initial={k: v for k, v in initial.items() if v},
    )
    duplicates = []
    if request.method == "POST" and form.is_valid():
        data = {k: v for k, v in form.cleaned_data.items() if k != "confirm_not_duplicate"}
        try:
            young_person = services.case_register(
                actor=request.user,
                case=case,
                data=data,
                confirm_not_duplicate=form.cleaned_data["confirm_not_duplicate"],
            )
        except ValidationError as error:
            add_service_errors(form, error)
        except DuplicateSuspected as suspected:
            duplicates = policy.disclosed_duplicates(request.user, suspected.candidates)
        else:
            messages.success(request, "Le dossier a été créé ; la situation y est rattachée.")
            return redirect("youngpeople:detail", uid=young_person.uid)
    return render(
        request,
        "obligation/case_register.html",
        {
            "form": form,
            "duplicates": duplicates,
            "case": case,
            "creating": True,
            "title": "Nouveau dossier depuis l'obligation de formation",
        },
    )


# --- Import --------------------------------------------------------------------------------


@login_required
def import_upload(request):
    _require(policy.can_import_leaver_lists(request.user))
    form = UploadForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        try:
            leaver_list = services.leaver_list_upload(
                actor=request.user,
                file_name=upload.name,
                raw=upload.read(settings.JALON_OBLIGATION_IMPORT_MAX_BYTES + 1),
                source=form.cleaned_data["source"],
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            return redirect("obligation:import_mapping", uid=leaver_list.uid)
    lists = LeaverList.objects.visible_to(request.user).select_related("uploaded_by")[:20]
    return render(
        request,
        "obligation/import_upload.html",
        {"form": form, "lists": lists, "title": "Importer une liste de sortants"},
    )


@login_required
def import_mapping(request, uid):
    """Map the columns, see the preview and the errors line by line, then import."""
    leaver_list = policy.get_leaver_list_or_404(request.user, uid)
    _require(policy.can_import_leaver_lists(request.user))
    if leaver_list.is_imported:
        messages.info(request, "Cette liste est déjà importée.")
        return redirect("obligation:import")
    leaver_file = services.leaver_file_of(leaver_list)
    form = MappingForm(request.POST or None, header=leaver_file.header)
    plan, refused = None, False
    if form.is_bound and form.is_valid():
        if "import" in request.POST:
            try:
                result = services.leaver_list_import(
                    actor=request.user, leaver_list=leaver_list, mapping=form.mapping
                )
            except ValidationError:
                leaver_list.refresh_from_db()
                if leaver_list.is_imported:  # a colleague imported it a moment ago
                    messages.info(request, "Cette liste vient d'être importée.")
                    return redirect("obligation:list")
                refused = True  # the plan below shows why, line by line
            else:
                messages.success(
                    request,
                    f"Liste importée : {result.created} situation(s) créée(s), {result.known} "
                    f"déjà suivie(s), {result.ignored} hors obligation (âge), {result.linked} "
                    "rattachée(s) à un dossier existant.",
                )
                return redirect("obligation:list")
        try:
            plan = services.plan_import(leaver_list=leaver_list, mapping=form.mapping)
        except ValidationError as error:
            add_service_errors(form, error)
    _audit_list_read(request.user, "aperçu d'une liste de sortants", obj=leaver_list)
    columns = [f for f in csvimport.FIELDS if plan and form.mapping.get(f.name) is not None]
    return render(
        request,
        "obligation/import_mapping.html",
        {
            "leaver_list": leaver_list,
            "leaver_file": leaver_file,
            "sample": leaver_file.rows[:3],
            "form": form,
            "plan": plan,
            "refused": refused,
            "errors_shown": plan.errors[: csvimport.MAX_ERRORS_SHOWN] if plan else [],
            "errors_hidden": max(0, len(plan.errors) - csvimport.MAX_ERRORS_SHOWN) if plan else 0,
            "columns": columns,
            "preview": _preview_rows(plan, columns) if plan else [],
            "title": "Associer les colonnes",
        },
    )


def _preview_rows(plan, columns) -> list[dict]:
    """The first lines to be created, as they will be: the user checks the mapping on them."""
    rows = []
    for leaver in plan.new[:PREVIEW_ROWS]:
        cells = []
        for column in columns:
            value = leaver.values.get(column.name, "")
            cells.append(value.strftime("%d/%m/%Y") if hasattr(value, "strftime") else value)
        rows.append(
            {"line": leaver.line, "cells": cells, "linked": plan.keys[leaver.line] in plan.files}
        )
    return rows


@login_required
@require_POST
def import_discard(request, uid):
    leaver_list = policy.get_leaver_list_or_404(request.user, uid)
    _require(policy.can_import_leaver_lists(request.user))
    try:
        services.leaver_list_discard(actor=request.user, leaver_list=leaver_list)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, "La liste a été supprimée sans être importée.")
    return redirect("obligation:import")


# --- Reports to the Département ---------------------------------------------------------------


@login_required
def report_list(request):
    _require(policy.can_report_to_departement(request.user))
    today = timezone.localdate()
    due = list(selectors.cases_due_for_report(request.user, today=today))
    reports = DepartementReport.objects.visible_to(request.user).select_related(
        "departement", "prepared_by", "sent_by"
    )
    _audit_list_read(request.user, "situations à signaler au Département")
    return render(
        request,
        "obligation/report_list.html",
        {
            "due": due,
            "reports": reports,
            "months": rules.report_delay_months(),
            "departement": request.user.organisation.departement,
            "title": "Signalements au Département",
        },
    )


@login_required
@require_POST
def report_prepare(request):
    _require(policy.can_report_to_departement(request.user))
    try:
        report = services.report_prepare(actor=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return redirect("obligation:reports")
    messages.success(
        request, "Le signalement est établi : téléchargez le courrier, puis enregistrez son envoi."
    )
    return redirect("obligation:report", uid=report.uid)


def _report_cases(report):
    return report.cases.prefetch_related("contact_attempts").order_by("last_name", "first_names")


@login_required
def report_detail(request, uid, form=None):
    report = policy.get_departement_report_or_404(request.user, uid)
    _require(policy.can_report_to_departement(request.user))
    _audit_list_read(request.user, "signalement au Département", obj=report)
    return render(
        request,
        "obligation/report_detail.html",
        {
            "report": report,
            "cases": _report_cases(report),
            "form": form or SendingForm(user=request.user),
            "title": str(report),
        },
    )


@login_required
def report_pdf(request, uid):
    report = policy.get_departement_report_or_404(request.user, uid)
    _require(policy.can_report_to_departement(request.user))
    _audit_list_read(request.user, "PDF du signalement au Département", obj=report)
    letter = pdf.report_letter(
        report, list(_report_cases(report)), signatory=request.user.get_full_name()
    )
    response = HttpResponse(letter, content_type="application/pdf")
    name = f"signalement-obligation-formation-{report.prepared_on.isoformat()}.pdf"
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response


@login_required
@require_POST
def report_sent(request, uid):
    report = policy.get_departement_report_or_404(request.user, uid)
    _require(policy.can_report_to_departement(request.user))
    form = SendingForm(request.POST, user=request.user)
    if form.is_valid():
        try:
            services.report_record_sending(
                actor=request.user,
                report=report,
                sent_on=form.cleaned_data["sent_on"],
                means=form.cleaned_data["means"],
                sent_by=form.cleaned_data["sent_by"],
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, "L'envoi du signalement est enregistré.")
            return redirect("obligation:report", uid=report.uid)
    return report_detail(request, uid, form=form)
