"""The timeframe grammar: every phrase of the source and the common variants."""

from __future__ import annotations

import contextlib
import unicodedata
from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from tthc_plan.core.dates import InvalidDateError
from tthc_plan.core.docref import parse_document_ref
from tthc_plan.core.timeframe import (
    AfterEvent,
    Deadline,
    DocumentRef,
    Frequency,
    Occurrence,
    Ongoing,
    OnRequest,
    Part,
    PerReference,
    Recurring,
    ReportingCalendar,
    TimeframeError,
    Window,
    parse_timeframe,
    render_part,
)


def parts(text: str, year: int | None = 2024) -> tuple[Part, ...]:
    return parse_timeframe(text, year=year).parts


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # Every timeframe phrase of the 2024 plan.
        ("Tháng 12/2023", Deadline(date(2023, 12, 31), date(2023, 12, 1))),
        ("Thường xuyên", Ongoing()),
        ("Trước 10/01/2024", Deadline(date(2024, 1, 9))),
        ("Trước 15/01/2024", Deadline(date(2024, 1, 14))),
        ("Từ tháng 02/2024 - 6/2024", Window(date(2024, 2, 1), date(2024, 6, 30))),
        ("Tháng 7/2024", Deadline(date(2024, 7, 31), date(2024, 7, 1))),
        ("Tháng 8/2024", Deadline(date(2024, 8, 31), date(2024, 8, 1))),
        ("Trong năm 2024", Deadline(date(2024, 12, 31), date(2024, 1, 1))),
        ("Thực hiện trong giai đoạn 2023-2025", Window(date(2023, 1, 1), date(2025, 12, 31))),
        ("Theo yêu cầu", OnRequest()),
        ("trước ngày 10/01/2023", Deadline(date(2023, 1, 9))),
        (
            "ngay sau khi UBND tỉnh phê duyệt quy trình nội bộ trong giải quyết TTHC",
            AfterEvent("UBND tỉnh phê duyệt quy trình nội bộ trong giải quyết TTHC"),
        ),
        # Variants from DOMAIN.md.
        ("Năm 2024", Deadline(date(2024, 12, 31), date(2024, 1, 1))),
        ("Quý I/2024", Deadline(date(2024, 3, 31), date(2024, 1, 1))),
        ("quý 3 năm 2024", Deadline(date(2024, 9, 30), date(2024, 7, 1))),
        ("Quý IV", Deadline(date(2024, 12, 31), date(2024, 10, 1))),
        ("6 tháng đầu năm", Deadline(date(2024, 6, 30), date(2024, 1, 1))),
        ("6 tháng cuối năm 2024", Deadline(date(2024, 12, 31), date(2024, 7, 1))),
        ("Trước ngày 15/12", Deadline(date(2024, 12, 14))),
        ("hoàn thành trước ngày 15/01/2024", Deadline(date(2024, 1, 14))),
        ("Gửi trước ngày 05/02/2024", Deadline(date(2024, 2, 4))),
        ("TRƯỚC 1/3/2024", Deadline(date(2024, 2, 29))),
        ("Truoc 10/01/2024", Deadline(date(2024, 1, 9))),
        ("Trước10/01/2024", Deadline(date(2024, 1, 9))),
        ("chậm nhất ngày 15/01/2024", Deadline(date(2024, 1, 15))),
        ("Chậm nhất vào ngày 20/6/2024", Deadline(date(2024, 6, 20))),
        ("đến hết ngày 31/12/2024", Deadline(date(2024, 12, 31))),
        ("ngày 05 tháng 02 năm 2024", Deadline(date(2024, 2, 5))),
        (
            "Từ ngày 01/02/2024 đến ngày 15/03/2024",
            Window(date(2024, 2, 1), date(2024, 3, 15)),
        ),
        ("Từ ngày 01/02 đến hết ngày 15/03/2024", Window(date(2024, 2, 1), date(2024, 3, 15))),
        ("từ tháng 3 đến tháng 5/2024", Window(date(2024, 3, 1), date(2024, 5, 31))),
        ("giai đoạn 2023 - 2025", Window(date(2023, 1, 1), date(2025, 12, 31))),
        ("Cuối tháng 6/2024", Deadline(date(2024, 6, 30))),
        ("giữa tháng 2/2024", Deadline(date(2024, 2, 15))),
        ("đầu tháng 3/2024", Deadline(date(2024, 3, 1))),
        ("giữa năm 2024", Deadline(date(2024, 6, 30))),
        ("cuối năm", Deadline(date(2024, 12, 31))),
        ("Liên tục", Ongoing()),
        ("Đột xuất", OnRequest()),
        ("khi có yêu cầu", OnRequest()),
        (
            "sau 5 ngày làm việc kể từ ngày nhận hồ sơ",
            AfterEvent("ngày nhận hồ sơ", 5, working_days=True),
        ),
        ("hằng tháng", Recurring((Frequency.MONTHLY,), 2024)),
        ("định kỳ 6 tháng", Recurring((Frequency.HALF_YEARLY,), 2024)),
        ("Báo cáo hằng quý", Recurring((Frequency.QUARTERLY,), 2024)),
    ],
)
def test_phrase(text: str, expected: Part) -> None:
    assert parts(text) == (expected,)


