import datetime

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_GET, require_POST

from jalon import policy
from jalon.accounts.models import User
from jalon.audit import services as audit
from jalon.scheduling import ics, selectors, services
from jalon.scheduling.enums import ParticipationStatus
from jalon.scheduling.forms import AppointmentForm, SessionForm, StatusForm
from jalon.scheduling.models import Appointment, CalendarFeed
from jalon.web.forms import add_service_errors
from jalon.youngpeople.models import YoungPerson
from jalon.youngpeople.search import search_young_people

DAY_NAMES = ["lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi", "dimanche"]


def _require(allowed: bool) -> None:
    if not allowed:
        raise PermissionDenied


def _safe_next(request, candidate: str | None, default: str) -> str:
    if candidate and url_has_allowed_host_and_scheme(
        candidate, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return candidate
    return default


def _redirect(request, url: str):
    """A redirect that htmx follows as a full page load."""
    if request.htmx:
        response = HttpResponse(status=204)
        response["HX-Redirect"] = url
        return response
    return redirect(url)


# --- Agenda ----------------------------------------------------------------------------------


def _agenda_owner(request):
    """The counsellor whose agenda is shown: oneself, or (directors) a member of the team."""
    _require(policy.can_use_agenda(request.user))
    wanted = request.GET.get("conseiller", "")
    if not wanted or wanted == str(request.user.pk):
        return request.user
    counsellor = User.objects.filter(pk=int(wanted)).first() if wanted.isdigit() else None
    _require(policy.can_view_agenda_of(request.user, counsellor))
    return counsellor


def _week_start(request) -> datetime.date:
    raw = request.GET.get("semaine", "")
    try:
        year, week = raw.split("-W")
        return datetime.date.fromisocalendar(int(year), int(week), 1)
    except ValueError:
        today = timezone.localdate()
        return today - datetime.timedelta(days=today.weekday())


def _day(request) -> datetime.date:
    try:
        return datetime.date.fromisoformat(request.GET.get("date", ""))
    except ValueError:
        return timezone.localdate()


def _iso_week(day: datetime.date) -> str:
    year, week, _ = day.isocalendar()
    return f"{year}-W{week:02d}"


def _agenda_context(request, counsellor, start, end) -> dict:
    appointments = list(selectors.agenda(request.user, counsellor, start, end))
    sessions = list(selectors.facilitated_sessions(request.user, counsellor, start, end))
    query = "" if counsellor.pk == request.user.pk else f"&conseiller={counsellor.pk}"
    days = []
    day = start
    today = timezone.localdate()
    while day <= end:
        day_appointments = [a for a in appointments if timezone.localdate(a.starts_at) == day]
        day_sessions = [s for s in sessions if timezone.localdate(s.starts_at) == day]
        if day.weekday() < 5 or day_appointments or day_sessions or start == end:
            days.append(
                {
                    "date": day,
                    "name": DAY_NAMES[day.weekday()],
                    "is_today": day == today,
                    "appointments": day_appointments,
                    "sessions": day_sessions,
                }
            )
        day += datetime.timedelta(days=1)
    team = (
        list(policy.agenda_staff(request.user))
        if policy.is_mission_locale_director(request.user)
        else []
    )
    return {
        "counsellor": counsellor,
        "is_own": counsellor.pk == request.user.pk,
        "team": team,
        "days": days,
        "count": len(appointments),
        "query": query,
        "now": timezone.now(),
        "next_url": request.get_full_path(),
        "today": today,
    }


@login_required
@require_GET
def agenda_week(request):
    counsellor = _agenda_owner(request)
    start = _week_start(request)
    end = start + datetime.timedelta(days=6)
    context = _agenda_context(request, counsellor, start, end)
    context.update(
        {
            "title": "Agenda",
            "week_start": start,
            "week_end": end,
            "week_number": start.isocalendar()[1],
            "previous_week": _iso_week(start - datetime.timedelta(days=7)),
            "next_week": _iso_week(start + datetime.timedelta(days=7)),
            "this_week": _iso_week(timezone.localdate()),
            "feed": CalendarFeed.objects.filter(user=request.user).first(),
        }
    )
    return render(request, "scheduling/agenda_week.html", context)


@login_required
@require_GET
def agenda_day(request):
    counsellor = _agenda_owner(request)
    day = _day(request)
    context = _agenda_context(request, counsellor, day, day)
    context.update(
        {
            "title": f"Agenda du {day:%d/%m/%Y}",
            "day": context["days"][0],
            "previous_day": day - datetime.timedelta(days=1),
            "next_day": day + datetime.timedelta(days=1),
            "week": _iso_week(day),
        }
    )
    return render(request, "scheduling/agenda_day.html", context)


@login_required
def agenda_new_appointment(request):
    """From the agenda: find the young person, then plan the appointment on their file."""
    _require(policy.can_use_agenda(request.user))
    q = request.GET.get("q", "").strip()
    results = search_young_people(YoungPerson.objects.visible_to(request.user), q)[:15] if q else []
    back = _safe_next(request, request.GET.get("next"), reverse("scheduling:agenda"))
    context = {
        "q": q,
        "results": results,
        "back": back,
        "date": request.GET.get("date", ""),
        "title": "Nouveau rendez-vous",
    }
    if request.htmx and request.htmx.target == "results":
        return render(request, "scheduling/_young_person_results.html", context)
    return render(request, "scheduling/agenda_new.html", context)


@login_required
def appointment_create(request, uid):
    young_person = policy.get_young_person_or_404(request.user, uid)
    _require(policy.can_edit_young_person(request.user, young_person))
    default_next = reverse("youngpeople:detail", args=[young_person.uid])
    next_url = _safe_next(
        request, request.POST.get("next") or request.GET.get("next"), default_next
    )
    initial = {"next": next_url}
    if request.user.is_mission_locale_staff:
        initial["counsellor"] = request.user.pk
    day = request.GET.get("date", "")
    if day:
        initial["starts_at"] = f"{day}T09:00"
    form = AppointmentForm(request.POST or None, young_person=young_person, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = {k: v for k, v in form.cleaned_data.items() if k != "next"}
        try:
            services.appointment_create(actor=request.user, young_person=young_person, data=data)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, "Le rendez-vous a été planifié.")
            return _redirect(request, next_url)
    if request.method == "GET":
        audit.record_read(actor=request.user, young_person=young_person, what="nouveau rendez-vous")
    context = {
        "form": form,
        "yp": young_person,
        "next_url": next_url,
        "title": "Nouveau rendez-vous",
    }
    template = (
        "scheduling/_appointment_form.html" if request.htmx else "scheduling/appointment_form.html"
    )
    return render(request, template, context)


@login_required
@require_POST
def appointment_status(request, uid):
    """Quick status buttons of the agenda (htmx: the row is answered, updated in place)."""
    queryset = Appointment.objects.select_related("young_person", "postponed_to")
    appointment = policy.get_appointment_or_404(request.user, uid, queryset)
    form = StatusForm(request.POST)
    error = ""
    if form.is_valid():
        try:
            services.appointment_set_status(
                actor=request.user,
                appointment=appointment,
                status=form.cleaned_data["status"],
                reason=form.cleaned_data["reason"],
                new_starts_at=form.cleaned_data["new_starts_at"],
            )
        except ValidationError as exc:
            error = " ".join(exc.messages)
    else:
        error = " ".join(m for errors in form.errors.values() for m in errors)
        if "new_starts_at" in form.errors:
            error = "Date du report invalide : indiquez le jour et l'heure."
    if request.htmx:
        appointment = queryset.get(pk=appointment.pk)
        return render(
            request,
            "scheduling/_appointment_row.html",
            {"appointment": appointment, "error": error, "now": timezone.now(), "next_url": ""},
        )
    if error:
        messages.error(request, error)
    else:
        messages.success(request, "Le statut du rendez-vous a été enregistré.")
    day = timezone.localdate(appointment.starts_at).isoformat()
    return redirect(
        _safe_next(request, form.data.get("next"), f"{reverse('scheduling:agenda_day')}?date={day}")
    )


# --- Collective sessions -------------------------------------------------------------------


@login_required
@require_GET
def session_list(request):
    _require(policy.can_use_agenda(request.user))
    show_past = request.GET.get("periode") == "passees"
    return render(
        request,
        "scheduling/session_list.html",
        {
            "sessions": selectors.sessions(request.user, upcoming=not show_past),
            "show_past": show_past,
            "title": "Ateliers et informations collectives",
        },
    )


@login_required
def session_create(request):
    _require(policy.can_use_agenda(request.user))
    form = SessionForm(request.POST or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        try:
            session = services.session_create(actor=request.user, data=form.cleaned_data)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, "La séance a été planifiée.")
            return redirect("scheduling:session_detail", uid=session.uid)
    return render(
        request, "scheduling/session_form.html", {"form": form, "title": "Nouvelle séance"}
    )


def _session(request, uid):
    return policy.get_session_or_404(request.user, uid, selectors.session_queryset())


@login_required
@require_GET
def session_detail(request, uid):
    session = _session(request, uid)
    q = request.GET.get("q", "").strip()
    participations = list(selectors.attendance(session))
    registered = {p.young_person_id for p in participations}
    candidates = []
    if q:
        candidates = [
            yp
            for yp in search_young_people(YoungPerson.objects.visible_to(request.user), q)[:15]
            if yp.pk not in registered
        ]
    context = {
        "session": session,
        "participations": participations,
        "q": q,
        "candidates": candidates,
        "statuses": ParticipationStatus.choices,
        "has_started": session.starts_at <= timezone.now(),
        "is_full": session.capacity is not None and len(participations) >= session.capacity,
        "title": session.title,
    }
    if request.htmx and request.htmx.target == "candidates":
        return render(request, "scheduling/_session_candidates.html", context)
    return render(request, "scheduling/session_detail.html", context)


@login_required
@require_POST
def session_register(request, uid):
    session = _session(request, uid)
    young_person_uid = request.POST.get("young_person", "")
    try:
        young_person = policy.get_young_person_or_404(request.user, young_person_uid)
    except Http404:
        messages.error(request, "Choisissez un jeune de votre Mission Locale.")
        return redirect("scheduling:session_detail", uid=session.uid)
    try:
        services.participation_register(
            actor=request.user, session=session, young_person=young_person
        )
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, f"{young_person} est inscrit·e à la séance.")
    return redirect("scheduling:session_detail", uid=session.uid)


