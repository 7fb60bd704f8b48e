from django.urls import path

from jalon.childwelfare import views

app_name = "childwelfare"
urlpatterns = [
    path("ase/", views.worklist, name="worklist"),
    path("jeunes/<uuid:uid>/ase/", views.follow_up, name="follow_up"),
    path("jeunes/<uuid:uid>/ase/ouvrir/", views.follow_up_open, name="open"),
    path("jeunes/<uuid:uid>/ase/modifier/", views.follow_up_edit, name="edit"),
    path("jeunes/<uuid:uid>/ase/situation/", views.status_change, name="status_change"),
    path("jeunes/<uuid:uid>/ase/fin/", views.status_end, name="status_end"),
    path(
        "jeunes/<uuid:uid>/ase/entretiens/nouveau/",
        views.interview_create,
        name="interview_create",
    ),
    path("ase/entretiens/<uuid:uid>/", views.interview_edit, name="interview_edit"),
    path("jeunes/<uuid:uid>/ase/projets/nouveau/", views.project_create, name="project_create"),
    path("ase/projets/<uuid:uid>/", views.project_edit, name="project_edit"),
    path("jeunes/<uuid:uid>/ase/cej/", views.cej_propose, name="cej_propose"),
    path("ase/propositions-cej/<uuid:uid>/reponse/", views.cej_decide, name="cej_decide"),
]
