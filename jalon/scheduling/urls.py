from django.urls import path

from jalon.scheduling import views

app_name = "scheduling"
urlpatterns = [
    path("agenda/", views.agenda_week, name="agenda"),
    path("agenda/jour/", views.agenda_day, name="agenda_day"),
    path("agenda/rendez-vous/nouveau/", views.agenda_new_appointment, name="agenda_new"),
    path("agenda/flux/regenerer/", views.feed_regenerate, name="feed_regenerate"),
    path("agenda/flux/<str:token>.ics", views.feed, name="feed"),
    path(
        "jeunes/<uuid:uid>/rendez-vous/nouveau/",
        views.appointment_create,
        name="appointment_create",
    ),
    path("rendez-vous/<uuid:uid>/statut/", views.appointment_status, name="appointment_status"),
    path("ateliers/", views.session_list, name="session_list"),
    path("ateliers/nouveau/", views.session_create, name="session_create"),
    path("ateliers/<uuid:uid>/", views.session_detail, name="session_detail"),
    path("ateliers/<uuid:uid>/inscrire/", views.session_register, name="session_register"),
    path("ateliers/<uuid:uid>/presences/", views.session_attendance, name="session_attendance"),
]
