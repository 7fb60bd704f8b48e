"""ProConnect (OpenID Connect) sign-in for public agents: it matches accounts, never opens one.

The second factor still applies afterwards (the middleware asks for it like after a password).
"""

from django.contrib import messages
from mozilla_django_oidc.auth import OIDCAuthenticationBackend
from mozilla_django_oidc.views import OIDCAuthenticationCallbackView

from jalon.accounts.models import User

NO_ACCOUNT = (
    "Aucun compte Jalon actif ne correspond à l'adresse électronique de votre compte "
    "ProConnect. Demandez à votre direction d'ouvrir votre compte avec cette adresse."
)
FAILED = (
    "La connexion avec ProConnect n'a pas abouti. Réessayez, ou connectez-vous avec votre "
    "adresse et votre mot de passe."
)


class ProConnectBackend(OIDCAuthenticationBackend):
    def filter_users_by_claims(self, claims):
        email = (claims.get("email") or "").strip()
        if not email:
            return User.objects.none()
        return User.objects.filter(email__iexact=email, is_active=True)

    def get_or_create_user(self, access_token, id_token, payload):
        user = super().get_or_create_user(access_token, id_token, payload)
        if user is None:
            self.request.jalon_proconnect_unmatched = True
        return user

    def update_user(self, user, claims):
        return user  # Jalon's directory is the reference: ProConnect's names change nothing.


class CallbackView(OIDCAuthenticationCallbackView):
    def login_failure(self):
        unmatched = getattr(self.request, "jalon_proconnect_unmatched", False)
        messages.error(self.request, NO_ACCOUNT if unmatched else FAILED)
        return super().login_failure()
