import datetime

from django.utils import timezone

from jalon.audit.models import AuditEntry
from jalon.scheduling.models import Appointment, AppointmentStatusChange, Participation
from tests.factories import YoungPersonFactory
from tests.scheduling.factories import (
    AppointmentFactory,
    CollectiveSessionFactory,
    ParticipationFactory,
    at,
)


def iso_week(day: datetime.date) -> str:
    year, week, _ = day.isocalendar()
    return f"{year}-W{week:02d}"


def test_the_week_shows_my_appointments_with_their_status(client_for, counsellor_a, young_person_a):
    AppointmentFactory(young_person=young_person_a, starts_at=at(0, 23, 0), mode="phone")
    page = client_for(counsellor_a).get("/agenda/").content.decode()
    assert "Mon agenda" in page
    assert "DUPONT Lucas" in page and f"/jeunes/{young_person_a.uid}/" in page
    assert "Par téléphone" in page and "Planifié" in page
    assert "Semaine précédente" in page and "Semaine suivante" in page


def test_the_week_can_be_chosen(client_for, counsellor_a, young_person_a):
    later = at(21)
    AppointmentFactory(young_person=young_person_a, starts_at=later)
    client = client_for(counsellor_a)
    assert "DUPONT" not in client.get("/agenda/").content.decode()
    page = client.get(f"/agenda/?semaine={iso_week(later.date())}").content.decode()
    assert "DUPONT Lucas" in page
    # A malformed week falls back to the current one.
    assert client.get("/agenda/?semaine=n-importe").status_code == 200


def test_the_day_view(client_for, counsellor_a, young_person_a):
    AppointmentFactory(young_person=young_person_a, starts_at=at(2, 9, 15), subject="Bilan CEJ")
    day = (timezone.localdate() + datetime.timedelta(days=2)).isoformat()
    page = client_for(counsellor_a).get(f"/agenda/jour/?date={day}").content.decode()
    assert "09:15" in page and "Bilan CEJ" in page
    other = client_for(counsellor_a).get("/agenda/jour/?date=2001-01-01").content.decode()
    assert "Aucun rendez-vous." in other


def test_a_director_picks_a_counsellor_of_their_mission_locale(
    client_for, director_a, counsellor_a, counsellor_b, young_person_a
):
    AppointmentFactory(young_person=young_person_a, starts_at=at(0, 23, 30))
    client = client_for(director_a)
    page = client.get(f"/agenda/?conseiller={counsellor_a.pk}").content.decode()
    assert f"Agenda de {counsellor_a.get_full_name()}" in page and "DUPONT Lucas" in page
    assert client.get(f"/agenda/?conseiller={counsellor_b.pk}").status_code == 403


def test_a_counsellor_cannot_see_another_agenda(client_for, counsellor_a, personas):
    colleague = personas["cjml_a"]
    client = client_for(counsellor_a)
    assert client.get(f"/agenda/?conseiller={colleague.pk}").status_code == 403
    assert client.get(f"/agenda/jour/?conseiller={colleague.pk}").status_code == 403
    assert client.get(f"/agenda/?conseiller={counsellor_a.pk}").status_code == 200


def test_creating_from_the_file_returns_to_the_file(client_for, counsellor_a, young_person_a):
    url = f"/jeunes/{young_person_a.uid}/rendez-vous/nouveau/"
    client = client_for(counsellor_a)
    page = client.get(url).content.decode()
    assert f'<option value="{counsellor_a.pk}" selected>' in page
    response = client.post(
        url,
        {
            "counsellor": counsellor_a.pk,
            "starts_at": "2030-03-04T10:30",
            "duration_minutes": "30",
            "mode": "video",
            "subject": "Préparer l'entretien",
        },
    )
    assert response.status_code == 302
    assert response.url == f"/jeunes/{young_person_a.uid}/"
    appointment = Appointment.objects.get()
    assert timezone.localtime(appointment.starts_at).hour == 10
    assert AuditEntry.objects.filter(action="create", young_person=young_person_a).exists()


