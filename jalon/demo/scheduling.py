"""Demo data of the scheduling app, loaded by `jalon demo-data` after the young people.

Each demo counsellor gets 6 to 10 appointments a week with their own young people over the
8 past weeks (mostly held) and the 3 coming weeks (planned); each Mission Locale runs weekly
CV workshops and CEJ information sessions and a job dating every other week. Deterministic
(fixed seed), inserted in bulk, without audit entries (loading is not a user action).
"""

import datetime
import random

from django.db import transaction
from django.utils import timezone

from jalon.accounts.models import User
from jalon.demo import network as demo
from jalon.network.models import Organisation
from jalon.scheduling.enums import (
    AppointmentMode,
    AppointmentStatus,
    ParticipationStatus,
    SessionKind,
)
from jalon.scheduling.models import Appointment, CollectiveSession, Participation
from jalon.youngpeople.enums import FileStatus
from jalon.youngpeople.models import YoungPerson

SEED = 2026
PAST_WEEKS = 8
COMING_WEEKS = 3
MAIN_COUNSELLOR = f"conseiller@{demo.DEMO_DOMAIN}"
COUNSELLING_ROLES = ("counsellor", "cjml", "justice_referent")
SUBJECTS = [
    "Point d'étape",
    "Diagnostic",
    "Recherche d'emploi",
    "Préparation d'entretien d'embauche",
    "Projet de formation",
    "Bilan CEJ",
    "Logement et mobilité",
    "Démarches de santé",
]
MODES = [
    (AppointmentMode.IN_PERSON, 70),
    (AppointmentMode.PHONE, 18),
    (AppointmentMode.VIDEO, 8),
    (AppointmentMode.DETENTION, 4),
]
PAST_STATUSES = [
    (AppointmentStatus.PRESENT, 72),
    (AppointmentStatus.ABSENT, 12),
    (AppointmentStatus.CANCELLED, 8),
    (AppointmentStatus.POSTPONED, 8),
]
# (kind, title, theme, weekday, hour, minute, minutes, every n weeks, capacity)
SESSIONS = [
    (SessionKind.WORKSHOP, "Atelier CV", "Rédiger et mettre en forme son CV", 1, 14, 0, 120, 1, 12),
    (
        SessionKind.INFORMATION_SESSION,
        "Information collective CEJ",
        "Le contrat d'engagement jeune : droits et engagements",
        3,
        9,
        30,
        90,
        1,
        15,
    ),
    (
        SessionKind.JOB_EVENT,
        "Job dating",
        "Rencontre avec des employeurs du territoire",
        4,
        10,
        0,
        180,
        2,
        None,
    ),
]


def _aware(day: datetime.date, hour: int, minute: int = 0) -> datetime.datetime:
    return datetime.datetime.combine(
        day, datetime.time(hour, minute), tzinfo=timezone.get_current_timezone()
    )


def _weighted(rng, choices):
    return rng.choices([c[0] for c in choices], weights=[c[1] for c in choices])[0]


