from django.urls import path

from jalon.pathways import views

app_name = "pathways"
urlpatterns = [
    path("jeunes/<uuid:uid>/parcours/nouveau/", views.pathway_open, name="open"),
    path("jeunes/<uuid:uid>/immersions/nouvelle/", views.pmsmp_create, name="pmsmp_create"),
    path("jeunes/<uuid:uid>/propositions/nouvelle/", views.proposal_create, name="proposal_create"),
    path("jeunes/<uuid:uid>/situations/nouvelle/", views.situation_create, name="situation_create"),
    path("parcours/<uuid:uid>/", views.pathway_detail, name="detail"),
    path("parcours/<uuid:uid>/sortie/", views.pathway_exit, name="exit"),
    path("parcours/<uuid:uid>/prolongation/", views.pathway_extend, name="extend"),
    path("parcours/<uuid:uid>/phases/", views.phase_add, name="phase_add"),
    path(
        "parcours/<uuid:uid>/phases/<int:phase_id>/evaluation/",
        views.phase_close,
        name="phase_close",
    ),
    path("parcours/<uuid:uid>/manquements/", views.breach_record, name="breach"),
    path("parcours/<uuid:uid>/versements/", views.payment_record, name="payment"),
    path("propositions/<uuid:uid>/statut/", views.proposal_status, name="proposal_status"),
    path("situations/<uuid:uid>/fin/", views.situation_end, name="situation_end"),
]
