"""Pages of the justice area: thin, the services decide; the policy scopes every read."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Count
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST

from jalon import policy
from jalon.audit import services as audit
from jalon.core.versioning import ConcurrentEditError
from jalon.justice import forms, selectors, services
from jalon.justice.enums import SessionStatus
from jalon.justice.models import (
    CjmlAssignment,
    DetentionSession,
    InsertionCommission,
    JobEvent,
    TigHabilitation,
)
from jalon.network.models import Region
from jalon.web.forms import add_service_errors
from jalon.youngpeople.models import YoungPerson
from jalon.youngpeople.transfers import TransferConflict


def _require(allowed: bool) -> None:
    if not allowed:
        raise PermissionDenied


def _file_page(request, young_person, status=200, **bound):
    """The justice page of a file; a refused inline form comes back bound, with its errors."""
    user = request.user
    situations = selectors.penal_situations(user, young_person)
    can_record = policy.can_record_penal_situation(user, young_person)
    for situation in situations:
        situation.plan = getattr(situation, "release_plan", None)
        situation.forms = {
            "release_date": bound.get(f"release_date-{situation.pk}")
            or forms.ReleaseDateForm(
                prefix=f"release_date-{situation.pk}",
                initial={
                    "foreseeable_release_date": situation.foreseeable_release_date,
                    "version": situation.version,
                },
            ),
            "adjustment": bound.get(f"adjustment-{situation.pk}")
            or forms.AdjustmentForm(prefix=f"adjustment-{situation.pk}"),
            "leave": bound.get(f"leave-{situation.pk}")
            or forms.LeaveForm(prefix=f"leave-{situation.pk}"),
            "release": bound.get(f"release-{situation.pk}")
            or forms.ReleaseForm(
                prefix=f"release-{situation.pk}", initial={"version": situation.version}
            ),
        }
        situation.transfer_proposal = services.transfer_proposal(situation) if can_record else None
    placements = selectors.tig_placements(user, young_person)
    for placement in placements:
        placement.forms = {
            "hours": bound.get(f"hours-{placement.pk}")
            or forms.TigHoursForm(
                prefix=f"hours-{placement.pk}", initial={"hours_done": placement.hours_done}
            ),
            "module": bound.get(f"module-{placement.pk}")
            or forms.TigModuleForm(prefix=f"module-{placement.pk}"),
        }
    return render(
        request,
        "justice/file.html",
        {
            "yp": young_person,
            "situations": situations,
            "placements": placements,
            "can_record": can_record,
            "can_update_release_date": policy.can_update_release_date(user, young_person),
            "is_staff_view": policy.can_read_named_files(user),
            "tig_form": bound.get("tig") or forms.TigPlacementForm(prefix="tig"),
            "title": f"Situation pénale — {young_person}",
        },
        status=status,
    )


@login_required
def file_justice(request, uid):
    young_person = policy.get_justice_file_or_404(request.user, uid)
    audit.record_read(actor=request.user, young_person=young_person, what="situation pénale")
    return _file_page(request, young_person)


@login_required
def situation_create(request, uid):
    young_person = policy.get_justice_file_or_404(request.user, uid)
    _require(policy.can_record_penal_situation(request.user, young_person))
    form = forms.PenalSituationForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.penal_situation_create(
                actor=request.user, young_person=young_person, data=form.cleaned_data
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, "La situation pénale est enregistrée.")
            return redirect("justice:file", uid=young_person.uid)
    return render(
        request,
        "justice/form_page.html",
        {
            "form": form,
            "yp": young_person,
            "title": "Nouvelle situation pénale",
            "submit": "Enregistrer la situation",
        },
    )


def _situation(request, uid, record=True):
    situation = policy.get_penal_situation_or_404(request.user, uid)
    allowed = (
        policy.can_record_penal_situation(request.user, situation.young_person)
        if record
        else policy.can_update_release_date(request.user, situation.young_person)
    )
    _require(allowed)
    return situation


def _inline(request, situation_or_placement, key, form, action, success):
    """Run an inline form of the file page: success redirects, refusal re-renders it bound."""
    young_person = situation_or_placement.young_person
    if form.is_valid():
        try:
            action(form.cleaned_data)
        except ValidationError as error:
            add_service_errors(form, error)
        except ConcurrentEditError as error:
            form.add_error(None, error.page_message)
        else:
            messages.success(request, success)
            return redirect("justice:file", uid=young_person.uid)
    return _file_page(
        request, young_person, status=400, **{f"{key}-{situation_or_placement.pk}": form}
    )


@login_required
@require_POST
def release_date_update(request, uid):
    situation = _situation(request, uid, record=False)
    return _inline(
        request,
        situation,
        "release_date",
        forms.ReleaseDateForm(request.POST, prefix=f"release_date-{situation.pk}"),
        lambda data: services.release_date_update(
            actor=request.user,
            situation=situation,
            new_date=data["foreseeable_release_date"],
            reason=data["reason"],
            expected_version=data["version"],
        ),
        "La date prévisible de sortie est modifiée ; l'ancienne reste dans l'historique.",
    )


@login_required
@require_POST
def adjustment_add(request, uid):
    situation = _situation(request, uid)
    return _inline(
        request,
        situation,
        "adjustment",
        forms.AdjustmentForm(request.POST, prefix=f"adjustment-{situation.pk}"),
        lambda data: services.adjustment_add(actor=request.user, situation=situation, data=data),
        "L'aménagement de peine est enregistré.",
    )


@login_required
@require_POST
def leave_add(request, uid):
    situation = _situation(request, uid)
    return _inline(
        request,
        situation,
        "leave",
        forms.LeaveForm(request.POST, prefix=f"leave-{situation.pk}"),
        lambda data: services.leave_add(actor=request.user, situation=situation, data=data),
        "La permission de sortir est enregistrée.",
    )


@login_required
@require_POST
def release_record(request, uid):
    situation = _situation(request, uid)
    return _inline(
        request,
        situation,
        "release",
        forms.ReleaseForm(request.POST, prefix=f"release-{situation.pk}"),
        lambda data: services.release_record(
            actor=request.user,
            situation=situation,
            released_on=data["released_on"],
            release_situation=data["release_situation"],
            expected_version=data["version"],
        ),
        "La sortie et la situation à la sortie sont enregistrées.",
    )


@login_required
def release_plan(request, uid):
    situation = _situation(request, uid)
    plan = getattr(situation, "release_plan", None)
    initial = {}
    if plan is not None:
        initial = {
            "release_address": plan.release_address,
            "postal_code": plan.release_postal_code,
            "commune": plan.release_commune.code if plan.release_commune else None,
            "first_appointment_at": plan.first_appointment_at,
            "first_appointment_place": plan.first_appointment_place,
            "proposed_pathway": plan.proposed_pathway,
            "housing": plan.housing,
            "housing_details": plan.housing_details,
            "version": plan.version,
        }
    form = forms.ReleasePlanForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            services.release_plan_save(
                actor=request.user,
                situation=situation,
                data=form.service_data(),
                expected_version=form.cleaned_data["version"],
            )
        except ValidationError as error:
            add_service_errors(form, error)
        except ConcurrentEditError as error:
            form.add_error(None, error.page_message)
        else:
            messages.success(request, "Le projet de sortie est enregistré.")
            return redirect("justice:file", uid=situation.young_person.uid)
    return render(
        request,
        "justice/form_page.html",
        {
            "form": form,
            "yp": situation.young_person,
            "title": "Projet de sortie",
            "intro": f"{situation.get_measure_display()} — {situation.establishment}. Sortie "
            "prévisible le "
            + (
                f"{situation.foreseeable_release_date:%d/%m/%Y}."
                if situation.foreseeable_release_date
                else "non connue."
            ),
            "submit": "Enregistrer le projet de sortie",
        },
    )


@login_required
@require_POST
def release_transfer(request, uid):
    situation = _situation(request, uid)
    try:
        transfer = services.release_transfer_confirm(actor=request.user, situation=situation)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    except TransferConflict as conflict:
        messages.error(request, conflict.message)
    else:
        messages.success(
            request,
            f"Le transfert du dossier est proposé à {transfer.to_mission_locale.name}, qui "
            "l'acceptera ou le refusera.",
        )
        return redirect("youngpeople:transfer_detail", uid=transfer.uid)
    return redirect("justice:file", uid=situation.young_person.uid)


# --- TIG ------------------------------------------------------------------------------------


@login_required
@require_POST
def tig_create(request, uid):
    young_person = policy.get_justice_file_or_404(request.user, uid)
    _require(policy.can_record_penal_situation(request.user, young_person))
    form = forms.TigPlacementForm(request.POST, prefix="tig")
    if form.is_valid():
        try:
            services.tig_placement_create(
                actor=request.user, young_person=young_person, data=form.cleaned_data
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, "Le TIG est enregistré.")
            return redirect("justice:file", uid=young_person.uid)
    return _file_page(request, young_person, status=400, tig=form)


def _placement(request, uid):
    placement = policy.get_tig_placement_or_404(request.user, uid)
    _require(policy.can_record_penal_situation(request.user, placement.young_person))
    return placement


@login_required
@require_POST
def tig_hours(request, uid):
    placement = _placement(request, uid)
    return _inline(
        request,
        placement,
        "hours",
        forms.TigHoursForm(request.POST, prefix=f"hours-{placement.pk}"),
        lambda data: services.tig_hours_record(
            actor=request.user, placement=placement, hours_done=data["hours_done"]
        ),
        "Les heures effectuées sont enregistrées.",
    )


@login_required
@require_POST
def tig_module(request, uid):
    placement = _placement(request, uid)
    return _inline(
        request,
        placement,
        "module",
        forms.TigModuleForm(request.POST, prefix=f"module-{placement.pk}"),
        lambda data: services.tig_module_add(actor=request.user, placement=placement, data=data),
        "Le module est enregistré.",
    )


@login_required
def tig_overview(request):
    """The Mission Locale's habilitation to host TIG (the director records it)."""
    _require(policy.can_manage_tig_habilitation(request.user))
    form = forms.TigHabilitationForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.tig_habilitation_add(actor=request.user, data=form.cleaned_data)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, "L'habilitation est enregistrée.")
            return redirect("justice:tig")
    return render(
        request,
        "justice/tig.html",
        {
            "form": form,
            "habilitations": TigHabilitation.objects.filter(
                mission_locale_id=request.user.organisation_id
            ),
            "title": "Accueil de TIG",
        },
    )


