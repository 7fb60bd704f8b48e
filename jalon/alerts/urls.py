from django.urls import path

from jalon.alerts import views

app_name = "alerts"
urlpatterns = [
    path("liste-de-travail/", views.worklist, name="worklist"),
    path("liste-de-travail/courriel/", views.digest_toggle, name="digest"),
    path("liste-de-travail/equipe/", views.team, name="team"),
    path("liste-de-travail/seuils/", views.threshold_settings, name="thresholds"),
    path("alertes/<uuid:uid>/traiter/", views.alert_handle, name="handle"),
    path("alertes/<uuid:uid>/reporter/", views.alert_snooze, name="snooze"),
]
