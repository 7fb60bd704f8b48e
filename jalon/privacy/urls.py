from django.urls import path

from jalon.privacy import views

app_name = "privacy"
urlpatterns = [
    path("jeunes/<uuid:uid>/droits/", views.file_rights, name="file_rights"),
    path("jeunes/<uuid:uid>/droits/donnees.pdf", views.export_pdf, name="export_pdf"),
    path("jeunes/<uuid:uid>/droits/donnees.json", views.export_json, name="export_json"),
    path("jeunes/<uuid:uid>/droits/effacement/", views.erase, name="erase"),
    path("droits/demandes/", views.request_list, name="request_list"),
    path("droits/demandes/<uuid:uid>/", views.request_detail, name="request_detail"),
    path("droits/demandes/<uuid:uid>/prolonger/", views.request_extend, name="request_extend"),
    path("droits/demandes/<uuid:uid>/repondre/", views.request_close, name="request_close"),
]
