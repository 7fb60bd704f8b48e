"""A sign-in starts the session's clock and the re-authentication window."""

import time

from django.contrib.auth.signals import user_logged_in
from django.dispatch import receiver

from jalon.accounts import reauth
from jalon.accounts.middleware import LOGIN_AT_SESSION_KEY


@receiver(user_logged_in)
def start_session_clocks(sender, request, user, **kwargs):
    request.session[LOGIN_AT_SESSION_KEY] = time.time()
    reauth.mark_reauthenticated(request)
