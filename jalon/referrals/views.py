"""Pages of the liaison forms: partners send and follow, the recipient Mission Locale handles."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_POST

from jalon import policy
from jalon.audit import services as audit
from jalon.audit.models import AuditAction
from jalon.core.versioning import ConcurrentEditError
from jalon.referrals import pdf, services
from jalon.referrals.enums import OPEN_STATUSES
from jalon.referrals.forms import CommentForm, LiaisonFormForm, MatchForm
from jalon.referrals.models import LiaisonAttachment, LiaisonForm
from jalon.scheduling.forms import AppointmentForm
from jalon.web.concurrency import track_version
from jalon.web.forms import add_service_errors
from jalon.youngpeople import documents
from jalon.youngpeople.duplicates import find_likely_duplicates
from jalon.youngpeople.forms import YoungPersonCreateForm, YoungPersonForm
from jalon.youngpeople.services import DuplicateSuspected

_DETAIL = LiaisonForm.objects.select_related(
    "sender",
    "sender_organisation",
    "recipient_organisation",
    "commune",
    "establishment",
    "young_person",
    "appointment",
)


def _require(allowed: bool) -> None:
    if not allowed:
        raise PermissionDenied


def _get(request, uid):
    return policy.get_liaison_form_or_404(request.user, uid, _DETAIL)


def record_read(user, form, what="fiche de liaison"):
    """Every opening of a form is journalled: it names a young person."""
    audit.record(
        actor=user,
        action=AuditAction.READ,
        obj=form,
        young_person=form.young_person if policy.can_read_named_files(user) else None,
        mission_locale=services._mission_locale_of(form),
        changes={"vue": [None, what]},
    )


@login_required
def liaison_list(request):
    _require(policy.can_use_liaison_forms(request.user))
    forms = LiaisonForm.objects.visible_to(request.user).select_related(
        "sender_organisation", "recipient_organisation"
    )
    organisation_id = request.user.organisation_id
    inbox = forms.filter(recipient_organisation_id=organisation_id, status__in=OPEN_STATUSES)
    context = {
        "inbox": list(inbox.inbox_order()),
        "received_closed": list(
            forms.filter(recipient_organisation_id=organisation_id).exclude(
                status__in=OPEN_STATUSES
            )[:100]
        ),
        "sent": list(forms.filter(sender_organisation_id=organisation_id)[:200]),
        "can_send": policy.can_send_liaison_form(request.user) and request.user.is_partner,
        "title": "Fiches de liaison",
    }
    return render(request, "referrals/list.html", context)


@login_required
def liaison_create(request):
    """A partner writes to a Mission Locale; a counsellor, from a file, writes to a partner."""
    _require(policy.can_send_liaison_form(request.user))
    young_person = None
    initial = {"consent_date": timezone.localdate()}
    if not request.user.is_partner:
        young_person = policy.get_young_person_or_404(
            request.user, request.GET.get("jeune") or request.POST.get("jeune")
        )
        initial.update(
            last_name=young_person.last_name,
            first_names=young_person.first_names,
            birth_date=young_person.birth_date,
            phone=young_person.phone,
            email=young_person.email,
            commune=young_person.commune.code if young_person.commune_id else None,
        )
    form = LiaisonFormForm(
        request.POST or None, request.FILES or None, sender=request.user, initial=initial
    )
    suggestion = None
    if request.method == "POST" and form.is_valid():
        data = {k: v for k, v in form.cleaned_data.items() if k != "attachments"}
        try:
            sent = services.liaison_form_send(
                actor=request.user,
                data=data,
                attachments=form.cleaned_data["attachments"],
                young_person=young_person,
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, "La fiche de liaison a été envoyée.")
            return redirect("referrals:detail", uid=sent.uid)
    if request.user.is_partner and form.is_bound and not form.errors.get("commune"):
        suggestion = services.suggested_mission_locale(form.cleaned_data.get("commune"))
    if young_person is not None and request.method == "GET":
        audit.record_read(
            actor=request.user, young_person=young_person, what="nouvelle fiche de liaison"
        )
    return render(
        request,
        "referrals/form.html",
        {
            "form": form,
            "yp": young_person,
            "suggestion": suggestion,
            "title": "Nouvelle fiche de liaison",
        },
    )


@login_required
def liaison_suggest(request):
    """The Mission Locale covering a commune (htmx hint while a partner fills the form)."""
    _require(policy.can_send_liaison_form(request.user))
    from jalon.network.models import Commune

    commune = Commune.objects.filter(code=request.GET.get("commune", "")).first()
    return render(
        request,
        "referrals/_suggestion.html",
        {"suggestion": services.suggested_mission_locale(commune)},
    )


def _detail_context(request, form):
    user = request.user
    categories = policy.liaison_file_categories(user, form)
    handler = policy.can_handle_liaison_form(user, form)
    comment_form = None
    if handler:
        comment_form = CommentForm(initial={"internal_comment": form.internal_comment})
        track_version(comment_form, form.version)
    return {
        "lf": form,
        "transitions": form.transitions.select_related("by"),
        "attachments": form.attachments.all(),
        "is_handler": handler,
        "is_partner_recipient": policy.can_answer_liaison_form_as_partner(user, form),
        "can_cancel": policy.can_cancel_liaison_form(user, form) and form.status in OPEN_STATUSES,
        "can_attach": policy.can_add_liaison_attachment(user, form)
        and form.status in OPEN_STATUSES,
        "max_size": documents.max_size_label(),
        "show_internal_comment": policy.can_read_liaison_internal_comment(user, form),
        "show_appointment": handler
        or (form.appointment_id is not None and "appointments" in categories),
        "show_file_link": form.young_person_id is not None
        and policy.can_edit_young_person(user, form.young_person),
        "comment_form": comment_form,
        "title": f"Fiche de liaison : {form.person_name}",
    }


@login_required
def liaison_detail(request, uid):
    form = _get(request, uid)
    record_read(request.user, form)
    return render(request, "referrals/detail.html", _detail_context(request, form))


def _act(request, uid, action, success: str, **kwargs):
    form = _get(request, uid)
    try:
        action(actor=request.user, form=form, **kwargs)
    except ValidationError as error:
        for message in error.messages:
            messages.error(request, message)
    else:
        messages.success(request, success)
    return redirect("referrals:detail", uid=form.uid)


@login_required
@require_POST
def liaison_acknowledge(request, uid):
    return _act(request, uid, services.liaison_form_acknowledge, "Réception confirmée.")


@login_required
@require_POST
def liaison_start(request, uid):
    return _act(request, uid, services.liaison_form_start_accompaniment, "Accompagnement commencé.")


@login_required
@require_POST
def liaison_refuse(request, uid):
    return _act(
        request,
        uid,
        services.liaison_form_refuse,
        "La fiche a été refusée ; la structure émettrice voit le motif.",
        reason=request.POST.get("reason", ""),
    )


@login_required
@require_POST
def liaison_cancel(request, uid):
    return _act(
        request,
        uid,
        services.liaison_form_cancel,
        "La fiche a été annulée.",
        reason=request.POST.get("reason", ""),
    )


@login_required
@require_POST
def liaison_attach(request, uid):
    form = _get(request, uid)
    _require(policy.can_add_liaison_attachment(request.user, form))
    uploaded = request.FILES.get("file")
    try:
        if uploaded is None:
            raise ValidationError("Choisissez un fichier à joindre.")
        attachment = services.liaison_form_attach(actor=request.user, form=form, uploaded=uploaded)
    except ValidationError as error:
        for message in error.messages:
            messages.error(request, message)
    else:
        messages.success(
            request, f"La pièce « {attachment.original_name} » a été ajoutée à la fiche."
        )
    return redirect("referrals:detail", uid=form.uid)


@login_required
@require_POST
def liaison_comment(request, uid):
    form = _get(request, uid)
    _require(policy.can_handle_liaison_form(request.user, form))
    comment_form = CommentForm(request.POST)
    track_version(comment_form, form.version)
    if comment_form.is_valid():
        try:
            services.liaison_form_comment(
                actor=request.user,
                form=form,
                comment=comment_form.cleaned_data["internal_comment"],
                version=comment_form.cleaned_data["version"],
            )
        except ConcurrentEditError as conflict:
            messages.error(request, conflict.page_message)
        else:
            messages.success(request, "Le commentaire interne a été enregistré.")
    else:
        messages.error(request, "Le commentaire n'a pas pu être enregistré : rechargez la page.")
    return redirect("referrals:detail", uid=form.uid)


@login_required
def liaison_match(request, uid):
    """Candidates by the duplicate rules: the user's own Mission Locale's files can be matched;
    a file held elsewhere is only named with its Mission Locale's contact."""
    form = _get(request, uid)
    _require(policy.can_handle_liaison_form(request.user, form))
    if request.method == "POST":
        match_form = MatchForm(request.POST)
        if match_form.is_valid():
            young_person = policy.get_young_person_or_404(
                request.user, match_form.cleaned_data["young_person"]
            )
            try:
                services.liaison_form_match(
                    actor=request.user, form=form, young_person=young_person
                )
            except ValidationError as error:
                for message in error.messages:
                    messages.error(request, message)
            else:
                messages.success(
                    request,
                    "La fiche est rapprochée du dossier ; le consentement à la structure "
                    "émettrice y est enregistré.",
                )
            return redirect("referrals:detail", uid=form.uid)
    candidates = find_likely_duplicates(
        last_name=form.last_name, first_names=form.first_names, birth_date=form.birth_date
    )
    record_read(request.user, form, what="rapprochement")
    return render(
        request,
        "referrals/match.html",
        {
            "lf": form,
            "candidates": policy.disclosed_duplicates(request.user, candidates),
            "title": "Rapprocher la fiche d'un dossier",
        },
    )


