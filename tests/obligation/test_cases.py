"""Following a case to a solution, and the report to the président du conseil départemental."""

import datetime
from io import StringIO

import pytest
from dateutil.relativedelta import relativedelta
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.management import call_command
from django.utils import timezone

from jalon.obligation import pdf, rules, selectors, services
from jalon.obligation.enums import ContactChannel, ContactOutcome, SendingMeans, SolutionKind, Stage
from jalon.obligation.models import ObligationCase
from jalon.privacy.services import anonymise_file
from tests.factories import YoungPersonFactory, years_ago
from tests.obligation.factories import ObligationCaseFactory, days_ago
from tests.pathways.factories import PathwayFactory


def _today():
    return timezone.localdate()


def _two_months_ago():
    return _today() - relativedelta(months=2)


@pytest.fixture
def case(ml_a):
    return ObligationCaseFactory(mission_locale=ml_a, last_name="Moreau", first_names="Lina")


def test_a_counsellor_records_contacts_a_convocation_and_a_solution(counsellor_a, case):
    services.contact_attempt_record(
        actor=counsellor_a,
        case=case,
        attempted_on=days_ago(3),
        channel=ContactChannel.PHONE,
        outcome=ContactOutcome.NO_ANSWER,
        notes="Messagerie pleine",
    )
    assert _stage_of(counsellor_a, case) == Stage.CONTACTING
    services.convocation_record(
        actor=counsellor_a, case=case, convoked_on=days_ago(2), appointment_on=days_ago(0)
    )
    assert _stage_of(counsellor_a, case) == Stage.CONVOKED
    services.solution_record(
        actor=counsellor_a,
        case=case,
        kind=SolutionKind.APPRENTICESHIP,
        solution_on=days_ago(0),
        details="CAP Boulanger, contrat signé",
    )
    assert _stage_of(counsellor_a, case) == Stage.SOLVED
    case.refresh_from_db()
    assert case.contact_attempts.get().notes == "Messagerie pleine"


def _stage_of(user, case, today=None):
    return selectors.cases(user, today=today or _today()).get(pk=case.pk).stage


def test_nothing_is_recorded_in_the_future(counsellor_a, case):
    with pytest.raises(ValidationError) as refused:
        services.contact_attempt_record(
            actor=counsellor_a,
            case=case,
            attempted_on=days_ago(-1),
            channel=ContactChannel.SMS,
            outcome=ContactOutcome.REACHED,
        )
    assert refused.value.message_dict == {
        "attempted_on": ["La date de la tentative ne peut pas être dans le futur."]
    }


def test_rule_no_convocation_once_the_young_person_is_18(counsellor_a, ml_a):
    adult = ObligationCaseFactory(mission_locale=ml_a, birth_date=years_ago(18, days=5))
    with pytest.raises(ValidationError) as refused:
        services.convocation_record(actor=counsellor_a, case=adult, convoked_on=days_ago(0))
    assert "plus concerné par l'obligation de formation" in refused.value.messages[0]


def test_rule_a_pathway_goes_only_with_an_accompaniment_by_the_mission_locale_of_this_file(
    counsellor_a, young_person_a, ml_a
):
    case = ObligationCaseFactory(mission_locale=ml_a, young_person=young_person_a)
    other = PathwayFactory(
        young_person=YoungPersonFactory(mission_locale=ml_a, referent=counsellor_a)
    )
    with pytest.raises(ValidationError, match="Ce parcours n'est pas celui de ce jeune"):
        services.solution_record(
            actor=counsellor_a,
            case=case,
            kind=SolutionKind.ML_ACCOMPANIMENT,
            solution_on=days_ago(0),
            pathway=other,
        )
    own = PathwayFactory(young_person=young_person_a)
    with pytest.raises(ValidationError, match="accompagnement par la Mission Locale"):
        services.solution_record(
            actor=counsellor_a,
            case=case,
            kind=SolutionKind.TRAINING,
            solution_on=days_ago(0),
            pathway=own,
        )
    services.solution_record(
        actor=counsellor_a,
        case=case,
        kind=SolutionKind.ML_ACCOMPANIMENT,
        solution_on=days_ago(0),
        pathway=own,
    )
    assert ObligationCase.objects.get(pk=case.pk).pathway == own


def test_reception_and_other_missions_locales_cannot_follow_a_case(personas, case):
    for persona in ("reception_a", "counsellor_b", "ase_referent", "arml_pilot"):
        with pytest.raises(PermissionDenied):
            services.convocation_record(actor=personas[persona], case=case, convoked_on=days_ago(0))


def _convoked(ml, convoked_on, **kwargs):
    return ObligationCaseFactory(mission_locale=ml, convoked_on=convoked_on, **kwargs)


def test_rule_a_case_left_two_months_without_solution_after_convocation_is_in_the_report(
    director_a, ml_a
):
    due = _convoked(ml_a, _two_months_ago(), last_name="Moreau", first_names="Lina")
    _convoked(ml_a, _two_months_ago() + datetime.timedelta(days=1))  # due tomorrow
    _convoked(ml_a, days_ago(90), solution_kind=SolutionKind.EMPLOYMENT, solution_on=days_ago(1))
    _convoked(ml_a, days_ago(90), birth_date=years_ago(18))  # 18 today: out of the obligation
    ObligationCaseFactory(mission_locale=ml_a)  # never convoked
    report = services.report_prepare(actor=director_a)
    assert list(report.cases.all()) == [due]
    assert report.departement == ml_a.departement
    assert report.case_count == 1
    letter = pdf.report_letter(
        report, list(report.cases.all()), signatory="I. Fabre", compress=False
    )
    assert letter.startswith(b"%PDF")
    assert b"MOREAU Lina" in letter
    assert b"Conseil d\xe9partemental" in letter
    # Reported once: the next report does not list it again.
    assert _stage_of(director_a, due) == Stage.REPORTED
    with pytest.raises(ValidationError, match="Aucune situation n'est à signaler"):
        services.report_prepare(actor=director_a)


