"""Other authorities' time phrases (issue 19): the corpus of nine real plans of 2025.

tests/data/corpus/ is a copy of ../shared/corpus/ so that a clone tests alone;
benchmarks/corpus.py prints the same figures per document.
"""

from __future__ import annotations

import importlib.util
import json
from datetime import date
from pathlib import Path
from types import ModuleType

import pytest
from typer.testing import CliRunner

from tests.conftest import ROOT
from tthc_plan.cli import app
from tthc_plan.core.timeframe import (
    AfterEvent,
    Deadline,
    Ongoing,
    Recurring,
    ReportingCalendar,
    Window,
    parse_timeframe,
)

CORPUS = ROOT / "tests" / "data" / "corpus"


def _measure() -> ModuleType:
    spec = importlib.util.spec_from_file_location("corpus", ROOT / "benchmarks" / "corpus.py")
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_at_least_95_percent_of_the_corpus_phrases_read_right() -> None:
    measure = _measure()
    text = (CORPUS / "timeframes.jsonl").read_text(encoding="utf-8")
    phrases = [json.loads(line) for line in text.splitlines()]
    right = 0
    for phrase in phrases:
        found = measure.read(phrase["text"], phrase["plan_year"])
        right += found is not None and measure.is_right(found, phrase["reading"])
    assert len(phrases) == 84
    assert right / len(phrases) >= 0.95, right


def _parts(text: str, year: int = 2026) -> tuple[object, ...]:
    return parse_timeframe(text, year=year).parts


def test_points_and_connectives_compose() -> None:
    assert _parts("Trước năm 2030") == (Deadline(date(2029, 12, 31)),)
    assert _parts("Trước tháng 6/2026") == (Deadline(date(2026, 5, 31)),)
    assert _parts("Tháng 11 - 12/2025") == (Window(date(2025, 11, 1), date(2025, 12, 31)),)
    assert _parts("Từ quý III đến quý IV/2026") == (Window(date(2026, 7, 1), date(2026, 12, 31)),)
    assert _parts("Quí IV-2025") == (Deadline(date(2025, 12, 31), date(2025, 10, 1)),)
    assert _parts("Năm 2025 - 2026") == (Window(date(2025, 1, 1), date(2026, 12, 31)),)
    assert _parts("Tháng 6 và tháng 12/2026") == (
        Deadline(date(2026, 6, 30), date(2026, 6, 1)),
        Deadline(date(2026, 12, 31), date(2026, 12, 1)),
    )
    assert _parts("Từ 01/9/2026") == (Ongoing(start=date(2026, 9, 1)),)
    assert _parts("Thí điểm từ sau năm 2027") == (Ongoing(start=date(2028, 1, 1)),)
    assert _parts("năm 2026 và các năm tiếp theo") == (Ongoing(start=date(2026, 1, 1)),)
    assert _parts("Từ tháng 11/2025 đến khi kết thúc Tổng kiểm kê") == (
        Ongoing(start=date(2025, 11, 1)),
        AfterEvent("kết thúc Tổng kiểm kê"),
    )
    assert parse_timeframe("6/2025", year=2026).due == date(2025, 6, 30)  # not «6/20»


def test_recurrence_with_and_without_a_stated_day() -> None:
    calendar = ReportingCalendar()
    twice = parse_timeframe("trước ngày 01/6 và 15/11 hằng năm", year=2026)
    assert [o.due for o in twice.occurrences(calendar)] == [date(2026, 5, 31), date(2026, 11, 14)]
    december = parse_timeframe("Tháng 12 hằng năm", year=2026)
    assert [o.due for o in december.occurrences(calendar)] == [date(2026, 12, 31)]
    quarterly = parse_timeframe("chậm nhất ngày 15 của tháng cuối quý", year=2026)
    assert [o.due for o in quarterly.occurrences(calendar)] == [
        date(2026, 3, 15), date(2026, 6, 15), date(2026, 9, 15), date(2026, 12, 15)
    ]  # fmt: skip
    monthly = parse_timeframe("trước ngày 20 hằng tháng", year=2026)
    assert [o.due for o in monthly.occurrences(calendar)][:2] == [
        date(2026, 1, 19),
        date(2026, 2, 19),
    ]
    nine = parse_timeframe("Báo cáo 9 tháng đầu năm 2026", year=2026)
    assert nine.parts == (Deadline(date(2026, 9, 30), date(2026, 1, 1)),)
    assert _parts("Thường xuyên, định kỳ hằng quý báo cáo về Sở Tài chính")[:2] == (
        Ongoing(),
        Recurring(("quarterly",), 2026),  # type: ignore[arg-type]
    )


