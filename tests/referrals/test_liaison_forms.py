"""Liaison forms: sent with consent, matched on arrival, followed by the sender; each status
change logged; a partner never sees the Mission Locale's comments nor the file beyond consent."""

import datetime
import re
import zlib

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from jalon import policy
from jalon.audit.models import AuditEntry
from jalon.referrals import services
from jalon.referrals.enums import ConsentCategory, LiaisonDirection, LiaisonStatus
from jalon.referrals.models import LiaisonForm
from jalon.scheduling.enums import AppointmentStatus
from jalon.scheduling.services import appointment_set_status
from jalon.youngpeople.timeline import timeline
from tests.factories import OrganisationFactory, YoungPersonFactory
from tests.referrals.factories import liaison_data, send
from tests.youngpeople.factories import upload

SECRET_COMMENT = "Commentaire-interne-confidentiel"


@pytest.fixture
def cpip(personas):
    return personas["cpip"]


@pytest.fixture
def cjml(personas):
    return personas["cjml_a"]


@pytest.fixture
def sent(cpip, ml_a):
    return send(cpip, ml_a)


def _appointment(cjml, form, days=2):
    starts_at = timezone.now() + datetime.timedelta(days=days)
    return services.liaison_form_set_appointment(
        actor=cjml, form=form, data={"starts_at": starts_at, "duration_minutes": 45}
    )


def _pdf_text(content: bytes) -> str:
    # fpdf2 ends lines with "\n" only: an optional "\r" would eat a compressed byte 13.
    streams = re.findall(rb"stream\n(.*?)\nendstream", content, re.DOTALL)
    return b"".join(zlib.decompress(stream) for stream in streams).decode("latin-1")


# --- Sending ------------------------------------------------------------------------------


def test_rule_a_form_cannot_be_sent_without_the_young_persons_consent(cpip, ml_a):
    with pytest.raises(ValidationError) as error:
        send(cpip, ml_a, consent_given=False)
    assert "sans le consentement du jeune" in error.value.message_dict["consent_given"][0]
    assert not LiaisonForm.objects.exists()


def test_rule_an_urgent_form_says_why(cpip, ml_a):
    with pytest.raises(ValidationError) as error:
        send(cpip, ml_a, urgency="urgent", urgency_reason="")
    assert error.value.message_dict["urgency_reason"] == ["Indiquez pourquoi la fiche est urgente."]


def test_rule_a_partner_sends_to_a_mission_locale_only(cpip, personas):
    with pytest.raises(ValidationError) as error:
        send(cpip, personas["pjj_educator"].organisation)
    assert error.value.message_dict["recipient_organisation"] == [
        "Choisissez la Mission Locale destinataire."
    ]


def test_rule_pilots_and_reception_send_no_form(personas, ml_a):
    for persona in ("arml_pilot", "reception_a", "dpo_a"):
        with pytest.raises(PermissionDenied):
            send(personas[persona], ml_a)


def test_rule_attachments_are_recognised_by_their_content(cpip, ml_a):
    with pytest.raises(ValidationError) as error:
        send(cpip, ml_a, attachments=[upload("jugement.pdf", b"MZ\x90\x00 not a pdf")])
    assert "jugement.pdf : Ce fichier n'est ni un PDF" in error.value.message_dict["attachments"][0]
    assert not LiaisonForm.objects.exists()


def test_rule_the_mission_locale_covering_the_commune_is_suggested(ml_a):
    from tests.factories import commune

    toulouse = commune("31555")
    ml_a.communes_covered.add(toulouse)
    assert services.suggested_mission_locale(toulouse) == ml_a
    assert services.suggested_mission_locale(None) is None


def test_rule_sending_is_logged_and_journalled(cpip, sent):
    assert sent.status == LiaisonStatus.SENT
    assert [(t.from_status, t.to_status) for t in sent.transitions.all()] == [("", "sent")]
    entry = AuditEntry.objects.get(object_id=str(sent.uid), action="create")
    assert entry.mission_locale_id == sent.recipient_organisation_id
    # Sensitive free text is encrypted at rest.
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("SELECT needs_details FROM referrals_liaisonform")
        assert "Hébergement" not in cursor.fetchone()[0]


