"""Reads that span models, for pages and API."""

from django.core.paginator import Page, Paginator
from django.db.models import Exists, OuterRef, Prefetch
from django.utils import timezone

from jalon import policy
from jalon.referrals.models import Consent
from jalon.youngpeople.models import Document, FileTransfer, PriorityPublicPeriod, YoungPerson
from jalon.youngpeople.search import search_young_people


def portfolio(user, *, q="", scope="mine", public="", status="", order=("last_name",)):
    """The young people a user works with, filtered; best matches first when searching."""
    queryset = YoungPerson.objects.visible_to(user).select_related("referent", "site")
    if scope == "mine":
        queryset = queryset.filter(referent=user)
    if status:
        queryset = queryset.filter(status=status)
    if public:
        active = PriorityPublicPeriod.objects.active_on(timezone.localdate()).filter(
            young_person=OuterRef("pk"), public=public
        )
        queryset = queryset.filter(Exists(active))
    if q.strip():
        return search_young_people(queryset, q)
    return queryset.order_by(*order)


def search_page(queryset, number, per_page: int) -> Page:
    """A page of search results from one trigram search, not two: the ids of every match in
    order (a name rarely matches more than a few dozen files), then the page's files. A
    paginated queryset would search again to count, and that search is most of the page's
    time at national scale."""
    page = Paginator(list(queryset.values_list("pk", flat=True)), per_page).get_page(number)
    files = with_active_publics(
        YoungPerson.objects.filter(pk__in=page.object_list).select_related("referent", "site")
    ).in_bulk()
    page.object_list = [files[pk] for pk in page.object_list]
    return page


def with_active_publics(queryset):
    today = timezone.localdate()
    return queryset.prefetch_related(
        Prefetch(
            "public_periods",
            queryset=PriorityPublicPeriod.objects.active_on(today),
            to_attr="active_publics",
        )
    )


def file_for_display(user, uid, *, include_emergency=False):
    """A file with everything its page shows, in a fixed number of queries."""
    queryset = YoungPerson.objects.select_related(
        "commune__departement", "mission_locale", "site", "referent", "age_exception_by"
    ).prefetch_related(
        "public_periods",
        "pathways",
        "situations",
        # One query for the documents section and the timeline's documents.
        Prefetch("documents", queryset=Document.objects.select_related("uploaded_by")),
        # One query for the transfer banner and the timeline's transfers.
        Prefetch(
            "transfers",
            queryset=FileTransfer.objects.select_related(
                "from_mission_locale", "to_mission_locale"
            ),
        ),
        # One query for the consents section and the timeline's consents.
        Prefetch("consents", queryset=Consent.objects.select_related("organisation")),
    )
    return policy.get_young_person_or_404(user, uid, queryset, include_emergency=include_emergency)
