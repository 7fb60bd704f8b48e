from django.urls import path

from jalon.pilotage import views

app_name = "pilotage"
urlpatterns = [
    path("pilotage/", views.overview_page, name="overview"),
    path("pilotage/cofinancement/", views.cofinancing_page, name="cofinancing"),
]
