from urllib.parse import urlencode

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.http import require_GET, require_POST

from jalon import policy
from jalon.accounts import reauth
from jalon.audit import services as audit
from jalon.core.versioning import ConcurrentEditError
from jalon.network.models import Commune
from jalon.pathways import selectors as pathway_selectors
from jalon.web.concurrency import (
    VERSION_FIELD,
    changed_since_loaded,
    rebased_data,
    track_version,
)
from jalon.web.forms import add_service_errors
from jalon.youngpeople import documents, selectors, services, transfers
from jalon.youngpeople.enums import LEVEL_1969_TO_2019, FileStatus
from jalon.youngpeople.forms import (
    DocumentForm,
    MergeForm,
    PortfolioFilterForm,
    PublicPeriodEndForm,
    PublicPeriodForm,
    YoungPersonCreateForm,
    YoungPersonForm,
)
from jalon.youngpeople.models import Document, YoungPerson
from jalon.youngpeople.search import search_young_people
from jalon.youngpeople.timeline import KINDS as TIMELINE_KINDS
from jalon.youngpeople.timeline import timeline

PAGE_SIZE = 25


def _require(allowed: bool) -> None:
    if not allowed:
        raise PermissionDenied


def default_scope(user) -> str:
    """Counsellors start from their portfolio; reception and directors from the whole ML."""
    return "mine" if user.role in services.REFERENT_ROLES else "all"


@login_required
def young_people_list(request):
    _require(policy.can_read_named_files(request.user))
    form = PortfolioFilterForm(request.GET or None, initial={"scope": default_scope(request.user)})
    filters = form.cleaned_data if form.is_valid() else {}
    q = filters.get("q", "")
    # Searching looks in the whole Mission Locale: the young person may have no referent yet.
    scope = "all" if q.strip() else (filters.get("scope") or default_scope(request.user))
    order = PortfolioFilterForm.SORTS.get(filters.get("sort") or "nom")
    queryset = selectors.portfolio(
        request.user,
        q=q,
        scope=scope,
        public=filters.get("public", ""),
        status=filters.get("status", ""),
        order=order,
    )
    if q.strip():
        page = selectors.search_page(queryset, request.GET.get("page"), PAGE_SIZE)
    else:
        page = Paginator(selectors.with_active_publics(queryset), PAGE_SIZE).get_page(
            request.GET.get("page")
        )
    context = {
        "form": form,
        "page_obj": page,
        "q": q,
        "scope": scope,
        "can_request_emergency": policy.can_request_emergency_access(request.user),
        "title": "Jeunes",
    }
    if request.htmx and request.htmx.target == "results":
        return render(request, "youngpeople/_results.html", context)
    return render(request, "youngpeople/list.html", context)


# The file page's "Ajouter" menu: what can be recorded on a journey, in the order of the work.
ADD_ACTIONS = [
    ("Accueil", "reception:reception_create"),
    ("Diagnostic", "reception:diagnostic_create"),
    ("Rendez-vous ou entretien", "scheduling:appointment_create"),
    ("Parcours contractualisé", "pathways:open"),
    ("Immersion (PMSMP)", "pathways:pmsmp_create"),
    ("Proposition", "pathways:proposal_create"),
    ("Situation", "pathways:situation_create"),
]


def _timeline_context(young_person, kinds: set[str]) -> dict:
    return {
        "yp": young_person,
        "items": timeline(young_person, kinds),
        "kinds": TIMELINE_KINDS,
        "selected_kinds": kinds,
    }


@login_required
def young_person_timeline(request, uid):
    """The timeline alone, filtered by kind (htmx, file page)."""
    young_person = policy.get_young_person_or_404(request.user, uid, include_emergency=True)
    kinds = {kind for kind in request.GET.getlist("type") if kind in TIMELINE_KINDS}
    audit.record_read(actor=request.user, young_person=young_person, what="chronologie")
    return render(request, "youngpeople/_timeline.html", _timeline_context(young_person, kinds))