# --- Activity in detention --------------------------------------------------------------------


@login_required
def activity(request):
    """Sessions, commissions and job events of the Mission Locale, and releases to prepare."""
    _require(policy.can_work_in_detention(request.user))
    return _activity_page(request)


def _activity_page(request, status=200, **bound):
    user = request.user
    return render(
        request,
        "justice/activity.html",
        {
            "sessions": DetentionSession.objects.visible_to(user)
            .select_related("establishment", "cjml")
            .annotate(seen_count=Count("interviews"))[:50],
            "commissions": InsertionCommission.objects.visible_to(user).select_related(
                "establishment", "attended_by"
            )[:20],
            "events": JobEvent.objects.visible_to(user).select_related("establishment")[:20],
            "releases": selectors.releases_to_prepare(user),
            "counts": selectors.detention_counts(user),
            "session_form": bound.get("session") or forms.SessionForm(user=user),
            "commission_form": bound.get("commission") or forms.CommissionForm(prefix="commission"),
            "event_form": bound.get("event") or forms.JobEventForm(prefix="event"),
            "title": "Activité en détention",
        },
        status=status,
    )


def _create(request, key, form, action, success, target):
    _require(policy.can_work_in_detention(request.user))
    if form.is_valid():
        try:
            record = action(form.cleaned_data)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, success)
            return redirect(target(record))
    return _activity_page(request, status=400, **{key: form})


