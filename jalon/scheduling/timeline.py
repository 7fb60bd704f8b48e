"""The scheduling app's contribution to a young person's timeline (two queries)."""

from django.urls import reverse
from django.utils import timezone

from jalon.scheduling.enums import AppointmentStatus
from jalon.scheduling.models import Appointment, Participation
from jalon.youngpeople.timeline import TimelineItem


def items(young_person) -> list[TimelineItem]:
    result = []
    day_url = reverse("scheduling:agenda_day")
    appointments = Appointment.objects.filter(young_person=young_person).select_related(
        "counsellor", "postponed_to", "liaison_form__sender_organisation"
    )
    for appointment in appointments:
        local = timezone.localtime(appointment.starts_at)
        title = (
            "Entretien individuel"
            if appointment.status == AppointmentStatus.PRESENT
            else "Rendez-vous individuel"
        )
        detail = f"{local:%H:%M} · {appointment.get_mode_display()} · {appointment.counsellor}"
        if appointment.subject:
            detail = f"{appointment.subject} — {detail}"
        liaison_form = getattr(appointment, "liaison_form", None)
        if liaison_form is not None:
            detail += f" · suite à la fiche de liaison de {liaison_form.sender_organisation.name}"
        if appointment.postponed_to_id:
            detail += (
                f" · reporté au {timezone.localtime(appointment.postponed_to.starts_at):%d/%m/%Y}"
            )
        result.append(
            TimelineItem(
                day=local.date(),
                kind="appointment",
                title=title,
                detail=detail,
                url=f"{day_url}?date={local.date().isoformat()}",
                badges=(appointment.get_status_display(),),
            )
        )
    participations = Participation.objects.filter(young_person=young_person).select_related(
        "session"
    )
    for participation in participations:
        session = participation.session
        local = timezone.localtime(session.starts_at)
        result.append(
            TimelineItem(
                day=local.date(),
                kind="event",
                title=f"{session.get_kind_display()} : {session.title}",
                detail=f"{local:%H:%M} · {participation.get_status_display()}",
                url=reverse("scheduling:session_detail", args=[session.uid]),
                badges=(participation.get_status_display(),),
            )
        )
    return result
