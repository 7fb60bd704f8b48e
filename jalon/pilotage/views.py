from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone

from jalon import policy
from jalon.pilotage import cofinancing, services
from jalon.pilotage.forms import CofinancingForm, TerritorialImportForm, YearForm
from jalon.pilotage.models import TerritorialImport
from jalon.pilotage.selectors import overview, territorial_context
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
            "can_read_territorial_context": policy.can_read_territorial_context(request.user),
            "can_read_governance": policy.can_read_governance(request.user),
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
    elif request.GET.get("perimetre") == "missions-locales":
        # The pilot types each Mission Locale's number released; blanks are refused until then.
        names = policy.aggregate_scope(request.user).order_by("name").values_list("name", flat=True)
        form = CofinancingForm(
            initial={"counts": "territory,released\n" + "".join(f"{name},\n" for name in names)}
        )
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


@login_required
def territorial_context_page(request):
    """Population and job seekers of the territories, and the share of young people reached."""
    if not policy.can_read_territorial_context(request.user):
        raise PermissionDenied
    this_year = timezone.localdate().year
    form = YearForm(request.GET or None)
    year = (form.cleaned_data["annee"] if form.is_valid() else None) or this_year
    return render(
        request,
        "pilotage/territorial_context.html",
        {
            **territorial_context(request.user, year=year),
            "title": "Contexte territorial",
            "form": form,
        },
    )


@login_required
def territorial_import_page(request):
    """A national administrator loads a year of figures per commune (all or nothing)."""
    if not policy.can_import_territorial_context(request.user):
        raise PermissionDenied
    form = TerritorialImportForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        file_name, text = form.cleaned_data["file"]
        try:
            data_import = services.import_territorial_figures(
                actor=request.user,
                source=form.cleaned_data["source"],
                year=form.cleaned_data["year"],
                text=text,
                file_name=file_name,
            )
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(
                request,
                f"{data_import.row_count} communes importées pour {data_import.year} "
                f"({data_import.source}).",
            )
            return redirect("pilotage:territorial_import")
    return render(
        request,
        "pilotage/territorial_import.html",
        {
            "title": "Import des données territoriales",
            "form": form,
            "imports": TerritorialImport.objects.select_related("imported_by")[:50],
        },
    )
