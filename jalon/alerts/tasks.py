"""Background work on the task queue (huey; `jalon run_huey` is the consumer).

Alerts follow the data twice: right after a change (`refresh_files`, queued when the
transaction commits) and every night for the rules that only the date moves.
"""

from huey import crontab
from huey.contrib.djhuey import db_periodic_task, db_task, lock_task

from jalon.alerts import digest, services
from jalon.network.models import Organisation, OrganisationKind


@db_task(retries=2, retry_delay=30)
def refresh_files(mission_locale_id: int, young_person_ids: list[int]) -> dict:
    return services.refresh(mission_locale_id=mission_locale_id, young_person_ids=young_person_ids)


def refresh_network() -> int:
    """Every Mission Locale, one transaction each (a failure stops nothing else)."""
    mission_locales = Organisation.objects.filter(kind=OrganisationKind.MISSION_LOCALE)
    for mission_locale_id in mission_locales.values_list("pk", flat=True).iterator():
        services.refresh(mission_locale_id=mission_locale_id)
    return mission_locales.count()


@db_periodic_task(crontab(hour="2", minute="15"))
@lock_task("nightly-alerts")
def nightly_alerts() -> int:
    return refresh_network()


@db_periodic_task(crontab(hour="7", minute="0"))
@lock_task("alert-digest")
def daily_digest() -> int:
    return digest.send_digests()
