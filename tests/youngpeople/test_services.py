import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from jalon.audit.models import AuditAction, AuditEntry
from jalon.youngpeople import services
from jalon.youngpeople.enums import FileStatus, PriorityPublic
from jalon.youngpeople.models import MergeRecord, PriorityPublicPeriod, YoungPerson
from tests.factories import PublicPeriodFactory, YoungPersonFactory, commune, years_ago


def file_data(**overrides):
    data = {
        "last_name": "Bernard",
        "first_names": "Manon",
        "sex": "F",
        "birth_date": years_ago(19),
        "first_reception_date": years_ago(0, days=2),
        "phone": "0612345678",
        "postal_code": "31400",
        "commune": commune("31555"),
    }
    return {**data, **overrides}


class TestCreate:
    def test_creates_in_the_actor_mission_locale_and_makes_a_counsellor_referent(
        self, counsellor_a, ml_a
    ):
        young_person = services.young_person_create(actor=counsellor_a, data=file_data())
        assert young_person.mission_locale == ml_a
        assert young_person.referent == counsellor_a
        assert young_person.phone == "06 12 34 56 78"
        assert young_person.search_name == "bernard manon"

    def test_every_field_in_error_is_reported_at_once(self, counsellor_a):
        with pytest.raises(ValidationError) as error:
            services.young_person_create(
                actor=counsellor_a,
                data=file_data(
                    phone="12",
                    postal_code="34000",
                    birth_date=years_ago(12),
                    email="pas-un-courriel",
                ),
            )
        assert {"phone", "postal_code", "birth_date", "email"} <= set(error.value.message_dict)
        assert not YoungPerson.objects.exists()

    def test_rqth_at_creation_opens_the_29_limit_and_the_public_period(self, counsellor_a):
        young_person = services.young_person_create(
            actor=counsellor_a, data=file_data(birth_date=years_ago(28), has_rqth=True)
        )
        period = young_person.public_periods.get()
        assert (period.public, period.detail) == ("disability", "rqth")

    def test_only_a_director_grants_an_age_exception(self, counsellor_a, director_a):
        data = file_data(
            birth_date=years_ago(27), age_exception_reason="Sortie de détention, suivi CJML"
        )
        with pytest.raises(ValidationError) as error:
            services.young_person_create(actor=counsellor_a, data=data)
        assert "age_exception_reason" in error.value.message_dict
        young_person = services.young_person_create(actor=director_a, data=data)
        assert young_person.age_exception_by == director_a

    def test_a_likely_duplicate_elsewhere_in_the_network_stops_the_creation(
        self, counsellor_a, young_person_b
    ):
        data = file_data(
            last_name="LEFEVRE", first_names="Ines", birth_date=young_person_b.birth_date
        )
        with pytest.raises(services.DuplicateSuspected) as suspected:
            services.young_person_create(actor=counsellor_a, data=data)
        assert suspected.value.candidates == [young_person_b]
        created = services.young_person_create(
            actor=counsellor_a, data=data, confirm_not_duplicate=True
        )
        assert created.pk != young_person_b.pk

    def test_a_namesake_with_another_birth_date_is_not_a_duplicate(
        self, counsellor_a, young_person_b
    ):
        data = file_data(
            last_name="Lefèvre",
            first_names="Inès",
            birth_date=young_person_b.birth_date - datetime.timedelta(days=400),
        )
        assert services.young_person_create(actor=counsellor_a, data=data).pk

    def test_creation_is_audited_with_its_content(self, counsellor_a):
        young_person = services.young_person_create(actor=counsellor_a, data=file_data())
        entry = AuditEntry.objects.get(action=AuditAction.CREATE)
        assert entry.young_person == young_person
        assert entry.actor == counsellor_a
        assert entry.changes["last_name"] == [None, "Bernard"]

    def test_a_pilot_cannot_create_files(self, personas):
        with pytest.raises(PermissionDenied):
            services.young_person_create(actor=personas["arml_pilot"], data=file_data())


