"""The retention job on a dataset spanning every boundary, and what anonymisation keeps."""

import datetime

import pytest
from django.core.management import call_command
from django.urls import reverse

from jalon.accounts.models import ApiToken
from jalon.audit.models import AuditEntry
from jalon.audit.services import verify_chain
from jalon.pathways.enums import PathwayKind
from jalon.pathways.models import Pathway
from jalon.pilotage.selectors import overview
from jalon.privacy import registry, rules, services
from jalon.privacy.models import RightsRequest
from jalon.youngpeople.duplicates import find_likely_duplicates
from jalon.youngpeople.enums import FileStatus
from jalon.youngpeople.models import MergeRecord, YoungPerson
from tests.factories import UserFactory, YoungPersonFactory, years_ago
from tests.pathways.factories import PathwayFactory
from tests.privacy.factories import SECRET, full_file

D = datetime.date
TODAY = D(2026, 6, 15)
DAY = datetime.timedelta(days=1)


def at(day: datetime.date) -> datetime.datetime:
    return datetime.datetime.combine(day, datetime.time(12), tzinfo=datetime.UTC)


@pytest.fixture
def file_for(ml_a, counsellor_a):
    def make(birth_date, **extra):
        # Files past the age limit are usually no longer followed ("sans suivi").
        extra.setdefault("status", FileStatus.INACTIVE)
        return YoungPersonFactory(
            mission_locale=ml_a,
            referent=counsellor_a,
            birth_date=birth_date,
            first_reception_date=D(2016, 1, 10),
            **extra,
        )

    return make


@pytest.fixture
def boundaries(file_for, ml_a):
    """Files and accounts one day before, on and after each deadline."""
    made = {
        # 25 révolus + 2 years: the 28th birthday is the deadline.
        "age_tomorrow": file_for(D(1998, 6, 16)),
        "age_today": file_for(D(1998, 6, 15)),
        "age_yesterday": file_for(D(1998, 6, 14)),
        "programme_open": file_for(D(1990, 1, 1)),
        "programme_ended_yesterday": file_for(D(1998, 1, 1)),
        "programme_ends_today": file_for(D(1998, 1, 1)),
        "cej_9_years_364_days": file_for(D(1990, 1, 1)),
        "cej_10_years": file_for(D(1990, 1, 1)),
    }
    PathwayFactory(
        young_person=made["programme_open"], kind=PathwayKind.PACEA, start_date=D(2015, 1, 1)
    )
    PathwayFactory(
        young_person=made["programme_ended_yesterday"],
        kind=PathwayKind.PACEA,
        start_date=D(2024, 6, 14),
        end_date=TODAY - DAY,
    )
    PathwayFactory(
        young_person=made["programme_ends_today"],
        kind=PathwayKind.PACEA,
        start_date=D(2024, 6, 15),
        end_date=TODAY,
    )
    PathwayFactory(
        young_person=made["cej_9_years_364_days"],
        kind=PathwayKind.CEJ,
        start_date=D(2015, 6, 1),
        end_date=D(2016, 6, 16),
    )
    PathwayFactory(
        young_person=made["cej_10_years"],
        kind=PathwayKind.CEJ,
        start_date=D(2015, 6, 1),
        end_date=D(2016, 6, 15),
    )
    made["account_364_days"] = UserFactory(
        organisation=ml_a, habilitation_ended_at=at(TODAY - 364 * DAY)
    )
    made["account_366_days"] = UserFactory(
        organisation=ml_a, habilitation_ended_at=at(TODAY - 366 * DAY), is_active=False
    )
    return made


def test_rule_retention_review_spans_every_boundary(boundaries):
    review = services.review_retention(TODAY)
    due = {f.uid: f.deadline for f in review.files}
    uid = {name: str(record.uid) for name, record in boundaries.items() if "account" not in name}
    assert set(due) == {
        uid["age_today"],
        uid["age_yesterday"],
        uid["programme_ended_yesterday"],
        uid["cej_10_years"],
    }
    assert due[uid["age_today"]] == rules.Deadline(TODAY, rules.RULE_AGE)
    assert due[uid["programme_ended_yesterday"]] == rules.Deadline(TODAY, rules.RULE_PROGRAMME)
    assert due[uid["cej_10_years"]] == rules.Deadline(TODAY, rules.RULE_CEJ)
    assert review.open_programmes == [uid["programme_open"]]
    assert [a.pk for a in review.accounts] == [boundaries["account_366_days"].pk]


