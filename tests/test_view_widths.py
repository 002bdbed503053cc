"""Any screen (issue 17): the daily views at 40, 60, 80 and 120 columns.

Ids, dates, counts and states keep their width; names and long texts wrap;
low-value columns give way first; below a width each item is a block. Every
output is compared whole with tests/data/golden/screens/ and no line is
longer than the screen.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from tests.conftest import PROGRESS_2024, PlanCopy, TthcRunner, assert_golden, invoke
from tthc_plan.output.boxtable import cell_len

VIEWS = {
    "status": ["status", "--today", "2024-06-20"],  # each unit's counts (issue 27)
    "status-unit": ["status", "--unit", "Phòng Tư pháp", "--today", "2024-06-20"],
    "overdue": ["overdue", "--today", "2024-06-20"],
    "upcoming": ["upcoming", "--today", "2024-06-01", "--within", "20"],
    "targets": ["targets", "--today", "2024-12-31"],
}


@pytest.fixture
def year(plan_copy_with: PlanCopy) -> Path:
    return plan_copy_with(progress=PROGRESS_2024)


@pytest.mark.parametrize("width", [40, 60, 80, 120])
@pytest.mark.parametrize("view", sorted(VIEWS))
def test_a_view_fits_the_screen_and_cuts_no_id_or_date(
    year: Path, monkeypatch: pytest.MonkeyPatch, view: str, width: int
) -> None:
    from tthc_plan.cli import app  # noqa: PLC0415

    monkeypatch.setenv("COLUMNS", str(width))
    result = TthcRunner().invoke(app, VIEWS[view])
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    assert max(cell_len(line) for line in lines) <= width
    text = result.stdout
    assert not re.search(r"\b\d{1,2}/\d{0,2}/?\d{0,3}…", text)  # no date is ever cut
    assert not re.search(r"(?:│|: ) ?[IVXT][IVXCTH]*\.?\d*…", text)  # nor an id
    assert_golden(f"screens/{view}-{width}.txt", result.stdout)


def test_a_long_heading_wraps_and_a_zero_width_is_ignored(
    plan_copy: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("COLUMNS", "40")
    code, out, _err = invoke("status", "--unit", "Phòng Lao động - Thương binh và Xã hội",
                             "--today", "2024-06-20")  # fmt: skip
    assert code == 0
    assert out.splitlines()[:2] == [
        "Việc của «Phòng Lao động - Thương binh",
        "và Xã hội» ngày 20/06/2024",
    ]
    monkeypatch.setenv("COLUMNS", "0")  # "not known": the default width, not blank lines
    code, out, _err = invoke("overdue", "--today", "2024-01-12")
    assert max(len(line) for line in out.splitlines()) == 80