# --- Matching and the workflow ------------------------------------------------------------


def test_rule_matching_turns_the_stated_consent_into_a_consent_for_following_the_form(
    cpip, cjml, sent, young_person_a
):
    services.liaison_form_match(actor=cjml, form=sent, young_person=young_person_a)
    sent.refresh_from_db()
    assert sent.young_person == young_person_a
    assert sent.status == LiaisonStatus.RECEIVED
    assert sent.consent.organisation == cpip.organisation
    assert policy.partner_categories(cpip, young_person_a) == {
        ConsentCategory.IDENTITY,
        ConsentCategory.PATHWAY,
    }


def test_rule_a_form_is_matched_only_with_a_file_of_the_recipient_mission_locale(
    cjml, sent, young_person_b
):
    with pytest.raises(PermissionDenied):
        services.liaison_form_match(actor=cjml, form=sent, young_person=young_person_b)


def test_rule_only_the_recipient_mission_locale_handles_a_form(personas, sent, young_person_a):
    for persona in ("counsellor_b", "reception_a", "cpip"):
        with pytest.raises(PermissionDenied):
            services.liaison_form_match(
                actor=personas[persona], form=sent, young_person=young_person_a
            )


def test_rule_setting_the_appointment_links_it_to_the_form(cjml, sent, young_person_a):
    services.liaison_form_match(actor=cjml, form=sent, young_person=young_person_a)
    _appointment(cjml, sent)
    sent.refresh_from_db()
    assert sent.status == LiaisonStatus.APPOINTMENT_SET
    assert sent.appointment.liaison_form == sent
    assert [t.to_status for t in sent.transitions.all()] == [
        "sent",
        "received",
        "appointment_set",
    ]


def test_rule_an_appointment_needs_a_matched_file(cjml, sent):
    with pytest.raises(ValidationError, match="Rapprochez d'abord"):
        _appointment(cjml, sent)


def test_rule_the_first_held_interview_starts_the_accompaniment(cjml, sent, young_person_a):
    services.liaison_form_match(actor=cjml, form=sent, young_person=young_person_a)
    _appointment(cjml, sent, days=0)
    appointment = sent.appointment
    appointment.starts_at = timezone.now() - datetime.timedelta(minutes=5)
    appointment.save(update_fields=["starts_at"])
    appointment_set_status(actor=cjml, appointment=appointment, status=AppointmentStatus.PRESENT)
    sent.refresh_from_db()
    assert sent.status == LiaisonStatus.ACCOMPANIMENT_STARTED


def test_rule_refusal_and_cancellation_need_a_reason(cpip, cjml, sent):
    with pytest.raises(ValidationError, match="motif du refus"):
        services.liaison_form_refuse(actor=cjml, form=sent, reason=" ")
    with pytest.raises(ValidationError, match="motif de l'annulation"):
        services.liaison_form_cancel(actor=cpip, form=sent, reason="")
    services.liaison_form_refuse(actor=cjml, form=sent, reason="Hors de notre territoire")
    assert sent.transitions.last().reason == "Hors de notre territoire"


def test_rule_a_closed_form_changes_no_more(cpip, cjml, sent, young_person_a):
    services.liaison_form_cancel(actor=cpip, form=sent, reason="Transféré à Muret")
    with pytest.raises(ValidationError, match="Annulée"):
        services.liaison_form_acknowledge(actor=cjml, form=sent)
    with pytest.raises(ValidationError, match="close"):
        services.liaison_form_match(actor=cjml, form=sent, young_person=young_person_a)


def test_rule_only_the_sending_structure_cancels(personas, sent):
    with pytest.raises(PermissionDenied):
        services.liaison_form_cancel(actor=personas["cjml_a"], form=sent, reason="x")
    with pytest.raises(PermissionDenied):
        services.liaison_form_cancel(actor=personas["pjj_educator"], form=sent, reason="x")


def test_rule_the_inbox_shows_urgent_forms_first_then_the_oldest(cpip, ml_a):
    old = send(cpip, ml_a, last_name="Ancien")
    LiaisonForm.objects.filter(pk=old.pk).update(sent_at=timezone.now() - datetime.timedelta(3))
    recent = send(cpip, ml_a, last_name="Récent")
    urgent = send(cpip, ml_a, last_name="Urgent", urgency="urgent", urgency_reason="Sortie demain")
    assert list(LiaisonForm.objects.inbox_order()) == [urgent, old, recent]


