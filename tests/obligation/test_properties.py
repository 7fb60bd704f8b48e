"""Any file and any input: a result or a French refusal, never a crash."""

import datetime

from django.core.exceptions import ValidationError
from hypothesis import example, given, settings
from hypothesis import strategies as st

from jalon.obligation import csvimport, services
from jalon.obligation.enums import ContactChannel, ContactOutcome, SolutionKind
from jalon.obligation.models import ObligationCase
from tests.obligation.factories import HEADER, MAPPING, ObligationCaseFactory, leaver_row
from tests.strategies import (
    DATABASE_EXAMPLES,
    any_date,
    any_text,
    assert_french_validation_error,
    recent_date,
    rolled_back,
)

TODAY = datetime.date(2026, 11, 25)
ENCODINGS = st.sampled_from(["utf-8", "utf-8-sig", "cp1252", "latin-1", "utf-16"])
cells = st.one_of(any_text, st.sampled_from(["", "12/03/2009", "2009-03-12", "F", "31000"]))
rows = st.lists(st.lists(cells, min_size=0, max_size=14), max_size=8)


def _csv(header, body, delimiter) -> str:
    return "\n".join(delimiter.join(row) for row in [header, *body])


@given(raw=st.binary(max_size=2000))
@example(raw=b"\xff\xfe\x00N\x00O\x00M")
@example(raw=b'"\n"\r;\r\n;;\x1a')
def test_any_bytes_give_a_file_or_a_french_refusal(raw):
    try:
        leaver_file = csvimport.read(raw, max_lines=50)
    except ValidationError as error:
        assert_french_validation_error(error)
    else:
        assert len(leaver_file.header) >= 2
        assert leaver_file.rows
        assert all(line >= 2 for line, _ in leaver_file.rows)


@given(
    body=rows,
    delimiter=st.sampled_from([";", ",", "\t"]),
    encoding=ENCODINGS,
)
def test_any_cells_give_leavers_or_line_errors(body, delimiter, encoding):
    text = _csv(HEADER, [[c.replace(delimiter, " ") for c in row] for row in body], delimiter)
    try:
        raw = text.encode(encoding)
    except UnicodeEncodeError:
        raw = text.encode("utf-8")
    try:
        leaver_file = csvimport.read(raw, max_lines=50)
    except ValidationError as error:
        assert_french_validation_error(error)
        return
    checked = csvimport.check_lines(leaver_file, csvimport.guess_mapping(leaver_file.header), TODAY)
    lines = {line for line, _ in leaver_file.rows}
    for error in checked.errors:
        assert error.line in lines
        assert str(error).startswith(f"Ligne {error.line} : ")
    for leaver in checked.leavers:
        assert isinstance(leaver.values.get("birth_date"), (datetime.date, type(None)))
        assert leaver.values.get("birth_date") is None or leaver.values["birth_date"] <= TODAY


@given(header=st.lists(any_text, max_size=30))
def test_the_guessed_mapping_uses_each_column_once(header):
    mapping = csvimport.guess_mapping(header)
    assert len(set(mapping.values())) == len(mapping)
    assert all(0 <= index < len(header) for index in mapping.values())


@given(value=st.text(max_size=40))
@example(value="29/02/2023")
@example(value="00/00/0000")
def test_a_date_is_read_or_refused(value):
    day = csvimport.parse_date(value)
    assert day is None or isinstance(day, datetime.date)


@settings(max_examples=settings().max_examples // 2, **DATABASE_EXAMPLES)
@given(
    body=rows,
    mapping_changes=st.dictionaries(
        st.sampled_from(list(MAPPING)), st.none() | st.integers(-3, 15)
    ),
)
@example(body=[leaver_row("Moreau", "Lina")], mapping_changes={})
def test_importing_any_list_with_any_mapping_imports_all_or_refuses_in_french(
    counsellor_a, body, mapping_changes
):
    raw = _csv(HEADER, [[c.replace(";", ",") for c in row] for row in body], ";").encode()
    with rolled_back():
        try:
            leaver_list = services.leaver_list_upload(
                actor=counsellor_a, file_name="liste.csv", raw=raw
            )
            result = services.leaver_list_import(
                actor=counsellor_a, leaver_list=leaver_list, mapping={**MAPPING, **mapping_changes}
            )
        except ValidationError as error:
            assert_french_validation_error(error)
            assert not ObligationCase.objects.exists()
        else:
            assert ObligationCase.objects.count() == result.created


dates = st.one_of(st.none(), recent_date, any_date)


@settings(max_examples=settings().max_examples // 2, **DATABASE_EXAMPLES)
@given(
    attempted_on=dates,
    channel=st.one_of(st.sampled_from(ContactChannel.values), any_text),
    outcome=st.one_of(st.sampled_from(ContactOutcome.values), any_text),
    notes=any_text,
    convoked_on=dates,
    appointment_on=dates,
    kind=st.one_of(st.sampled_from(SolutionKind.values), any_text),
    solution_on=dates,
    details=any_text,
)
def test_following_a_case_with_any_input_succeeds_or_refuses_in_french(
    counsellor_a,
    ml_a,
    attempted_on,
    channel,
    outcome,
    notes,
    convoked_on,
    appointment_on,
    kind,
    solution_on,
    details,
):
    with rolled_back():
        case = ObligationCaseFactory(mission_locale=ml_a)
        for write in (
            lambda: services.contact_attempt_record(
                actor=counsellor_a,
                case=case,
                attempted_on=attempted_on,
                channel=channel,
                outcome=outcome,
                notes=notes,
            ),
            lambda: services.convocation_record(
                actor=counsellor_a,
                case=case,
                convoked_on=convoked_on,
                appointment_on=appointment_on,
            ),
            lambda: services.solution_record(
                actor=counsellor_a, case=case, kind=kind, solution_on=solution_on, details=details
            ),
        ):
            try:
                write()
            except ValidationError as error:
                assert_french_validation_error(error)
