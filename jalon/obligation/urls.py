from django.urls import path

from jalon.obligation import views

app_name = "obligation"

_CASE = "obligation-de-formation/<uuid:uid>/"
_REPORT = "obligation-de-formation/signalements/<uuid:uid>/"

urlpatterns = [
    path("obligation-de-formation/", views.case_list, name="list"),
    path("obligation-de-formation/import/", views.import_upload, name="import"),
    path("obligation-de-formation/import/<uuid:uid>/", views.import_mapping, name="import_mapping"),
    path(
        "obligation-de-formation/import/<uuid:uid>/supprimer/",
        views.import_discard,
        name="import_discard",
    ),
    path("obligation-de-formation/signalements/", views.report_list, name="reports"),
    path(
        "obligation-de-formation/signalements/nouveau/",
        views.report_prepare,
        name="report_prepare",
    ),
    path(_REPORT, views.report_detail, name="report"),
    path(_REPORT + "pdf/", views.report_pdf, name="report_pdf"),
    path(_REPORT + "envoi/", views.report_sent, name="report_sent"),
    path(_CASE, views.case_detail, name="case"),
    path(_CASE + "contacts/", views.contact_add, name="contact_add"),
    path(_CASE + "convocation/", views.convocation, name="convocation"),
    path(_CASE + "convocation/pdf/", views.convocation_pdf, name="convocation_pdf"),
    path(_CASE + "solution/", views.solution, name="solution"),
    path(_CASE + "rattacher/", views.case_link, name="link"),
    path(_CASE + "ouvrir-dossier/", views.case_register, name="register"),
]