@login_required
def young_person_detail(request, uid):
    kept = policy.merged_into_visible(request.user, uid)
    if kept is not None:
        messages.info(request, "Ce dossier a été fusionné : voici le dossier conservé.")
        return redirect("youngpeople:detail", uid=kept.uid)
    young_person = selectors.file_for_display(request.user, uid, include_emergency=True)
    audit.record_read(actor=request.user, young_person=young_person)
    periods = list(young_person.public_periods.all())
    for period in periods:
        period.shown_detail = (
            period.get_detail_display()
            if policy.can_read_public_detail(request.user, period)
            else ""
        )
    return render(
        request,
        "youngpeople/detail.html",
        {
            "yp": young_person,
            "periods": periods,
            "equivalent_2019": LEVEL_1969_TO_2019.get(young_person.level_1969, ()),
            "public_form": PublicPeriodForm(),
            "active_pathway": pathway_selectors.active_pathway(young_person),
            "current_situation": pathway_selectors.current_situation(young_person),
            "add_actions": [
                (label, reverse(name, args=[young_person.uid])) for label, name in ADD_ACTIONS
            ],
            **_timeline_context(young_person, set()),
            "documents": young_person.documents.all(),
            "consents": young_person.consents.all(),
            "can_manage_documents": policy.can_manage_documents(request.user, young_person),
            "can_edit": policy.can_edit_young_person(request.user, young_person),
            "can_merge": policy.is_mission_locale_director(request.user),
            "can_send_liaison_form": policy.can_send_liaison_form(request.user),
            "emergency_access": audit.active_emergency_grant(request.user, young_person),
            "can_exercise_rights": policy.can_exercise_rights_on(request.user, young_person),
            "can_request_transfer": policy.can_request_transfer(request.user, young_person),
            "pending_transfer": next(
                (t for t in transfers.file_transfers(young_person) if t.is_pending), None
            ),
            "title": str(young_person),
        },
    )


@login_required
def young_person_create(request):
    _require(policy.can_create_young_person(request.user))
    form = YoungPersonCreateForm(request.POST or None, user=request.user)
    duplicates = []
    if request.method == "POST" and form.is_valid():
        data = {k: v for k, v in form.cleaned_data.items() if k != "confirm_not_duplicate"}
        try:
            young_person = services.young_person_create(
                actor=request.user,
                data=data,
                confirm_not_duplicate=form.cleaned_data["confirm_not_duplicate"],
            )
        except ValidationError as error:
            add_service_errors(form, error)
        except services.DuplicateSuspected as suspected:
            duplicates = policy.disclosed_duplicates(request.user, suspected.candidates)
        else:
            messages.success(request, "Le dossier a été créé.")
            return redirect("youngpeople:detail", uid=young_person.uid)
    return render(
        request,
        "youngpeople/form.html",
        {
            "form": form,
            "duplicates": duplicates,
            # A file held elsewhere: the counsellor may ask to read it now (break the glass).
            "offer_emergency_access": policy.can_request_emergency_access(request.user)
            and any(d["disclosure"] == "contact" for d in duplicates),
            "title": "Nouveau dossier",
            "creating": True,
        },
    )


def _edit_form(request, young_person, data=None):
    form = YoungPersonForm(data, instance=young_person, user=request.user)
    track_version(form, young_person.version)
    return form


@login_required
def young_person_edit(request, uid):
    young_person = policy.get_young_person_or_404(request.user, uid)
    _require(policy.can_edit_young_person(request.user, young_person))
    form = _edit_form(request, young_person, request.POST or None)
    conflict = None
    if request.method == "GET":
        audit.record_read(actor=request.user, young_person=young_person, what="modification")
    if request.method == "POST" and form.is_valid():
        # The form filled the instance while validating: re-read it so the service compares
        # the saved values with the new ones.
        young_person.refresh_from_db()
        data = {name: form.cleaned_data[name] for name in form.fields if name != VERSION_FIELD}
        try:
            services.young_person_update(
                actor=request.user,
                young_person=young_person,
                data=data,
                expected_version=form.cleaned_data[VERSION_FIELD],
            )
        except ValidationError as error:
            add_service_errors(form, error)
        except ConcurrentEditError as error:
            young_person.refresh_from_db()
            current = _edit_form(request, young_person)
            conflict = {
                "message": error.page_message,
                "changes": changed_since_loaded(form, current, young_person),
            }
            form = _edit_form(
                request, young_person, rebased_data(form, current, young_person.version)
            )
        else:
            messages.success(request, "Le dossier a été mis à jour.")
            return redirect("youngpeople:detail", uid=young_person.uid)
    return render(
        request,
        "youngpeople/form.html",
        {
            "form": form,
            "yp": young_person,
            "conflict": conflict,
            "title": f"Modifier — {young_person}",
        },
    )


@login_required
@require_POST
def public_period_add(request, uid):
    young_person = policy.get_young_person_or_404(request.user, uid)
    form = PublicPeriodForm(request.POST)
    if form.is_valid():
        try:
            services.public_period_add(
                actor=request.user, young_person=young_person, **form.cleaned_data
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, "Le public prioritaire a été ajouté.")
            return redirect("youngpeople:detail", uid=young_person.uid)
    for errors in form.errors.values():
        for message in errors:
            messages.error(request, message)
    return redirect("youngpeople:detail", uid=young_person.uid)