@login_required
@require_POST
def session_create(request):
    return _create(
        request,
        "session",
        forms.SessionForm(request.POST, user=request.user),
        lambda data: services.session_create(actor=request.user, data=data),
        "La permanence est planifiée.",
        lambda session: reverse("justice:session", args=[session.uid]),
    )


@login_required
@require_POST
def commission_create(request):
    return _create(
        request,
        "commission",
        forms.CommissionForm(request.POST, prefix="commission"),
        lambda data: services.commission_record(actor=request.user, data=data),
        "La participation à la commission est enregistrée.",
        lambda commission: reverse("justice:activity"),
    )


@login_required
@require_POST
def job_event_create(request):
    return _create(
        request,
        "event",
        forms.JobEventForm(request.POST, prefix="event"),
        lambda data: services.job_event_create(actor=request.user, data=data),
        "L'événement est enregistré.",
        lambda event: reverse("justice:job_event", args=[event.uid]),
    )


def _young_person_of_ml(request, uid):
    try:
        return policy.scope_young_people(YoungPerson.objects.all(), request.user).get(uid=uid)
    except (YoungPerson.DoesNotExist, ValidationError, ValueError):
        return None


@login_required
def session_detail(request, uid):
    session = policy.get_detention_record_or_404(request.user, DetentionSession, uid)
    candidates = selectors.seen_candidates(request.user, session.establishment_id)
    form = forms.SeenForm(request.POST or None, candidates=candidates)
    status = 200
    if request.method == "POST":
        if form.is_valid():
            young_person = _young_person_of_ml(request, form.cleaned_data["young_person"])
            try:
                if young_person is None:
                    raise ValidationError({"young_person": "Choisissez un·e jeune de la liste."})
                services.session_add_young_person(
                    actor=request.user, session=session, young_person=young_person
                )
            except ValidationError as error:
                add_service_errors(form, error)
            else:
                messages.success(request, f"{young_person} est noté·e comme reçu·e.")
                return redirect("justice:session", uid=session.uid)
        status = 400
    seen = session.interviews.select_related("young_person")
    for interview in seen:
        audit.record_read(
            actor=request.user, young_person=interview.young_person, what="permanence en détention"
        )
    return render(
        request,
        "justice/session_detail.html",
        {
            "session": session,
            "seen": seen,
            "form": form,
            "title": f"Permanence du {session.date:%d/%m/%Y}",
        },
        status=status,
    )


