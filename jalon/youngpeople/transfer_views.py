"""Pages of the transfers between Missions Locales: request, incoming list, preview, decisions."""

from urllib.parse import urlencode

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST

from jalon import policy
from jalon.audit import services as audit
from jalon.pathways import selectors as pathway_selectors
from jalon.web.forms import add_service_errors
from jalon.youngpeople import transfers
from jalon.youngpeople.enums import TransferStatus
from jalon.youngpeople.forms import TransferAcceptForm, TransferRefuseForm, TransferRequestForm
from jalon.youngpeople.models import FileTransfer

_RELATED = ("young_person", "from_mission_locale", "to_mission_locale", "requested_by")


def _require(allowed: bool) -> None:
    if not allowed:
        raise PermissionDenied


@login_required
def transfer_request(request, uid):
    young_person = policy.get_young_person_or_404(request.user, uid)
    _require(policy.can_request_transfer(request.user, young_person))
    pending = young_person.transfers.pending().first()
    if pending is not None:
        messages.info(request, transfers.ALREADY_PENDING)
        return redirect("youngpeople:transfer_detail", uid=pending.uid)
    form = TransferRequestForm(request.POST or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        try:
            transfer = transfers.transfer_request(
                actor=request.user, young_person=young_person, **form.cleaned_data
            )
        except ValidationError as error:
            add_service_errors(form, error)
        except transfers.TransferConflict as conflict:
            form.add_error(None, conflict.message)
        else:
            messages.success(
                request,
                f"La demande de transfert a été envoyée à {transfer.to_mission_locale.name}.",
            )
            return redirect("youngpeople:transfer_detail", uid=transfer.uid)
    if request.method == "GET":
        audit.record_read(actor=request.user, young_person=young_person, what="transfert")
    return render(
        request,
        "youngpeople/transfer_form.html",
        {"form": form, "yp": young_person, "title": f"Transférer le dossier — {young_person}"},
    )


@login_required
def transfer_incoming(request):
    """Pending transfers to the user's Mission Locale, and those it sent that wait."""
    _require(policy.can_handle_transfers(request.user))
    incoming = FileTransfer.objects.incoming_for(request.user).select_related(*_RELATED)
    outgoing = policy.scope_transfers(
        FileTransfer.objects.pending().filter(from_mission_locale=request.user.organisation_id),
        request.user,
    ).select_related(*_RELATED)
    return render(
        request,
        "youngpeople/transfer_list.html",
        {
            "pending": [t for t in incoming if t.is_pending],
            "decided": [t for t in incoming if not t.is_pending][:20],
            "outgoing": outgoing,
            "title": "Transferts de dossiers",
        },
    )


@login_required
def transfer_detail(request, uid):
    """The receiver sees a preview (never the notes); the sender, its request's progress."""
    transfer = policy.get_transfer_or_404(
        request.user, uid, FileTransfer.objects.select_related(*_RELATED, "decided_by")
    )
    young_person = transfer.young_person
    receiving = transfer.to_mission_locale_id == request.user.organisation_id
    audit.record_read(
        actor=request.user,
        young_person=young_person,
        what="aperçu de transfert" if receiving else "transfert",
    )
    can_decide = policy.can_decide_transfer(request.user, transfer)
    return render(
        request,
        "youngpeople/transfer_detail.html",
        {
            "transfer": transfer,
            "yp": young_person,
            "receiving": receiving,
            "active_pathway": pathway_selectors.active_pathway(young_person),
            "log": transfer.status_changes.select_related("changed_by"),
            "can_decide": can_decide,
            "can_cancel": policy.can_cancel_transfer(request.user, transfer),
            "can_merge": policy.is_mission_locale_director(request.user),
            "duplicates": transfers.duplicates_at_receiver(transfer) if can_decide else [],
            "accept_form": TransferAcceptForm(user=request.user) if can_decide else None,
            "refuse_form": TransferRefuseForm() if can_decide else None,
            "opened": transfer.status == TransferStatus.ACCEPTED and receiving,
            "title": "Transfert de dossier",
        },
    )


def _show_errors(request, error) -> None:
    if isinstance(error, transfers.TransferConflict):
        messages.error(request, error.message)
        return
    for message in error.messages:
        messages.error(request, message)


def _decided_already(request, transfer) -> bool:
    """A second click, or a colleague was quicker: say so rather than refuse the page."""
    if transfer.is_pending:
        return False
    messages.error(request, transfers.NOT_PENDING)
    return True


@login_required
@require_POST
def transfer_accept(request, uid):
    transfer = policy.get_transfer_or_404(request.user, uid)
    if _decided_already(request, transfer):
        return redirect("youngpeople:transfer_detail", uid=transfer.uid)
    _require(policy.can_decide_transfer(request.user, transfer))
    form = TransferAcceptForm(request.POST, user=request.user)
    if not form.is_valid():
        for errors in form.errors.values():
            for message in errors:
                messages.error(request, message)
        return redirect("youngpeople:transfer_detail", uid=transfer.uid)
    try:
        transfers.transfer_accept(actor=request.user, transfer=transfer, **form.cleaned_data)
    except (ValidationError, transfers.TransferConflict) as error:
        _show_errors(request, error)
        return redirect("youngpeople:transfer_detail", uid=transfer.uid)
    messages.success(request, "Le transfert est accepté : le dossier est désormais le vôtre.")
    merge_with = request.POST.get("merge_with")
    if merge_with and policy.is_mission_locale_director(request.user):
        # The director's merge flow, on the file just received and the one already held.
        url = reverse("youngpeople:merge", args=[transfer.young_person.uid])
        return redirect(f"{url}?{urlencode({'other': merge_with})}")
    return redirect("youngpeople:detail", uid=transfer.young_person.uid)


@login_required
@require_POST
def transfer_refuse(request, uid):
    transfer = policy.get_transfer_or_404(request.user, uid)
    if _decided_already(request, transfer):
        return redirect("youngpeople:transfer_detail", uid=transfer.uid)
    _require(policy.can_decide_transfer(request.user, transfer))
    form = TransferRefuseForm(request.POST)
    try:
        if not form.is_valid():
            raise ValidationError(form.errors["reason"])
        transfers.transfer_refuse(
            actor=request.user, transfer=transfer, reason=form.cleaned_data["reason"]
        )
    except (ValidationError, transfers.TransferConflict) as error:
        _show_errors(request, error)
    else:
        messages.success(
            request, "Le transfert est refusé ; la Mission Locale d'origine en est informée."
        )
    return redirect("youngpeople:transfer_detail", uid=transfer.uid)


@login_required
@require_POST
def transfer_cancel(request, uid):
    transfer = policy.get_transfer_or_404(request.user, uid)
    if _decided_already(request, transfer):
        return redirect("youngpeople:transfer_detail", uid=transfer.uid)
    _require(policy.can_cancel_transfer(request.user, transfer))
    try:
        transfers.transfer_cancel(actor=request.user, transfer=transfer)
    except transfers.TransferConflict as error:
        _show_errors(request, error)
    else:
        messages.success(request, "La demande de transfert est annulée.")
    return redirect("youngpeople:detail", uid=transfer.young_person.uid)