def _prefill(form: LiaisonForm) -> dict:
    initial = {
        "last_name": form.last_name,
        "first_names": form.first_names,
        "birth_date": form.birth_date,
        "phone": form.phone,
        "email": form.email,
    }
    if form.commune_id and len(form.commune.postal_code_list) == 1:
        initial["postal_code"] = form.commune.postal_code_list[0]
        initial["commune"] = form.commune.code
    return {k: v for k, v in initial.items() if v}


@login_required
def liaison_register(request, uid):
    """Open the file from the form: the file form, prefilled, with the duplicate check."""
    form = _get(request, uid)
    _require(policy.can_handle_liaison_form(request.user, form))
    if form.young_person_id:
        messages.info(request, "Cette fiche est déjà rapprochée d'un dossier.")
        return redirect("referrals:detail", uid=form.uid)
    file_form = YoungPersonCreateForm(
        request.POST or None, user=request.user, initial=_prefill(form)
    )
    if not file_form.is_bound and "postal_code" in file_form.initial:
        file_form.fields["commune"].widget.choices = [
            ("", "—"),
            *(
                (c.code, c.name)
                for c in YoungPersonForm._communes_for(file_form.initial["postal_code"])
            ),
        ]
    duplicates = []
    if request.method == "POST" and file_form.is_valid():
        data = {k: v for k, v in file_form.cleaned_data.items() if k != "confirm_not_duplicate"}
        try:
            services.liaison_form_register(
                actor=request.user,
                form=form,
                data=data,
                confirm_not_duplicate=file_form.cleaned_data["confirm_not_duplicate"],
            )
        except ValidationError as error:
            add_service_errors(file_form, error)
        except DuplicateSuspected as suspected:
            duplicates = policy.disclosed_duplicates(request.user, suspected.candidates)
        else:
            messages.success(request, "Le dossier a été créé ; la fiche y est rattachée.")
            return redirect("referrals:detail", uid=form.uid)
    return render(
        request,
        "referrals/register.html",
        {
            "form": file_form,
            "duplicates": duplicates,
            "lf": form,
            "title": "Nouveau dossier depuis une fiche de liaison",
            "creating": True,
        },
    )


