"""The personal .ics feed: least privilege, since calendar applications copy it elsewhere.

An event says only "Rendez-vous Jalon", the time, the mode or place, the young person's first
name and last-name initial, and a link to the file (which requires logging in). Never the
notes, the full name, nor anything about justice or child welfare.
"""

import datetime

from django.urls import reverse
from django.utils import timezone
from icalendar import Calendar, Event

from jalon.scheduling.enums import AppointmentStatus
from jalon.scheduling.models import Appointment, CollectiveSession

PAST = datetime.timedelta(weeks=8)
FUTURE = datetime.timedelta(weeks=26)
SUMMARY = "Rendez-vous Jalon"


def short_name(young_person) -> str:
    """ "Lucas D." from Lucas Pierre DUPONT."""
    first = (young_person.first_names.split() or [""])[0]
    initial = young_person.last_name.strip()[:1].upper()
    return f"{first} {initial}.".strip()


def calendar_for(user, base_url: str) -> bytes:
    now = timezone.now()
    calendar = Calendar()
    calendar.add("prodid", "-//Jalon//Agenda des Missions Locales//FR")
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("x-wr-calname", "Agenda Jalon")
    calendar.add("x-wr-timezone", timezone.get_current_timezone_name())
    base = base_url.rstrip("/")
    appointments = Appointment.objects.filter(
        counsellor=user, starts_at__gte=now - PAST, starts_at__lt=now + FUTURE
    ).select_related("young_person")
    for appointment in appointments:
        link = base + reverse("youngpeople:detail", args=[appointment.young_person.uid])
        event = Event()
        event.add("uid", f"{appointment.uid}@jalon")
        event.add("dtstamp", now)
        event.add("dtstart", appointment.starts_at)
        event.add("dtend", appointment.ends_at)
        summary = f"{SUMMARY} — {short_name(appointment.young_person)}"
        if appointment.status == AppointmentStatus.POSTPONED:
            summary += " (reporté)"
        event.add("summary", summary)
        event.add("location", appointment.place or appointment.get_mode_display())
        event.add(
            "description",
            f"Modalité : {appointment.get_mode_display()}\n"
            f"Statut : {appointment.get_status_display()}\n"
            f"Dossier (connexion requise) : {link}",
        )
        event.add("url", link)
        cancelled = appointment.status in (AppointmentStatus.CANCELLED, AppointmentStatus.POSTPONED)
        event.add("status", "CANCELLED" if cancelled else "CONFIRMED")
        calendar.add_component(event)
    sessions = CollectiveSession.objects.filter(
        facilitator=user, starts_at__gte=now - PAST, starts_at__lt=now + FUTURE
    )
    for session in sessions:
        event = Event()
        event.add("uid", f"{session.uid}@jalon")
        event.add("dtstamp", now)
        event.add("dtstart", session.starts_at)
        event.add("dtend", session.ends_at)
        event.add("summary", f"{session.get_kind_display()} — {session.title}")
        if session.place:
            event.add("location", session.place)
        event.add("url", base + reverse("scheduling:session_detail", args=[session.uid]))
        event.add("status", "CONFIRMED")
        calendar.add_component(event)
    return calendar.to_ical()
