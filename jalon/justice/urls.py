from django.urls import path

from jalon.justice import views

app_name = "justice"

urlpatterns = [
    path("jeunes/<uuid:uid>/justice/", views.file_justice, name="file"),
    path("jeunes/<uuid:uid>/justice/mesure/", views.situation_create, name="situation_create"),
    path("jeunes/<uuid:uid>/justice/tig/", views.tig_create, name="tig_create"),
    path(
        "justice/mesures/<uuid:uid>/date-de-sortie/",
        views.release_date_update,
        name="release_date",
    ),
    path("justice/mesures/<uuid:uid>/amenagement/", views.adjustment_add, name="adjustment"),
    path("justice/mesures/<uuid:uid>/permission/", views.leave_add, name="leave"),
    path("justice/mesures/<uuid:uid>/sortie/", views.release_record, name="release"),
    path("justice/mesures/<uuid:uid>/projet-de-sortie/", views.release_plan, name="release_plan"),
    path("justice/mesures/<uuid:uid>/transfert/", views.release_transfer, name="release_transfer"),
    path("justice/tig/", views.tig_overview, name="tig"),
    path("justice/tig/<uuid:uid>/heures/", views.tig_hours, name="tig_hours"),
    path("justice/tig/<uuid:uid>/module/", views.tig_module, name="tig_module"),
    path("justice/detention/", views.activity, name="activity"),
    path("justice/permanences/nouvelle/", views.session_create, name="session_create"),
    path("justice/permanences/<uuid:uid>/", views.session_detail, name="session"),
    path("justice/permanences/<uuid:uid>/statut/", views.session_status, name="session_status"),
    path("justice/commissions/nouvelle/", views.commission_create, name="commission_create"),
    path("justice/evenements/nouveau/", views.job_event_create, name="job_event_create"),
    path("justice/evenements/<uuid:uid>/", views.job_event_detail, name="job_event"),
    path("justice/annuaire/", views.directory, name="directory"),
    path("justice/annuaire/quotites/<uuid:uid>/fin/", views.assignment_end, name="assignment_end"),
    path("justice/couverture/", views.coverage, name="coverage"),
]
