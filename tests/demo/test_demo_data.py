import pytest
from django.core.management import call_command
from django.db.models import Count
from django.urls import reverse

from jalon.accounts.backends import DEMO_PASSWORD
from jalon.accounts.models import Role, User
from jalon.demo import loader
from jalon.network.models import Organisation, OrganisationKind, PrisonType
from jalon.youngpeople.models import PriorityPublicPeriod, YoungPerson

README_ACCOUNTS = [
    "accueil", "conseiller", "cjml", "referent-justice", "directeur", "conseiller2",
    "arml", "national", "cpip", "pjj", "ase", "admin",
]  # fmt: skip


@pytest.fixture
def demo(db, settings):
    settings.DEMO_MODE = True
    call_command("demo-data")


def test_demo_network_spans_two_regions_and_three_missions_locales(demo):
    missions_locales = Organisation.objects.missions_locales()
    assert missions_locales.count() == 3
    assert missions_locales.values("region").distinct().count() == 2
    assert all(ml.sites.exists() and ml.communes_covered.exists() for ml in missions_locales)


def test_demo_has_partners_of_every_type(demo):
    kinds = set(Organisation.objects.values_list("kind", flat=True))
    assert kinds == set(OrganisationKind.values)
    prison_types = set(Organisation.objects.filter(kind="prison").values_list("subtype", flat=True))
    assert {PrisonType.EPM, PrisonType.CJD, PrisonType.SAS, PrisonType.QUARTIER_MINEURS} <= (
        prison_types
    )


def test_every_readme_account_logs_in_with_the_demo_password(demo, client):
    for local in README_ACCOUNTS:
        email = f"{local}@demo.jalon.test"
        response = client.post("/connexion/", {"username": email, "password": DEMO_PASSWORD})
        assert response.status_code == 302, email
        client.post("/deconnexion/")


def test_readme_accounts_have_the_roles_the_readme_gives(demo):
    roles = dict(User.objects.values_list("email", "role"))
    assert roles["cjml@demo.jalon.test"] == Role.CJML
    assert roles["conseiller2@demo.jalon.test"] == Role.COUNSELLOR
    same_ml = User.objects.filter(
        email__in=[f"{n}@demo.jalon.test" for n in ("accueil", "conseiller", "cjml", "directeur")]
    )
    assert same_ml.values("organisation").distinct().count() == 1
    conseiller2 = User.objects.get(email="conseiller2@demo.jalon.test")
    assert conseiller2.organisation_id != same_ml.first().organisation_id


def test_about_500_believable_young_people(demo):
    young_people = YoungPerson.objects.all()
    assert 450 <= young_people.count() <= 550
    ages = [yp.age_at_first_reception for yp in young_people]
    assert min(ages) >= 16 and max(ages) <= 29
    over_25 = [yp for yp in young_people if yp.age_at_first_reception > 25]
    assert over_25, "the demo shows the RQTH extension to 29"
    assert all(yp.public_periods.filter(detail="rqth").exists() for yp in over_25)
    levels = young_people.values("level_1969").annotate(n=Count("pk"))
    assert len(levels) >= 5
    publics = set(PriorityPublicPeriod.objects.values_list("public", flat=True))
    assert {"qpv", "ase", "justice", "disability"} <= publics
    assert young_people.filter(last_name="Dupont", mission_locale__code="ML31-TOULOUSE").exists()


def test_demo_data_is_deterministic(db, settings):
    settings.DEMO_MODE = True
    loader.load_network()
    loader.load_accounts()

    def names():
        return [
            (person.last_name, person.first_names, person.birth_date, len(periods))
            for person, periods in loader.generate_young_people()
        ]

    assert names() == names()


def test_demo_has_young_people_at_every_stage(demo):
    from jalon.pathways.models import CejSanction, Pathway

    kinds = set(Pathway.objects.values_list("kind", flat=True))
    assert kinds == {"orientation_sequence", "pacea", "cej"}
    assert Pathway.objects.filter(end_date__isnull=False).exists()
    assert CejSanction.objects.exists()
    assert YoungPerson.objects.filter(diagnostics__completed_on__isnull=False).exists()


def test_more_young_people_for_load_work(demo):
    before = YoungPerson.objects.count()
    call_command("demo-data", young_people=120)
    assert YoungPerson.objects.count() == before + 120


def test_loading_twice_changes_nothing(demo):
    counts = (Organisation.objects.count(), User.objects.count(), YoungPerson.objects.count())
    call_command("demo-data")
    assert counts == (
        Organisation.objects.count(),
        User.objects.count(),
        YoungPerson.objects.count(),
    )


def test_the_demo_director_finds_emergency_accesses_and_an_alert(demo, client_for):
    client = client_for(User.objects.get(email="directeur@demo.jalon.test"))
    page = client.get("/audit/").content.decode()
    grants = page.split('id="acces-urgence"')[1].split("</section>")[0]
    assert grants.count("Actif") == 1 and grants.count("Expiré") == 1
    assert "DUPONT Léa" in grants  # a Toulouse file: its director sees the name
    assert "MARTIN" not in grants  # a Montpellier file opened by Toulouse staff: its uid only
    assert "94 dossiers distincts en 24 heures" in page and "À examiner" in page


