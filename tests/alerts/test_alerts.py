"""Alerts in the worklists: computed from the files, kept fresh, handled, snoozed, scoped."""

import datetime

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from jalon.alerts import digest, presentation, services, tasks
from jalon.alerts.enums import AlertLevel, AlertRule, AlertStatus
from jalon.alerts.models import Alert, AlertThreshold, DigestSubscription
from jalon.pathways.enums import PathwayKind, SituationKind
from jalon.pathways.models import Situation
from jalon.scheduling.enums import AppointmentStatus
from jalon.youngpeople.models import FileTransfer
from jalon.youngpeople.services import young_people_reassign
from tests.factories import YoungPersonFactory, years_ago
from tests.pathways.factories import PathwayFactory
from tests.referrals.factories import send
from tests.scheduling.factories import AppointmentFactory

DAY = datetime.timedelta(days=1)


def today():
    return timezone.localdate()


def refresh(mission_locale):
    return services.refresh(mission_locale_id=mission_locale.pk)


def rules_of(queryset):
    return sorted(queryset.values_list("rule", flat=True))


@pytest.fixture
def waiting_neet(ml_a, counsellor_a):
    """Received 4 months and 10 days ago, no offer yet."""
    return YoungPersonFactory(
        mission_locale=ml_a,
        referent=counsellor_a,
        first_names="Yanis",
        first_reception_date=years_ago(0, days=130),
    )


@pytest.fixture
def ending_cej(ml_a, counsellor_a):
    person = YoungPersonFactory(
        mission_locale=ml_a, referent=counsellor_a, first_reception_date=years_ago(1)
    )
    pathway = PathwayFactory(
        young_person=person,
        kind=PathwayKind.CEJ,
        start_date=today() - 340 * DAY,
        planned_end_date=today() + 20 * DAY,
    )
    AppointmentFactory(
        young_person=person,
        starts_at=timezone.now() - 3 * DAY,
        status=AppointmentStatus.PRESENT,
    )
    return pathway


def test_rules_find_what_the_files_say(waiting_neet, ending_cej, ml_a, counsellor_a):
    refresh(ml_a)
    assert Alert.objects.get(young_person=waiting_neet).rule == AlertRule.YOUTH_GUARANTEE
    cej_rules = rules_of(Alert.objects.filter(young_person=ending_cej.young_person))
    assert AlertRule.CEJ_ENDING in cej_rules
    assert AlertRule.NO_CONTACT not in cej_rules  # seen three days ago
    assert set(Alert.objects.values_list("counsellor", flat=True)) == {counsellor_a.pk}


def test_the_nightly_run_is_idempotent(waiting_neet, ending_cej, ml_a, personas):
    send(personas["cpip"], ml_a)
    LiaisonFormAge = timezone.now() - 10 * DAY
    from jalon.referrals.models import LiaisonForm

    LiaisonForm.objects.update(sent_at=LiaisonFormAge)
    tasks.refresh_network()
    first = list(Alert.objects.order_by("pk").values("rule", "key", "status", "level"))
    assert len(first) >= 4
    counts = refresh(ml_a)
    tasks.refresh_network()
    assert counts == {"created": 0, "updated": 0, "lifted": 0}
    assert list(Alert.objects.order_by("pk").values("rule", "key", "status", "level")) == first


def test_an_offer_lifts_the_alert_as_soon_as_it_is_recorded(
    waiting_neet, ml_a, counsellor_a, django_capture_on_commit_callbacks
):
    refresh(ml_a)
    alert = Alert.objects.get(young_person=waiting_neet)
    with django_capture_on_commit_callbacks(execute=True):
        Situation.objects.create(
            young_person=waiting_neet,
            kind=SituationKind.TRAINING,
            start_date=today() - DAY,
            recorded_by=counsellor_a,
        )
    alert.refresh_from_db()
    assert alert.status == AlertStatus.RESOLVED


def test_a_handled_alert_leaves_the_worklist_and_does_not_come_back(
    waiting_neet, ml_a, counsellor_a, client_for
):
    refresh(ml_a)
    alert = Alert.objects.get(young_person=waiting_neet)
    client = client_for(counsellor_a)
    assert "Yanis" in client.get(reverse("alerts:worklist")).text
    response = client.post(
        reverse("alerts:handle", args=[alert.uid]), {"note": "Proposé : atelier CV lundi"}
    )
    assert response.status_code == 302
    refresh(ml_a)
    alert.refresh_from_db()
    assert alert.status == AlertStatus.HANDLED
    assert alert.handled_note == "Proposé : atelier CV lundi"
    assert f"alerte-{alert.uid}" not in client.get(reverse("alerts:worklist")).text