def test_rule_the_form_appears_in_the_file_timeline_and_on_the_appointment(
    cjml, sent, young_person_a
):
    services.liaison_form_match(actor=cjml, form=sent, young_person=young_person_a)
    _appointment(cjml, sent)
    items = timeline(young_person_a)
    liaison = next(item for item in items if item.kind == "liaison")
    assert liaison.url == reverse("referrals:detail", args=[sent.uid])
    appointment = next(item for item in items if item.kind == "appointment")
    assert "suite à la fiche de liaison de SPIP 31" in appointment.detail


# --- What each one sees -------------------------------------------------------------------


def test_rule_a_structure_sees_only_the_forms_it_sent_or_received(personas, sent):
    visible = {
        name for name, user in personas.items() if LiaisonForm.objects.visible_to(user).exists()
    }
    assert visible == {
        "cpip",
        "reception_a",
        "counsellor_a",
        "cjml_a",
        "justice_referent_a",
        "director_a",
    }


def test_rule_a_partner_sees_the_appointment_date_only_with_the_appointments_consent(
    cpip, cjml, sent, young_person_a, client_for
):
    services.liaison_form_match(actor=cjml, form=sent, young_person=young_person_a)
    _appointment(cjml, sent)
    page = client_for(cpip).get(reverse("referrals:detail", args=[sent.uid]))
    assert "Rendez-vous fixé" in page.text
    assert 'data-testid="appointment"' not in page.text
    consent = services.consent_record(
        actor=cjml,
        young_person=young_person_a,
        organisation=cpip.organisation,
        categories={ConsentCategory.APPOINTMENTS},
        method="oral",
        given_on=timezone.localdate(),
    )
    page = client_for(cpip).get(reverse("referrals:detail", args=[sent.uid]))
    assert 'data-testid="appointment"' in page.text
    services.consent_withdraw(actor=cjml, consent=consent)
    page = client_for(cpip).get(reverse("referrals:detail", args=[sent.uid]))
    assert 'data-testid="appointment"' not in page.text
    # And the file itself stays closed to the partner.
    file_page = client_for(cpip).get(reverse("youngpeople:detail", args=[young_person_a.uid]))
    assert file_page.status_code == 404


def test_rule_free_text_comments_never_reach_a_partner(
    cpip, cjml, sent, young_person_a, client_for, api_token_for
):
    services.liaison_form_comment(actor=cjml, form=sent, comment=SECRET_COMMENT, version=1)
    ml_page = client_for(cjml).get(reverse("referrals:detail", args=[sent.uid]))
    assert SECRET_COMMENT in ml_page.text
    assert SECRET_COMMENT in _pdf_text(
        client_for(cjml).get(reverse("referrals:pdf", args=[sent.uid])).content
    )
    partner = client_for(cpip)
    assert SECRET_COMMENT not in partner.get(reverse("referrals:detail", args=[sent.uid])).text
    assert SECRET_COMMENT not in partner.get(reverse("referrals:list")).text
    partner_pdf = partner.get(reverse("referrals:pdf", args=[sent.uid]))
    assert partner_pdf["Content-Type"] == "application/pdf"
    assert "Fiche de liaison" in _pdf_text(partner_pdf.content)
    assert SECRET_COMMENT not in _pdf_text(partner_pdf.content)
    answer = partner.get(
        f"/api/v1/liaison-forms/{sent.uid}",
        headers={"Authorization": f"Bearer {api_token_for(cpip)}"},
    )
    assert answer.status_code == 200
    assert SECRET_COMMENT not in answer.text


def test_rule_a_comment_saved_over_a_newer_version_is_refused(cjml, sent):
    from jalon.core.versioning import ConcurrentEditError

    services.liaison_form_comment(actor=cjml, form=sent, comment="Premier", version=1)
    stale = LiaisonForm.objects.get(pk=sent.pk)
    with pytest.raises(ConcurrentEditError):
        services.liaison_form_comment(actor=cjml, form=stale, comment="Second", version=1)