@login_required
@require_POST
def session_status(request, uid):
    """Mark a session held or cancelled (a session with young people seen is held)."""
    session = policy.get_detention_record_or_404(request.user, DetentionSession, uid)
    status = request.POST.get("status", "")
    try:
        if status == SessionStatus.CANCELLED and session.interviews.exists():
            raise ValidationError("Des jeunes ont été reçus : la permanence a eu lieu.")
        services.session_set_status(actor=request.user, session=session, status=status)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, f"Permanence : {session.get_status_display().lower()}.")
    return redirect("justice:session", uid=session.uid)


@login_required
def job_event_detail(request, uid):
    event = policy.get_detention_record_or_404(request.user, JobEvent, uid)
    candidates = selectors.seen_candidates(request.user, event.establishment_id)
    form = forms.ParticipantForm(request.POST or None, candidates=candidates)
    status = 200
    if request.method == "POST":
        if form.is_valid():
            young_person = _young_person_of_ml(request, form.cleaned_data["young_person"])
            try:
                if young_person is None:
                    raise ValidationError({"young_person": "Choisissez un·e jeune de la liste."})
                services.job_event_add_participant(
                    actor=request.user,
                    event=event,
                    young_person=young_person,
                    outcome=form.cleaned_data["outcome"],
                )
            except ValidationError as error:
                add_service_errors(form, error)
            else:
                messages.success(request, "La participation est enregistrée.")
                return redirect("justice:job_event", uid=event.uid)
        status = 400
    participants = event.participants.select_related("young_person")
    for participant in participants:
        audit.record_read(
            actor=request.user,
            young_person=participant.young_person,
            what="événement emploi en détention",
        )
    return render(
        request,
        "justice/job_event_detail.html",
        {"event": event, "participants": participants, "form": form, "title": event.title},
        status=status,
    )


# --- Directory and coverage ---------------------------------------------------------------


@login_required
def directory(request):
    _require(policy.can_read_cjml_directory(request.user))
    region = (request.GET.get("region") or "").strip()[:3]
    can_manage = policy.can_manage_cjml_assignments(request.user)
    form = (
        forms.CjmlAssignmentForm(
            request.POST or None, mission_locale_id=request.user.organisation_id
        )
        if can_manage
        else None
    )
    status = 200
    if request.method == "POST":
        _require(can_manage)
        if form.is_valid():
            try:
                services.cjml_assignment_add(actor=request.user, data=form.cleaned_data)
            except ValidationError as error:
                add_service_errors(form, error)
            else:
                messages.success(request, "La quotité est ajoutée à l'annuaire.")
                return redirect("justice:directory")
        status = 400
    with_counts = policy.can_read_justice_coverage(request.user)
    return render(
        request,
        "justice/directory.html",
        {
            "rows": selectors.directory(region_code=region, with_counts=with_counts),
            "with_counts": with_counts,
            "form": form,
            "own_organisation_id": request.user.organisation_id if can_manage else None,
            "region": region,
            "regions": _regions(),
            "title": "Annuaire national des CJML",
        },
        status=status,
    )


@login_required
@require_POST
def assignment_end(request, uid):
    _require(policy.can_manage_cjml_assignments(request.user))
    try:
        assignment = CjmlAssignment.objects.get(
            uid=uid, mission_locale_id=request.user.organisation_id
        )
    except (CjmlAssignment.DoesNotExist, ValidationError, ValueError) as exc:
        raise Http404("Introuvable.") from exc
    try:
        services.cjml_assignment_end(actor=request.user, assignment=assignment)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, "La quotité est close.")
    return redirect("justice:directory")


def _regions():
    return Region.objects.order_by("name")


@login_required
def coverage(request):
    _require(policy.can_read_justice_coverage(request.user))
    region = (request.GET.get("region") or "").strip()[:3]
    return render(
        request,
        "justice/coverage.html",
        {
            **selectors.coverage(region_code=region),
            "region": region,
            "regions": _regions(),
            "title": "Couverture des établissements par les CJML",
        },
    )