def test_rule_a_handled_alert_needs_a_note(waiting_neet, ml_a, counsellor_a, client_for):
    refresh(ml_a)
    alert = Alert.objects.get(young_person=waiting_neet)
    page = client_for(counsellor_a).post(
        reverse("alerts:handle", args=[alert.uid]), {"note": "  "}, follow=True
    )
    assert "Ce champ est obligatoire" in page.text or "Indiquez ce qui a été fait" in page.text
    alert.refresh_from_db()
    assert alert.status == AlertStatus.OPEN


def test_a_snoozed_alert_comes_back_on_its_date(waiting_neet, ml_a, counsellor_a):
    refresh(ml_a)
    alert = Alert.objects.get(young_person=waiting_neet)
    services.alert_snooze(actor=counsellor_a, alert=alert, until=today() + 7 * DAY)
    live = Alert.objects.visible_to(counsellor_a).live
    assert not live(today()).exists()
    assert not live(today() + 6 * DAY).exists()
    assert live(today() + 7 * DAY).get() == alert
    refresh(ml_a)  # still snoozed after a refresh
    alert.refresh_from_db()
    assert alert.status == AlertStatus.SNOOZED


def test_rule_snoozing_needs_a_future_date(waiting_neet, ml_a, counsellor_a):
    refresh(ml_a)
    alert = Alert.objects.get(young_person=waiting_neet)
    for until in (None, today(), today() + 400 * DAY):
        with pytest.raises(Exception, match=r"date|an au plus|jusqu"):
            services.alert_snooze(actor=counsellor_a, alert=alert, until=until)


def test_each_sees_their_own_alerts_and_their_roles_queue(
    waiting_neet, ml_a, personas, counsellor_a
):
    other = YoungPersonFactory(
        mission_locale=ml_a,
        referent=personas["cjml_a"],
        first_reception_date=years_ago(0, days=130),
    )
    send(personas["cpip"], ml_a)
    FileTransfer.objects.create(
        young_person=YoungPersonFactory(mission_locale=personas["director_b"].organisation),
        from_mission_locale=personas["director_b"].organisation,
        to_mission_locale=ml_a,
        requested_by=personas["director_b"],
        reason_kind="moved",
    )
    from jalon.referrals.models import LiaisonForm

    LiaisonForm.objects.update(sent_at=timezone.now() - 10 * DAY)
    refresh(ml_a)
    visible = {
        name: set(Alert.objects.visible_to(personas[name]).values_list("rule", "young_person"))
        for name in ("counsellor_a", "cjml_a", "director_a", "reception_a", "counsellor_b")
    }
    assert visible["counsellor_a"] == {
        (AlertRule.YOUTH_GUARANTEE, waiting_neet.pk),
        (AlertRule.TRANSFER_WAITING, None),
    }
    assert visible["cjml_a"] == {
        (AlertRule.YOUTH_GUARANTEE, other.pk),
        (AlertRule.LIAISON_FORM_WAITING, None),
        (AlertRule.TRANSFER_WAITING, None),
    }
    assert visible["director_a"] == visible["counsellor_a"] | visible["cjml_a"]
    assert visible["reception_a"] == visible["counsellor_b"] == set()


def test_the_director_reassigns_files_and_their_alerts_follow(
    waiting_neet, ml_a, personas, client_for, django_capture_on_commit_callbacks
):
    refresh(ml_a)
    director, cjml = personas["director_a"], personas["cjml_a"]
    page = client_for(director).get(
        reverse("alerts:team") + f"?conseiller={waiting_neet.referent_id}"
    )
    assert "Yanis" in page.text
    with django_capture_on_commit_callbacks(execute=True):
        young_people_reassign(actor=director, young_people=[waiting_neet], counsellor=cjml)
    assert Alert.objects.get(young_person=waiting_neet).counsellor == cjml
    with pytest.raises(Exception, match="conseiller"):
        young_people_reassign(
            actor=director, young_people=[waiting_neet], counsellor=personas["counsellor_b"]
        )
    with pytest.raises(Exception, match="direction"):
        young_people_reassign(
            actor=personas["counsellor_a"], young_people=[waiting_neet], counsellor=cjml
        )