def test_rule_merged_file_follows_the_file_it_was_merged_into(file_for, director_a):
    kept = file_for(D(1998, 6, 14))
    made = full_file(kept, director_a, pathway_end=D(2017, 1, 1))
    absorbed = made["duplicate"]
    review = services.review_retention(TODAY)
    assert [f.uid for f in review.files] == [str(kept.uid)]  # the absorbed one is not listed
    services.apply_retention(review)
    absorbed.refresh_from_db()
    assert absorbed.status == FileStatus.MERGED
    assert absorbed.anonymised_at is not None
    assert absorbed.first_names == "" and absorbed.phone == "" and absorbed.search_name == ""
    assert MergeRecord.objects.get(kept=kept).absorbed_snapshot == {}


@pytest.fixture
def old_file(file_for, director_a):
    young_person = file_for(D(1998, 6, 14), last_name="Martin", first_names="Chloé")
    young_person.email = "chloe@example.test"
    young_person.address = "3 rue des Lilas"
    young_person.diploma = "CAP Cuisine"
    young_person.last_class = "3e"
    young_person.save()
    full_file(young_person, director_a, pathway_end=D(2017, 1, 1))
    return young_person


def _texts_of_the_file(young_person):
    """Every identity and free-text value still held on the file and its records."""
    values = []
    for holding in registry.holdings():
        names = holding.identity + holding.free_text
        if names:
            for row in holding.records(young_person.pk).values(*names):
                values.extend(v for v in row.values() if v not in ("", None, {}))
    return values


def test_anonymisation_replaces_identity_clears_free_text_and_keeps_the_facts(old_file):
    pathway = Pathway.objects.get(young_person=old_file)
    assert SECRET in _texts_of_the_file(old_file)

    services.apply_retention(services.review_retention(TODAY))

    old_file.refresh_from_db()
    assert old_file.status == FileStatus.ANONYMISED and old_file.anonymised_at is not None
    assert old_file.last_name == "Anonymisé"
    assert (old_file.first_names, old_file.phone, old_file.email, old_file.address) == ("",) * 4
    assert old_file.search_name == ""
    assert old_file.birth_date == D(1998, 6, 1)  # the month, the age at first reception
    assert old_file.age_at_first_reception == 17
    remaining = _texts_of_the_file(old_file)
    assert remaining == [old_file.birth_date, "Anonymisé"] or set(remaining) <= {
        old_file.birth_date,
        "Anonymisé",
    }
    # Facts the indicators count are kept.
    assert (old_file.sex, old_file.commune_id, old_file.first_reception_date) == (
        "F",
        old_file.commune_id,
        D(2016, 1, 10),
    )
    pathway.refresh_from_db()
    assert (pathway.kind, pathway.end_date, pathway.exit_outcome) == (
        PathwayKind.PACEA,
        D(2017, 1, 1),
        "employment",
    )
    assert old_file.public_periods.count() == 1
    assert old_file.pmsmps.get().rome_code == "N1103"
    assert RightsRequest.objects.get(young_person=old_file).details == ""


def test_anonymised_files_are_counted_by_aggregates_exactly_as_before(old_file, director_a):
    before = overview(director_a)
    services.apply_retention(services.review_retention(TODAY))
    assert YoungPerson.objects.get(pk=old_file.pk).status == FileStatus.ANONYMISED
    assert overview(director_a) == before


def test_rule_a_file_still_followed_past_the_age_limit_is_kept_and_reported(file_for):
    """Followed at 28 (RQTH, up to 29 révolus for the CEJ): the accompaniment is in progress."""
    followed = file_for(D(1998, 6, 14), status=FileStatus.ACTIVE)
    review = services.review_retention(TODAY)
    assert review.files == [] and review.open_programmes == [str(followed.uid)]


def test_anonymised_files_leave_named_views_search_and_duplicates(
    old_file, counsellor_a, client_for
):
    client = client_for(counsellor_a)
    assert (
        client.get(reverse("youngpeople:list"), {"q": "martin"}).context["page_obj"].paginator.count
        == 1
    )
    services.apply_retention(services.review_retention(TODAY))
    assert client.get(reverse("youngpeople:detail", args=[old_file.uid])).status_code == 404
    assert (
        client.get(reverse("youngpeople:list"), {"q": "martin"}).context["page_obj"].paginator.count
        == 0
    )
    assert (
        client.get(reverse("youngpeople:list"), {"q": "anonymisé"})
        .context["page_obj"]
        .paginator.count
        == 0
    )
    assert (
        find_likely_duplicates(last_name="Martin", first_names="Chloé", birth_date=D(1998, 6, 14))
        == []
    )
    assert (
        find_likely_duplicates(last_name="Anonymisé", first_names="", birth_date=D(1998, 6, 1))
        == []
    )