def test_demo_has_files_past_retention_for_the_dry_run_and_an_open_rights_request(demo):
    from django.utils import timezone

    from jalon.privacy.models import RightsRequest
    from jalon.privacy.services import review_retention

    review = review_retention(timezone.localdate())
    due = {f.uid for f in review.files}
    past = YoungPerson.objects.filter(last_name__in=["Garnier", "Roux", "Bonnet"])
    assert {str(uid) for uid in past.values_list("uid", flat=True)} <= due
    assert [a.pk for a in review.accounts] == [
        User.objects.get(email="ancien-conseiller@demo.jalon.test").pk
    ]
    assert not YoungPerson.objects.filter(anonymised_at__isnull=False).exists()
    assert RightsRequest.objects.open().get().young_person.first_names == "Lucas"


def test_the_demo_alert_and_emergency_accesses_have_their_reads_in_the_journal(demo):
    from jalon.audit.models import AuditAction, AuditAlert, AuditEntry, EmergencyAccess

    alert = AuditAlert.objects.get()
    reads = AuditEntry.objects.filter(actor=alert.user, action=AuditAction.READ, at__date=alert.day)
    assert reads.values("young_person").distinct().count() == alert.distinct_files
    for grant in EmergencyAccess.objects.all():
        under_grant = AuditEntry.objects.filter(
            actor=grant.user, young_person=grant.young_person, action=AuditAction.READ
        )
        assert under_grant.count() == 3


def test_toulouse_has_a_transfer_waiting_from_montpellier_and_one_taken_over(demo, client_for):
    from jalon.youngpeople.models import FileTransfer

    director = User.objects.get(email="directeur@demo.jalon.test")
    page = client_for(director).get("/transferts/").content.decode()
    assert "Transferts (1)" in page
    assert "Mission Locale Montpellier Méditerranée" in page
    accepted = FileTransfer.objects.get(status="accepted")
    assert accepted.young_person.mission_locale == director.organisation
    assert client_for(director).get(f"/jeunes/{accepted.young_person.uid}/").status_code == 200
    montpellier = User.objects.get(email="conseiller2@demo.jalon.test")
    assert client_for(montpellier).get(f"/jeunes/{accepted.young_person.uid}/").status_code == 404


def test_the_demo_has_liaison_forms_in_every_status(demo):
    from jalon.referrals.enums import LiaisonDirection, LiaisonStatus
    from jalon.referrals.models import LiaisonForm

    to_toulouse = LiaisonForm.objects.filter(
        direction=LiaisonDirection.TO_MISSION_LOCALE, recipient_organisation__code="ML31-TOULOUSE"
    )
    assert set(to_toulouse.values_list("status", flat=True)) == set(LiaisonStatus.values)
    assert {form.sender_organisation.kind for form in to_toulouse} == {
        "spip",
        "pjj",
        "conseil_departemental",
        "france_travail",
    }
    assert LiaisonForm.objects.filter(direction=LiaisonDirection.TO_PARTNER).exists()


def test_the_demo_cpip_and_ase_referent_follow_consenting_toulouse_young_people(demo, client_for):
    from jalon.demo import childwelfare as childwelfare_demo
    from jalon.partners.models import Correspondent
    from jalon.partners.selectors import partner_files

    cpip = User.objects.get(email="cpip@demo.jalon.test")
    ase = User.objects.get(email="ase@demo.jalon.test")
    followed = partner_files(cpip)
    assert len(followed) == 3
    assert {yp.mission_locale.code for yp, _ in followed} == {"ML31-TOULOUSE"}
    # Two from the shared-follow-up demo, the others from the ASE follow-up demo.
    assert len(partner_files(ase)) == 2 + sum(case.shared for case in childwelfare_demo.CASES)
    assert client_for(cpip).get("/partenaires/").status_code == 200
    directions = set(Correspondent.objects.values_list("organisation__kind", "counterpart__kind"))
    assert {("mission_locale", "spip"), ("spip", "mission_locale")} <= directions


def test_demo_pilots_find_territorial_context_governance_and_barometer_results(demo, client_for):
    arml = client_for(User.objects.get(email="arml@demo.jalon.test"))
    context = arml.get(reverse("pilotage:territorial_context")).content.decode()
    assert "<td>112700</td>" in context  # population 16-25 of the communes Toulouse covers
    governance = arml.get(reverse("governance:overview")).content.decode()
    assert "Préparer la sortie : IPRO 360° et fiche de liaison" in governance
    results = arml.get(reverse("governance:barometer_results")).content.decode()
    assert '<th scope="row">Occitanie</th><td>9</td>' in results
    cjml = client_for(User.objects.get(email="cjml@demo.jalon.test"))
    assert (
        "Envoyer ma réponse anonyme" in cjml.get(reverse("governance:barometer")).content.decode()
    )
