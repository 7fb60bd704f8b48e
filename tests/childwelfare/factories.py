"""Records of the ASE follow-up, made through the services (as users make them)."""

import datetime

from django.utils import timezone

from jalon.childwelfare import services
from jalon.childwelfare.rules import birthday
from jalon.referrals.enums import ConsentCategory, ConsentMethod
from jalon.referrals.services import consent_record
from jalon.youngpeople.enums import PublicDetail
from tests.factories import YoungPersonFactory, years_ago


def days_ago(days: int) -> datetime.date:
    return timezone.localdate() - datetime.timedelta(days=days)


def young_person_aged(mission_locale, years: int, days: int = 0, **extra):
    """A file of the Mission Locale for someone who turned `years` `days` days ago."""
    return YoungPersonFactory(
        mission_locale=mission_locale,
        birth_date=years_ago(years, days=days),
        first_reception_date=days_ago(10),
        **extra,
    )


def open_follow_up(
    actor,
    young_person,
    departement,
    *,
    status=PublicDetail.ASE_PLACED,
    status_start=None,
    taken_into_care_on=None,
    **data,
):
    status_start = status_start or max(birthday(young_person.birth_date, 16), days_ago(400))
    return services.ase_follow_up_open(
        actor=actor,
        young_person=young_person,
        data={
            "departement": departement,
            "taken_into_care_on": taken_into_care_on or status_start,
            **data,
        },
        status=status,
        status_start=status_start,
    )


def share_with_departement(actor, young_person, referent, categories=None):
    """The young person consents to share with the Département; its referent joins the group."""
    from jalon.partners import services as partner_services

    consent = consent_record(
        actor=actor,
        young_person=young_person,
        organisation=referent.organisation,
        categories=set(categories or ConsentCategory.values),
        method=ConsentMethod.SIGNED_FORM,
        given_on=timezone.localdate(),
    )
    member = partner_services.follow_up_member_add(
        actor=actor, young_person=young_person, user=referent, start_date=timezone.localdate()
    )
    return consent, member