@login_required
@require_POST
def session_attendance(request, uid):
    """The whole attendance list at once: one select per line, named `p-<id>`."""
    session = _session(request, uid)
    statuses = {
        key[2:]: value
        for key, value in request.POST.items()
        if key.startswith("p-") and key[2:].isdigit()
    }
    try:
        changed = services.participations_mark(
            actor=request.user, session=session, statuses=statuses
        )
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(
            request,
            f"Présences enregistrées ({changed} ligne{'s' if changed > 1 else ''} modifiée"
            f"{'s' if changed > 1 else ''}).",
        )
    return redirect("scheduling:session_detail", uid=session.uid)


# --- Calendar feed ---------------------------------------------------------------------------


@login_required
@require_POST
def feed_regenerate(request):
    _require(policy.can_use_agenda(request.user))
    raw = services.calendar_feed_regenerate(actor=request.user)
    feed_url = request.build_absolute_uri(reverse("scheduling:feed", args=[raw]))
    context = {"feed_url": feed_url, "feed": CalendarFeed.objects.get(user=request.user)}
    if request.htmx:
        return render(request, "scheduling/_feed.html", context)
    return render(
        request, "scheduling/feed.html", {**context, "title": "Abonnement à votre agenda"}
    )


@require_GET
def feed(request, token):
    """The .ics feed read by calendar applications (no login: the secret address is the key)."""
    calendar_feed = CalendarFeed.objects.for_raw_token(token).select_related("user").first()
    if calendar_feed is None or not policy.can_use_agenda(calendar_feed.user):
        raise Http404("Agenda introuvable.")
    body = ics.calendar_for(calendar_feed.user, request.build_absolute_uri("/"))
    response = HttpResponse(body, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = 'inline; filename="agenda-jalon.ics"'
    response["Cache-Control"] = "private, max-age=300"
    return response