# --- Mission Locale -> partner, with the diagnostic ---------------------------------------


def _completed_diagnostic(young_person, counsellor):
    from jalon.reception.models import Diagnostic

    return Diagnostic.objects.create(
        young_person=young_person,
        counsellor=counsellor,
        started_on=timezone.localdate() - datetime.timedelta(days=10),
        completed_on=timezone.localdate() - datetime.timedelta(days=2),
        conclusions="Projet cuisine solide, besoin d'un hébergement",
    )


def test_rule_the_diagnostic_conclusions_go_with_a_referral_only_with_consent(
    counsellor_a, young_person_a
):
    e2c = OrganisationFactory(kind="e2c", name="E2C Toulouse", code="E2C31")
    _completed_diagnostic(young_person_a, counsellor_a)
    without = send(counsellor_a, e2c, young_person=young_person_a)
    assert without.direction == "to_partner"
    assert without.diagnostic_conclusions == ""
    services.consent_record(
        actor=counsellor_a,
        young_person=young_person_a,
        organisation=e2c,
        categories={ConsentCategory.DIAGNOSTIC},
        method="signed_form",
        given_on=timezone.localdate(),
    )
    with_consent = send(counsellor_a, e2c, young_person=young_person_a)
    assert "Projet cuisine solide" in with_consent.diagnostic_conclusions


def test_rule_a_form_sent_by_a_mission_locale_records_the_consent_for_its_recipient(
    counsellor_a, young_person_a, personas
):
    cpip = personas["cpip"]
    assert policy.partner_categories(cpip, young_person_a) == frozenset()
    form = send(counsellor_a, cpip.organisation, young_person=young_person_a)
    assert form.consent.organisation == cpip.organisation
    assert form.consent.given_on == form.consent_date
    assert policy.partner_categories(cpip, young_person_a) == {ConsentCategory.IDENTITY}
    again = send(counsellor_a, cpip.organisation, young_person=young_person_a)
    assert again.consent == form.consent
    services.consent_withdraw(actor=counsellor_a, consent=form.consent)
    assert policy.partner_categories(cpip, young_person_a) == frozenset()


def test_rule_a_france_travail_adviser_orients_a_young_person_to_a_mission_locale(personas, ml_a):
    adviser = personas["france_travail"]
    form = send(adviser, ml_a, situation="other", expected_release_date=None)
    assert form.direction == LiaisonDirection.TO_MISSION_LOCALE
    assert form.sender_organisation.kind == "france_travail"
    assert LiaisonForm.objects.visible_to(personas["cjml_a"]).filter(pk=form.pk).exists()
    assert not LiaisonForm.objects.visible_to(personas["cpip"]).filter(pk=form.pk).exists()


def test_rule_a_mission_locale_sends_only_about_its_own_files(counsellor_a, young_person_b):
    e2c = OrganisationFactory(kind="e2c", name="E2C Toulouse", code="E2C31")
    with pytest.raises(PermissionDenied):
        send(counsellor_a, e2c, young_person=young_person_b)


# --- Reminders ----------------------------------------------------------------------------


def test_rule_a_waiting_form_is_recalled_once_per_period_to_the_director_and_cjml(
    personas, sent, settings
):
    settings.JALON_LIAISON_REMINDER_DAYS = 5
    services.liaison_form_acknowledge(actor=personas["cjml_a"], form=sent)
    LiaisonForm.objects.filter(pk=sent.pk).update(
        sent_at=timezone.now() - datetime.timedelta(days=6)
    )
    fresh = send(personas["cpip"], sent.recipient_organisation, last_name="Récent")
    call_command("remind-liaison-forms", stdout=open("/dev/null", "w"))  # noqa: SIM115
    assert len(mail.outbox) == 1
    assert sorted(mail.outbox[0].to) == sorted(
        [personas["director_a"].email, personas["cjml_a"].email]
    )
    assert "Dupont" not in mail.outbox[0].body  # no name in an e-mail
    assert str(sent.uid) in mail.outbox[0].body
    assert str(fresh.uid) not in mail.outbox[0].body
    services.liaison_forms_remind()
    assert len(mail.outbox) == 1  # once per period
    services.liaison_forms_remind(now=timezone.now() + datetime.timedelta(days=5, hours=1))
    assert len(mail.outbox) == 3  # next period: both forms now wait long enough


