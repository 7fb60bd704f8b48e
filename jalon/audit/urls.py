from django.urls import path

from jalon.audit import views

app_name = "audit"
urlpatterns = [
    path("audit/", views.audit_list, name="list"),
    path("audit/alertes/<uuid:uid>/examen/", views.alert_review, name="alert_review"),
    path("acces-urgence/", views.emergency_request, name="emergency_request"),
]
