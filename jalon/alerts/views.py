from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_POST

from jalon import policy
from jalon.accounts import reauth
from jalon.alerts import selectors, services, thresholds
from jalon.alerts.forms import HandleForm, ReassignForm, SnoozeForm, ThresholdsForm
from jalon.alerts.models import DigestSubscription
from jalon.youngpeople.enums import FileStatus
from jalon.youngpeople.models import YoungPerson
from jalon.youngpeople.services import young_people_reassign


def _require(allowed: bool) -> None:
    if not allowed:
        raise PermissionDenied


@login_required
def worklist(request):
    """The counsellor's morning page: today's appointments, what is due, their portfolio."""
    _require(policy.can_use_worklist(request.user))
    today = timezone.localdate()
    alerts = selectors.live_alerts(request.user, today)
    return render(
        request,
        "alerts/worklist.html",
        {
            "alerts": alerts,
            "appointments": selectors.todays_appointments(request.user, today),
            "counters": selectors.portfolio_counters(request.user, today),
            "subscribed": DigestSubscription.objects.filter(user=request.user).exists(),
            "handle_form": HandleForm(),
            "snooze_form": SnoozeForm(),
            "today": today,
            "is_director": policy.can_supervise_alerts(request.user),
            "title": "Ma liste de travail",
        },
    )


def _alert_action(request, uid, form_class, act, success):
    alert = policy.get_alert_or_404(request.user, uid)
    form = form_class(request.POST)
    try:
        if not form.is_valid():
            raise ValidationError(form.errors)
        act(alert, form.cleaned_data)
    except ValidationError as error:
        for message in error.messages:
            messages.error(request, message)
    else:
        messages.success(request, success)
    return redirect((request.POST.get("next") == "team" and "alerts:team") or "alerts:worklist")


@login_required
@require_POST
def alert_handle(request, uid):
    return _alert_action(
        request,
        uid,
        HandleForm,
        lambda alert, data: services.alert_handle(
            actor=request.user, alert=alert, note=data["note"]
        ),
        "L'alerte est traitée : elle quitte la liste de travail.",
    )


@login_required
@require_POST
def alert_snooze(request, uid):
    return _alert_action(
        request,
        uid,
        SnoozeForm,
        lambda alert, data: services.alert_snooze(
            actor=request.user, alert=alert, until=data["until"]
        ),
        "L'alerte est reportée : elle reviendra à la date choisie si elle s'applique encore.",
    )


@login_required
@require_POST
def digest_toggle(request):
    _require(policy.can_use_worklist(request.user))
    subscribe = request.POST.get("subscribe") == "1"
    services.digest_subscribe(user=request.user, subscribe=subscribe)
    if subscribe:
        messages.success(
            request, "Vous recevrez chaque matin un courriel de vos nouvelles alertes."
        )
    else:
        messages.success(request, "Le courriel quotidien des alertes est désactivé.")
    return redirect("alerts:worklist")


@login_required
def team(request):
    """The director's view: alerts by counsellor, one counsellor's list, reassigning files."""
    _require(policy.can_supervise_alerts(request.user))
    today = timezone.localdate()
    counsellors = selectors.team(request.user)
    by_pk = {member.pk: member for member in counsellors}
    selected = by_pk.get(_int(request.GET.get("conseiller")))
    files = []
    if selected is not None:
        files = YoungPerson.objects.visible_to(request.user).filter(
            referent=selected, status=FileStatus.ACTIVE
        )
    form = ReassignForm(
        request.POST or None,
        files=files,
        counsellors=[member for member in counsellors if member != selected],
    )
    if request.method == "POST" and selected is not None and form.is_valid():
        moved = young_people_reassign(
            actor=request.user,
            young_people=[yp for yp in files if str(yp.uid) in form.cleaned_data["young_people"]],
            counsellor=by_pk.get(form.cleaned_data["counsellor"]),
        )
        messages.success(request, f"{moved} dossier(s) réattribué(s).")
        return redirect(f"{request.path}?conseiller={selected.pk}")
    rows, queue = selectors.alerts_by_counsellor(request.user, today)
    return render(
        request,
        "alerts/team.html",
        {
            "rows": rows,
            "queue": queue,
            "selected": selected,
            "alerts": selectors.live_alerts(request.user, today, counsellor=selected)
            if selected
            else [],
            "form": form,
            "title": "Alertes de l'équipe",
        },
    )


def _int(value):
    try:
        return int(value)
    except (TypeError, ValueError):
        return None


@login_required
@reauth.reauth_required
def threshold_settings(request):
    """A director adapts the thresholds to the Mission Locale (national values otherwise)."""
    _require(policy.can_supervise_alerts(request.user))
    mission_locale_id = request.user.organisation_id
    current = thresholds.for_mission_locale(mission_locale_id)
    national = thresholds.national()
    form = ThresholdsForm(request.POST or None, current=current, national=national)
    if request.method == "POST" and form.is_valid():
        services.thresholds_update(actor=request.user, values=form.cleaned_data)
        messages.success(request, "Les seuils sont enregistrés ; les alertes sont recalculées.")
        return redirect("alerts:thresholds")
    return render(request, "alerts/thresholds.html", {"form": form, "title": "Seuils des alertes"})
