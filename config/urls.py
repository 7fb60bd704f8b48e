from django.contrib import admin
from django.urls import include, path

from jalon.api.api import api

admin.site.site_header = "Jalon — administration"
admin.site.site_title = "Jalon"

urlpatterns = [
    path("admin/", admin.site.urls),
    path("api/v1/", api.urls),
    path("", include("jalon.accounts.urls")),
    path("", include("jalon.youngpeople.urls")),
    path("", include("jalon.reception.urls")),
    path("", include("jalon.pathways.urls")),
    path("", include("jalon.scheduling.urls")),
    path("", include("jalon.network.urls")),
    path("", include("jalon.audit.urls")),
    path("", include("jalon.privacy.urls")),
    path("", include("jalon.partners.urls")),
    path("", include("jalon.justice.urls")),
    path("", include("jalon.childwelfare.urls")),
    path("", include("jalon.pilotage.urls")),
    path("", include("jalon.governance.urls")),
    path("", include("jalon.reporting.urls")),
    path("", include("jalon.referrals.urls")),
    path("", include("jalon.obligation.urls")),
    path("", include("jalon.webhooks.urls")),
    path("", include("jalon.alerts.urls")),
    path("", include("jalon.web.urls")),
]

handler404 = "jalon.web.views.not_found"