def test_a_mission_locale_sets_its_own_threshold(waiting_neet, ml_a, personas):
    refresh(ml_a)
    assert Alert.objects.filter(rule=AlertRule.YOUTH_GUARANTEE).exists()
    AlertThreshold.objects.create(
        mission_locale=ml_a,
        name="youth_guarantee_warn_months",
        value=5,
        changed_by=personas["director_a"],
    )
    AlertThreshold.objects.create(
        mission_locale=ml_a,
        name="youth_guarantee_months",
        value=6,
        changed_by=personas["director_a"],
    )
    refresh(ml_a)
    assert Alert.objects.get(rule=AlertRule.YOUTH_GUARANTEE).status == AlertStatus.RESOLVED


def test_the_director_changes_thresholds_on_the_page(ml_a, personas, client_for):
    client = client_for(personas["director_a"])
    page = client.get(reverse("alerts:thresholds"))
    assert "Valeur nationale : 30" in page.text
    data = {field: value for field, value in services.thresholds.national().items()}
    data["no_contact_days"] = 45
    client.post(reverse("alerts:thresholds"), data)
    assert AlertThreshold.objects.get(mission_locale=ml_a).value == 45
    data["no_contact_days"] = 0
    refused = client.post(reverse("alerts:thresholds"), data)
    assert "supérieure ou égale à 1" in refused.text


def test_the_worklist_of_300_young_people_has_a_bounded_number_of_queries(
    ml_a, counsellor_a, client_for, django_assert_max_num_queries
):
    people = YoungPersonFactory.create_batch(
        300, mission_locale=ml_a, referent=counsellor_a, first_reception_date=years_ago(0, 130)
    )
    for person in people[:40]:
        PathwayFactory(young_person=person, kind=PathwayKind.PACEA, start_date=years_ago(2, -10))
    refresh(ml_a)
    assert Alert.objects.count() >= 300
    client = client_for(counsellor_a)
    with django_assert_max_num_queries(20):
        page = client.get(reverse("alerts:worklist"))
    assert page.status_code == 200
    assert page.text.count('data-testid="alert"') == Alert.objects.count()


def test_the_morning_digest_names_first_names_and_links_only(
    waiting_neet, ml_a, counsellor_a, settings
):
    refresh(ml_a)
    DigestSubscription.objects.create(user=counsellor_a)
    assert digest.send_digests() == 1
    (message,) = mail.outbox
    assert "Yanis" in message.body
    assert waiting_neet.last_name not in message.body
    assert f"{settings.JALON_SITE_URL}/liste-de-travail/#alerte-" in message.body
    assert digest.send_digests() == 0  # each alert is announced once


def test_api_lists_the_current_users_alerts(
    waiting_neet, ml_a, counsellor_a, client, api_token_for
):
    refresh(ml_a)
    response = client.get(
        "/api/v1/alerts", headers={"Authorization": f"Bearer {api_token_for(counsellor_a)}"}
    )
    assert response.status_code == 200
    (alert,) = response.json()
    assert alert["rule"] == AlertRule.YOUTH_GUARANTEE
    assert alert["young_person"] == str(waiting_neet.uid)
    assert alert["action_url"] == f"/jeunes/{waiting_neet.uid}/"


# --- Justice and obligation de formation --------------------------------------------------


def test_a_release_to_prepare_is_known_to_the_justice_habilitated_only(
    young_person_a, ml_a, personas
):
    from tests.justice.factories import detention, prison

    detention(personas["cjml_a"], young_person_a, prison(), days_left=30)
    refresh(ml_a)
    alert = Alert.objects.get(rule=AlertRule.RELEASE_WITHOUT_PLAN)
    assert alert.counsellor is None  # not the referent's list: the referent may not know
    for name in ("cjml_a", "justice_referent_a", "director_a"):
        assert Alert.objects.visible_to(personas[name]).filter(pk=alert.pk).exists(), name
    for name in ("counsellor_a", "reception_a", "counsellor_b"):
        assert not Alert.objects.visible_to(personas[name]).filter(pk=alert.pk).exists(), name


