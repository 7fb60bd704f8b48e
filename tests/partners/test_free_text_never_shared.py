"""Free-text comments never reach a partner (décret 2015-59), whatever the consent.

Every free-text field the privacy registry knows, in every app, gets its own marker on a file
that consented to share everything; the partner's pages and API answers must show none of them.
A new app declaring free text without a record here fails the test until one is added.
"""

from django.urls import reverse
from django.utils import timezone

from jalon.audit.emergency import emergency_access_grant
from jalon.partners import services
from jalon.privacy import registry
from jalon.referrals.enums import ConsentCategory
from jalon.referrals.services import liaison_form_cancel
from jalon.youngpeople.transfers import transfer_cancel, transfer_request
from tests.childwelfare.factories import open_follow_up
from tests.factories import UserFactory
from tests.partners.conftest import give_consent, join
from tests.privacy.factories import full_file
from tests.referrals.factories import send
from tests.youngpeople.factories import stored_document

# The group's notes are written for the partners: shared by design (README, "Partage avec les
# partenaires"); the test still proves they show, so that the search below can find a marker.
# So is the autonomy project, built by the Département with the young person (README, "Aide
# sociale à l'enfance"): only the Département's referent reads it (tests/childwelfare).
SHARED_ON_PURPOSE = {
    ("partners.FollowUpNote", "text"),
    ("childwelfare.AutonomyProjectArea", "objectives"),
    ("childwelfare.AutonomyProjectArea", "actions"),
}


def _stuff_every_free_text_field(young_person) -> dict[str, str]:
    markers, missing = {}, []
    for holding in registry.holdings():
        for name in holding.free_text:
            if (holding.model, name) in SHARED_ON_PURPOSE:
                continue
            marker = f"MARQUEUR-{holding.model}-{name}".replace(".", "-")
            records = holding.records(young_person.pk)
            if not records.exists():
                missing.append(holding.model)
                continue
            for record in records:  # save(): encrypted fields are encrypted on the way in
                setattr(record, name, marker)
                record.save(update_fields=[name])
            markers[f"{holding.model}.{name}"] = marker
    assert not missing, f"Ajoutez un enregistrement de {sorted(set(missing))} à ce test."
    return markers


def test_rule_free_text_never_appears_in_a_partner_view_or_api_answer(
    client, client_for, api_token_for, personas, director_a, counsellor_a, young_person_a
):
    cpip = personas["cpip"]
    full_file(young_person_a, director_a)
    stored_document(young_person_a)
    from tests.factories import OrganisationFactory

    other_ml = OrganisationFactory(code="ML-C", name="Mission Locale de Nîmes")
    emergency_access_grant(
        actor=UserFactory(role="counsellor", organisation=other_ml),
        young_person=young_person_a,
        reason_category="present",
        reason="x" * 30,
    )
    give_consent(director_a, young_person_a, cpip.organisation, ConsentCategory.values)
    join(director_a, young_person_a, cpip)
    form = send(counsellor_a, cpip.organisation, young_person=young_person_a)
    liaison_form_cancel(actor=counsellor_a, form=form, reason="Envoyée par erreur")
    transfer = transfer_request(
        actor=counsellor_a,
        young_person=young_person_a,
        reason_kind="move",
        to_mission_locale=other_ml,
    )
    transfer_cancel(actor=counsellor_a, transfer=transfer)
    services.follow_up_note_add(
        actor=counsellor_a, young_person=young_person_a, text="NOTE-PARTAGEE-AVEC-LE-GROUPE"
    )
    ase_referent = personas["ase_referent"]
    ase_follow_up = open_follow_up(director_a, young_person_a, ase_referent.organisation)
    give_consent(director_a, young_person_a, ase_referent.organisation, ConsentCategory.values)
    join(director_a, young_person_a, ase_referent)
    markers = _stuff_every_free_text_field(young_person_a)
    assert len(markers) >= 20
    young_person_a.refresh_from_db()

    headers = {"Authorization": f"Bearer {api_token_for(cpip)}"}
    answers = {
        "page": client_for(cpip).get(reverse("partners:partner_file", args=[young_person_a.uid])),
        "portail": client_for(cpip).get(reverse("partners:portal")),
        "api liste": client.get("/api/v1/partner/young-people", headers=headers),
        "api dossier": client.get(
            f"/api/v1/partner/young-people/{young_person_a.uid}", headers=headers
        ),
        "suivi ASE": client_for(ase_referent).get(
            reverse("childwelfare:follow_up", args=[young_person_a.uid])
        ),
        "api suivi ASE": client.get(
            f"/api/v1/ase/follow-ups/{ase_follow_up.uid}",
            headers={"Authorization": f"Bearer {api_token_for(ase_referent)}"},
        ),
    }
    for where, response in answers.items():
        assert response.status_code == 200, where
        text = response.content.decode()
        leaked = [field for field, marker in markers.items() if marker in text]
        assert not leaked, f"{where} : {leaked}"
    # The view is not empty: what was consented is there, the group's note too.
    assert "NOTE-PARTAGEE-AVEC-LE-GROUPE" in answers["page"].text
    assert young_person_a.first_names in answers["page"].text
    detail = answers["api dossier"].json()
    assert detail["identity"]["last_name"] == young_person_a.last_name
    assert detail["pathway"] is not None
    assert timezone.localdate() >= young_person_a.first_reception_date
