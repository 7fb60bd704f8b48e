"""Demo liaison forms: from the demo SPIP, PJJ and ASE to Toulouse, one in every status, and
one from Toulouse to the EPIDE; the oldest waits long enough for `jalon remind-liaison-forms`."""

import datetime

from django.utils import timezone

from jalon.accounts.models import User
from jalon.demo import network as demo
from jalon.network.models import Commune, Organisation
from jalon.referrals import services
from jalon.referrals.enums import (
    ConsentMethod,
    LiaisonNeed,
    LiaisonSituation,
    LiaisonStatus,
    LiaisonUrgency,
)
from jalon.referrals.models import LiaisonForm
from jalon.youngpeople.models import YoungPerson

# sender, last name, first names, birth date, situation, establishment, final status, extra
FORMS = [
    (
        "cpip",
        "Ferrand",
        "Benoît",
        datetime.date(2004, 11, 3),
        LiaisonSituation.DETENTION,
        "CP-SEYSSES",
        LiaisonStatus.SENT,
        {"urgency": LiaisonUrgency.URGENT, "urgency_reason": "Sortie dans trois semaines"},
    ),
    (
        "cpip",
        "Dupont",
        "Lucas",
        datetime.date(2005, 3, 12),
        LiaisonSituation.DETENTION,
        "CD-MURET",
        LiaisonStatus.RECEIVED,
        {},
    ),
    (
        "pjj",
        "Dupont",
        "Léa",
        datetime.date(2007, 9, 2),
        LiaisonSituation.PROBATION,
        None,
        LiaisonStatus.APPOINTMENT_SET,
        {},
    ),
    (
        "ase",
        "Mercier",
        "Jade",
        datetime.date(2008, 1, 17),
        LiaisonSituation.CHILD_WELFARE,
        None,
        LiaisonStatus.ACCOMPANIMENT_STARTED,
        {},
    ),
    (
        "pjj",
        "Perrin",
        "Hugo",
        datetime.date(2006, 4, 28),
        LiaisonSituation.PROBATION,
        None,
        LiaisonStatus.REFUSED,
        {},
    ),
    (
        "france-travail",
        "Roux",
        "Manon",
        datetime.date(2006, 6, 21),
        LiaisonSituation.JOB_SEEKER,
        None,
        LiaisonStatus.SENT,
        {"reason": "Inscrite depuis 8 mois sans solution : proposer le Contrat d'engagement jeune"},
    ),
    (
        "cpip",
        "Blanc",
        "Enzo",
        datetime.date(2003, 8, 9),
        LiaisonSituation.DETENTION,
        "CP-SEYSSES",
        LiaisonStatus.CANCELLED,
        {},
    ),
]


def _account(local_part: str) -> User:
    return User.objects.get(email=f"{local_part}@{demo.DEMO_DOMAIN}")


def _file(ml, last_name, first_names, birth_date):
    """The demo file the form is about; Jade Mercier gets hers from the form."""
    return YoungPerson.objects.filter(
        mission_locale=ml, last_name=last_name, first_names=first_names, birth_date=birth_date
    ).first()


def load(today: datetime.date) -> int:
    ml = Organisation.objects.get(code=demo.ML_TOULOUSE)
    cjml = _account("cjml")
    toulouse = Commune.objects.get(code="31555")
    for index, (
        sender,
        last_name,
        first_names,
        birth_date,
        situation,
        prison,
        status,
        extra,
    ) in enumerate(FORMS):
        form = services.liaison_form_send(
            actor=_account(sender),
            data={
                "recipient_organisation": ml,
                "last_name": last_name,
                "first_names": first_names,
                "birth_date": birth_date,
                "phone": "06 00 00 00 00",
                "commune": toulouse,
                "situation": situation,
                "establishment": Organisation.objects.get(code=prison) if prison else None,
                "expected_release_date": today + datetime.timedelta(days=21) if prison else None,
                "situation_details": "Aménagement de peine envisagé" if prison else "",
                "reason": "Construire un projet de formation et trouver un hébergement",
                "needs": [LiaisonNeed.TRAINING, LiaisonNeed.HOUSING],
                "needs_details": "Hébergement à trouver avant la fin de la mesure",
                "consent_given": True,
                "consent_method": ConsentMethod.SIGNED_FORM,
                "consent_date": today - datetime.timedelta(days=10),
                **extra,
            },
        )
        _advance(form, status, cjml, ml, today)
        # Spread the sending dates: the first form waits long enough to be recalled.
        sent_at = timezone.now() - datetime.timedelta(days=8 - index)
        LiaisonForm.objects.filter(pk=form.pk).update(sent_at=sent_at)
        form.transitions.filter(to_status=LiaisonStatus.SENT).update(at=sent_at)
    _to_epide(today)
    return len(FORMS) + 1


def _advance(form, status, cjml, ml, today):
    if status == LiaisonStatus.SENT:
        return
    if status == LiaisonStatus.CANCELLED:
        services.liaison_form_cancel(
            actor=form.sender, form=form, reason="Transféré dans un autre établissement"
        )
        return
    if status == LiaisonStatus.REFUSED:
        services.liaison_form_refuse(
            actor=cjml, form=form, reason="Le jeune réside hors du territoire de la Mission Locale"
        )
        return
    young_person = _file(ml, form.last_name, form.first_names, form.birth_date)
    if young_person is None:
        young_person = services.liaison_form_register(
            actor=cjml,
            form=form,
            data={
                "last_name": form.last_name,
                "first_names": form.first_names,
                "birth_date": form.birth_date,
                "sex": "F",
                "first_reception_date": today,
                "commune": form.commune,
                "postal_code": "31000",
                "phone": form.phone,
            },
            confirm_not_duplicate=True,
        )
    else:
        services.liaison_form_match(actor=cjml, form=form, young_person=young_person)
    if status == LiaisonStatus.RECEIVED:
        return
    starts_at = timezone.make_aware(
        datetime.datetime.combine(today + datetime.timedelta(days=3), datetime.time(10))
    )
    services.liaison_form_set_appointment(
        actor=cjml, form=form, data={"starts_at": starts_at, "duration_minutes": 45}
    )
    if status == LiaisonStatus.ACCOMPANIMENT_STARTED:
        services.liaison_form_start_accompaniment(actor=cjml, form=form)


def _to_epide(today):
    """A counsellor orients a young person of Toulouse to the EPIDE."""
    counsellor = _account("conseiller")
    young_person = (
        YoungPerson.objects.filter(mission_locale__code=demo.ML_TOULOUSE, referent=counsellor)
        .order_by("last_name", "first_names")
        .first()
    )
    services.liaison_form_send(
        actor=counsellor,
        young_person=young_person,
        data={
            "recipient_organisation": Organisation.objects.get(code="EPIDE-TOULOUSE"),
            "last_name": young_person.last_name,
            "first_names": young_person.first_names,
            "birth_date": young_person.birth_date,
            "phone": young_person.phone,
            "commune": young_person.commune,
            "reason": "Projet d'entrée à l'EPIDE : cadre, hébergement et formation",
            "needs": [LiaisonNeed.TRAINING, LiaisonNeed.HOUSING],
            "consent_given": True,
            "consent_method": ConsentMethod.ORAL,
            "consent_date": today,
        },
    )
