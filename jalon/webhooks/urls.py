from django.urls import path

from jalon.webhooks import views

app_name = "webhooks"
urlpatterns = [
    path("webhooks/", views.overview, name="overview"),
    path("webhooks/nouveau/", views.subscription_create, name="subscription_create"),
    path("webhooks/<uuid:uid>/secret/", views.subscription_rotate, name="subscription_rotate"),
    path("webhooks/<uuid:uid>/activation/", views.subscription_toggle, name="subscription_toggle"),
    path("webhooks/envois/<uuid:uid>/renvoyer/", views.delivery_redeliver, name="redeliver"),
]
