from django.contrib.auth.decorators import login_required
from django.http import JsonResponse
from django.shortcuts import redirect, render

from jalon import policy


@login_required
def home(request):
    """Each role lands where its work is."""
    user = request.user
    if policy.can_use_worklist(user):
        return redirect("alerts:worklist")
    if policy.can_read_named_files(user):
        return redirect("youngpeople:list")
    if policy.can_read_aggregates(user):
        return redirect("pilotage:overview")
    if policy.can_use_partner_portal(user):
        return redirect("partners:portal")
    if policy.can_read_audit(user):  # the data protection officer: the journal is their tool
        return redirect("audit:list")
    return render(request, "web/home.html", {"title": "Accueil"})


def not_found(request, exception=None):
    """Partners' systems get JSON, people get a page; both in French."""
    if request.path.startswith("/api/"):
        return JsonResponse({"message": "Ressource introuvable.", "errors": {}}, status=404)
    return render(request, "404.html", status=404)