def test_per_reference_keeps_the_document() -> None:
    assert parts("Theo Kế hoạch số 17/KH-UBND, ngày 30/01/2023 của UBND huyện") == (
        PerReference(
            DocumentRef(
                text="Kế hoạch số 17/KH-UBND, ngày 30/01/2023 của UBND huyện",
                doc_type="Kế hoạch",
                number="17",
                symbol="KH-UBND",
                issued=date(2023, 1, 30),
                issuer="UBND huyện",
            )
        ),
    )


def test_combination_of_reference_and_on_request() -> None:
    # IX.1 of the source writes "độ xuất" for "đột xuất".
    assert parts("Theo Kế hoạch CCHC năm 2024; Kế hoạch kiểm tra độ xuất theo chỉ đạo") == (
        PerReference(DocumentRef(text="Kế hoạch CCHC năm 2024", doc_type="Kế hoạch")),
        OnRequest(),
    )


def test_xi1_reports_quarterly_and_annually_with_due_dates() -> None:
    timeframe = parse_timeframe(
        "Báo cáo quý, BC năm; BC đột xuất theo yêu cầu của Văn phòng Chính phủ, UBND tỉnh",
        year=2024,
    )
    assert timeframe.kind == "recurring"
    assert timeframe.parts[1] == OnRequest("Văn phòng Chính phủ, UBND tỉnh")
    assert timeframe.occurrences(ReportingCalendar(due_day=16)) == (
        Occurrence("2024-Q1", date(2024, 3, 16)),
        Occurrence("2024-Q2", date(2024, 6, 16)),
        Occurrence("2024-Q3", date(2024, 9, 16)),
        Occurrence("2024-Q4", date(2024, 12, 16)),
        Occurrence("2024", date(2024, 12, 16)),
    )
    assert timeframe.occurrences(ReportingCalendar(due_day=19))[0].due == date(2024, 3, 19)


def test_monthly_and_half_year_occurrences() -> None:
    monthly = parse_timeframe("hằng tháng", year=2024).occurrences(ReportingCalendar())
    assert [o.period for o in monthly][:3] == ["2024-01", "2024-02", "2024-03"]
    assert monthly[1].due == date(2024, 2, 16)
    assert len(monthly) == 12
    half = parse_timeframe("định kỳ 6 tháng", year=2024).occurrences(ReportingCalendar())
    assert half == (
        Occurrence("2024-H1", date(2024, 6, 16)),
        Occurrence("2024-H2", date(2024, 12, 16)),
    )


def test_explicit_rrule_occurrences() -> None:
    rule = Recurring((), 2024, "FREQ=MONTHLY;BYMONTH=3,9;BYMONTHDAY=20;COUNT=2")
    assert rule.occurrences(ReportingCalendar()) == (
        Occurrence("2024-03-20", date(2024, 3, 20)),
        Occurrence("2024-09-20", date(2024, 9, 20)),
    )