# --- Pages --------------------------------------------------------------------------------


def test_a_partner_sends_a_form_with_an_attachment_from_the_page(cpip, ml_a, client_for):
    client = client_for(cpip)
    assert client.get(reverse("referrals:create")).status_code == 200
    data = {
        key: value
        for key, value in liaison_data(ml_a).items()
        if key not in ("recipient_organisation", "needs")
    }
    data.update(recipient_organisation=ml_a.pk, needs=["training", "housing"])
    data["attachments"] = upload("jugement.pdf")
    response = client.post(reverse("referrals:create"), data)
    form = LiaisonForm.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("referrals:detail", args=[form.uid])
    assert form.needs == ["training", "housing"]
    attachment = form.attachments.get()
    download = client.get(reverse("referrals:attachment", args=[form.uid, attachment.uid]))
    assert download.status_code == 200
    assert download["Content-Disposition"].startswith("attachment")


def test_a_refused_page_keeps_what_the_partner_typed(cpip, ml_a, client_for):
    response = client_for(cpip).post(
        reverse("referrals:create"),
        {"recipient_organisation": ml_a.pk, "last_name": "Martin", "reason": "Sortie proche"},
    )
    assert response.status_code == 200
    assert 'value="Martin"' in response.text
    assert "Sortie proche" in response.text
    assert not LiaisonForm.objects.exists()


def test_the_match_page_names_another_mission_locales_file_without_showing_it(
    cjml, cpip, ml_a, ml_b, client_for
):
    YoungPersonFactory(
        mission_locale=ml_b,
        last_name="Moreau",
        first_names="Nathan",
        birth_date=datetime.date(2004, 6, 1),
    )
    form = send(
        cpip, ml_a, last_name="Moreau", first_names="Nathan", birth_date=datetime.date(2004, 6, 1)
    )
    page = client_for(cjml).get(reverse("referrals:match", args=[form.uid]))
    assert ml_b.name in page.text
    assert "Rapprocher de ce dossier" not in page.text


def test_the_cjml_creates_the_file_from_the_form(cjml, cpip, sent, client_for):
    client = client_for(cjml)
    page = client.get(reverse("referrals:register", args=[sent.uid]))
    assert 'value="Dupont"' in page.text
    response = client.post(
        reverse("referrals:register", args=[sent.uid]),
        {
            "last_name": "Dupont",
            "first_names": "Lucas",
            "birth_date": "2005-03-14",
            "sex": "M",
            "postal_code": "31000",
            "commune": "31555",
            "first_reception_date": timezone.localdate().isoformat(),
            "confirm_not_duplicate": "on",
        },
    )
    sent.refresh_from_db()
    assert response.status_code == 302, response.context["form"].errors
    assert sent.young_person.last_name == "Dupont"
    assert sent.young_person.mission_locale == cjml.organisation


def test_rule_a_partner_receiving_a_form_from_a_mission_locale_answers_it(
    personas, counsellor_a, young_person_a, client_for
):
    cpip = personas["cpip"]
    form = send(counsellor_a, cpip.organisation, young_person=young_person_a)
    page = client_for(cpip).get(reverse("referrals:detail", args=[form.uid]))
    assert "Accuser réception" in page.text
    assert "Ouvrir le dossier" not in page.text
    services.liaison_form_acknowledge(actor=cpip, form=form)
    services.liaison_form_start_accompaniment(actor=cpip, form=form)
    assert form.status == LiaisonStatus.ACCOMPANIMENT_STARTED
    with pytest.raises(PermissionDenied):
        services.liaison_form_acknowledge(actor=personas["pjj_educator"], form=form)


def test_the_menu_offers_the_forms_to_partners_and_staff_only(personas, client_for):
    for persona, expected in (("cpip", True), ("counsellor_a", True), ("arml_pilot", False)):
        page = client_for(personas[persona]).get(reverse("network:directory"))
        assert ('href="/fiches-de-liaison/"' in page.text) is expected, persona


