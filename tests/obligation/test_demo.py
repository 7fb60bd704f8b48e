"""The demo shows obligation de formation cases at every stage."""

from django.core.management import call_command
from django.utils import timezone

from jalon.accounts.models import User
from jalon.obligation import selectors
from jalon.obligation.enums import Stage
from jalon.obligation.models import DepartementReport


def test_the_demo_has_cases_at_every_stage_and_a_report_sent(db, settings):
    settings.DEMO_MODE = True
    call_command("demo-data")
    for email in ("directeur@demo.jalon.test", "directeur-meuse@demo.jalon.test"):
        director = User.objects.get(email=email)
        counts = selectors.stage_counts(director, today=timezone.localdate())
        assert all(counts[stage] for stage in Stage.values), (email, counts)
        assert DepartementReport.objects.visible_to(director).filter(sent_on__isnull=False)
