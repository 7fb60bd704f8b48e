"""No lost work: two counsellors edit one record; the second is told, nothing is overwritten."""

import datetime
import threading
from html.parser import HTMLParser

import pytest
from django.db import connection, connections, transaction

from jalon.core.versioning import ConcurrentEditError
from jalon.pathways.models import Pathway
from jalon.reception.models import Diagnostic
from jalon.youngpeople import services
from jalon.youngpeople.models import YoungPerson
from tests.factories import UserFactory
from tests.pathways.factories import PathwayFactory
from tests.reception.factories import DiagnosticFactory


class _FormValues(HTMLParser):
    """What a browser would send back: the inputs, selected options and textareas of a form."""

    def __init__(self, form_marker: str):
        super().__init__()
        self.marker, self.inside, self.values = form_marker, False, {}
        self._select = self._textarea = None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "form":
            self.inside = self.marker in (attrs.get("action") or "") or self.marker == ""
        if not self.inside or ("name" not in attrs and tag != "option"):
            return
        if tag == "input" and attrs.get("type") not in ("checkbox", "radio", "submit"):
            self.values[attrs["name"]] = attrs.get("value") or ""
        elif tag == "input" and "checked" in attrs:
            self.values[attrs["name"]] = attrs.get("value") or "on"
        elif tag == "select":
            self._select = attrs["name"]
            self.values.setdefault(self._select, "")
        elif tag == "option" and self._select and "selected" in attrs:
            self.values[self._select] = attrs.get("value") or ""
        elif tag == "textarea":
            self._textarea = attrs["name"]
            self.values[self._textarea] = ""

    def handle_endtag(self, tag):
        if tag == "form":
            self.inside = False
        elif tag == "select":
            self._select = None
        elif tag == "textarea":
            self._textarea = None

    def handle_data(self, data):
        if self._textarea:
            self.values[self._textarea] += data.lstrip("\n")


def form_values(response, form_marker: str = "") -> dict:
    parser = _FormValues(form_marker)
    parser.feed(response.content.decode())
    return parser.values


@pytest.fixture
def colleague(ml_a):
    from jalon.accounts.models import Role

    return UserFactory(
        role=Role.COUNSELLOR, organisation=ml_a, first_name="Nadia", last_name="Collègue"
    )


def test_rule_a_second_counsellor_saving_an_outdated_file_overwrites_nothing(
    client_for, counsellor_a, colleague, young_person_a
):
    url = f"/jeunes/{young_person_a.uid}/modifier/"
    first, second = client_for(colleague), client_for(counsellor_a)
    page = first.get(url)
    assert page.content.decode().count('name="initial-phone"') == 1
    first_form = form_values(page, "")
    second_form = form_values(second.get(url), "")
    assert first_form["version"] == second_form["version"] == "1"

    response = first.post(url, {**first_form, "phone": "07 11 11 11 11"})
    assert response.status_code == 302

    response = second.post(url, {**second_form, "diploma": "CAP Cuisine"})
    page = response.content.decode()
    assert response.status_code == 200
    assert "Ce dossier a été modifié par Nadia Collègue le " in page
    assert "pendant votre saisie. Vos modifications n&#x27;ont pas été enregistrées" in page
    # The field the colleague changed, with its current value; the user's input is still there.
    assert "Téléphone : <strong>07 11 11 11 11</strong>" in page
    assert 'value="CAP Cuisine"' in page
    young_person = YoungPerson.objects.get(pk=young_person_a.pk)
    assert young_person.phone == "07 11 11 11 11" and young_person.diploma == ""
    assert young_person.version == 2

    # The field the user left alone shows the colleague's value; saving again goes through and
    # undoes nothing.
    again = form_values(response, "")
    assert again["version"] == "2" and again["diploma"] == "CAP Cuisine"
    assert again["phone"] == "07 11 11 11 11"
    response = second.post(url, again)
    assert response.status_code == 302
    young_person.refresh_from_db()
    assert (young_person.phone, young_person.diploma) == ("07 11 11 11 11", "CAP Cuisine")


def test_rule_an_outdated_api_update_is_refused_with_409(
    client_for, counsellor_a, colleague, young_person_a, api_token_for
):
    client = client_for(None)
    url = f"/api/v1/young-people/{young_person_a.uid}"

    def call(user, method, body=None):
        headers = {"Authorization": f"Bearer {api_token_for(user)}"}
        if body is None:
            return getattr(client, method)(url, headers=headers)
        return getattr(client, method)(url, body, content_type="application/json", headers=headers)

    version = call(colleague, "get").json()["version"]
    assert call(counsellor_a, "get").json()["version"] == version == 1
    assert call(colleague, "patch", {"phone": "07 22 22 22 22", "version": version}).status_code
    response = call(counsellor_a, "patch", {"diploma": "CAP Cuisine", "version": version})
    assert response.status_code == 409
    body = response.json()
    assert body["message"].startswith("Ce dossier a été modifié par Nadia Collègue le ")
    assert "version actuelle (2)" in body["message"]
    assert list(body["errors"]) == ["version"]
    young_person = YoungPerson.objects.get(pk=young_person_a.pk)
    assert (young_person.phone, young_person.diploma) == ("07 22 22 22 22", "")
    assert call(counsellor_a, "get").json()["version"] == 2


