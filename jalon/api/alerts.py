"""The current user's worklist for their own tools (an agenda, a messaging app's reminders)."""

import datetime
import uuid

from django.core.exceptions import PermissionDenied
from django.utils import timezone
from ninja import Router, Schema

from jalon import policy
from jalon.alerts import presentation
from jalon.alerts.models import Alert
from jalon.api.schemas import ErrorOut

router = Router(tags=["alertes"])


class AlertOut(Schema):
    id: uuid.UUID
    rule: str
    rule_label: str
    level: int
    level_label: str
    due_date: datetime.date
    explanation: str
    action: str
    action_url: str
    young_person: uuid.UUID | None
    status: str


@router.get(
    "/alerts",
    summary="Lister mes alertes à traiter",
    response={200: list[AlertOut], 401: ErrorOut, 403: ErrorOut},
)
def list_alerts(request):
    """Les alertes de votre liste de travail aujourd'hui (les vôtres et, selon votre rôle, la
    file partagée de votre Mission Locale ; toutes celles de la Mission Locale pour la
    direction), les plus urgentes d'abord ; `action_url` est la page où l'on agit.
    403 : votre rôle n'a pas de liste de travail."""
    if not policy.can_use_worklist(request.auth):
        raise PermissionDenied
    alerts = (
        Alert.objects.visible_to(request.auth)
        .live(timezone.localdate())
        .select_related("young_person")
        .by_urgency()
    )
    return [
        {
            "id": alert.uid,
            "rule": alert.rule,
            "rule_label": alert.get_rule_display(),
            "level": alert.level,
            "level_label": alert.get_level_display(),
            "due_date": alert.due_date,
            "explanation": presentation.explanation(alert),
            "action": presentation.RULES[alert.rule].action,
            "action_url": presentation.action_url(alert),
            "young_person": alert.young_person.uid if alert.young_person_id else None,
            "status": alert.status,
        }
        for alert in alerts
    ]
