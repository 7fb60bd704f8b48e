from icalendar import Calendar

from jalon.scheduling import services
from tests.scheduling.factories import AppointmentFactory, at


def test_the_feed_shows_first_name_and_initial_only(client_for, counsellor_a, young_person_a):
    young_person_a.first_names = "Lucas Pierre"
    young_person_a.save()
    AppointmentFactory(young_person=young_person_a, starts_at=at(1, 10), mode="video", place="")
    AppointmentFactory(young_person=young_person_a, starts_at=at(2, 11), status="cancelled")
    token = services.calendar_feed_regenerate(actor=counsellor_a)
    response = client_for(None).get(f"/agenda/flux/{token}.ics")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/calendar")
    body = response.content.decode()
    assert "Dupont" not in body and "DUPONT" not in body and "Pierre" not in body
    assert "situation familiale" not in body  # the notes
    events = Calendar.from_ical(response.content).walk("VEVENT")
    assert len(events) == 2
    first, second = sorted(events, key=lambda e: e.decoded("dtstart"))
    assert str(first["summary"]) == "Rendez-vous Jalon — Lucas D."
    assert str(first["location"]) == "En visioconférence"
    assert f"/jeunes/{young_person_a.uid}/" in str(first["url"])
    assert (str(first["status"]), str(second["status"])) == ("CONFIRMED", "CANCELLED")


def test_an_unknown_or_revoked_token_is_404(client_for, counsellor_a):
    assert client_for(None).get("/agenda/flux/inconnu.ics").status_code == 404
    old = services.calendar_feed_regenerate(actor=counsellor_a)
    new = services.calendar_feed_regenerate(actor=counsellor_a)
    assert client_for(None).get(f"/agenda/flux/{old}.ics").status_code == 404
    assert client_for(None).get(f"/agenda/flux/{new}.ics").status_code == 200
    counsellor_a.is_active = False
    counsellor_a.save()
    assert client_for(None).get(f"/agenda/flux/{new}.ics").status_code == 404


def test_the_agenda_regenerates_and_shows_the_address_once(client_for, counsellor_a):
    client = client_for(counsellor_a)
    fragment = client.post("/agenda/flux/regenerer/", headers={"HX-Request": "true"}).content
    fragment = fragment.decode()
    assert "<html" not in fragment and "/agenda/flux/" in fragment and ".ics" in fragment
    page = client.get("/agenda/").content.decode()
    assert "Une adresse est active depuis" in page and ".ics" not in page
