import datetime

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_POST

from jalon import policy
from jalon.governance import services
from jalon.governance.forms import BarometerForm, GovernanceRecordForm
from jalon.governance.models import BarometerParticipation, GovernanceRecord
from jalon.governance.selectors import barometer_results, governance_counts
from jalon.pilotage.forms import YearForm
from jalon.web.forms import add_service_errors


def _year(request) -> int:
    form = YearForm(request.GET or None)
    return (form.cleaned_data["annee"] if form.is_valid() else None) or timezone.localdate().year


@login_required
def overview(request):
    """The year's governance counts (annex 3) and the records behind them."""
    if not policy.can_read_governance(request.user):
        raise PermissionDenied
    year = _year(request)
    start, end = datetime.date(year, 1, 1), datetime.date(year, 12, 31)
    records = (
        GovernanceRecord.objects.visible_to(request.user)
        .filter(held_on__range=(start, end))
        .select_related("region", "recorded_by")
    )
    return render(
        request,
        "governance/overview.html",
        {
            "title": "Gouvernance de l'accord-cadre Justice",
            "year": year,
            "year_form": YearForm(request.GET or None),
            "counts": governance_counts(request.user, start=start, end=end),
            "records": [
                (record, policy.can_edit_governance_record(request.user, record))
                for record in records
            ],
            "can_record": policy.can_record_governance_events(request.user),
        },
    )


@login_required
def record_create(request):
    if not policy.can_record_governance_events(request.user):
        raise PermissionDenied
    form = GovernanceRecordForm(
        request.POST or None, regions=policy.governance_regions(request.user)
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            record = services.record_governance_event(
                actor=request.user,
                kind=data["kind"],
                region=data["region"],
                held_on=data["held_on"],
                title=data["title"],
                participants=data["participants"],
            )
        except ValidationError as exc:
            add_service_errors(form, exc)
        except PermissionDenied:
            form.add_error(
                None,
                "Vous ne pouvez enregistrer que les comités régionaux, échanges de pratiques et "
                "outils de votre région ; le reste est enregistré par l'UNML.",
            )
        else:
            messages.success(request, f"{record} enregistré.")
            return redirect("governance:overview")
    return render(
        request,
        "governance/record_form.html",
        {"title": "Enregistrer un événement de gouvernance", "form": form},
    )


@login_required
@require_POST
def record_delete(request, uid):
    record = policy.get_governance_record_or_404(request.user, uid)
    if not policy.can_edit_governance_record(request.user, record):
        raise PermissionDenied
    services.delete_governance_record(actor=request.user, record=record)
    messages.success(request, f"{record} supprimé.")
    return redirect("governance:overview")


@login_required
def barometer_answer(request):
    """The CJML's yearly answer to the cooperation barometer, anonymous once sent."""
    if not policy.can_answer_barometer(request.user):
        raise PermissionDenied
    year = timezone.localdate().year
    answered = BarometerParticipation.objects.filter(user=request.user, year=year).exists()
    form = BarometerForm(request.POST or None)
    if request.method == "POST" and not answered and form.is_valid():
        try:
            services.answer_barometer(actor=request.user, **form.cleaned_data)
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, "Merci ! Votre réponse anonyme a été enregistrée.")
            return redirect("governance:barometer")
    return render(
        request,
        "governance/barometer.html",
        {
            "title": f"Baromètre des coopérations {year}",
            "form": form,
            "answered": answered,
            "year": year,
            "threshold": settings.GOVERNANCE_BAROMETER_MIN_ANSWERS,
        },
    )


@login_required
def barometer_results_page(request):
    if not policy.can_read_governance(request.user):
        raise PermissionDenied
    return render(
        request,
        "governance/barometer_results.html",
        {
            "title": "Résultats du baromètre des coopérations",
            "year_form": YearForm(request.GET or None),
            **barometer_results(request.user, year=_year(request)),
        },
    )