def test_rule_an_outdated_pathway_exit_keeps_the_input_and_changes_nothing(
    client_for, counsellor_a, colleague, young_person_a
):
    pathway = PathwayFactory(young_person=young_person_a, counsellor=counsellor_a)
    page_url = f"/parcours/{pathway.uid}/"
    first, second = client_for(colleague), client_for(counsellor_a)
    extend = form_values(first.get(page_url), "prolongation")
    exit_form = form_values(second.get(page_url), "sortie")
    new_end = pathway.planned_end_date - datetime.timedelta(days=30)
    response = first.post(
        f"{page_url}prolongation/", {**extend, "extend-planned_end_date": new_end.isoformat()}
    )
    assert response.status_code == 302
    today = datetime.date.today().isoformat()
    response = second.post(
        f"{page_url}sortie/",
        {
            **exit_form,
            "exit-end_date": today,
            "exit-exit_reason": "completed",
            "exit-exit_outcome": "training",
        },
    )
    page = response.content.decode()
    assert response.status_code == 200
    assert "Ce parcours a été modifié par Nadia Collègue" in page
    assert f'value="{today}"' in page  # the user's exit date is still in the form
    pathway = Pathway.objects.get(pk=pathway.pk)
    assert pathway.is_active and pathway.planned_end_date == new_end and pathway.version == 2


def test_rule_an_outdated_api_pathway_exit_is_refused_with_409(
    client_for, counsellor_a, young_person_a, api_token_for
):
    pathway = PathwayFactory(young_person=young_person_a, counsellor=counsellor_a, version=3)
    response = client_for(None).post(
        f"/api/v1/pathways/{pathway.uid}/exit",
        {"end_date": None, "version": 2},
        content_type="application/json",
        headers={"Authorization": f"Bearer {api_token_for(counsellor_a)}"},
    )
    assert response.status_code == 409
    assert response.json()["message"].startswith("Ce parcours a été modifié par ")
    assert Pathway.objects.get(pk=pathway.pk).is_active


def test_rule_an_outdated_diagnostic_areas_form_lists_what_the_colleague_wrote(
    client_for, counsellor_a, colleague, young_person_a
):
    diagnostic = DiagnosticFactory(young_person=young_person_a)
    url = f"/jeunes/{young_person_a.uid}/diagnostics/{diagnostic.uid}/situation/"
    first, second = client_for(colleague), client_for(counsellor_a)
    first_form, second_form = form_values(first.get(url)), form_values(second.get(url))
    response = first.post(url, {**first_form, "housing_situation": "Hébergé chez sa tante."})
    assert response.status_code == 302
    response = second.post(url, {**second_form, "mobility_barriers": "Pas de permis."})
    page = response.content.decode()
    assert response.status_code == 200
    assert "Ce diagnostic a été modifié par Nadia Collègue" in page
    assert "Logement — situation : <strong>Hébergé chez sa tante.</strong>" in page
    assert "Pas de permis.</textarea>" in page
    diagnostic = Diagnostic.objects.get(pk=diagnostic.pk)
    assert [(a.area, a.barriers) for a in diagnostic.areas.all()] == [("housing", "")]


def test_a_merge_makes_the_forms_opened_on_the_kept_file_outdated(
    director_a, counsellor_a, young_person_a, ml_a
):
    from tests.factories import YoungPersonFactory

    absorbed = YoungPersonFactory(mission_locale=ml_a)
    services.young_people_merge(actor=director_a, kept=young_person_a, absorbed=absorbed)
    with pytest.raises(ConcurrentEditError):
        services.young_person_update(
            actor=counsellor_a,
            young_person=YoungPerson.objects.get(pk=young_person_a.pk),
            data={"diploma": "CAP"},
            expected_version=1,
        )


@pytest.mark.postgresql
@pytest.mark.django_db(transaction=True)
def test_rule_two_connections_racing_on_one_file_lose_no_update(
    counsellor_a, colleague, young_person_a
):
    """The first writer holds the row; the second, blocked on it, finds the version moved."""
    claimed, results = threading.Event(), {}

    def save(name, user, data, hold):
        try:
            with transaction.atomic():
                services.young_person_update(
                    actor=user,
                    young_person=YoungPerson.objects.get(pk=young_person_a.pk),
                    data=data,
                    expected_version=1,
                )
                if hold:
                    claimed.set()
                    _wait_until_another_connection_waits_for_a_lock()
            results[name] = "saved"
        except ConcurrentEditError:
            results[name] = "conflict"
        finally:
            connections.close_all()

    first = threading.Thread(
        target=save, args=("first", colleague, {"phone": "07 33 33 33 33"}, True)
    )
    first.start()
    assert claimed.wait(timeout=30)
    second = threading.Thread(target=save, args=("second", counsellor_a, {"diploma": "BTS"}, False))
    second.start()
    first.join(timeout=60)
    second.join(timeout=60)
    assert results == {"first": "saved", "second": "conflict"}
    young_person = YoungPerson.objects.get(pk=young_person_a.pk)
    assert (young_person.phone, young_person.diploma, young_person.version) == (
        "07 33 33 33 33",
        "",
        2,
    )


def _wait_until_another_connection_waits_for_a_lock():
    with connection.cursor() as cursor:
        for _ in range(600):
            cursor.execute("SELECT count(*) FROM pg_locks WHERE NOT granted")
            if cursor.fetchone()[0]:
                return
            cursor.execute("SELECT pg_sleep(0.05)")
    raise AssertionError("The second connection never waited for the row.")