# --- API ----------------------------------------------------------------------------------


def _api(client, user, api_token_for):
    return {"headers": {"Authorization": f"Bearer {api_token_for(user)}"}}


API_BODY = {
    "recipient_code": "ML-A",
    "last_name": "Martin",
    "first_names": "Yanis",
    "birth_date": "2006-02-01",
    "situation": "detention",
    "reason": "Préparer la sortie",
    "needs": ["training"],
    "consent_given": True,
    "consent_method": "signed_form",
    "consent_date": "2026-01-05",
}


def test_api_a_partners_system_sends_and_follows_a_form(cpip, cjml, client, api_token_for):
    auth = _api(client, cpip, api_token_for)
    created = client.post(
        "/api/v1/liaison-forms", API_BODY, content_type="application/json", **auth
    )
    assert created.status_code == 201, created.json()
    body = created.json()
    assert body["status"] == "sent"
    assert body["history"][0]["to_status"] == "sent"
    assert "internal_comment" not in body
    listed = client.get("/api/v1/liaison-forms?status=sent", **auth).json()
    assert [item["id"] for item in listed["items"]] == [body["id"]]
    assert client.get("/api/v1/liaison-forms?status=refused", **auth).json()["count"] == 0
    cancelled = client.post(
        f"/api/v1/liaison-forms/{body['id']}/cancel",
        {"reason": "Transféré"},
        content_type="application/json",
        **auth,
    )
    assert cancelled.json()["status"] == "cancelled"
    assert cancelled.json()["history"][-1]["reason"] == "Transféré"


def test_api_refuses_a_form_without_consent_in_french(cpip, client, api_token_for):
    response = client.post(
        "/api/v1/liaison-forms",
        {**API_BODY, "consent_given": False, "recipient_code": "NOPE"},
        content_type="application/json",
        **_api(client, cpip, api_token_for),
    )
    assert response.status_code == 400
    assert response.json()["errors"]["recipient_code"] == ["Aucune structure avec ce code."]
    response = client.post(
        "/api/v1/liaison-forms",
        {**API_BODY, "consent_given": False},
        content_type="application/json",
        **_api(client, cpip, api_token_for),
    )
    assert response.status_code == 400
    assert "sans le consentement du jeune" in response.json()["errors"]["consent_given"][0]


def test_api_a_partner_of_another_structure_gets_404(personas, sent, client, api_token_for):
    response = client.get(
        f"/api/v1/liaison-forms/{sent.uid}",
        **_api(client, personas["pjj_educator"], api_token_for),
    )
    assert response.status_code == 404
    assert response.json()["message"] == "Ressource introuvable."


def test_api_shows_the_appointment_date_to_a_partner_only_with_consent(
    cpip, cjml, sent, young_person_a, client, api_token_for
):
    services.liaison_form_match(actor=cjml, form=sent, young_person=young_person_a)
    _appointment(cjml, sent)
    url = f"/api/v1/liaison-forms/{sent.uid}"
    assert (
        client.get(url, **_api(client, cpip, api_token_for)).json()["appointment_starts_at"] is None
    )
    assert client.get(url, **_api(client, cjml, api_token_for)).json()["appointment_starts_at"]
    services.consent_record(
        actor=cjml,
        young_person=young_person_a,
        organisation=cpip.organisation,
        categories={ConsentCategory.APPOINTMENTS},
        method="oral",
        given_on=timezone.localdate(),
    )
    assert client.get(url, **_api(client, cpip, api_token_for)).json()["appointment_starts_at"]


def test_the_inbox_and_a_form_have_a_bounded_number_of_queries(
    cpip, cjml, ml_a, young_person_a, client_for, django_assert_max_num_queries
):
    forms = [send(cpip, ml_a, last_name=f"Jeune{n}") for n in range(5)]
    services.liaison_form_match(actor=cjml, form=forms[0], young_person=young_person_a)
    client = client_for(cjml)
    with django_assert_max_num_queries(12):
        assert client.get(reverse("referrals:list")).status_code == 200
    with django_assert_max_num_queries(16):
        assert client.get(reverse("referrals:detail", args=[forms[0].uid])).status_code == 200


