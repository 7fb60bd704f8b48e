from axes.utils import reset as axes_reset
from django.conf import settings
from django.contrib import messages
from django.contrib.auth import authenticate, update_session_auth_hash
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, JsonResponse
from django.shortcuts import redirect, render
from django.urls import reverse, reverse_lazy
from django.views.decorators.http import require_POST

from jalon import policy
from jalon.accounts import ratelimit, reauth, second_factor, services
from jalon.accounts.forms import (
    LoginForm,
    PasswordChangeForm,
    ReauthForm,
    RoleForm,
    SecondFactorCodeForm,
    TeamMemberCreateForm,
)
from jalon.accounts.models import User
from jalon.web.forms import add_service_errors


class LoginView(auth_views.LoginView):
    template_name = "accounts/login.html"
    authentication_form = LoginForm
    redirect_authenticated_user = True

    def post(self, request, *args, **kwargs):
        if ratelimit.login_blocked(request):
            minutes = settings.JALON_LOGIN_IP_WINDOW_MINUTES
            return render(
                request,
                "accounts/rate_limited.html",
                {"minutes": minutes, "title": "Trop de tentatives"},
                status=429,
            )
        return super().post(request, *args, **kwargs)

    def form_invalid(self, form):
        ratelimit.count_login_failure(self.request)
        return super().form_invalid(form)

    def get_context_data(self, **kwargs):
        return {**super().get_context_data(**kwargs), "proconnect": settings.PROCONNECT_ENABLED}


def lockout_response(request, credentials, *args, **kwargs):
    """django-axes calls this once an account is locked after repeated failures."""
    minutes = round(settings.AXES_COOLOFF_TIME * 60)
    if request.path.startswith("/api/"):
        return JsonResponse(
            {
                "message": "Compte temporairement bloqué après trop d'échecs : "
                f"réessayez dans {minutes} minutes.",
                "errors": {},
            },
            status=429,
        )
    return render(request, "accounts/locked.html", {"minutes": minutes}, status=429)


password_reset = auth_views.PasswordResetView.as_view(
    template_name="accounts/password_reset.html",
    email_template_name="accounts/password_reset_email.txt",
    subject_template_name="accounts/password_reset_subject.txt",
    success_url=reverse_lazy("password_reset_done"),
)
password_reset_done = auth_views.PasswordResetDoneView.as_view(
    template_name="accounts/password_reset_done.html"
)


class PasswordResetConfirmView(auth_views.PasswordResetConfirmView):
    template_name = "accounts/password_reset_confirm.html"
    success_url = reverse_lazy("password_reset_complete")

    def form_valid(self, form):
        # Whoever proves they own the mailbox gets their account back at once.
        axes_reset(username=form.user.email)
        return super().form_valid(form)


password_reset_confirm = PasswordResetConfirmView.as_view()
password_reset_complete = auth_views.PasswordResetCompleteView.as_view(
    template_name="accounts/password_reset_complete.html"
)


# --- Second factor -------------------------------------------------------------------------

RECOVERY_CODES_SESSION_KEY = "jalon_recovery_codes_to_show"


def _next(request, default="home"):
    return reauth.safe_next(
        request, request.POST.get("next") or request.GET.get("next"), reverse(default)
    )


@login_required
def otp_verify(request):
    """Second step of the sign-in: a code from the application, or a recovery code."""
    if second_factor.is_verified(request) or not second_factor.has_device(request.user):
        return redirect(_next(request))
    form = SecondFactorCodeForm(
        request.POST or None,
        help_text="Les 6 chiffres affichés par votre application, ou l'un de vos codes de secours.",
    )
    if request.method == "POST" and form.is_valid():
        try:
            device = second_factor.verify_code(user=request.user, code=form.cleaned_data["code"])
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            second_factor.mark_verified(request, device)
            reauth.mark_reauthenticated(request)
            if second_factor.is_recovery_device(device):
                left = second_factor.remaining_recovery_codes(request.user)
                messages.warning(
                    request,
                    f"Code de secours utilisé : il vous en reste {left}. "
                    "Régénérez-les depuis « Mon compte » si besoin.",
                )
            return redirect(_next(request))
    return render(
        request,
        "accounts/otp_verify.html",
        {"form": form, "next": _next(request), "title": "Double authentification"},
    )