def test_the_day_the_report_is_due_and_not_before(director_a, ml_a):
    today = datetime.date(2026, 11, 16)
    case = _convoked(ml_a, datetime.date(2026, 9, 16), birth_date=datetime.date(2009, 5, 1))
    assert _stage_of(director_a, case, datetime.date(2026, 11, 15)) == Stage.CONVOKED
    assert _stage_of(director_a, case, today) == Stage.REPORT_DUE
    assert _stage_of(director_a, case, datetime.date(2026, 11, 17)) == Stage.REPORT_DUE


def test_the_director_records_the_sending_of_the_report(director_a, counsellor_a, ml_a):
    _convoked(ml_a, _two_months_ago())
    report = services.report_prepare(actor=director_a)
    with pytest.raises(ValidationError, match="avant d'avoir été établi"):
        services.report_record_sending(
            actor=director_a, report=report, sent_on=days_ago(1), means=SendingMeans.POST
        )
    services.report_record_sending(
        actor=director_a,
        report=report,
        sent_on=days_ago(0),
        means=SendingMeans.SECURE_EMAIL,
        sent_by=counsellor_a,
    )
    report.refresh_from_db()
    assert (report.sent_on, report.sent_by, report.sending_means) == (
        days_ago(0),
        counsellor_a,
        SendingMeans.SECURE_EMAIL,
    )
    with pytest.raises(ValidationError, match="déjà enregistré"):
        services.report_record_sending(
            actor=director_a, report=report, sent_on=days_ago(0), means=SendingMeans.POST
        )


def test_only_the_director_reports_to_the_departement(personas, ml_a):
    counsellor_a, director_b = personas["counsellor_a"], personas["director_b"]
    _convoked(ml_a, _two_months_ago())
    with pytest.raises(PermissionDenied):
        services.report_prepare(actor=counsellor_a)
    # Another Mission Locale's director has nothing to report about A's cases.
    with pytest.raises(ValidationError):
        services.report_prepare(actor=director_b)


def test_the_stage_computed_by_the_database_is_the_rules_one(counsellor_a, ml_a):
    today = _today()
    cases = [
        ObligationCaseFactory(mission_locale=ml_a),
        _convoked(ml_a, days_ago(10)),
        _convoked(ml_a, _two_months_ago()),
        _convoked(ml_a, days_ago(200), birth_date=years_ago(18, days=3)),
        _convoked(ml_a, days_ago(100), solution_kind=SolutionKind.SCHOOL, solution_on=today),
    ]
    services.contact_attempt_record(
        actor=counsellor_a,
        case=cases[0],
        attempted_on=today,
        channel=ContactChannel.LETTER,
        outcome=ContactOutcome.NO_ANSWER,
    )
    stages = dict(selectors.cases(counsellor_a, today=today).values_list("pk", "stage"))
    for case in cases:
        assert stages[case.pk] == rules.case_stage(
            birth_date=case.birth_date,
            has_contact_attempt=case.contact_attempts.exists(),
            convoked_on=case.convoked_on,
            has_solution=bool(case.solution_kind),
            reported=False,
            today=today,
        )
    assert sorted(stages.values()) == sorted(
        [Stage.CONTACTING, Stage.CONVOKED, Stage.REPORT_DUE, Stage.OUT_OF_AGE, Stage.SOLVED]
    )


def test_rule_cases_without_file_are_deleted_after_the_retention_period(
    settings, ml_a, young_person_a
):
    settings.JALON_OBLIGATION_RETENTION_MONTHS = 12
    today = _today()
    expired = ObligationCaseFactory(mission_locale=ml_a, birth_date=years_ago(19, days=1))
    kept = ObligationCaseFactory(mission_locale=ml_a, birth_date=years_ago(19, days=-1))
    with_file = ObligationCaseFactory(
        mission_locale=ml_a, birth_date=years_ago(19, days=1), young_person=young_person_a
    )
    assert services.purge_expired(today=today, dry_run=True).cases == 1
    assert ObligationCase.objects.filter(pk=expired.pk).exists()
    assert services.purge_expired(today=today).cases == 1
    assert set(ObligationCase.objects.values_list("pk", flat=True)) == {kept.pk, with_file.pk}


def test_anonymising_the_file_anonymises_its_case(ml_a, young_person_a, counsellor_a):
    case = ObligationCaseFactory(
        mission_locale=ml_a,
        young_person=young_person_a,
        last_name="Moreau",
        phone="06 00 00 00 00",
        representative="Mme Moreau",
    )
    assert anonymise_file(young_person_pk=young_person_a.pk, reason="test")
    case.refresh_from_db()
    assert case.identity_key == ""
    assert (case.phone, case.representative) == ("", "")
    assert case.last_name != "Moreau"
    assert not ObligationCase.objects.visible_to(counsellor_a).filter(pk=case.pk).exists()


def test_the_daily_purge_command_reports_what_it_deletes(ml_a):
    ObligationCaseFactory(mission_locale=ml_a, birth_date=years_ago(20))
    out = StringIO()
    call_command("purge-obligation", "--dry-run", stdout=out)
    assert "1 situation(s) sans dossier et 0 liste(s) non importée(s) à supprimer" in out.getvalue()
    assert ObligationCase.objects.count() == 1
    call_command("purge-obligation", stdout=StringIO())
    assert not ObligationCase.objects.exists()
