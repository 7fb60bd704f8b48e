from django.contrib.auth.views import LogoutView
from django.urls import include, path

from jalon.accounts import views

account_patterns = [
    path("connexion/verification/", views.otp_verify, name="otp_verify"),
    path("connexion/double-authentification/", views.otp_enrol, name="otp_enrol"),
    path("connexion/codes-de-secours/", views.recovery_codes, name="recovery_codes"),
    path("connexion/proconnect/", views.proconnect_login, name="proconnect_login"),
    path("connexion/proconnect/retour/", views.proconnect_callback, name="proconnect_callback"),
    path("confirmer-identite/", views.reauth_view, name="reauth"),
    path("compte/", views.account, name="account"),
    path("compte/mot-de-passe/", views.password_change, name="password_change"),
    path(
        "compte/codes-de-secours/",
        views.recovery_codes_regenerate,
        name="recovery_codes_regenerate",
    ),
    path("equipe/", views.team, name="team"),
    path("equipe/nouveau/", views.team_member_create, name="team_member_create"),
    path("equipe/<int:pk>/role/", views.team_member_role, name="team_member_role"),
    path("equipe/<int:pk>/fin-habilitation/", views.team_member_end, name="team_member_end"),
    path(
        "equipe/<int:pk>/double-authentification/",
        views.team_member_reset_second_factor,
        name="team_member_reset_second_factor",
    ),
]

urlpatterns = [
    path("", include((account_patterns, "accounts"))),
    path("connexion/", views.LoginView.as_view(), name="login"),
    path("deconnexion/", LogoutView.as_view(), name="logout"),
    path("mot-de-passe/oubli/", views.password_reset, name="password_reset"),
    path("mot-de-passe/oubli/envoye/", views.password_reset_done, name="password_reset_done"),
    path(
        "mot-de-passe/nouveau/<uidb64>/<token>/",
        views.password_reset_confirm,
        name="password_reset_confirm",
    ),
    path(
        "mot-de-passe/nouveau/termine/",
        views.password_reset_complete,
        name="password_reset_complete",
    ),
]