def test_prose_yields_its_dated_clauses_and_names_the_rest() -> None:
    parsed = parse_timeframe(
        "Ban hành trong quý I năm 2026. Thực hiện rà soát, điều chỉnh (nếu có)", year=2026
    )
    assert parsed.parts == (Deadline(date(2026, 3, 31), date(2026, 1, 1)),)
    assert parsed.note == "rà soát điều chỉnh"
    bullets = parse_timeframe(
        "- Xây dựng quy định trong giai đoạn 2026 - 2027. - Thí điểm từ năm 2027.", year=2026
    )
    assert bullets.parts == (
        Window(date(2026, 1, 1), date(2027, 12, 31)),
        Ongoing(start=date(2027, 1, 1)),
    )


@pytest.fixture(scope="module")
def imported(tmp_path_factory: pytest.TempPathFactory) -> tuple[dict[str, tuple[int, int]], Path]:
    """Each annex of the corpus written as a Word file and imported, once for the tests below
    (nine documents, about 1.5 s): (rows, rows read right) per document, and the folder."""
    folder = tmp_path_factory.mktemp("corpus")
    return _measure().import_rows(CORPUS, folder), folder


@pytest.mark.slow  # the corpus's nine annexes written as Word files and imported, 2 s
def test_annex_tables_of_other_authorities_import_verbatim_with_no_registry(
    imported: tuple[dict[str, tuple[int, int]], Path],
) -> None:
    """Each document's own headers, in its own order, with its section and group rows."""
    results, _folder = imported
    regular = {
        "001c610b2efdcf0c.md": 22,  # TT / Nhiệm vụ / Cơ quan chủ trì / ... / Nguồn kinh phí
        "2edf5927c71bc4c1.md": 74,  # unnumbered group rows inside sections
        "8718801c503045f9.md": 11,
        "c5d930a5fc8373cd.md": 17,
        "f004d93b21e7fc5f.md": 94,  # parts A-C over sections I..., sub-sections "5.1"
        # Number, lead and support merged down (w:vMerge) over sub-rows of one task.
        "646f0a00d4174382.md": 72,
        # No table: each task a paragraph, then "Cơ quan chủ trì: ..." lines.
        "09daab284f92e2dd.md": 16,
        "4e39af96b6891368.md": 19,  # tasks with no lead at all
        "86367f2ddb2225cd.md": 6,
    }
    assert results == {source: (rows, rows) for source, rows in regular.items()}


@pytest.mark.slow  # the corpus's nine annexes written as Word files and imported, 2 s
def test_imported_annexes_are_valid_plans_with_merged_sub_rows_and_parts(
    imported: tuple[dict[str, tuple[int, int]], Path], runner: CliRunner
) -> None:
    """What import writes validates with no error: ids unique, every name a unit."""
    _results, folder = imported
    plans = sorted((folder / "plans").glob("*.yaml"))
    assert len(plans) == 9
    for plan in plans:
        result = runner.invoke(app, ["validate", str(plan), "--format", "json"])
        errors = [p for p in json.loads(result.stdout)["problems"] if p["severity"] == "error"]
        assert errors == [], plan.name
    by_text = {plan.read_text(encoding="utf-8"): plan for plan in plans}
    air = next(text for text in by_text if "Bộ Nông nghiệp và Môi trường" in text)
    # QĐ 2530: task 1's second sub-row is its own task, its lead merged from 1.
    assert "      - id: A.1b\n        title: '- Rà soát, cập nhật các hướng dẫn kỹ thuật" in air
    assert "          - field: lead\n            source: A.1\n" in air
    # Two spellings of one body: one unit with an alias.
    assert "    name: UBND các tỉnh/ thành phố\n" in air
    assert "    aliases:  # cùng một đơn vị, viết khác\n      - UBND các tỉnh, thành phố\n" in air
    digital = next(text for text in by_text if "kinh tế số, xã hội số nông nghiệp" in text)
    # Đồng Nai: parts A, B, C, each with sections I, II...
    assert "  - id: B.I\n    title: Phát triển kinh tế số, xã hội số nông nghiệp" in digital
    assert "  - id: C.I\n    title: Tổ chức, bộ máy, mạng lưới" in digital
    assert "    name: Các sở, ban, ngành\n" in digital
