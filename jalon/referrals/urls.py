from django.urls import path

from jalon.referrals import views

app_name = "referrals"
urlpatterns = [
    path("fiches-de-liaison/", views.liaison_list, name="list"),
    path("fiches-de-liaison/nouvelle/", views.liaison_create, name="create"),
    path("fiches-de-liaison/mission-locale/", views.liaison_suggest, name="suggest"),
    path("fiches-de-liaison/<uuid:uid>/", views.liaison_detail, name="detail"),
    path("fiches-de-liaison/<uuid:uid>/pdf/", views.liaison_pdf, name="pdf"),
    path(
        "fiches-de-liaison/<uuid:uid>/pieces/<uuid:attachment_uid>/",
        views.liaison_attachment,
        name="attachment",
    ),
    path("fiches-de-liaison/<uuid:uid>/pieces/", views.liaison_attach, name="attach"),
    path("fiches-de-liaison/<uuid:uid>/reception/", views.liaison_acknowledge, name="acknowledge"),
    path("fiches-de-liaison/<uuid:uid>/rapprocher/", views.liaison_match, name="match"),
    path("fiches-de-liaison/<uuid:uid>/creer-dossier/", views.liaison_register, name="register"),
    path(
        "fiches-de-liaison/<uuid:uid>/rendez-vous/", views.liaison_appointment, name="appointment"
    ),
    path("fiches-de-liaison/<uuid:uid>/accompagnement/", views.liaison_start, name="start"),
    path("fiches-de-liaison/<uuid:uid>/refuser/", views.liaison_refuse, name="refuse"),
    path("fiches-de-liaison/<uuid:uid>/annuler/", views.liaison_cancel, name="cancel"),
    path("fiches-de-liaison/<uuid:uid>/commentaire/", views.liaison_comment, name="comment"),
]
