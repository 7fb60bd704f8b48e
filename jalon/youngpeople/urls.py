from django.urls import path

from jalon.youngpeople import transfer_views, views

app_name = "youngpeople"
urlpatterns = [
    path("jeunes/", views.young_people_list, name="list"),
    path("jeunes/nouveau/", views.young_person_create, name="create"),
    path("jeunes/<uuid:uid>/", views.young_person_detail, name="detail"),
    path("jeunes/<uuid:uid>/modifier/", views.young_person_edit, name="edit"),
    path("jeunes/<uuid:uid>/chronologie/", views.young_person_timeline, name="timeline"),
    path("jeunes/<uuid:uid>/fusionner/", views.young_person_merge, name="merge"),
    path("jeunes/<uuid:uid>/publics/", views.public_period_add, name="public_add"),
    path(
        "jeunes/<uuid:uid>/publics/<int:period_id>/fin/",
        views.public_period_end,
        name="public_end",
    ),
    path("jeunes/<uuid:uid>/documents/", views.document_upload, name="document_upload"),
    path("documents/<uuid:uid>/", views.document_download, name="document_download"),
    path("documents/<uuid:uid>/supprimer/", views.document_delete, name="document_delete"),
    path("communes/", views.commune_options, name="commune_options"),
    path(
        "jeunes/<uuid:uid>/transfert/",
        transfer_views.transfer_request,
        name="transfer_request",
    ),
    path("transferts/", transfer_views.transfer_incoming, name="transfer_incoming"),
    path("transferts/<uuid:uid>/", transfer_views.transfer_detail, name="transfer_detail"),
    path("transferts/<uuid:uid>/accepter/", transfer_views.transfer_accept, name="transfer_accept"),
    path("transferts/<uuid:uid>/refuser/", transfer_views.transfer_refuse, name="transfer_refuse"),
    path("transferts/<uuid:uid>/annuler/", transfer_views.transfer_cancel, name="transfer_cancel"),
]
