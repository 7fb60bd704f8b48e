"""The demo counsellor's morning: the worklist shows what is due, handled or snoozed."""

import datetime

import pytest
from django.core.management import call_command
from django.utils import timezone
from playwright.sync_api import expect

from jalon.accounts.models import User
from jalon.alerts.enums import AlertStatus
from jalon.alerts.models import Alert
from tests.factories import TEST_PASSWORD

pytestmark = pytest.mark.browser


def test_the_demo_counsellor_handles_and_snoozes_alerts(page, log_in, settings):
    settings.DEMO_MODE = True
    call_command("demo-data", verbosity=0)
    settings.DEMO_MODE = False
    counsellor = User.objects.get(email="conseiller@demo.jalon.test")
    counsellor.set_password(TEST_PASSWORD)
    counsellor.save()

    log_in(counsellor)  # lands on the worklist
    expect(page.get_by_role("heading", level=1)).to_have_text("Ma liste de travail")
    alerts = page.get_by_test_id("alert")
    rules = set(alerts.evaluate_all("items => items.map(item => item.dataset.rule)"))
    assert len(rules) >= 5, rules

    handled = alerts.first
    handled_id = handled.get_attribute("id")
    handled.locator("summary").click()
    handled.get_by_label("Ce qui a été fait").fill("Appelé ce matin : rendez-vous fixé jeudi")
    handled.get_by_role("button", name="Marquer comme traitée").click()
    expect(page.get_by_text("L'alerte est traitée")).to_be_visible()
    expect(page.locator(f"#{handled_id}")).to_have_count(0)

    snoozed = page.get_by_test_id("alert").first
    snoozed_id = snoozed.get_attribute("id")
    until = timezone.localdate() + datetime.timedelta(days=7)
    snoozed.locator("summary").click()
    snoozed.get_by_label("Reporter jusqu'au").fill(until.isoformat())
    snoozed.get_by_role("button", name="Reporter").click()
    expect(page.get_by_text("L'alerte est reportée")).to_be_visible()
    expect(page.locator(f"#{snoozed_id}")).to_have_count(0)

    handled_alert = Alert.objects.get(uid=handled_id.removeprefix("alerte-"))
    assert handled_alert.status == AlertStatus.HANDLED
    snoozed_alert = Alert.objects.get(uid=snoozed_id.removeprefix("alerte-"))
    live = Alert.objects.visible_to(counsellor).live
    assert snoozed_alert not in live(until - datetime.timedelta(days=1))
    assert snoozed_alert in live(until)
