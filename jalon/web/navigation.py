"""The main menu, built from the access policy so that nobody sees a link they cannot use."""

from django.urls import reverse

from jalon import policy
from jalon.justice import navigation as justice_navigation


def navigation_for(user, current_path: str) -> list[dict]:
    if not user.is_authenticated:
        return []
    items = []
    # Staff and pilots land on their own page: "Accueil" would only repeat it.
    if not (
        policy.can_read_named_files(user)
        or policy.can_read_aggregates(user)
        or policy.can_use_partner_portal(user)
    ):
        items.append(("Accueil", reverse("home")))
    if policy.can_use_worklist(user):
        items.append(("Liste de travail", reverse("alerts:worklist")))
    if policy.can_use_partner_portal(user):
        items.append(("Mes jeunes suivis", reverse("partners:portal")))
    if policy.can_read_named_files(user):
        items.append(("Jeunes", reverse("youngpeople:list")))
    if policy.can_create_young_person(user):
        items.append(("Nouveau dossier", reverse("youngpeople:create")))
    if policy.can_use_agenda(user):
        items.append(("Agenda", reverse("scheduling:agenda")))
        items.append(("Ateliers", reverse("scheduling:session_list")))
    if policy.can_handle_transfers(user):
        from jalon.youngpeople.models import FileTransfer

        waiting = FileTransfer.objects.incoming_for(user).pending().count()
        items.append(
            (
                f"Transferts ({waiting})" if waiting else "Transferts",
                reverse("youngpeople:transfer_incoming"),
            )
        )
    if policy.can_use_liaison_forms(user):
        items.append(("Fiches de liaison", reverse("referrals:list")))
    items.extend(justice_navigation.items(user))
    if policy.can_use_ase_worklist(user):
        items.append(("Jeunes ASE", reverse("childwelfare:worklist")))
    if policy.can_record_outreach(user):
        items.append(("Repérage", reverse("reception:outreach_list")))
    if policy.can_follow_obligation(user):
        items.append(("Obligation de formation", reverse("obligation:list")))
    if policy.can_read_aggregates(user):
        items.append(("Chiffres clés", reverse("pilotage:overview")))
    if policy.can_read_governance(user):
        items.append(("Gouvernance", reverse("governance:overview")))
    if policy.can_answer_barometer(user):
        items.append(("Baromètre", reverse("governance:barometer")))
    if policy.can_import_territorial_context(user):
        items.append(("Données territoriales", reverse("pilotage:territorial_import")))
    if policy.can_read_indicators(user):
        items.append(("Indicateurs", reverse("reporting:dashboard")))
    if policy.can_read_audit(user):
        items.append(("Journal d'audit", reverse("audit:list")))
    if policy.can_manage_team(user):
        items.append(("Équipe", reverse("accounts:team")))
    if policy.can_handle_rights_requests(user):
        items.append(("Demandes RGPD", reverse("privacy:request_list")))
    if policy.can_manage_webhooks(user):
        items.append(("Webhooks", reverse("webhooks:overview")))
    if policy.can_browse_directory(user):
        label = "Annuaire" if policy.can_use_partner_portal(user) else "Réseau et partenaires"
        items.append((label, reverse("network:directory")))
    if user.is_staff:
        items.append(("Administration", reverse("admin:index")))
    home = reverse("home")
    matching = [
        url
        for _, url in items
        if current_path == url or (url != home and current_path.startswith(url))
    ]
    current = max(matching, key=len, default=None)
    return [{"label": label, "url": url, "current": url == current} for label, url in items]
