"""Factories with the shapes the tests need; communes come from the real geography."""

import datetime

import factory
from django.utils import timezone

from jalon.accounts.models import Role, User
from jalon.network.models import Commune, Organisation, OrganisationKind, Site
from jalon.youngpeople.enums import PriorityPublic, PublicDetail, Sex
from jalon.youngpeople.models import PriorityPublicPeriod, YoungPerson

TEST_PASSWORD = "correct-horse-battery-staple"


def commune(code: str) -> Commune:
    return Commune.objects.select_related("departement__region").get(code=code)


def years_ago(years: int, days: int = 0) -> datetime.date:
    today = timezone.localdate()
    try:
        anniversary = today.replace(year=today.year - years)
    except ValueError:  # 29 February
        anniversary = today.replace(year=today.year - years, day=28)
    return anniversary - datetime.timedelta(days=days)


class OrganisationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Organisation

    kind = OrganisationKind.MISSION_LOCALE
    code = factory.Sequence(lambda n: f"ORG{n:04d}")
    name = factory.Sequence(lambda n: f"Mission Locale n°{n}")
    commune = factory.LazyFunction(lambda: commune("31555"))
    departement = factory.LazyAttribute(lambda o: o.commune.departement)
    region = factory.LazyAttribute(lambda o: o.commune.departement.region)
    phone = "05 61 00 00 00"
    email = factory.LazyAttribute(lambda o: f"contact@{o.code.lower()}.test")

    class Params:
        arml = factory.Trait(kind=OrganisationKind.ARML, name="ARML Occitanie")
        unml = factory.Trait(kind=OrganisationKind.UNML, name="UNML")
        spip = factory.Trait(kind=OrganisationKind.SPIP, name="SPIP 31")
        pjj = factory.Trait(kind=OrganisationKind.PJJ, subtype="ueaj", name="UEAJ Toulouse")
        departement_council = factory.Trait(
            kind=OrganisationKind.CONSEIL_DEPARTEMENTAL, name="Conseil départemental 31"
        )
        france_travail = factory.Trait(
            kind=OrganisationKind.FRANCE_TRAVAIL, name="France Travail Toulouse Compans"
        )


class SiteFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Site

    mission_locale = factory.SubFactory(OrganisationFactory)
    name = factory.Sequence(lambda n: f"Site {n}")
    commune = factory.LazyAttribute(lambda o: o.mission_locale.commune)


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        skip_postgeneration_save = True

    email = factory.Sequence(lambda n: f"user{n}@jalon.test")
    first_name = "Camille"
    last_name = factory.Sequence(lambda n: f"Agent{n}")
    role = Role.COUNSELLOR
    organisation = factory.SubFactory(OrganisationFactory)
    password = factory.PostGenerationMethodCall("set_password", TEST_PASSWORD)

    @factory.post_generation
    def _save(obj, create, extracted, **kwargs):
        if create:
            obj.save()


class YoungPersonFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = YoungPerson

    last_name = "Dupont"
    birth_name = ""
    first_names = factory.Sequence(lambda n: f"Prénom{n}")
    sex = Sex.FEMALE
    birth_date = factory.LazyFunction(lambda: years_ago(20))
    first_reception_date = factory.LazyFunction(lambda: years_ago(0, days=30))
    mission_locale = factory.SubFactory(OrganisationFactory)
    phone = "06 12 34 56 78"
    postal_code = "31000"
    commune = factory.LazyFunction(lambda: commune("31555"))


class PublicPeriodFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = PriorityPublicPeriod

    young_person = factory.SubFactory(YoungPersonFactory)
    public = PriorityPublic.QPV
    detail = ""
    start_date = factory.LazyFunction(lambda: years_ago(1))

    class Params:
        rqth = factory.Trait(public=PriorityPublic.DISABILITY, detail=PublicDetail.RQTH)


def confirmed_totp_device(user):
    """The user's authenticator application, as if enrolled (created when missing)."""
    from django_otp.plugins.otp_totp.models import TOTPDevice

    return TOTPDevice.objects.filter(user=user, confirmed=True).first() or (
        TOTPDevice.objects.create(user=user, name="Téléphone de test", confirmed=True)
    )


def totp_code(device, steps_ahead: int = 0) -> str:
    """The code the application shows now; `steps_ahead=1`: the next one (a code is single-use)."""
    from django_otp.oath import totp

    device.refresh_from_db()
    code = totp(device.bin_key, device.step, device.t0, device.digits, device.drift + steps_ahead)
    return str(code).zfill(device.digits)