class TestUpdate:
    def test_update_records_what_changed(self, counsellor_a, young_person_a):
        services.young_person_update(
            actor=counsellor_a,
            young_person=young_person_a,
            data={"phone": "07 00 00 00 01"},
            expected_version=young_person_a.version,
        )
        entry = AuditEntry.objects.get(action=AuditAction.UPDATE)
        assert entry.changes == {"phone": ["06 12 34 56 78", "07 00 00 00 01"]}

    def test_an_update_cannot_break_the_age_rule(self, counsellor_a, young_person_a):
        with pytest.raises(ValidationError):
            services.young_person_update(
                actor=counsellor_a,
                young_person=young_person_a,
                data={"birth_date": years_ago(40)},
                expected_version=young_person_a.version,
            )
        young_person_a.refresh_from_db()
        assert young_person_a.birth_date == years_ago(20)

    def test_a_rqth_period_keeps_an_older_file_valid(self, counsellor_a, young_person_a):
        PublicPeriodFactory(young_person=young_person_a, rqth=True, start_date=years_ago(3))
        services.young_person_update(
            actor=counsellor_a,
            young_person=young_person_a,
            data={"birth_date": years_ago(28)},
            expected_version=young_person_a.version,
        )

    def test_another_mission_locale_cannot_update(self, counsellor_b, young_person_a):
        with pytest.raises(PermissionDenied):
            services.young_person_update(
                actor=counsellor_b,
                young_person=young_person_a,
                data={"phone": ""},
                expected_version=young_person_a.version,
            )

    def test_referent_must_work_in_the_young_person_mission_locale(
        self, counsellor_a, counsellor_b, young_person_a
    ):
        with pytest.raises(ValidationError) as error:
            services.young_person_update(
                actor=counsellor_a,
                young_person=young_person_a,
                data={"referent": counsellor_b},
                expected_version=young_person_a.version,
            )
        assert "referent" in error.value.message_dict


class TestPublicPeriods:
    def test_adding_and_closing_a_period_is_audited(self, counsellor_a, young_person_a):
        period = services.public_period_add(
            actor=counsellor_a,
            young_person=young_person_a,
            public=PriorityPublic.JUSTICE,
            detail="justice_open",
            start_date=years_ago(0, days=10),
        )
        services.public_period_end(actor=counsellor_a, period=period, end_date=years_ago(0, days=1))
        period.refresh_from_db()
        assert period.end_date == years_ago(0, days=1)
        assert AuditEntry.objects.filter(young_person=young_person_a).count() == 2


class TestMerge:
    def test_merge_keeps_both_histories(self, director_a, ml_a, counsellor_a):
        kept = YoungPersonFactory(mission_locale=ml_a, first_names="Lucas", email="")
        absorbed = YoungPersonFactory(
            mission_locale=ml_a,
            first_names="Lucas",
            email="lucas@exemple.fr",
            first_reception_date=years_ago(1),
        )
        PublicPeriodFactory(young_person=absorbed, public=PriorityPublic.QPV)
        record = services.young_people_merge(actor=director_a, kept=kept, absorbed=absorbed)
        kept.refresh_from_db()
        absorbed.refresh_from_db()
        assert kept.email == "lucas@exemple.fr"
        assert kept.first_reception_date == years_ago(1)
        assert PriorityPublicPeriod.objects.get().young_person == kept
        assert absorbed.status == FileStatus.MERGED and absorbed.merged_into == kept
        assert record.absorbed_snapshot["email"] == "lucas@exemple.fr"
        assert record.moved == {"youngpeople.prioritypublicperiod": 1}
        assert MergeRecord.objects.count() == 1
        assert AuditEntry.objects.filter(action=AuditAction.MERGE).count() == 2

    def test_merge_moves_a_one_of_a_kind_record_or_refuses_to_hide_one(
        self, director_a, ml_a, counsellor_a, personas
    ):
        from jalon.childwelfare.models import AseFollowUp
        from tests.childwelfare.factories import open_follow_up

        department = personas["ase_referent"].organisation
        kept, absorbed, third = YoungPersonFactory.create_batch(
            3, mission_locale=ml_a, birth_date=years_ago(17)
        )
        open_follow_up(counsellor_a, absorbed, department)
        record = services.young_people_merge(actor=director_a, kept=kept, absorbed=absorbed)
        assert AseFollowUp.objects.get().young_person == kept
        assert record.moved["childwelfare.asefollowup"] == 1
        open_follow_up(counsellor_a, third, department)
        with pytest.raises(ValidationError, match="chacun un·e suivi ASE"):
            services.young_people_merge(actor=director_a, kept=kept, absorbed=third)
        assert AseFollowUp.objects.filter(young_person=third).exists()

    def test_merged_file_disappears_from_lists(self, director_a, ml_a):
        kept, absorbed = YoungPersonFactory.create_batch(2, mission_locale=ml_a)
        services.young_people_merge(actor=director_a, kept=kept, absorbed=absorbed)
        assert list(YoungPerson.objects.visible_to(director_a)) == [kept]

    def test_only_a_director_merges_and_only_within_their_mission_locale(
        self, counsellor_a, director_a, ml_a, young_person_b
    ):
        first, second = YoungPersonFactory.create_batch(2, mission_locale=ml_a)
        with pytest.raises(PermissionDenied):
            services.young_people_merge(actor=counsellor_a, kept=first, absorbed=second)
        with pytest.raises(PermissionDenied):
            services.young_people_merge(actor=director_a, kept=first, absorbed=young_person_b)
