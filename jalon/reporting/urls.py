from django.urls import path

from jalon.reporting import views

app_name = "reporting"
urlpatterns = [
    path("indicateurs/", views.dashboard, name="dashboard"),
    path("indicateurs/definitions/", views.definitions, name="definitions"),
    path("indicateurs/export.xlsx", views.export_xlsx, name="export_xlsx"),
    path("indicateurs/fiche-ase.xlsx", views.ase_yearly_sheet, name="ase_yearly_sheet"),
    path(
        "indicateurs/transmission-justice.xlsx",
        views.justice_transmission,
        name="justice_transmission",
    ),
    path("indicateurs/<slug:code>/jeunes/", views.drill_down, name="drill_down"),
    path("indicateurs/<slug:code>/export.csv", views.export_csv, name="export_csv"),
]
