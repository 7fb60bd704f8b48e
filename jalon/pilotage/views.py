from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpResponse
from django.shortcuts import render

from jalon import policy
from jalon.pilotage import cofinancing
from jalon.pilotage.forms import CofinancingForm
from jalon.pilotage.selectors import overview
from jalon.web.forms import add_service_errors


@login_required
def overview_page(request):
    if not policy.can_read_aggregates(request.user):
        raise PermissionDenied
    return render(
        request,
        "pilotage/overview.html",
        {
            **overview(request.user),
            "title": "Chiffres clés",
            "can_compute_cofinancing": policy.can_compute_cofinancing(request.user),
        },
    )


@login_required
def cofinancing_page(request):
    """Share an envelope among territories (annex 5); the result is a page or a CSV file."""
    if not policy.can_compute_cofinancing(request.user):
        raise PermissionDenied
    shares = None
    if request.method == "POST":
        form = CofinancingForm(request.POST, request.FILES)
        if form.is_valid():
            try:
                shares = cofinancing.allocate(
                    envelope=form.cleaned_data["envelope"],
                    counts=form.cleaned_data["parsed_counts"],
                )
            except ValidationError as exc:
                add_service_errors(form, exc)
        if shares is not None and request.POST.get("format") == "csv":
            response = HttpResponse(
                "\ufeff" + cofinancing.to_csv(shares), content_type="text/csv; charset=utf-8"
            )
            response["Content-Disposition"] = 'attachment; filename="repartition-cofinancement.csv"'
            return response
    elif request.GET.get("annexe") == "2024":
        form = CofinancingForm(
            initial={
                "envelope": cofinancing.ANNEX_5_2024_ENVELOPE,
                "counts": cofinancing.ANNEX_5_2024_FILE.read_text(encoding="utf-8"),
            }
        )
    else:
        form = CofinancingForm()
    return render(
        request,
        "pilotage/cofinancing.html",
        {
            "title": "Répartition du cofinancement des CJML",
            "form": form,
            "shares": shares,
            "total_released": sum(s.released for s in shares) if shares else 0,
            "total_amount": sum(s.amount_eur for s in shares) if shares else 0,
            "total_percent": sum(s.share_percent for s in shares) if shares else 0,
        },
    )