def test_json_kind_start_due() -> None:
    timeframe = parse_timeframe("Từ tháng 02/2024 - 6/2024", year=2024)
    assert (timeframe.kind, timeframe.start, timeframe.due) == (
        "window",
        date(2024, 2, 1),
        date(2024, 6, 30),
    )


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("31/02/2024", "«31/02/2024» không phải là một ngày có thật (trong «31/02/2024»)."),
        (
            "Trước 31/04/2024",
            "«31/04/2024» không phải là một ngày có thật (trong «Trước 31/04/2024»).",
        ),
        # A wrong point says how far the reading got and what it wanted there.
        (
            "Tháng 13/2024",
            "Hiểu «Tháng», rồi cần số tháng từ 1 đến 12 nhưng gặp «13/2024»"
            " (trong «Tháng 13/2024»).",
        ),
        (
            "Trước 10/01/24",
            "Hiểu «Trước», rồi cần năm viết đủ bốn chữ số (2026) nhưng gặp «10/01/24»"
            " (trong «Trước 10/01/24»).",
        ),
        (
            "Hoàn thành trước quý V/2026. Báo cáo hằng năm",
            "Hiểu «Hoàn thành trước quý», rồi cần số quý: I, II, III, IV hoặc 1 đến 4 nhưng gặp"
            " «V/2026» (trong «Hoàn thành trước quý V/2026. Báo cáo hằng năm»).",
        ),
        (
            "Hoàn thành chậm nhất",
            "Hiểu «Hoàn thành chậm nhất», rồi cần một ngày, tháng, quý hoặc năm (10/01/2026,"
            " tháng 6/2026, quý II/2026, năm 2026) nhưng thời hạn đã hết"
            " (trong «Hoàn thành chậm nhất»).",
        ),
        (
            "Trước 10/13/2024",
            "«10/13/2024» không phải là một ngày có thật (trong «Trước 10/13/2024»).",
        ),
        (
            "Từ tháng 6/2024 - 2/2024",
            "Thời hạn «Từ tháng 6/2024 - 2/2024» kết thúc trước khi bắt đầu.",
        ),
        ("Sắp tới", "Không hiểu «Sắp tới» trong thời hạn «Sắp tới»."),
        (
            "Quý V/2024",
            "Hiểu «Quý», rồi cần số quý: I, II, III, IV hoặc 1 đến 4 nhưng gặp «V/2024»"
            " (trong «Quý V/2024»).",
        ),
        (
            "Thường xuyên; mai mốt",
            "Không hiểu «mai mốt» trong thời hạn «Thường xuyên; mai mốt».",
        ),
        ("  ", "Thời gian thực hiện đang để trống."),
    ],
)
def test_errors_say_which_part(text: str, message: str) -> None:
    with pytest.raises(TimeframeError) as caught:
        parse_timeframe(text, year=2024)
    assert str(caught.value) == message


def test_error_offset_points_at_the_part() -> None:
    with pytest.raises(TimeframeError) as caught:
        parse_timeframe("Thường xuyên; mai mốt", year=2024)
    assert (caught.value.part, caught.value.offset) == ("mai mốt", 14)
    assert caught.value.hint is not None
    assert "«Trước 10/01/2024»" in caught.value.hint


def test_date_without_year_needs_a_year() -> None:
    with pytest.raises(TimeframeError) as caught:
        parse_timeframe("Trước ngày 15/12", year=None)
    assert (
        str(caught.value)
        == "«Trước ngày 15/12» không ghi năm và không có năm của kế hoạch để dùng."
    )


def test_nfd_input_reads_like_nfc() -> None:
    nfd = unicodedata.normalize("NFD", "Trước ngày 10/01/2024")
    assert parts(nfd) == (Deadline(date(2024, 1, 9)),)


