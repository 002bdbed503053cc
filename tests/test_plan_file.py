"""plans/2024.yaml against the signed source document."""

from __future__ import annotations

import io
from datetime import date

import pytest

from tests.conftest import PLAN_2024, ROOT, SOURCE
from tests.source_annex import SourceRow, read_annex
from tthc_plan.core.model import Plan, Task
from tthc_plan.core.plan_check import check_plan
from tthc_plan.store.loader import load_plan_file
from tthc_plan.store.yamlio import round_trip

SECTIONS, ROWS = read_annex(SOURCE)


@pytest.fixture(scope="module")
def plan() -> Plan:
    loaded = load_plan_file(PLAN_2024)
    assert loaded.problems == []
    assert loaded.parts.plan is not None
    return loaded.parts.plan


def _task(plan: Plan, task_id: str) -> Task:
    return next(t for t in plan.tasks() if t.id == task_id)


def test_shipped_plan_has_no_problem_its_reviews_and_correction_leave() -> None:
    loaded = load_plan_file(PLAN_2024)
    assert loaded.problems + check_plan(loaded)[0] == []
    plan = loaded.parts.plan
    assert plan is not None
    tasks = {task.id: task for task in plan.tasks()}
    # The source's own words stay; the Office's date and the reviews sit beside them.
    assert tasks["TCTH.1"].timeframe == "trước ngày 10/01/2023"
    assert tasks["TCTH.1"].correction is not None
    assert tasks["TCTH.1"].correction.due.isoformat() == "2024-01-09"
    assert [r.code for r in tasks["IX.1"].reviewed] == ["LEAD_IS_SUPPORT"]
    assert [r.code for r in tasks["IX.2"].reviewed] == ["LEAD_IS_SUPPORT"]


def test_source_copy_is_the_seed_document() -> None:
    seed = ROOT.parent / "shared" / "seeds" / SOURCE.name
    if not seed.exists():
        pytest.skip("the shared seed folder is not beside this checkout")
    assert SOURCE.read_bytes() == seed.read_bytes()


def test_all_28_source_tasks_in_11_sections() -> None:
    assert len(ROWS) == 28
    assert list(SECTIONS) == ["I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X", "XI"]


def test_section_titles_are_verbatim(plan: Plan) -> None:
    annex = {s.id: s.title for s in plan.sections if s.part == "annex"}
    assert annex == SECTIONS


@pytest.mark.parametrize("row", ROWS, ids=[r.id for r in ROWS])
def test_task_matches_source_row(plan: Plan, row: SourceRow) -> None:
    task = _task(plan, row.id)
    inferred = {i.field.value for i in task.inferred}
    assert task.title == row.cells["title"]
    if row.paragraphs:
        assert task.deliverable == row.paragraphs
    elif row.cells["deliverable"]:
        assert task.deliverable == row.cells["deliverable"]
    else:
        assert task.deliverable is None
    for column in ("lead", "support", "timeframe"):
        written = row.cells[column]
        value = getattr(task, column)
        if written:
            assert value == written, column
            assert column not in inferred
        elif value is not None:
            assert column in inferred, f"{row.id}.{column} filled in without a note"


def test_blank_cells_are_filled_from_the_row_they_belong_to(plan: Plan) -> None:
    sources = {(t.id, i.field.value): i.source for t in plan.tasks() for i in t.inferred}
    assert sources[("II.4", "lead")] == "II.3"
    assert sources[("IV.2", "lead")] == "IV.1"
    assert sources[("VI.2", "timeframe")] == "VI.1"
    assert sources[("VI.3", "timeframe")] == "VI.1"
    assert sources[("IX.2", "lead")] == "IX.1"
    assert sources[("XI.2", "timeframe")] == "XI.1"
    assert _task(plan, "IV.2").lead == "Văn phòng HĐND - UBND huyện"
    assert _task(plan, "XI.2").timeframe == _task(plan, "XI.1").timeframe
    x1_notes = " ".join(i.note for i in _task(plan, "X.1").inferred)
    assert "Chưa rõ" in x1_notes


def test_plan_metadata(plan: Plan) -> None:
    info = plan.plan
    assert info.issuer == "UBND huyện Đắk R'lấp"
    assert info.decision.number is None
    assert info.decision.date == date(2023, 12, 29)
    assert info.decision.signer.name == "Trần Công Dũng"
    assert info.decision.signer.title == "Phó Chủ tịch"
    assert info.year == 2024
    assert info.timezone == "Asia/Ho_Chi_Minh"
    assert [(b.number, b.date) for b in info.legal_bases] == [
        (None, date(2015, 6, 19)),
        (None, date(2019, 11, 22)),
        ("45/2020/NĐ-CP", date(2020, 4, 8)),
        ("02/2017/TT-VPCP", date(2017, 10, 31)),
        ("01/2018/TT-VPCP", date(2018, 11, 23)),
    ]


def test_part_three_assignments_are_tasks(plan: Plan) -> None:
    body = next(s for s in plan.sections if s.part == "body")
    assert [(t.id, t.lead, t.timeframe) for t in body.tasks] == [
        ("TCTH.1", "UBND các xã, thị trấn", "trước ngày 10/01/2023"),
        ("TCTH.3", "Phòng Tài chính - Kế hoạch", "Trong năm 2024"),
        ("TCTH.4", "Văn phòng HĐND và UBND huyện", "Thường xuyên"),
    ]


def test_vii4_targets(plan: Plan) -> None:
    assert [(t.id, t.comparison.value, t.value, t.unit.value, t.year) for t in plan.targets] == [
        ("so-hoa-tang-hang-nam", "increase_by", 20, "percent_per_year", None),
        ("so-hoa-mot-cua", "increase_at_least", 30, "percent", None),
        ("khong-cung-cap-lai", "at_least", 80, "percent", None),
        ("truc-tuyen", "at_least", 50, "percent", None),
        ("luan-chuyen-dien-tu", "at_least", 80, "percent", None),
        ("so-hoa-100", "at_least", 100, "percent", None),
        ("nang-suat-tinh", "at_least", 1600, "dossiers_per_staff_per_year", None),
        ("nang-suat-huyen", "at_least", 1200, "dossiers_per_staff_per_year", None),
        ("nang-suat-xa", "at_least", 800, "dossiers_per_staff_per_year", None),
        ("hai-long", "at_least", 95, "percent", 2025),
    ]
    levels = {t.id: [lv.value for lv in t.levels] for t in plan.targets}
    assert levels["nang-suat-xa"] == ["commune"]
    assert {t.task for t in plan.targets} == {"VII.4"}


def test_round_trip_keeps_the_file_byte_for_byte() -> None:
    """Later writes (progress) rely on ruamel.yaml reproducing the file exactly."""
    text = PLAN_2024.read_text(encoding="utf-8")
    yaml = round_trip()
    out = io.StringIO()
    yaml.dump(yaml.load(text), out)
    assert out.getvalue() == text
