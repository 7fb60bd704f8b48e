from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.shortcuts import render

from jalon import policy
from jalon.audit.models import AuditAction, AuditEntry


@login_required
def audit_list(request):
    """The director reads who read or changed which file of their Mission Locale."""
    if not policy.can_read_audit(request.user):
        raise PermissionDenied
    entries = AuditEntry.objects.visible_to(request.user).select_related("young_person")
    action = request.GET.get("action", "")
    actor = request.GET.get("auteur", "").strip()
    file_uid = request.GET.get("dossier", "").strip()
    if action in AuditAction.values:
        entries = entries.filter(action=action)
    if actor:
        entries = entries.filter(actor_label__icontains=actor)
    if file_uid:
        entries = entries.filter(object_id=file_uid)
    page = Paginator(entries, 50).get_page(request.GET.get("page"))
    return render(
        request,
        "audit/list.html",
        {
            "page_obj": page,
            "actions": AuditAction.choices,
            "action": action,
            "actor": actor,
            "file_uid": file_uid,
            "title": "Journal d'audit",
        },
    )