# parse(render(x)) == x for every canonical part.
_days = st.dates(min_value=date(2000, 1, 1), max_value=date(2099, 12, 31))
_years = st.integers(min_value=2000, max_value=2099)


@st.composite
def _periods(draw: st.DrawFn) -> Deadline:
    year = draw(_years)
    shape = draw(st.sampled_from(["month", "quarter", "half", "year"]))
    if shape == "month":
        month = draw(st.integers(1, 12))
        return parse_timeframe(f"Tháng {month}/{year}").parts[0]  # type: ignore[return-value]
    if shape == "quarter":
        quarter = draw(st.integers(1, 4))
        return parse_timeframe(f"Quý {quarter}/{year}").parts[0]  # type: ignore[return-value]
    if shape == "half":
        return Deadline(date(year, 6, 30), date(year, 1, 1))
    return Deadline(date(year, 12, 31), date(year, 1, 1))


@st.composite
def _windows(draw: st.DrawFn) -> Window:
    first, second = sorted((draw(_days), draw(_days)))
    return Window(first, second)


_parts = st.one_of(
    _days.map(Deadline),
    _periods(),
    _windows(),
    st.just(Ongoing()),
    st.just(OnRequest()),
    st.lists(st.sampled_from(list(Frequency)), min_size=1, max_size=4, unique=True).map(
        lambda fs: Recurring(tuple(fs), 2024)
    ),
)


@given(_parts)
def test_render_parses_back(part: Part) -> None:
    assert parts(render_part(part), year=2024) == (part,)


@given(st.text(max_size=60))
def test_parser_raises_only_its_own_error(text: str) -> None:
    with contextlib.suppress(TimeframeError):
        parse_timeframe(text, year=2024)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Số 05/KH-UBND ngày 08/01/2024",
            DocumentRef("Số 05/KH-UBND ngày 08/01/2024", None, "05", "KH-UBND", date(2024, 1, 8)),
        ),
        (
            "Nghị định số 45/2020/NĐ-CP, ngày 08/4/2020 của Chính phủ",
            DocumentRef(
                "Nghị định số 45/2020/NĐ-CP, ngày 08/4/2020 của Chính phủ",
                "Nghị định",
                "45/2020",
                "NĐ-CP",
                date(2020, 4, 8),
                "Chính phủ",
            ),
        ),
        (
            "Công văn 123/UBND-VP ngày 5 tháng 3 năm 2024",
            DocumentRef(
                "Công văn 123/UBND-VP ngày 5 tháng 3 năm 2024",
                "Công văn",
                "123",
                "UBND-VP",
                date(2024, 3, 5),
            ),
        ),
        ("biên bản họp tổ", DocumentRef("biên bản họp tổ", "biên bản")),
    ],
)
def test_document_references(text: str, expected: DocumentRef) -> None:
    assert parse_document_ref(text) == expected


def test_document_reference_with_impossible_date() -> None:
    with pytest.raises(InvalidDateError):
        parse_document_ref("Số 05/KH-UBND ngày 31/02/2024")


@pytest.mark.parametrize(
    ("text", "bad"),
    [
        ("Trước 29/02/2023", "29/02/2023"),
        ("Trước 00/01/2024", "00/01/2024"),
        ("31/04/2024", "31/04/2024"),
    ],
)
def test_impossible_days_are_errors_never_guesses(text: str, bad: str) -> None:
    with pytest.raises(TimeframeError) as caught:
        parse_timeframe(text, year=2024)
    assert str(caught.value) == f"«{bad}» không phải là một ngày có thật (trong «{text}»)."


def test_leap_day_exists_in_2024() -> None:
    assert parts("Chậm nhất ngày 29/02/2024") == (Deadline(date(2024, 2, 29)),)


def test_words_without_a_date_are_kept_as_the_note_not_dropped() -> None:
    parsed = parse_timeframe("Trước 10/01/2024 rồi tính", year=2024)
    assert parsed.parts == (Deadline(date(2024, 1, 9)),)
    assert parsed.note == "rồi tính"
