from django.urls import path

from jalon.pilotage import views

app_name = "pilotage"
urlpatterns = [
    path("pilotage/", views.overview_page, name="overview"),
    path("pilotage/cofinancement/", views.cofinancing_page, name="cofinancing"),
    path(
        "pilotage/contexte-territorial/", views.territorial_context_page, name="territorial_context"
    ),
    path(
        "pilotage/contexte-territorial/import/",
        views.territorial_import_page,
        name="territorial_import",
    ),
]