@transaction.atomic
def load(today, seed: int = SEED) -> int:
    """Create the demo records; return how many were created."""
    rng = random.Random(seed)
    now = timezone.now()
    monday = today - datetime.timedelta(days=today.weekday())
    counsellors = list(
        User.objects.filter(
            email__endswith=f"@{demo.DEMO_DOMAIN}", role__in=COUNSELLING_ROLES, is_active=True
        )
        .select_related("organisation", "site")
        .order_by("email")
    )
    portfolios: dict[int, list] = {}
    for person in YoungPerson.objects.filter(
        referent__in=counsellors, status=FileStatus.ACTIVE
    ).order_by("pk"):
        portfolios.setdefault(person.referent_id, []).append(person)
    plain, postponed = [], []
    for counsellor in counsellors:
        people = portfolios.get(counsellor.pk, [])
        if not people:
            continue
        place = counsellor.site.name if counsellor.site else counsellor.organisation.name
        slots = []
        for week in range(-PAST_WEEKS, COMING_WEEKS):
            start = monday + datetime.timedelta(weeks=week)
            for _ in range(rng.randint(6, 10)):
                day = start + datetime.timedelta(days=rng.randint(0, 4))
                slots.append(_aware(day, rng.randint(9, 16), rng.choice((0, 30))))
        if counsellor.email == MAIN_COUNSELLOR:
            # The demo script starts on today's agenda: something held, something to come.
            slots += [_aware(today, 9), _aware(today, 11), _aware(today, 14), _aware(today, 16, 30)]
        for starts_at in sorted(set(slots)):
            mode = _weighted(rng, MODES)
            appointment = Appointment(
                young_person=rng.choice(people),
                counsellor=counsellor,
                starts_at=starts_at,
                duration_minutes=rng.choice((30, 45, 45, 60)),
                mode=mode,
                place="" if mode in (AppointmentMode.PHONE, AppointmentMode.VIDEO) else place,
                subject=rng.choice(SUBJECTS),
                created_by=counsellor,
                created_at=starts_at - datetime.timedelta(days=rng.randint(2, 15)),
            )
            if starts_at < now:
                appointment.status = _weighted(rng, PAST_STATUSES)
            if appointment.status == AppointmentStatus.POSTPONED:
                later = starts_at + datetime.timedelta(days=rng.randint(2, 7))
                replacement = Appointment(
                    young_person=appointment.young_person,
                    counsellor=counsellor,
                    starts_at=later.replace(hour=rng.randint(9, 16)),
                    duration_minutes=appointment.duration_minutes,
                    mode=appointment.mode,
                    place=appointment.place,
                    subject=appointment.subject,
                    created_by=counsellor,
                    created_at=starts_at,
                )
                if replacement.starts_at < now:
                    replacement.status = AppointmentStatus.PRESENT
                plain.append(replacement)
                postponed.append((appointment, replacement))
            else:
                plain.append(appointment)
    Appointment.objects.bulk_create(plain, batch_size=1000)
    for appointment, replacement in postponed:
        appointment.postponed_to = replacement
    Appointment.objects.bulk_create([a for a, _ in postponed], batch_size=1000)
    return len(plain) + len(postponed) + _load_sessions(rng, monday, now, counsellors)


def _load_sessions(rng, monday, now, counsellors) -> int:
    created = 0
    for spec in demo.MISSIONS_LOCALES:
        ml = Organisation.objects.get(code=spec["code"])
        team = [c for c in counsellors if c.organisation_id == ml.pk] or [None]
        people = list(
            YoungPerson.objects.filter(mission_locale=ml, status=FileStatus.ACTIVE)
            .order_by("pk")
            .values_list("pk", flat=True)
        )
        sessions, lines = [], []
        for week in range(-PAST_WEEKS, COMING_WEEKS):
            start = monday + datetime.timedelta(weeks=week)
            for kind, title, theme, weekday, hour, minute, minutes, every, capacity in SESSIONS:
                if week % every:
                    continue
                session = CollectiveSession(
                    mission_locale=ml,
                    kind=kind,
                    title=title,
                    theme=theme,
                    starts_at=_aware(start + datetime.timedelta(days=weekday), hour, minute),
                    duration_minutes=minutes,
                    place=spec["sites"][0][0] + " — salle collective",
                    facilitator=rng.choice(team),
                    capacity=capacity,
                )
                sessions.append(session)
                held = session.starts_at < now
                for person in rng.sample(people, min(len(people), rng.randint(5, 12))):
                    status = (
                        _weighted(
                            rng,
                            [
                                (ParticipationStatus.PRESENT, 75),
                                (ParticipationStatus.ABSENT, 15),
                                (ParticipationStatus.EXCUSED, 10),
                            ],
                        )
                        if held
                        else ParticipationStatus.REGISTERED
                    )
                    lines.append((session, Participation(young_person_id=person, status=status)))
        CollectiveSession.objects.bulk_create(sessions)
        for session, line in lines:
            line.session = session
            line.registered_at = session.starts_at - datetime.timedelta(days=7)
        Participation.objects.bulk_create([line for _, line in lines], batch_size=1000)
        created += len(sessions) + len(lines)
    return created
