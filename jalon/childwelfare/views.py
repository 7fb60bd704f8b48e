"""Pages of the ASE follow-up, shared by the Mission Locale's staff and the Département's ASE
referent: the policy decides who reaches what, the services what may change."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST

from jalon import policy
from jalon.audit import services as audit
from jalon.childwelfare import selectors, services
from jalon.childwelfare.forms import (
    AutonomyProjectForm,
    CejDecisionForm,
    CejProposalForm,
    FollowUpForm,
    InterviewForm,
    OpenFollowUpForm,
    StatusEndForm,
    StatusForm,
)
from jalon.childwelfare.models import AgeSeventeenInterview, AutonomyProject, CejProposal
from jalon.core.versioning import ConcurrentEditError
from jalon.referrals.enums import ConsentCategory
from jalon.web.concurrency import VERSION_FIELD, changed_since_loaded, rebased_data, track_version
from jalon.web.forms import add_service_errors


def _require(allowed: bool) -> None:
    if not allowed:
        raise PermissionDenied


def _name(user, young_person) -> str:
    """The young person's name, for a partner only if they agreed to share their identity."""
    if policy.is_ase_referent(user) and (
        ConsentCategory.IDENTITY not in policy.partner_categories(user, young_person)
    ):
        return "Jeune (identité non partagée)"
    return str(young_person)


def _follow_up_or_404(user, uid):
    young_person = policy.get_ase_file_or_404(user, uid)
    follow_up = selectors.follow_up_of(young_person)
    if follow_up is None:
        raise Http404("Aucun suivi ASE pour ce jeune.")
    return follow_up


def _page_context(request, follow_up, **forms):
    user = request.user
    young_person = follow_up.young_person
    return {
        "yp": young_person,
        "follow_up": follow_up,
        "state": selectors.state_of(follow_up),
        **selectors.page_records(follow_up),
        "can_edit": policy.can_edit_ase_follow_up(user, follow_up),
        "can_record_cej": policy.can_record_cej_proposal(user, follow_up),
        "can_read_comment": policy.can_read_ase_internal_comment(user, follow_up),
        "is_partner": policy.is_ase_referent(user),
        "status_form": forms.get("status_form") or StatusForm(),
        "end_form": forms.get("end_form") or StatusEndForm(),
        "cej_form": forms.get("cej_form") or CejProposalForm(),
        "decision_form": CejDecisionForm(),
        "name": _name(user, young_person),
        "is_diagnostic_shared": not policy.is_ase_referent(user)
        or ConsentCategory.DIAGNOSTIC in policy.partner_categories(user, young_person),
        "title": f"Suivi ASE — {_name(user, young_person)}",
    }


def _render_page(request, follow_up, **forms):
    audit.record_read(actor=request.user, young_person=follow_up.young_person, what="suivi ASE")
    return render(
        request, "childwelfare/follow_up.html", _page_context(request, follow_up, **forms)
    )


def _audited_worklist(user, channel):
    """The worklist; a partner's reading of each file is journalled, as on their portal."""
    rows = selectors.worklist(user)
    if policy.is_ase_referent(user):
        for follow_up, _ in rows:
            audit.record_read(
                actor=user, young_person=follow_up.young_person, channel=channel, what="liste ASE"
            )
    return rows


@login_required
def worklist(request):
    """The young people in ASE care and what is due for each."""
    _require(policy.can_use_ase_worklist(request.user))
    return render(
        request,
        "childwelfare/worklist.html",
        {
            "rows": [
                (follow_up, state, _name(request.user, follow_up.young_person))
                for follow_up, state in _audited_worklist(request.user, "web")
            ],
            "is_partner": policy.is_ase_referent(request.user),
            "title": "Jeunes de l'aide sociale à l'enfance",
        },
    )


@login_required
def follow_up(request, uid):
    """The follow-up of one young person; staff without one yet are offered to open it."""
    young_person = policy.get_ase_file_or_404(request.user, uid)
    current = selectors.follow_up_of(young_person)
    if current is None:
        _require(policy.can_open_ase_follow_up(request.user, young_person))
        return redirect("childwelfare:open", uid=young_person.uid)
    return _render_page(request, current)


@login_required
def follow_up_open(request, uid):
    young_person = policy.get_young_person_or_404(request.user, uid)
    _require(policy.can_open_ase_follow_up(request.user, young_person))
    if selectors.follow_up_of(young_person) is not None:
        return redirect("childwelfare:follow_up", uid=young_person.uid)
    has_status = services.current_ase_period(young_person) is not None
    form = OpenFollowUpForm(
        request.POST or None,
        initial=selectors.opening_suggestion(young_person),
        young_person=young_person,
        has_current_status=has_status,
    )
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        status, status_start = data.pop("status", ""), data.pop("status_start", None)
        try:
            services.ase_follow_up_open(
                actor=request.user,
                young_person=young_person,
                data=data,
                status=status,
                status_start=status_start,
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, "Le suivi ASE est ouvert.")
            return redirect("childwelfare:follow_up", uid=young_person.uid)
    audit.record_read(actor=request.user, young_person=young_person, what="suivi ASE")
    return render(
        request,
        "childwelfare/follow_up_form.html",
        {
            "yp": young_person,
            "form": form,
            "has_status": has_status,
            "cancel_url": reverse("youngpeople:detail", args=[young_person.uid]),
            "title": f"Ouvrir le suivi ASE — {_name(request.user, young_person)}",
        },
    )


