from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db.models import Q
from django.shortcuts import render

from jalon import policy
from jalon.network.models import Organisation, OrganisationKind, Region
from jalon.partners.selectors import correspondents_for


@login_required
def directory(request):
    """The network and its partners: who is where and how to reach them."""
    if not policy.can_browse_directory(request.user):
        raise PermissionDenied
    kind = request.GET.get("type", "")
    region = request.GET.get("region", "")
    q = request.GET.get("q", "").strip()
    organisations = Organisation.objects.select_related("region", "departement", "commune")
    if kind in OrganisationKind.values:
        organisations = organisations.filter(kind=kind)
    if region:
        organisations = organisations.filter(region__code=region)
    if q:
        organisations = organisations.filter(
            Q(name__icontains=q) | Q(code__icontains=q) | Q(commune__name__icontains=q)
        )
    page = Paginator(organisations.order_by("kind", "name"), 50).get_page(request.GET.get("page"))
    return render(
        request,
        "network/directory.html",
        {
            "page_obj": page,
            "kinds": OrganisationKind.choices,
            "regions": Region.objects.all(),
            "kind": kind,
            "region": region,
            "q": q,
            "correspondents": correspondents_for(request.user),
            "can_manage_correspondents": policy.can_manage_correspondents(request.user),
            "title": "Réseau et partenaires",
        },
    )