def test_each_anonymisation_is_audited_without_names_and_the_journal_stays_intact(old_file):
    journal_before = list(AuditEntry.objects.order_by("id").values_list("id", "hash"))
    services.apply_retention(services.review_retention(TODAY))
    entries = AuditEntry.objects.order_by("id")
    assert list(entries.values_list("id", "hash")[: len(journal_before)]) == journal_before
    entry = entries.last()
    assert entry.young_person_id == old_file.pk and entry.actor is None
    assert "anonymisation" in entry.changes
    assert "Martin" not in str(entry.changes) and "Chloé" not in str(entry.changes)
    assert verify_chain()[1] is None


def test_a_file_is_anonymised_once_the_second_run_finds_nothing_to_claim(old_file):
    review = services.review_retention(TODAY)
    first = services.apply_retention(review)
    second = services.apply_retention(review)  # a concurrent run holding the same review
    assert first.files == [str(old_file.uid)]
    assert second.files == []
    assert AuditEntry.objects.filter(changes__has_key="anonymisation").count() == 1


def test_accounts_past_retention_are_anonymised_and_lose_their_tokens(boundaries):
    account = boundaries["account_366_days"]
    ApiToken.issue(account, datetime.timedelta(hours=1))
    run = services.apply_retention(services.review_retention(TODAY))
    assert run.accounts == [account.pk]
    account.refresh_from_db()
    assert account.email == f"compte-{account.pk}@anonymise.invalid"
    assert account.get_full_name() == "Compte anonymisé"
    assert not account.is_active and not account.has_usable_password()
    assert not ApiToken.objects.filter(user=account).exists()
    kept = boundaries["account_364_days"]
    kept.refresh_from_db()
    assert kept.email.endswith("@jalon.test")
    entry = AuditEntry.objects.get(object_type="accounts.user", object_id=str(account.pk))
    assert "Camille" not in str(entry.changes)
    # The journal keeps what it copied at the time: never rewritten.
    assert verify_chain()[1] is None


def test_the_dry_run_reports_uids_and_deadlines_and_writes_nothing(ml_a, counsellor_a, capsys):
    old = YoungPersonFactory(
        mission_locale=ml_a,
        referent=counsellor_a,
        last_name="Ancien",
        status=FileStatus.INACTIVE,
        birth_date=years_ago(40),
        first_reception_date=years_ago(22),
    )
    account = UserFactory(organisation=ml_a, habilitation_ended_at=at(years_ago(2)))
    journal = AuditEntry.objects.count()
    call_command("apply-retention", "--dry-run")
    output = capsys.readouterr().out
    assert "simulation" in output
    assert str(old.uid) in output and "« 25 ans révolus + 2 ans » : 1 dossier" in output
    assert f"compte n°{account.pk}" in output
    assert "Ancien" not in output and account.email not in output
    old.refresh_from_db()
    assert old.anonymised_at is None and AuditEntry.objects.count() == journal

    call_command("apply-retention")
    old.refresh_from_db()
    assert old.status == FileStatus.ANONYMISED
    assert "1 dossier(s) et 1 compte(s) anonymisé(s)" in capsys.readouterr().out


@pytest.mark.postgresql
@pytest.mark.django_db(transaction=True)
def test_two_concurrent_runs_never_process_the_same_file_twice(ml_a, counsellor_a):
    import threading

    from django.db import connection

    old = YoungPersonFactory(mission_locale=ml_a, referent=counsellor_a, birth_date=D(1990, 1, 1))
    barrier = threading.Barrier(2)
    results = []

    def run():
        try:
            barrier.wait()
            results.append(services.anonymise_file(young_person_pk=old.pk, reason="test"))
        finally:
            connection.close()

    threads = [threading.Thread(target=run) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(results) == [False, True]
    assert AuditEntry.objects.filter(changes__has_key="anonymisation").count() == 1


def test_one_file_failing_does_not_stop_the_others_and_the_job_reports_it(
    file_for, monkeypatch, capsys
):
    from django.core.management.base import CommandError

    first, second = file_for(D(1990, 1, 1)), file_for(D(1990, 2, 1))
    real = services.anonymise_file

    def failing_for_first(*, young_person_pk, **kwargs):
        if young_person_pk == first.pk:
            raise RuntimeError("disque plein")
        return real(young_person_pk=young_person_pk, **kwargs)

    monkeypatch.setattr(services, "anonymise_file", failing_for_first)
    with pytest.raises(CommandError, match=f"dossier {first.uid} : RuntimeError"):
        call_command("apply-retention")
    first.refresh_from_db()
    second.refresh_from_db()
    assert first.anonymised_at is None and second.anonymised_at is not None