# --- Partners' systems --------------------------------------------------------------------


def test_rule_each_status_change_is_announced_to_the_partners_systems_without_any_name(
    cpip, cjml, sent
):
    from jalon.webhooks.models import WebhookDelivery
    from tests.webhooks.factories import SubscriptionFactory

    SubscriptionFactory(organisation=cpip.organisation)
    SubscriptionFactory(organisation=cjml.organisation)  # the Mission Locale's own: not told
    services.liaison_form_acknowledge(actor=cjml, form=sent)
    services.liaison_form_refuse(actor=cjml, form=sent, reason="Hors de notre territoire")
    deliveries = WebhookDelivery.objects.filter(
        subscription__organisation=cpip.organisation
    ).order_by("pk")
    assert [(d.payload["from_status"], d.payload["status"]) for d in deliveries] == [
        (LiaisonStatus.SENT, LiaisonStatus.RECEIVED),
        (LiaisonStatus.RECEIVED, LiaisonStatus.REFUSED),
    ]
    assert not WebhookDelivery.objects.exclude(subscription__organisation=cpip.organisation)
    assert all(
        set(d.payload) == {"liaison_form", "from_status", "status", "changed_at"}
        for d in deliveries
    )


# --- Attachments added after sending ---------------------------------------------------------


def test_rule_the_sender_adds_a_document_to_its_open_form(cpip, cjml, sent, client_for):
    response = client_for(cpip).post(
        reverse("referrals:attach", args=[sent.uid]), {"file": upload("certificat.pdf")}
    )
    assert response.status_code == 302
    page = client_for(cjml).get(reverse("referrals:detail", args=[sent.uid]))
    assert "certificat.pdf" in page.text
    services.liaison_form_cancel(actor=cpip, form=sent, reason="Transféré")
    with pytest.raises(ValidationError, match="close"):
        services.liaison_form_attach(actor=cpip, form=sent, uploaded=upload("autre.pdf"))
    assert sent.attachments.count() == 1


def test_rule_attachments_added_later_respect_the_limit_per_form(cpip, ml_a, settings):
    settings.JALON_LIAISON_MAX_ATTACHMENTS = 1
    form = send(cpip, ml_a, attachments=[upload("jugement.pdf")])
    with pytest.raises(ValidationError, match="1 pièces jointes au plus"):
        services.liaison_form_attach(actor=cpip, form=form, uploaded=upload("autre.pdf"))


def test_a_refused_attachment_is_explained_on_the_form_page(cpip, sent, client_for):
    response = client_for(cpip).post(
        reverse("referrals:attach", args=[sent.uid]),
        {"file": upload("faux.pdf", b"not a pdf at all")},
        follow=True,
    )
    assert "faux.pdf : Ce fichier n&#x27;est ni un PDF" in response.text
    assert not sent.attachments.exists()


def test_api_a_partners_system_attaches_and_downloads_a_document(
    cpip, cjml, sent, client, api_token_for
):
    headers = {"Authorization": f"Bearer {api_token_for(cpip)}"}
    created = client.post(
        f"/api/v1/liaison-forms/{sent.uid}/attachments",
        {"file": upload("certificat.pdf")},
        headers=headers,
    )
    assert created.status_code == 201, created.content
    attachment = created.json()
    assert (attachment["name"], attachment["content_type"]) == ("certificat.pdf", "application/pdf")
    cjml_headers = {"Authorization": f"Bearer {api_token_for(cjml)}"}
    listed = client.get(f"/api/v1/liaison-forms/{sent.uid}", headers=cjml_headers).json()
    assert [a["id"] for a in listed["attachments"]] == [attachment["id"]]
    download = client.get(
        f"/api/v1/liaison-forms/{sent.uid}/attachments/{attachment['id']}", headers=cjml_headers
    )
    assert download.status_code == 200
    assert b"".join(download.streaming_content).startswith(b"%PDF")
    assert download["Content-Disposition"].startswith("attachment")
    refused = client.post(
        f"/api/v1/liaison-forms/{sent.uid}/attachments",
        {"file": upload("faux.pdf", b"plain text")},
        headers=headers,
    )
    assert refused.status_code == 400
    assert "ni un PDF" in refused.text
