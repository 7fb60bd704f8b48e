"""A director manages the accounts of their Mission Locale; every change is audited."""

import re

import pytest
from django.core import mail
from django.urls import reverse

from jalon.accounts import second_factor
from jalon.accounts.models import Role, User
from jalon.audit.models import AuditEntry
from tests.factories import confirmed_totp_device


@pytest.fixture
def director(client_for, director_a):
    return client_for(director_a)


def test_the_team_page_lists_the_staff_of_the_directors_mission_locale_only(
    director, personas, django_assert_max_num_queries
):
    # 8, and the menu's count of incoming transfers.
    with django_assert_max_num_queries(9):
        page = director.get(reverse("accounts:team")).content.decode()
    assert personas["counsellor_a"].email in page and personas["dpo_a"].email in page
    assert personas["counsellor_b"].email not in page
    assert personas["cpip"].email not in page


def test_creating_an_account_mails_a_link_to_choose_a_password(client, director, director_a):
    response = director.post(
        reverse("accounts:team_member_create"),
        {
            "first_name": "Léa",
            "last_name": "Martin",
            "email": "Lea.Martin@ml-a.test",
            "role": Role.CJML,
        },
    )
    assert response.url == reverse("accounts:team")
    member = User.objects.get(email="lea.martin@ml-a.test")
    assert member.role == Role.CJML and member.organisation == director_a.organisation
    assert AuditEntry.objects.filter(object_id=str(member.pk), action="create").exists()
    link = re.search(r"http://testserver(/mot-de-passe/nouveau/\S+)", mail.outbox[0].body)
    form_url = client.get(link.group(1)).url
    password = "Une phrase de passe pour Léa"
    response = client.post(form_url, {"new_password1": password, "new_password2": password})
    assert response.status_code == 302
    assert client.post("/connexion/", {"username": member.email, "password": password}).url == "/"


def test_a_director_cannot_hand_out_a_pilot_or_partner_role(director):
    page = director.post(
        reverse("accounts:team_member_create"),
        {"first_name": "A", "last_name": "B", "email": "a.b@ml-a.test", "role": Role.CPIP},
    ).content.decode()
    assert "Sélectionnez un choix valide" in page
    assert not User.objects.filter(email="a.b@ml-a.test").exists()


def test_an_existing_address_is_refused_and_the_form_keeps_what_was_typed(director, counsellor_a):
    page = director.post(
        reverse("accounts:team_member_create"),
        {
            "first_name": "Homonyme",
            "last_name": "Dupré",
            "email": counsellor_a.email.upper(),
            "role": Role.COUNSELLOR,
        },
    ).content.decode()
    assert "Un compte existe déjà avec cette adresse." in page
    assert 'value="Homonyme"' in page


def test_a_role_change_is_applied_and_audited(director, counsellor_a):
    response = director.post(
        reverse("accounts:team_member_role", args=[counsellor_a.pk]), {"role": Role.CJML}
    )
    assert response.url == reverse("accounts:team")
    counsellor_a.refresh_from_db()
    assert counsellor_a.role == Role.CJML
    entry = AuditEntry.objects.get(object_id=str(counsellor_a.pk), action="update")
    assert entry.changes == {"rôle": ["Conseiller·ère", Role.CJML.label]}
    assert entry.mission_locale_id == counsellor_a.organisation_id


def test_ending_a_habilitation_closes_the_account_and_its_api_tokens(
    director, client_for, counsellor_a, api_token_for
):
    session = client_for(counsellor_a)
    token = api_token_for(counsellor_a)
    director.post(reverse("accounts:team_member_end", args=[counsellor_a.pk]))
    counsellor_a.refresh_from_db()
    assert counsellor_a.habilitation_ended_at is not None and not counsellor_a.is_active
    assert session.get("/jeunes/").status_code == 302
    api = session.get("/api/v1/young-people/", headers={"Authorization": f"Bearer {token}"})
    assert api.status_code == 401
    assert AuditEntry.objects.filter(
        object_id=str(counsellor_a.pk), changes__habilitation=["active", "terminée"]
    ).exists()


def test_rule_a_closed_account_keeps_its_role(director, counsellor_a):
    director.post(reverse("accounts:team_member_end", args=[counsellor_a.pk]))
    response = director.post(
        reverse("accounts:team_member_role", args=[counsellor_a.pk]), {"role": Role.DIRECTOR}
    )
    assert response.status_code == 403
    counsellor_a.refresh_from_db()
    assert counsellor_a.role == Role.COUNSELLOR


def test_a_director_resets_the_second_factor_of_a_staff_member(director, counsellor_a):
    confirmed_totp_device(counsellor_a)
    second_factor.create_recovery_codes(user=counsellor_a)
    director.post(reverse("accounts:team_member_reset_second_factor", args=[counsellor_a.pk]))
    assert not second_factor.has_device(counsellor_a)
    assert second_factor.remaining_recovery_codes(counsellor_a) == 0
    assert AuditEntry.objects.filter(
        object_id=str(counsellor_a.pk),
        changes__has_key="double authentification",
    ).exists()


def test_the_administrator_resets_anyones_second_factor(client_for, personas):
    cpip = personas["cpip"]
    confirmed_totp_device(cpip)
    admin = client_for(personas["administrator"])
    response = admin.post(reverse("accounts:team_member_reset_second_factor", args=[cpip.pk]))
    assert not second_factor.has_device(cpip)
    assert response.url == f"/admin/accounts/user/{cpip.pk}/change/"


@pytest.mark.parametrize(
    "name", ["team_member_role", "team_member_end", "team_member_reset_second_factor"]
)
def test_a_director_cannot_act_on_another_mission_locale(client_for, personas, name):
    director_b = client_for(personas["director_b"])
    counsellor_a = personas["counsellor_a"]
    confirmed_totp_device(counsellor_a)
    response = director_b.post(
        reverse(f"accounts:{name}", args=[counsellor_a.pk]), {"role": Role.DIRECTOR}
    )
    assert response.status_code == 404
    counsellor_a.refresh_from_db()
    assert counsellor_a.role == Role.COUNSELLOR and counsellor_a.is_active
    assert second_factor.has_device(counsellor_a)


@pytest.mark.parametrize(
    "name", ["team_member_role", "team_member_end", "team_member_reset_second_factor"]
)
def test_a_director_cannot_change_their_own_account(director, director_a, name):
    response = director.post(reverse(f"accounts:{name}", args=[director_a.pk]), {"role": "cjml"})
    assert response.status_code == 403
    director_a.refresh_from_db()
    assert director_a.role == Role.DIRECTOR and director_a.is_active


def test_role_changes_require_a_recent_reauthentication(director, counsellor_a, settings):
    from tests.accounts.test_reauth import expire_window

    expire_window(director, settings)
    url = reverse("accounts:team_member_role", args=[counsellor_a.pk])
    response = director.post(url, {"role": Role.CJML})
    assert response.url.startswith(reverse("accounts:reauth"))
    counsellor_a.refresh_from_db()
    assert counsellor_a.role == Role.COUNSELLOR


def test_the_admin_shows_the_second_factor_and_links_to_the_audited_reset(client_for, personas):
    counsellor_a = personas["counsellor_a"]
    confirmed_totp_device(counsellor_a)
    admin = client_for(personas["administrator"])
    page = admin.get(f"/admin/accounts/user/{counsellor_a.pk}/change/").content.decode()
    assert reverse("accounts:team_member_reset_second_factor", args=[counsellor_a.pk]) in page
    # Device secrets are not browsable in the admin.
    assert admin.get("/admin/otp_totp/totpdevice/").status_code == 404
