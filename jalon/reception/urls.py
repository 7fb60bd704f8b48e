from django.urls import path

from jalon.reception import views

app_name = "reception"

_DIAGNOSTIC = "jeunes/<uuid:uid>/diagnostics/<uuid:diagnostic_uid>/"

urlpatterns = [
    path("reperage/", views.outreach_list, name="outreach_list"),
    path("reperage/nouveau/", views.outreach_create, name="outreach_create"),
    path("reperage/<uuid:uid>/", views.outreach_detail, name="outreach_detail"),
    path("reperage/<uuid:uid>/inscrire/", views.outreach_register, name="outreach_register"),
    path("jeunes/<uuid:uid>/accueils/nouveau/", views.reception_create, name="reception_create"),
    path(
        "jeunes/<uuid:uid>/accueils/<uuid:reception_uid>/",
        views.reception_detail,
        name="reception_detail",
    ),
    path(
        "jeunes/<uuid:uid>/diagnostics/nouveau/",
        views.diagnostic_create,
        name="diagnostic_create",
    ),
    path(_DIAGNOSTIC, views.diagnostic_detail, name="diagnostic_detail"),
    path(_DIAGNOSTIC + "situation/", views.diagnostic_areas, name="diagnostic_areas"),
    path(
        _DIAGNOSTIC + "entretiens/", views.diagnostic_interview_add, name="diagnostic_interview_add"
    ),
    path(_DIAGNOSTIC + "conclure/", views.diagnostic_complete, name="diagnostic_complete"),
    path(_DIAGNOSTIC + "pdf/", views.diagnostic_pdf_download, name="diagnostic_pdf"),
]
