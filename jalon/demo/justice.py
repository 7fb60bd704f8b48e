"""Demo justice data (seed 000), through the services: Toulouse's CJML covers Seysses and
Muret; young people in detention with releases coming (one prepared towards Montpellier, one
to prepare), one in open environment, TIG hosted by Toulouse, sessions, a commission, a job
dating; the other prisons' young detainee counts show "zones blanches"."""

import datetime
from decimal import Decimal

from django.utils import timezone

from jalon.accounts.models import User
from jalon.demo import network as demo
from jalon.justice import services
from jalon.justice.enums import AdjustmentKind, LeavePurpose, Measure, ReleasePathway
from jalon.justice.models import PenalSituation, YoungDetaineeCount
from jalon.network.models import Commune, Organisation
from jalon.youngpeople.models import YoungPerson

# establishment code -> (minors, 18-25 year olds), DAP-like counts
YOUNG_DETAINEES = {
    "CP-SEYSSES": (0, 212),
    "CD-MURET": (0, 64),
    "EPM-LAVAUR": (38, 0),
    "MA-VILLENEUVE": (0, 141),
    "QM-VILLENEUVE": (12, 0),
    "CD-MONTMEDY": (0, 27),
    "CD-SAINT-MIHIEL": (0, 35),
    "CJD-FLEURY": (0, 480),
    "SAS-TOULOUSE": (0, 18),
}


def _account(local_part: str) -> User:
    return User.objects.get(email=f"{local_part}@{demo.DEMO_DOMAIN}")


def load(today: datetime.date) -> int:
    organisations = {o.code: o for o in Organisation.objects.filter(code__in=YOUNG_DETAINEES)}
    spip = Organisation.objects.get(code="SPIP31")
    cjml, director = _account("cjml"), _account("directeur")
    for code, (minors, adults) in YOUNG_DETAINEES.items():
        YoungDetaineeCount.objects.create(
            establishment=organisations[code],
            counted_on=today.replace(day=1),
            minors=minors,
            young_adults=adults,
        )
    seysses, muret = organisations["CP-SEYSSES"], organisations["CD-MURET"]
    for establishment, share in ((seysses, "0.6"), (muret, "0.3")):
        services.cjml_assignment_add(
            actor=director,
            data={
                "cjml": cjml,
                "establishment": establishment,
                "time_share": Decimal(share),
                "start_date": today - datetime.timedelta(days=400),
            },
        )
    files = list(
        YoungPerson.objects.filter(mission_locale__code=demo.ML_TOULOUSE)
        .exclude(last_name="Dupont", first_names="Léa")
        .order_by("pk")[:6]
    )
    day = datetime.timedelta(days=1)
    prepared = services.penal_situation_create(
        actor=cjml,
        young_person=files[0],
        data={
            "measure": Measure.DETENTION_CONVICTED,
            "establishment": muret,
            "referring_service": spip,
            "entry_date": today - 200 * day,
            "foreseeable_release_date": today + 21 * day,
            "details": "Peine de 10 mois ; projet de formation en logistique.",
        },
    )
    services.adjustment_add(
        actor=cjml,
        situation=prepared,
        data={"kind": AdjustmentKind.REDUCTION, "decided_on": today - 30 * day},
    )
    services.leave_add(
        actor=cjml,
        situation=prepared,
        data={
            "starts_on": today - 10 * day,
            "ends_on": today - 8 * day,
            "purpose": LeavePurpose.PMSMP,
            "pmsmp_host": "Entrepôt Garonne Logistique",
        },
    )
    montpellier = Commune.objects.get(code="34172")
    services.release_plan_save(
        actor=cjml,
        situation=prepared,
        data={
            "release_address": "12 rue de la Loge",
            "release_postal_code": "34000",
            "release_commune": montpellier,
            "first_appointment_at": timezone.make_aware(
                datetime.datetime.combine(today + 23 * day, datetime.time(10, 0))
            ),
            "first_appointment_place": "Mission Locale de Montpellier, accueil",
            "proposed_pathway": ReleasePathway.CEJ,
            "housing": "family",
        },
    )
    services.penal_situation_create(
        actor=cjml,
        young_person=files[1],
        data={
            "measure": Measure.DETENTION_REMAND,
            "establishment": seysses,
            "entry_date": today - 60 * day,
            "foreseeable_release_date": today + 45 * day,
        },
    )
    services.penal_situation_create(
        actor=cjml,
        young_person=files[2],
        data={
            "measure": Measure.OPEN_ENVIRONMENT,
            "establishment": spip,
            "entry_date": today - 90 * day,
        },
    )
    services.tig_habilitation_add(
        actor=director,
        data={
            "for_minors": True,
            "for_adults": True,
            "granted_on": today - 700 * day,
            "positions": 3,
        },
    )
    tig = services.tig_placement_create(
        actor=cjml,
        young_person=files[3],
        data={
            "referring_service": spip,
            "ordered_on": today - 80 * day,
            "deadline": today + 280 * day,
            "hours_ordered": 105,
        },
    )
    services.tig_module_add(
        actor=cjml,
        placement=tig,
        data={
            "title": "Techniques de recherche d'emploi",
            "held_on": today - 40 * day,
            "hours": 14,
        },
    )
    services.tig_hours_record(actor=cjml, placement=tig, hours_done=49)
    for offset, establishment, seen in (
        (14, muret, [files[0]]),
        (7, seysses, [files[1]]),
        (0, muret, [files[0]]),
    ):
        session = services.session_create(
            actor=cjml,
            data={
                "establishment": establishment,
                "date": today - offset * day,
                "starts_at": datetime.time(9),
                "ends_at": datetime.time(12, 30),
            },
        )
        for young_person in seen:
            services.session_add_young_person(
                actor=cjml, session=session, young_person=young_person
            )
    services.session_create(
        actor=cjml,
        data={
            "establishment": seysses,
            "date": today + 7 * day,
            "starts_at": datetime.time(14),
            "ends_at": datetime.time(17),
        },
    )
    services.commission_record(
        actor=cjml,
        data={
            "establishment": seysses,
            "held_on": today - 20 * day,
            "topics": "Offre de formation du premier semestre, PMSMP hors les murs",
        },
    )
    event = services.job_event_create(
        actor=cjml,
        data={
            "establishment": muret,
            "kind": "job_dating",
            "title": "Job dating logistique et BTP",
            "held_on": today - 5 * day,
            "organiser": "Mission Locale et France Travail",
        },
    )
    services.job_event_add_participant(
        actor=cjml, event=event, young_person=files[0], outcome="interview"
    )
    return PenalSituation.objects.count()