def test_creating_from_the_agenda_with_htmx_redirects_there(
    client_for, counsellor_a, young_person_a
):
    client = client_for(counsellor_a)
    page = client.get("/agenda/rendez-vous/nouveau/?q=dupont&next=/agenda/").content.decode()
    assert f"/jeunes/{young_person_a.uid}/rendez-vous/nouveau/?next=/agenda/" in page
    url = f"/jeunes/{young_person_a.uid}/rendez-vous/nouveau/"
    fragment = client.get(url, headers={"HX-Request": "true"}).content.decode()
    assert "<html" not in fragment and 'name="starts_at"' in fragment
    response = client.post(
        url,
        {
            "counsellor": counsellor_a.pk,
            "starts_at": "2030-03-04T10:30",
            "duration_minutes": "45",
            "mode": "in_person",
            "next": "/agenda/?semaine=2030-W10",
        },
        headers={"HX-Request": "true"},
    )
    assert response["HX-Redirect"] == "/agenda/?semaine=2030-W10"


def test_rule_messages_come_back_in_the_form(client_for, counsellor_a, young_person_a):
    url = f"/jeunes/{young_person_a.uid}/rendez-vous/nouveau/"
    response = client_for(counsellor_a).post(
        url,
        {
            "counsellor": counsellor_a.pk,
            "starts_at": "2030-03-04T10:30",
            "duration_minutes": "600",
            "mode": "in_person",
            "next": "https://ailleurs.example/",
        },
        headers={"HX-Request": "true"},
    )
    page = response.content.decode()
    assert "entre 5 et 480 minutes" in page and "<html" not in page
    assert not Appointment.objects.exists()


def test_quick_status_buttons_update_the_row_in_place(client_for, counsellor_a, young_person_a):
    appointment = AppointmentFactory(young_person=young_person_a, starts_at=at(-1))
    client = client_for(counsellor_a)
    response = client.post(
        f"/rendez-vous/{appointment.uid}/statut/",
        {"status": "present"},
        headers={"HX-Request": "true"},
    )
    row = response.content.decode()
    assert row.lstrip().startswith("<tr") and "Présent" in row
    appointment.refresh_from_db()
    assert appointment.status == "present"
    assert AppointmentStatusChange.objects.get().changed_by == counsellor_a
    # Final: another change is refused with the rule's message, in the row.
    row = client.post(
        f"/rendez-vous/{appointment.uid}/statut/",
        {"status": "absent"},
        headers={"HX-Request": "true"},
    ).content.decode()
    assert "ne peut plus changer" in row


def test_presence_before_the_start_is_refused_in_the_row(client_for, counsellor_a, young_person_a):
    appointment = AppointmentFactory(young_person=young_person_a, starts_at=at(3))
    row = (
        client_for(counsellor_a)
        .post(
            f"/rendez-vous/{appointment.uid}/statut/",
            {"status": "present"},
            headers={"HX-Request": "true"},
        )
        .content.decode()
    )
    assert "pas encore commencé" in row


def test_postponing_from_the_agenda(client_for, counsellor_a, young_person_a):
    appointment = AppointmentFactory(young_person=young_person_a, starts_at=at(1))
    response = client_for(counsellor_a).post(
        f"/rendez-vous/{appointment.uid}/statut/",
        {"status": "postponed", "new_starts_at": "2030-01-08T14:00", "reason": "Examen"},
    )
    assert response.status_code == 302
    appointment.refresh_from_db()
    assert appointment.status == "postponed"
    assert timezone.localtime(appointment.postponed_to.starts_at).hour == 14


def test_other_mission_locales_get_404_on_an_appointment(client_for, counsellor_b, young_person_a):
    appointment = AppointmentFactory(young_person=young_person_a)
    response = client_for(counsellor_b).post(
        f"/rendez-vous/{appointment.uid}/statut/", {"status": "cancelled"}
    )
    assert response.status_code == 404


