from django.urls import path

from jalon.network import views

app_name = "network"
urlpatterns = [path("reseau/", views.directory, name="directory")]