def _follow_up_initial(follow_up, fields) -> dict:
    return {
        name: getattr(follow_up, follow_up._meta.get_field(name).attname)
        for name in fields
        if name in services.FOLLOW_UP_FIELDS
    }


def _edit(request, *, instance, build, initial_of, save, template, context, done):
    """A versioned edit page: on a concurrent save, the form comes back with the user's input
    rebased on the current version and what the other person changed."""
    form = build(request.POST or None, initial=initial_of(instance))
    track_version(form, instance.version)
    conflict = None
    if request.method == "POST" and form.is_valid():
        try:
            save(form)
        except ValidationError as error:
            add_service_errors(form, error)
        except ConcurrentEditError as error:
            instance.refresh_from_db()
            current = build(None, initial=initial_of(instance))
            track_version(current, instance.version)
            conflict = {
                "message": error.page_message,
                "changes": changed_since_loaded(form, current, instance),
            }
            form = build(rebased_data(form, current, instance.version), initial=None)
            track_version(form, instance.version)
        else:
            return done()
    return render(request, template, {**context, "form": form, "conflict": conflict})


@login_required
def follow_up_edit(request, uid):
    follow_up = _follow_up_or_404(request.user, uid)
    _require(policy.can_edit_ase_follow_up(request.user, follow_up))
    young_person = follow_up.young_person
    for_referent = policy.is_ase_referent(request.user)

    def build(data, initial):
        return FollowUpForm(
            data, initial=initial, young_person=young_person, for_referent=for_referent
        )

    def save(form):
        services.ase_follow_up_update(
            actor=request.user,
            follow_up=follow_up,
            data={k: v for k, v in form.cleaned_data.items() if k != VERSION_FIELD},
            expected_version=form.cleaned_data[VERSION_FIELD],
        )

    def done():
        messages.success(request, "Le suivi ASE est mis à jour.")
        return redirect("childwelfare:follow_up", uid=young_person.uid)

    if request.method == "GET":
        audit.record_read(actor=request.user, young_person=young_person, what="suivi ASE")
    return _edit(
        request,
        instance=follow_up,
        build=build,
        initial_of=lambda instance: _follow_up_initial(instance, build(None, None).fields),
        save=save,
        template="childwelfare/follow_up_form.html",
        context={
            "yp": young_person,
            "is_partner": for_referent,
            "cancel_url": reverse("childwelfare:follow_up", args=[young_person.uid]),
            "title": f"Modifier le suivi ASE — {_name(request.user, young_person)}",
        },
        done=done,
    )


@login_required
@require_POST
def status_change(request, uid):
    follow_up = _follow_up_or_404(request.user, uid)
    _require(policy.can_edit_ase_follow_up(request.user, follow_up))
    form = StatusForm(request.POST)
    if form.is_valid():
        try:
            services.ase_status_change(actor=request.user, follow_up=follow_up, **form.cleaned_data)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, "La nouvelle situation à l'ASE est enregistrée.")
            return redirect("childwelfare:follow_up", uid=follow_up.young_person.uid)
    return _render_page(request, follow_up, status_form=form)


@login_required
@require_POST
def status_end(request, uid):
    follow_up = _follow_up_or_404(request.user, uid)
    _require(policy.can_edit_ase_follow_up(request.user, follow_up))
    form = StatusEndForm(request.POST)
    if form.is_valid():
        try:
            services.ase_status_end(actor=request.user, follow_up=follow_up, **form.cleaned_data)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, "La fin de la prise en charge par l'ASE est enregistrée.")
            return redirect("childwelfare:follow_up", uid=follow_up.young_person.uid)
    return _render_page(request, follow_up, end_form=form)


@login_required
def interview_create(request, uid):
    follow_up = _follow_up_or_404(request.user, uid)
    _require(policy.can_edit_ase_follow_up(request.user, follow_up))
    young_person = follow_up.young_person
    form = InterviewForm(request.POST or None, young_person=young_person)
    if request.method == "POST" and form.is_valid():
        try:
            services.interview_record(
                actor=request.user, follow_up=follow_up, data=form.cleaned_data
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, "L'entretien des 17 ans est enregistré.")
            return redirect("childwelfare:follow_up", uid=young_person.uid)
    else:
        audit.record_read(actor=request.user, young_person=young_person, what="suivi ASE")
    return render(
        request,
        "childwelfare/interview_form.html",
        {
            "yp": young_person,
            "is_partner": policy.is_ase_referent(request.user),
            "form": form,
            "state": selectors.state_of(follow_up),
            "title": f"Entretien des 17 ans — {_name(request.user, young_person)}",
        },
    )