def test_the_week_view_has_a_bounded_number_of_queries(
    client_for, director_a, counsellor_a, ml_a, django_assert_max_num_queries
):
    people = YoungPersonFactory.create_batch(8, mission_locale=ml_a, referent=counsellor_a)
    monday = timezone.localdate() - datetime.timedelta(days=timezone.localdate().weekday())
    offset = (monday - timezone.localdate()).days
    for index in range(40):
        AppointmentFactory(
            young_person=people[index % 8],
            starts_at=at(offset + index % 5, 8 + index // 5),
            status="present" if index % 3 else "planned",
        )
    session = CollectiveSessionFactory(
        mission_locale=ml_a, facilitator=counsellor_a, starts_at=at(offset + 2, 14)
    )
    ParticipationFactory(session=session, young_person=people[0])
    client = client_for(director_a)
    # Session, user, organisation and session save included: nothing grows with the agenda.
    # 12, and the menu's count of incoming transfers.
    with django_assert_max_num_queries(13):
        page = client.get(f"/agenda/?conseiller={counsellor_a.pk}").content.decode()
    assert page.count('data-testid="appointment-row"') == 40
    assert "Atelier CV" in page


def test_sessions_list_and_attendance(client_for, counsellor_a, ml_a, young_person_a):
    past = CollectiveSessionFactory(mission_locale=ml_a, starts_at=at(-2), title="Job dating BTP")
    upcoming = CollectiveSessionFactory(mission_locale=ml_a, title="Information collective CEJ")
    client = client_for(counsellor_a)
    page = client.get("/ateliers/").content.decode()
    assert "Information collective CEJ" in page and "Job dating BTP" not in page
    assert "Job dating BTP" in client.get("/ateliers/?periode=passees").content.decode()
    # Registering: the search box finds the young people of the Mission Locale.
    fragment = client.get(
        f"/ateliers/{past.uid}/?q=dupont", headers={"HX-Request": "true", "HX-Target": "candidates"}
    ).content.decode()
    assert "DUPONT Lucas" in fragment and "<html" not in fragment
    other = YoungPersonFactory(mission_locale=ml_a, last_name="Zidane", first_names="Nora")
    for person in (young_person_a, other):
        response = client.post(f"/ateliers/{past.uid}/inscrire/", {"young_person": person.uid})
        assert response.status_code == 302
    lines = {p.young_person_id: p for p in Participation.objects.filter(session=past)}
    page = client.get(f"/ateliers/{past.uid}/").content.decode()
    assert "DUPONT Lucas" in page and "ZIDANE Nora" in page
    # Everyone's attendance in one form.
    client.post(
        f"/ateliers/{past.uid}/presences/",
        {f"p-{lines[young_person_a.pk].pk}": "present", f"p-{lines[other.pk].pk}": "absent"},
    )
    statuses = dict(Participation.objects.values_list("young_person_id", "status"))
    assert statuses == {young_person_a.pk: "present", other.pk: "absent"}
    assert AuditEntry.objects.filter(young_person=other, action="update").exists()
    assert client.get(f"/ateliers/{upcoming.uid}/").status_code == 200


def test_a_session_is_seen_by_its_mission_locale_only(client_for, counsellor_b, ml_a):
    session = CollectiveSessionFactory(mission_locale=ml_a)
    assert client_for(counsellor_b).get(f"/ateliers/{session.uid}/").status_code == 404
    assert "Atelier CV" not in client_for(counsellor_b).get("/ateliers/").content.decode()


def test_creating_a_session(client_for, counsellor_a):
    response = client_for(counsellor_a).post(
        "/ateliers/nouveau/",
        {
            "kind": "job_event",
            "title": "Job dating logistique",
            "starts_at": "2030-02-05T09:30",
            "duration_minutes": "180",
            "facilitator": counsellor_a.pk,
            "capacity": "20",
        },
    )
    assert response.status_code == 302
    page = client_for(counsellor_a).get(response.url).content.decode()
    assert "Job dating logistique" in page and "Événement emploi" in page