@login_required
def otp_enrol(request):
    """Pairs an authenticator application: QR code (inline SVG) or the secret typed by hand."""
    user = request.user
    if second_factor.has_device(user):
        messages.info(request, "La double authentification est déjà activée sur votre compte.")
        return redirect("accounts:account")
    device = second_factor.pending_totp_device(user)
    form = SecondFactorCodeForm(
        request.POST or None, help_text="Les 6 chiffres affichés par votre application."
    )
    if request.method == "POST" and form.is_valid():
        try:
            device = second_factor.confirm_enrolment(user=user, code=form.cleaned_data["code"])
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            second_factor.mark_verified(request, device)
            reauth.mark_reauthenticated(request)
            request.session[RECOVERY_CODES_SESSION_KEY] = second_factor.create_recovery_codes(
                user=user
            )
            request.session["jalon_after_recovery_codes"] = _next(request)
            return redirect("accounts:recovery_codes")
    return render(
        request,
        "accounts/otp_enrol.html",
        {
            "form": form,
            "next": _next(request),
            "qr_code_svg": second_factor.qr_code_svg(device),
            "secret": second_factor.secret_in_groups(device),
            "title": "Activer la double authentification",
        },
    )


@login_required
def recovery_codes(request):
    """Shown once: the codes leave the session as soon as the page is rendered."""
    codes = request.session.pop(RECOVERY_CODES_SESSION_KEY, None)
    if not codes:
        return redirect("accounts:account")
    return render(
        request,
        "accounts/recovery_codes.html",
        {
            "codes": codes,
            "next": request.session.pop("jalon_after_recovery_codes", reverse("home")),
            "title": "Vos codes de secours",
        },
    )


@login_required
def reauth_view(request):
    """« Confirmez votre identité »: the password again, and a code when the account has one."""
    user = request.user
    with_code = second_factor.has_device(user)
    form = ReauthForm(request.POST or None, with_code=with_code)
    if request.method == "POST" and form.is_valid():
        checked = authenticate(request, username=user.email, password=form.cleaned_data["password"])
        if checked is None or checked.pk != user.pk:
            form.add_error("password", "Mot de passe incorrect.")
        elif with_code:
            try:
                second_factor.verify_code(user=user, code=form.cleaned_data["code"])
            except ValidationError as error:
                add_service_errors(form, error)
        if not form.errors:
            reauth.mark_reauthenticated(request)
            return redirect(_next(request))
    return render(
        request,
        "accounts/reauth.html",
        {
            "form": form,
            "next": _next(request),
            "minutes": settings.JALON_REAUTH_MINUTES,
            "title": "Confirmez votre identité",
        },
    )


# --- My account ----------------------------------------------------------------------------


@login_required
def account(request):
    user = request.user
    return render(
        request,
        "accounts/account.html",
        {
            "has_device": second_factor.has_device(user),
            "required": second_factor.is_required(),
            "recovery_codes_left": second_factor.remaining_recovery_codes(user),
            "title": "Mon compte",
        },
    )


@login_required
def password_change(request):
    form = PasswordChangeForm(request.user, request.POST or None)
    if request.method == "POST" and form.is_valid():
        form.save()
        update_session_auth_hash(request, form.user)
        messages.success(request, "Votre mot de passe a été modifié.")
        return redirect("accounts:account")
    return render(
        request,
        "accounts/password_change.html",
        {"form": form, "title": "Changer de mot de passe"},
    )


@login_required
@require_POST
def recovery_codes_regenerate(request):
    if not second_factor.has_device(request.user):
        messages.error(request, "Activez d'abord la double authentification.")
        return redirect("accounts:account")
    pending = reauth.reauth_response(request, reverse("accounts:account"))
    if pending:
        return pending
    request.session[RECOVERY_CODES_SESSION_KEY] = services.recovery_codes_regenerate(
        actor=request.user
    )
    request.session["jalon_after_recovery_codes"] = reverse("accounts:account")
    return redirect("accounts:recovery_codes")


