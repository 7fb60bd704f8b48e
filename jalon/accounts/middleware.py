"""Every page needs the second factor, and no session outlives a working day."""

import time
from urllib.parse import urlencode

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.shortcuts import redirect
from django.urls import Resolver404, resolve, reverse
from django_htmx.http import HttpResponseClientRedirect

from jalon.accounts import second_factor

LOGIN_AT_SESSION_KEY = "jalon_login_at"

# Reachable with the password alone: finishing the sign-in, leaving, or recovering the password.
PASSWORD_ONLY_URL_NAMES = {
    "logout",
    "accounts:otp_verify",
    "accounts:otp_enrol",
    "password_reset",
    "password_reset_done",
    "password_reset_confirm",
    "password_reset_complete",
}


def _url_name(path: str) -> str:
    try:
        return resolve(path).view_name
    except Resolver404:
        return ""


def _redirect(request, url: str):
    if getattr(request, "htmx", False):
        return HttpResponseClientRedirect(url)
    return redirect(url)


class SecondFactorMiddleware:
    """After django_otp's OTPMiddleware. The API (bearer tokens) has its own checks."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = request.user
        request.second_factor_pending = False
        if request.path_info.startswith(("/api/", settings.STATIC_URL)) or not (
            user.is_authenticated
        ):
            return self.get_response(request)
        if self._session_too_old(request):
            logout(request)
            messages.info(
                request,
                "Votre session a atteint sa durée maximale "
                f"({settings.JALON_SESSION_MAX_HOURS} heures) : reconnectez-vous.",
            )
            return _redirect(request, reverse("login"))
        if not second_factor.is_verified(request) and second_factor.needs_second_factor(user):
            request.second_factor_pending = True
            if _url_name(request.path_info) not in PASSWORD_ONLY_URL_NAMES:
                return _redirect(request, self._second_factor_url(request, user))
        return self.get_response(request)

    @staticmethod
    def _session_too_old(request) -> bool:
        login_at = request.session.get(LOGIN_AT_SESSION_KEY)
        return login_at is None or time.time() - login_at > settings.JALON_SESSION_MAX_HOURS * 3600

    @staticmethod
    def _second_factor_url(request, user) -> str:
        name = "accounts:otp_verify" if second_factor.has_device(user) else "accounts:otp_enrol"
        target = request.get_full_path() if request.method == "GET" else "/"
        query = urlencode({"next": target}) if target != "/" else ""
        return reverse(name) + (f"?{query}" if query else "")
