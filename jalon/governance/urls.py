from django.urls import path

from jalon.governance import views

app_name = "governance"
urlpatterns = [
    path("gouvernance/", views.overview, name="overview"),
    path("gouvernance/nouveau/", views.record_create, name="create"),
    path("gouvernance/<uuid:uid>/supprimer/", views.record_delete, name="delete"),
    path("gouvernance/barometre/", views.barometer_answer, name="barometer"),
    path(
        "gouvernance/barometre/resultats/", views.barometer_results_page, name="barometer_results"
    ),
]