@login_required
def liaison_appointment(request, uid):
    form = _get(request, uid)
    _require(policy.can_handle_liaison_form(request.user, form))
    if form.young_person_id is None:
        messages.error(request, "Rapprochez d'abord la fiche d'un dossier.")
        return redirect("referrals:detail", uid=form.uid)
    appointment_form = AppointmentForm(
        request.POST or None,
        young_person=form.young_person,
        initial={"counsellor": request.user.pk, "subject": "Fiche de liaison"},
    )
    if request.method == "POST" and appointment_form.is_valid():
        data = {k: v for k, v in appointment_form.cleaned_data.items() if k != "next"}
        try:
            services.liaison_form_set_appointment(actor=request.user, form=form, data=data)
        except ValidationError as error:
            add_service_errors(appointment_form, error)
        else:
            messages.success(request, "Le rendez-vous est fixé ; la structure émettrice le voit.")
            return redirect("referrals:detail", uid=form.uid)
    if request.method == "GET":
        record_read(request.user, form, what="rendez-vous de la fiche de liaison")
    return render(
        request,
        "referrals/appointment.html",
        {"form": appointment_form, "lf": form, "title": "Fixer un rendez-vous"},
    )


@login_required
def liaison_pdf(request, uid):
    """The printable form; a partner's copy never holds the Mission Locale's comments."""
    form = _get(request, uid)
    record_read(request.user, form, what="fiche de liaison (PDF)")
    context = _detail_context(request, form)
    content = pdf.render(
        form,
        transitions=list(context["transitions"]),
        internal_comment=context["show_internal_comment"],
        appointment=context["show_appointment"],
    )
    response = HttpResponse(content, content_type="application/pdf")
    response["Content-Disposition"] = 'attachment; filename="fiche-de-liaison.pdf"'
    response["Cache-Control"] = "private, no-store"
    return response


@login_required
def liaison_attachment(request, uid, attachment_uid):
    """An attachment leaves only here: through the form's policy, journalled."""
    form = _get(request, uid)
    try:
        attachment = form.attachments.get(uid=attachment_uid)
    except (LiaisonAttachment.DoesNotExist, ValidationError, ValueError) as exc:
        raise Http404("Pièce jointe introuvable.") from exc
    record_read(request.user, form, what="pièce jointe")
    try:
        content = documents.storage().open(attachment.stored_name, "rb")
    except FileNotFoundError as exc:
        raise Http404("Le contenu de cette pièce jointe est introuvable.") from exc
    response = FileResponse(
        content,
        as_attachment=True,
        filename=documents.download_name(attachment),
        content_type=attachment.content_type,
    )
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "private, no-store"
    return response