@login_required
@require_POST
def public_period_end(request, uid, period_id):
    young_person = policy.get_young_person_or_404(request.user, uid)
    period = get_object_or_404(young_person.public_periods, pk=period_id)
    form = PublicPeriodEndForm(request.POST)
    if form.is_valid():
        try:
            services.public_period_end(
                actor=request.user, period=period, end_date=form.cleaned_data["end_date"]
            )
        except ValidationError as error:
            for message in error.messages:
                messages.error(request, message)
        else:
            messages.success(request, "La période a été close.")
    else:
        messages.error(request, "Indiquez une date de fin valide.")
    return redirect("youngpeople:detail", uid=young_person.uid)


@login_required
def young_person_merge(request, uid):
    """The director picks the duplicate, compares both files, then confirms."""
    _require(policy.is_mission_locale_director(request.user))
    kept = policy.get_young_person_or_404(request.user, uid)
    other_uid = request.POST.get("other") or request.GET.get("other")
    # Merging is irreversible: a recent password (and code) confirmation is required.
    pending = reauth.reauth_response(
        request, f"{request.path}?{urlencode({'other': other_uid})}" if other_uid else None
    )
    if pending:
        return pending
    other = policy.get_young_person_or_404(request.user, other_uid) if other_uid else None
    if other is not None and other.pk == kept.pk:
        messages.error(request, "Choisissez deux dossiers différents.")
        other = None
    if request.method == "POST" and other is not None:
        form = MergeForm(request.POST)
        if form.is_valid():
            try:
                services.young_people_merge(actor=request.user, kept=kept, absorbed=other)
            except ValidationError as error:
                messages.error(request, " ".join(error.messages))
            else:
                messages.success(request, "Les deux dossiers ont été fusionnés.")
                return redirect("youngpeople:detail", uid=kept.uid)
    else:
        form = MergeForm(initial={"other": other.uid} if other else None)
    q = request.GET.get("q", "")
    candidates = []
    if other is None and q:
        candidates = search_young_people(
            YoungPerson.objects.visible_to(request.user).exclude(pk=kept.pk), q
        )[:10]
    if other is not None:
        audit.record_read(actor=request.user, young_person=other, what="comparaison fusion")
    return render(
        request,
        "youngpeople/merge.html",
        {
            "kept": kept,
            "other": other,
            "form": form,
            "q": q,
            "candidates": candidates,
            "title": "Fusionner deux dossiers",
            "merged_status": FileStatus.MERGED,
        },
    )


@login_required
@require_GET
def commune_options(request):
    """<option>s of the communes sharing a postal code (htmx, file form)."""
    # The file form sends `postal_code`, the transfer form `new_postal_code`.
    postal_code = (
        request.GET.get("postal_code") or request.GET.get("new_postal_code") or ""
    ).strip()
    communes = (
        Commune.objects.filter(postal_codes__contains=postal_code).order_by("name")
        if len(postal_code) == 5 and postal_code.isdigit()
        else Commune.objects.none()
    )
    return render(request, "youngpeople/_commune_options.html", {"communes": communes})


# --- Documents ------------------------------------------------------------------------------


@login_required
def document_upload(request, uid):
    young_person = policy.get_young_person_or_404(request.user, uid)
    _require(policy.can_manage_documents(request.user, young_person))
    form = DocumentForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.document_upload(
                actor=request.user,
                young_person=young_person,
                kind=form.cleaned_data["kind"],
                uploaded=form.cleaned_data["file"],
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, "Le document a été ajouté au dossier.")
            return redirect(reverse("youngpeople:detail", args=[young_person.uid]) + "#documents")
    audit.record_read(actor=request.user, young_person=young_person, what="nouveau document")
    return render(
        request,
        "youngpeople/document_form.html",
        {"form": form, "yp": young_person, "title": f"Ajouter un document — {young_person}"},
    )


@login_required
@require_GET
def document_download(request, uid):
    """The only way to a document's content: through the policy, audited, never displayed."""
    document = policy.get_record_or_404(request.user, Document.objects.all(), uid)
    audit.record_read(actor=request.user, young_person=document.young_person, what="document")
    try:
        content = documents.storage().open(document.stored_name, "rb")
    except FileNotFoundError as exc:
        raise Http404("Le contenu de ce document est introuvable.") from exc
    response = FileResponse(
        content,
        as_attachment=True,
        filename=documents.download_name(document),
        content_type=document.content_type,
    )
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "private, no-store"
    return response


@login_required
@require_POST
def document_delete(request, uid):
    document = policy.get_record_or_404(request.user, Document.objects.all(), uid)
    services.document_delete(actor=request.user, document=document)
    messages.success(request, "Le document a été supprimé.")
    return redirect(reverse("youngpeople:detail", args=[document.young_person.uid]) + "#documents")