# --- Team (director) -----------------------------------------------------------------------


def _require(allowed: bool) -> None:
    if not allowed:
        raise PermissionDenied


@login_required
def team(request):
    _require(policy.can_manage_team(request.user))
    members = policy.scope_team_members(
        User.objects.select_related("site").annotate(
            has_second_factor=second_factor.confirmed_device_exists()
        ),
        request.user,
    )
    return render(
        request,
        "accounts/team.html",
        {"members": members, "title": f"Équipe — {request.user.organisation.name}"},
    )


@login_required
def team_member_create(request):
    _require(policy.can_manage_team(request.user))
    form = TeamMemberCreateForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            member = services.team_member_create(
                actor=request.user,
                site_url=request.build_absolute_uri("/"),
                **form.cleaned_data,
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(
                request,
                f"Le compte de {member.get_full_name()} est ouvert : un courriel lui permet "
                "de choisir son mot de passe.",
            )
            return redirect("accounts:team")
    return render(
        request, "accounts/team_member_create.html", {"form": form, "title": "Ouvrir un compte"}
    )


def _team_member(request, pk):
    """Out of the director's scope: 404; not a director at all: 403."""
    _require(policy.can_manage_team(request.user) or policy.is_administrator(request.user))
    return policy.get_team_member_or_404(request.user, pk)


@login_required
@reauth.reauth_required
def team_member_role(request, pk):
    member = _team_member(request, pk)
    _require(policy.can_change_team_member(request.user, member))
    form = RoleForm(request.POST or None, initial={"role": member.role})
    if request.method == "POST" and form.is_valid():
        try:
            services.team_member_change_role(
                actor=request.user, member=member, role=form.cleaned_data["role"]
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(
                request, f"{member.get_full_name()} est désormais {member.get_role_display()}."
            )
            return redirect("accounts:team")
    return render(
        request,
        "accounts/team_member_role.html",
        {"member": member, "form": form, "title": "Changer de rôle"},
    )


@login_required
@reauth.reauth_required
def team_member_end(request, pk):
    member = _team_member(request, pk)
    _require(policy.can_change_team_member(request.user, member))
    if request.method == "POST":
        try:
            services.team_member_end_habilitation(actor=request.user, member=member)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(
                request,
                f"L'habilitation de {member.get_full_name()} a pris fin : son compte est fermé.",
            )
        return redirect("accounts:team")
    return render(
        request,
        "accounts/team_member_end.html",
        {"member": member, "title": "Mettre fin à une habilitation"},
    )


@login_required
@reauth.reauth_required
def team_member_reset_second_factor(request, pk):
    member = _team_member(request, pk)
    _require(policy.can_reset_second_factor(request.user, member))
    # The director comes from the team page, the administrator from the account in /admin/.
    back = (
        reverse("accounts:team")
        if policy.can_manage_team(request.user)
        else reverse("admin:accounts_user_change", args=[member.pk])
    )
    if request.method == "POST":
        services.second_factor_reset(actor=request.user, member=member)
        messages.success(
            request,
            f"La double authentification de {member.get_full_name()} est réinitialisée : "
            "il ou elle l'activera de nouveau à sa prochaine connexion.",
        )
        return redirect(back)
    return render(
        request,
        "accounts/team_member_reset_second_factor.html",
        {
            "member": member,
            "has_device": second_factor.has_device(member),
            "back": back,
            "title": "Réinitialiser la double authentification",
        },
    )


# --- ProConnect ----------------------------------------------------------------------------


def proconnect_login(request):
    if not settings.PROCONNECT_ENABLED:
        raise Http404("ProConnect n'est pas configuré.")
    from mozilla_django_oidc.views import OIDCAuthenticationRequestView

    return OIDCAuthenticationRequestView.as_view()(request)


def proconnect_callback(request):
    if not settings.PROCONNECT_ENABLED:
        raise Http404("ProConnect n'est pas configuré.")
    from jalon.accounts.proconnect import CallbackView

    return CallbackView.as_view()(request)
