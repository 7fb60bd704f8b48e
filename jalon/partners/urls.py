from django.urls import path

from jalon.partners import views

app_name = "partners"
urlpatterns = [
    path("partenaires/", views.portal, name="portal"),
    path("partenaires/jeunes/<uuid:uid>/", views.partner_file, name="partner_file"),
    path("suivi-partage/<uuid:uid>/notes/", views.note_add, name="note_add"),
    path("jeunes/<uuid:uid>/partage/", views.sharing, name="sharing"),
    path(
        "jeunes/<uuid:uid>/partage/consentements/nouveau/",
        views.consent_create,
        name="consent_create",
    ),
    path("consentements/<uuid:uid>/retirer/", views.consent_withdraw, name="consent_withdraw"),
    path("jeunes/<uuid:uid>/partage/membres/", views.member_add, name="member_add"),
    path("suivi-partage/membres/<uuid:uid>/fin/", views.member_end, name="member_end"),
    path("reseau/correspondants/nouveau/", views.correspondent_create, name="correspondent_create"),
    path(
        "reseau/correspondants/<uuid:uid>/fin/", views.correspondent_end, name="correspondent_end"
    ),
]