@login_required
def interview_edit(request, uid):
    interview = policy.get_ase_record_or_404(request.user, AgeSeventeenInterview.objects.all(), uid)
    follow_up = interview.follow_up
    _require(policy.can_edit_ase_follow_up(request.user, follow_up))
    young_person = follow_up.young_person

    def save(form):
        services.interview_update(
            actor=request.user,
            interview=interview,
            data=form.cleaned_data,
            expected_version=form.cleaned_data[VERSION_FIELD],
        )

    def done():
        messages.success(request, "L'entretien des 17 ans est mis à jour.")
        return redirect("childwelfare:follow_up", uid=young_person.uid)

    if request.method == "GET":
        audit.record_read(actor=request.user, young_person=young_person, what="suivi ASE")
    return _edit(
        request,
        instance=interview,
        build=lambda data, initial: InterviewForm(data, initial=initial, young_person=young_person),
        initial_of=lambda instance: {
            name: getattr(instance, instance._meta.get_field(name).attname)
            for name in services.INTERVIEW_FIELDS
        },
        save=save,
        template="childwelfare/interview_form.html",
        context={
            "yp": young_person,
            "is_partner": policy.is_ase_referent(request.user),
            "interview": interview,
            "state": selectors.state_of(selectors.follow_up_of(young_person)),
            "title": f"Entretien des 17 ans — {_name(request.user, young_person)}",
        },
        done=done,
    )


@login_required
def project_create(request, uid):
    follow_up = _follow_up_or_404(request.user, uid)
    _require(policy.can_edit_ase_follow_up(request.user, follow_up))
    young_person = follow_up.young_person
    form = AutonomyProjectForm(request.POST or None, young_person=young_person)
    if request.method == "POST" and form.is_valid():
        try:
            services.autonomy_project_record(
                actor=request.user,
                follow_up=follow_up,
                data=form.project_data(),
                areas=form.areas(),
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, "Le projet d'accès à l'autonomie est enregistré.")
            return redirect("childwelfare:follow_up", uid=young_person.uid)
    else:
        audit.record_read(actor=request.user, young_person=young_person, what="suivi ASE")
    return render(
        request,
        "childwelfare/project_form.html",
        {
            "yp": young_person,
            "is_partner": policy.is_ase_referent(request.user),
            "form": form,
            "title": f"Projet d'accès à l'autonomie — {_name(request.user, young_person)}",
        },
    )


@login_required
def project_edit(request, uid):
    project = policy.get_ase_record_or_404(request.user, AutonomyProject.objects.all(), uid)
    _require(policy.can_edit_ase_follow_up(request.user, project.follow_up))
    young_person = project.follow_up.young_person

    def save(form):
        services.autonomy_project_update(
            actor=request.user,
            project=project,
            data=form.project_data(),
            areas=form.areas(),
            expected_version=form.cleaned_data[VERSION_FIELD],
        )

    def done():
        messages.success(request, "Le projet d'accès à l'autonomie est mis à jour.")
        return redirect("childwelfare:follow_up", uid=young_person.uid)

    if request.method == "GET":
        audit.record_read(actor=request.user, young_person=young_person, what="suivi ASE")
    return _edit(
        request,
        instance=project,
        build=lambda data, initial: AutonomyProjectForm(
            data, initial=initial, young_person=young_person
        ),
        initial_of=AutonomyProjectForm.initial_for,
        save=save,
        template="childwelfare/project_form.html",
        context={
            "yp": young_person,
            "is_partner": policy.is_ase_referent(request.user),
            "project": project,
            "title": f"Projet d'accès à l'autonomie — {_name(request.user, young_person)}",
        },
        done=done,
    )


@login_required
@require_POST
def cej_propose(request, uid):
    follow_up = _follow_up_or_404(request.user, uid)
    _require(policy.can_record_cej_proposal(request.user, follow_up))
    form = CejProposalForm(request.POST)
    if form.is_valid():
        try:
            services.cej_propose(actor=request.user, follow_up=follow_up, **form.cleaned_data)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, "La proposition de CEJ est enregistrée.")
            return redirect("childwelfare:follow_up", uid=follow_up.young_person.uid)
    return _render_page(request, follow_up, cej_form=form)


@login_required
@require_POST
def cej_decide(request, uid):
    proposal = policy.get_ase_record_or_404(request.user, CejProposal.objects.all(), uid)
    _require(policy.can_record_cej_proposal(request.user, proposal.follow_up))
    form = CejDecisionForm(request.POST)
    young_person = proposal.follow_up.young_person
    if form.is_valid():
        try:
            services.cej_decide(actor=request.user, proposal=proposal, **form.cleaned_data)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(request, "La réponse du jeune est enregistrée.")
    else:
        messages.error(
            request, "Indiquez la réponse du jeune et sa date : " + form.errors.as_text()
        )
    return redirect("childwelfare:follow_up", uid=young_person.uid)