def test_a_release_plan_lifts_the_alert_and_a_release_asks_for_the_first_interview(
    young_person_a, ml_a, personas, django_capture_on_commit_callbacks
):
    from jalon.justice.models import PenalSituation, ReleasePlan
    from tests.justice.factories import detention, prison

    situation = detention(personas["cjml_a"], young_person_a, prison(), days_left=30)
    refresh(ml_a)
    with django_capture_on_commit_callbacks(execute=True):
        ReleasePlan.objects.create(
            situation=situation, release_address="3 rue des Lilas", updated_by=personas["cjml_a"]
        )
    assert Alert.objects.get(rule=AlertRule.RELEASE_WITHOUT_PLAN).status == AlertStatus.RESOLVED
    PenalSituation.objects.filter(pk=situation.pk).update(released_on=today() - 10 * DAY)
    refresh(ml_a)
    alert = Alert.objects.get(rule=AlertRule.RELEASE_WITHOUT_FIRST_APPOINTMENT)
    assert alert.status == AlertStatus.OPEN
    AppointmentFactory(
        young_person=young_person_a,
        starts_at=timezone.now() - 2 * DAY,
        status=AppointmentStatus.PRESENT,
    )
    refresh(ml_a)
    alert.refresh_from_db()
    assert alert.status == AlertStatus.RESOLVED


def test_obligation_cases_without_contact_and_the_report_due_reach_their_audience(ml_a, personas):
    from jalon.obligation.models import ObligationCase
    from tests.obligation.factories import ObligationCaseFactory

    ObligationCaseFactory(mission_locale=ml_a)
    ObligationCaseFactory(mission_locale=ml_a, convoked_on=today() - 70 * DAY)
    ObligationCase.objects.update(created_at=timezone.now() - 80 * DAY)
    refresh(ml_a)
    waiting = Alert.objects.get(rule=AlertRule.OBLIGATION_WITHOUT_SOLUTION)
    report = Alert.objects.get(rule=AlertRule.OBLIGATION_REPORT_DUE)
    assert waiting.params["count"] == 1 and report.params["count"] == 1
    assert Alert.objects.visible_to(personas["counsellor_a"]).filter(pk=waiting.pk).exists()
    assert not Alert.objects.visible_to(personas["counsellor_a"]).filter(pk=report.pk).exists()
    assert Alert.objects.visible_to(personas["director_a"]).filter(pk=report.pk).exists()


# --- Child welfare ------------------------------------------------------------------------


def test_the_interview_at_17_is_announced_to_the_referent_and_lifted_once_planned(
    ml_a, counsellor_a, personas, django_capture_on_commit_callbacks
):
    from jalon.childwelfare.services import interview_record
    from tests.childwelfare.factories import days_ago, open_follow_up

    person = YoungPersonFactory(
        mission_locale=ml_a, referent=counsellor_a, birth_date=years_ago(17, days=-40)
    )
    follow_up = open_follow_up(counsellor_a, person, personas["ase_referent"].organisation)
    refresh(ml_a)
    alert = Alert.objects.get(young_person=person, rule=AlertRule.ASE_INTERVIEW_AT_17)
    assert alert.counsellor == counsellor_a and alert.level == AlertLevel.SOON
    assert AlertRule.ASE_AUTONOMY_PROJECT not in rules_of(Alert.objects.filter(young_person=person))
    with django_capture_on_commit_callbacks(execute=True):
        interview_record(
            actor=counsellor_a, follow_up=follow_up, data={"planned_on": days_ago(-20)}
        )
    alert.refresh_from_db()
    assert alert.status == AlertStatus.RESOLVED


def test_a_young_adult_formerly_placed_is_proposed_the_cej(ml_a, counsellor_a, personas):
    from tests.childwelfare.factories import open_follow_up

    person = YoungPersonFactory(
        mission_locale=ml_a, referent=counsellor_a, birth_date=years_ago(19)
    )
    open_follow_up(counsellor_a, person, personas["ase_referent"].organisation)
    refresh(ml_a)
    rules_found = rules_of(Alert.objects.filter(young_person=person))
    assert AlertRule.CEJ_FOR_FORMERLY_PLACED in rules_found
    alert = Alert.objects.get(young_person=person, rule=AlertRule.CEJ_FOR_FORMERLY_PLACED)
    assert presentation.action_url(alert) == f"/jeunes/{person.uid}/ase/"
