from django.urls import path

from jalon.audit import views

app_name = "audit"
urlpatterns = [path("audit/", views.audit_list, name="list")]
