"""Reads of the obligation de formation: cases with their stage, computed by the database so
that a list of thousands filters and counts by stage in one query."""

import datetime

from django.db.models import Case, CharField, Count, Exists, OuterRef, Q, QuerySet, Value, When

from jalon.obligation import rules
from jalon.obligation.enums import Stage
from jalon.obligation.models import ContactAttempt, DepartementReport, ObligationCase
from jalon.youngpeople.normalize import normalize_text


def with_stage(queryset: QuerySet, today: datetime.date) -> QuerySet:
    """`stage` as rules.case_stage computes it, in SQL."""
    reported = Exists(DepartementReport.cases.through.objects.filter(obligationcase=OuterRef("pk")))
    attempted = Exists(ContactAttempt.objects.filter(case=OuterRef("pk")))
    adult = Q(birth_date__lte=rules.born_on_or_before_for_age(today, rules.OBLIGATION_END_AGE))
    return queryset.annotate(
        is_reported=reported,
        has_attempt=attempted,
        stage=Case(
            When(~Q(solution_kind=""), then=Value(Stage.SOLVED)),
            When(is_reported=True, then=Value(Stage.REPORTED)),
            When(adult, then=Value(Stage.OUT_OF_AGE)),
            When(
                convoked_on__lte=rules.latest_convocation_due(today),
                then=Value(Stage.REPORT_DUE),
            ),
            When(convoked_on__isnull=False, then=Value(Stage.CONVOKED)),
            When(has_attempt=True, then=Value(Stage.CONTACTING)),
            default=Value(Stage.TO_CONTACT),
            output_field=CharField(),
        ),
    )


def cases(user, *, today: datetime.date, stage: str = "", query: str = "") -> QuerySet:
    queryset = with_stage(ObligationCase.objects.visible_to(user), today).select_related(
        "young_person"
    )
    if stage:
        queryset = queryset.filter(stage=stage)
    if query:
        for word in normalize_text(query).split()[:5]:
            queryset = queryset.filter(identity_key__contains=word)
    return queryset


def stage_counts(user, *, today: datetime.date) -> dict[str, int]:
    rows = (
        with_stage(ObligationCase.objects.visible_to(user), today)
        .values("stage")
        .annotate(n=Count("pk"))
        .order_by()
    )
    counts = dict.fromkeys(Stage.values, 0)
    counts.update({row["stage"]: row["n"] for row in rows})
    return counts


def cases_due_for_report(user, *, today: datetime.date) -> QuerySet:
    """Convoked at least two months ago, no solution, still 16-17, not reported yet."""
    return cases(user, today=today, stage=Stage.REPORT_DUE).order_by("convoked_on", "pk")
