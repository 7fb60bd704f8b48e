from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse
from django.shortcuts import render

from jalon import policy
from jalon.audit import services as audit
from jalon.audit.models import AuditAction
from jalon.governance.selectors import barometer_results, governance_counts
from jalon.reporting import charts, exports, periods, selectors
from jalon.reporting.definitions import (
    INDICATORS,
    JUSTICE_INDICATORS,
    SCOPE_RULE,
    IndicatorCode,
    anonymisation_rule,
)
from jalon.reporting.forms import ReportForm

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _form(request) -> ReportForm:
    if not policy.can_read_indicators(request.user):
        raise PermissionDenied
    return ReportForm(request.GET, user=request.user)


def _invalid(request, form):
    """Bad parameters: the form again, with its French messages."""
    return render(
        request, "reporting/dashboard.html", {"title": "Indicateurs", "form": form}, status=400
    )


@login_required
def dashboard(request):
    form = _form(request)
    context = {"title": "Indicateurs", "form": form, "tables": []}
    if form.is_valid():
        scope, period = form.cleaned_data["scope"], form.cleaned_data["period"]
        tables = selectors.tables(request.user, scope, period)
        context.update(
            scope=scope,
            period=period,
            query=form.query,
            tables=[(table, charts.comparison_bars(table.comparison)) for table in tables],
            drill_down=policy.can_list_young_people_counted(request.user),
            codes={table.indicator.code for table in tables},
            anonymised=policy.indicators_are_anonymised(request.user),
            anonymisation_rule=anonymisation_rule(settings.JALON_REPORTING_SMALL_CELL_THRESHOLD),
        )
    return render(
        request, "reporting/dashboard.html", context, status=200 if form.is_valid() else 400
    )


@login_required
def definitions(request):
    return render(
        request,
        "reporting/definitions.html",
        {
            "title": "Définitions des indicateurs",
            "indicators": INDICATORS.values(),
            "scope_rule": SCOPE_RULE,
            "anonymisation_rule": anonymisation_rule(settings.JALON_REPORTING_SMALL_CELL_THRESHOLD),
        },
    )


@login_required
def drill_down(request, code):
    if code not in INDICATORS:
        raise Http404("Indicateur inconnu.")
    if not policy.can_list_young_people_counted(request.user):
        raise PermissionDenied
    form = _form(request)
    if not form.is_valid():
        return _invalid(request, form)
    scope, period = form.cleaned_data["scope"], form.cleaned_data["period"]
    indicator = INDICATORS[code]
    column = request.GET.get("ligne", "")
    unit = request.GET.get("unite", "")
    try:
        counted, young_people = selectors.counted_young_people(
            request.user, code, column, scope, period, unit
        )
    except ValidationError as error:
        raise Http404(" ".join(error.messages)) from error
    page = Paginator(
        young_people.select_related("referent", "site").order_by("last_name", "first_names", "pk"),
        100,
    ).get_page(request.GET.get("page"))
    audit.record(
        actor=request.user,
        action=AuditAction.READ,
        object_type="reporting.indicator",
        object_id=code,
        mission_locale=scope.mission_locale,
        changes={
            "vue": [None, "jeunes comptés par un indicateur"],
            "période": [None, period.label],
            "ligne": [None, column],
            "dossiers": [None, [str(yp.uid) for yp in page]],
        },
    )
    labels = {c.key: c.label for c in indicator.columns}
    return render(
        request,
        "reporting/drill_down.html",
        {
            "title": f"{indicator.name} : les jeunes comptés",
            "indicator": indicator,
            "line_label": labels.get(column, "Ensemble"),
            "scope": scope,
            "period": period,
            "page": page,
            "counted": counted,
            "hidden": counted - page.paginator.count,
            "query": form.query,
        },
    )


@login_required
def export_xlsx(request):
    form = _form(request)
    if not form.is_valid():
        return _invalid(request, form)
    scope, period = form.cleaned_data["scope"], form.cleaned_data["period"]
    content = exports.as_xlsx(selectors.tables(request.user, scope, period))
    response = HttpResponse(content, content_type=XLSX)
    response["Content-Disposition"] = f'attachment; filename="{_file_name(scope, period)}.xlsx"'
    return response


@login_required
def export_csv(request, code):
    if code not in INDICATORS:
        raise Http404("Indicateur inconnu.")
    form = _form(request)
    if not form.is_valid():
        return _invalid(request, form)
    scope, period = form.cleaned_data["scope"], form.cleaned_data["period"]
    content = exports.as_csv(selectors.table(request.user, code, scope, period))
    response = HttpResponse(content, content_type="text/csv; charset=utf-8")
    name = f"{code}-{_file_name(scope, period)}"
    response["Content-Disposition"] = f'attachment; filename="{name}.csv"'
    return response


def _file_name(scope, period) -> str:
    place = scope.key.replace(":", "-")
    return f"indicateurs-{place}-{period.start:%Y%m%d}-{period.end:%Y%m%d}"


def _year(form) -> periods.Period:
    """The civil year of the chosen period's last day: the yearly sheets stop at 31 December."""
    return periods.containing(periods.PeriodKind.YEAR, form.cleaned_data["period"].end)


def _xlsx(content: bytes, name: str) -> HttpResponse:
    response = HttpResponse(content, content_type=XLSX)
    response["Content-Disposition"] = f'attachment; filename="{name}.xlsx"'
    return response


@login_required
def ase_yearly_sheet(request):
    form = _form(request)
    if not form.is_valid():
        return _invalid(request, form)
    scope, year = form.cleaned_data["scope"], _year(form)
    table = selectors.table(request.user, IndicatorCode.ASE, scope, year)
    place = scope.key.replace(":", "-")
    return _xlsx(exports.ase_yearly_sheets(table), f"fiche-ase-{place}-{year.end.year}")


@login_required
def justice_transmission(request):
    form = _form(request)
    if not form.is_valid():
        return _invalid(request, form)
    if not policy.can_read_penal_indicators(request.user):
        raise PermissionDenied
    scope, year = form.cleaned_data["scope"], _year(form)
    codes = {indicator.code for indicator in JUSTICE_INDICATORS}
    tables = [t for t in selectors.tables(request.user, scope, year) if t.indicator.code in codes]
    governance = barometer = None
    if policy.can_read_governance(request.user):
        governance = governance_counts(request.user, start=year.start, end=year.end)
        barometer = barometer_results(request.user, year=year.end.year)
    content = exports.justice_transmission(tables, governance, barometer)
    place = scope.key.replace(":", "-")
    return _xlsx(content, f"transmission-justice-{place}-{year.end.year}")
