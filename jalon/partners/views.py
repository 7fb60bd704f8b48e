from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from jalon import policy
from jalon.audit import services as audit
from jalon.network.models import OrganisationKind
from jalon.partners import selectors, services
from jalon.partners.forms import ConsentForm, CorrespondentForm, MemberForm, NoteForm
from jalon.referrals import services as consent_services
from jalon.referrals.models import Consent, LiaisonForm
from jalon.web.forms import add_service_errors


def _require(allowed: bool) -> None:
    if not allowed:
        raise PermissionDenied


# --- Mission Locale side: consents and the follow-up group of a file -----------------------


def _sharing_context(request, young_person, **forms):
    return {
        "yp": young_person,
        "consents": young_person.consents.select_related("organisation", "recorded_by"),
        "members": selectors.group_members(young_person),
        "notes": selectors.group_notes(young_person),
        "can_edit": True,
        "member_form": forms.get("member_form") or MemberForm(young_person=young_person),
        "note_form": forms.get("note_form") or NoteForm(),
        "title": "Consentements et suivi partagé",
    }


@login_required
def sharing(request, uid):
    """What the young person agreed to share, and who follows them with the Mission Locale."""
    young_person = policy.get_young_person_or_404(request.user, uid)
    audit.record_read(actor=request.user, young_person=young_person, what="partage")
    return render(request, "partners/sharing.html", _sharing_context(request, young_person))


@login_required
def consent_create(request, uid):
    young_person = policy.get_young_person_or_404(request.user, uid)
    _require(policy.can_record_consent(request.user, young_person))
    form = ConsentForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            consent_services.consent_record(
                actor=request.user, young_person=young_person, **form.cleaned_data
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, "Le consentement est enregistré.")
            return redirect("partners:sharing", uid=young_person.uid)
    audit.record_read(actor=request.user, young_person=young_person, what="consentement")
    return render(
        request,
        "partners/consent_form.html",
        {"yp": young_person, "form": form, "title": "Enregistrer un consentement"},
    )


@login_required
def consent_withdraw(request, uid):
    """Confirmation, then withdrawal: the partner loses access with the next request."""
    consent = policy.get_record_or_404(
        request.user, Consent.objects.select_related("organisation"), uid
    )
    young_person = consent.young_person
    _require(policy.can_record_consent(request.user, young_person))
    if request.method == "POST":
        try:
            consent_services.consent_withdraw(actor=request.user, consent=consent)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(
                request,
                f"Le consentement pour {consent.organisation} est retiré : "
                "le partage cesse dès maintenant.",
            )
        return redirect("partners:sharing", uid=young_person.uid)
    audit.record_read(actor=request.user, young_person=young_person, what="consentement")
    return render(
        request,
        "partners/consent_withdraw.html",
        {"yp": young_person, "consent": consent, "title": "Retirer un consentement"},
    )


@login_required
@require_POST
def member_add(request, uid):
    young_person = policy.get_young_person_or_404(request.user, uid)
    _require(policy.can_manage_follow_up(request.user, young_person))
    form = MemberForm(request.POST, young_person=young_person)
    if form.is_valid():
        try:
            member = services.follow_up_member_add(
                actor=request.user, young_person=young_person, **form.cleaned_data
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, f"{member.user.get_full_name()} rejoint le suivi partagé.")
            return redirect("partners:sharing", uid=young_person.uid)
    audit.record_read(actor=request.user, young_person=young_person, what="partage")
    return render(
        request, "partners/sharing.html", _sharing_context(request, young_person, member_form=form)
    )


@login_required
@require_POST
def member_end(request, uid):
    """Ending a membership: the professional loses access at once."""
    member = policy.get_follow_up_member_or_404(request.user, uid)
    young_person = member.group.young_person
    _require(policy.can_manage_follow_up(request.user, young_person))
    try:
        services.follow_up_member_end(actor=request.user, member=member)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, f"{member.user.get_full_name()} ne fait plus partie du suivi.")
    return redirect("partners:sharing", uid=young_person.uid)


@login_required
@require_POST
def note_add(request, uid):
    """A note for the whole group, from the Mission Locale or a partner member."""
    young_person = _file_for_group_or_404(request.user, uid)
    form = NoteForm(request.POST)
    if form.is_valid():
        try:
            services.follow_up_note_add(
                actor=request.user, young_person=young_person, text=form.cleaned_data["text"]
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, "La note est partagée avec le groupe de suivi.")
            return redirect(_group_page(request.user), uid=young_person.uid)
    if policy.can_use_partner_portal(request.user):
        return _render_partner_file(request, young_person.uid, note_form=form)
    audit.record_read(actor=request.user, young_person=young_person, what="partage")
    return render(
        request, "partners/sharing.html", _sharing_context(request, young_person, note_form=form)
    )


def _group_page(user) -> str:
    return "partners:partner_file" if policy.can_use_partner_portal(user) else "partners:sharing"


def _file_for_group_or_404(user, uid):
    if policy.can_use_partner_portal(user):
        return policy.get_partner_file_or_404(user, uid)
    young_person = policy.get_young_person_or_404(user, uid)
    _require(policy.can_manage_follow_up(user, young_person))
    return young_person


# --- Partner side: portal and limited file -----------------------------------------------


@login_required
def portal(request):
    """A partner's home: the young people they follow, as consented, and whom to call."""
    _require(policy.can_use_partner_portal(request.user))
    files = []
    for young_person, shared in selectors.partner_files(request.user):
        audit.record_read(actor=request.user, young_person=young_person, what="vue partenaire")
        files.append(shared)
    return render(
        request,
        "partners/portal.html",
        {
            "files": files,
            "correspondents": selectors.correspondents_for(request.user).filter(
                organisation__kind=OrganisationKind.MISSION_LOCALE
            ),
            "liaison_forms": policy.scope_liaison_forms(
                LiaisonForm.objects.select_related("recipient_organisation"), request.user
            ).order_by("-sent_at")[:5],
            "title": "Mes jeunes suivis",
        },
    )


def _render_partner_file(request, uid, note_form=None):
    young_person, shared = selectors.partner_file_for(request.user, uid)
    audit.record_read(actor=request.user, young_person=young_person, what="vue partenaire")
    return render(
        request,
        "partners/partner_file.html",
        {
            "file": shared,
            "members": selectors.group_members(young_person).active(),
            "notes": selectors.group_notes(young_person),
            "note_form": note_form or NoteForm(),
            "title": shared.display_name,
        },
    )


@login_required
def partner_file(request, uid):
    """The limited file: 404 without an active membership and an active consent."""
    return _render_partner_file(request, uid)


# --- Correspondents' directory (managed by directors) ------------------------------------


@login_required
def correspondent_create(request):
    _require(policy.can_manage_correspondents(request.user))
    form = CorrespondentForm(request.POST or None, mission_locale=request.user.organisation)
    if request.method == "POST" and form.is_valid():
        try:
            services.correspondent_create(actor=request.user, data=form.cleaned_data)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, "Le ou la correspondant·e est ajouté·e à l'annuaire.")
            return redirect("network:directory")
    return render(
        request,
        "partners/correspondent_form.html",
        {"form": form, "title": "Ajouter un·e correspondant·e"},
    )


@login_required
@require_POST
def correspondent_end(request, uid):
    _require(policy.can_manage_correspondents(request.user))
    correspondent = policy.get_managed_correspondent_or_404(request.user, uid)
    try:
        services.correspondent_end(actor=request.user, correspondent=correspondent)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, f"{correspondent.person_name} n'apparaît plus dans l'annuaire.")
    return redirect("network:directory")
