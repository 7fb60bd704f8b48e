from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import render

from jalon import policy
from jalon.pilotage.selectors import overview


@login_required
def overview_page(request):
    if not policy.can_read_aggregates(request.user):
        raise PermissionDenied
    return render(
        request, "pilotage/overview.html", {**overview(request.user), "title": "Chiffres clés"}
    )
