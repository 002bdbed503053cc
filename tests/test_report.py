"""tthc report: the periodic report, read back from Word with python-docx."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import docx
import pytest

from tests.conftest import PLAN_2024, PlanCopy, TthcRunner
from tthc_plan.cli import app
from tthc_plan.core.report import build_report, reporting_period
from tthc_plan.core.schedule import Role
from tthc_plan.errors import UsageError
from tthc_plan.output.export.report_doc import period_name
from tthc_plan.store.workspace import Workspace


@pytest.mark.parametrize(
    ("label", "name", "days", "data"),
    [
        ("2024-Q1", "quý I năm 2024", ("2024-01-01", "2024-03-31"), ("2023-12-15", "2024-03-14")),
        ("2024-Q4", "quý IV năm 2024", ("2024-10-01", "2024-12-31"), ("2024-09-15", "2024-12-14")),
        (
            "2024-H1",
            "6 tháng đầu năm 2024",
            ("2024-01-01", "2024-06-30"),
            ("2023-12-15", "2024-06-14"),
        ),
        (
            "2024-H2",
            "6 tháng cuối năm 2024",
            ("2024-07-01", "2024-12-31"),
            ("2024-06-15", "2024-12-14"),
        ),
        ("2024-02", "tháng 2 năm 2024", ("2024-02-01", "2024-02-29"), ("2024-01-15", "2024-02-14")),
        ("2024", "năm 2024", ("2024-01-01", "2024-12-31"), ("2023-12-15", "2024-12-14")),
    ],
)
def test_a_period_covers_its_calendar_days_and_keeps_the_statistics_window(
    label: str, name: str, days: tuple[str, str], data: tuple[str, str]
) -> None:
    period = reporting_period(label, cutoff_day=14)
    assert period_name(period) == name
    assert (period.first.isoformat(), period.last.isoformat()) == days
    assert (period.data_first.isoformat(), period.data_last.isoformat()) == data


@pytest.mark.parametrize(
    ("label", "following"),
    [("2024-Q1", "2024-Q2"), ("2024-Q4", "2025-Q1"), ("2024-H2", "2025-H1"), ("2024-12", "2025-01"),
     ("2024", "2025")],
)  # fmt: skip
def test_the_next_period_is_of_the_same_length(label: str, following: str) -> None:
    assert reporting_period(label, cutoff_day=14).next(14).label == following


def test_a_bad_period_is_a_usage_error() -> None:
    with pytest.raises(UsageError) as caught:
        reporting_period("Q1-2024", cutoff_day=14)
    assert str(caught.value) == (
        "Kỳ «Q1-2024» không đúng dạng: viết 2024-Q1, 2024-H1, 2024-03 hoặc 2024."
    )


@pytest.fixture
def report(plan_copy_with: PlanCopy) -> docx.document.Document:
    tmp_path = plan_copy_with(
        done=[
            ["II.1", "--unit", "nhan co", "--date", "2024-01-08",
             "--ref", "Số 05/KH-UBND ngày 08/01/2024", "--today", "2024-01-15"],
            ["II.1", "--unit", "Xã Đắk Ru", "--date", "2024-01-11", "--today", "2024-01-15"],
            ["II.2", "--date", "2024-01-14", "--today", "2024-01-15"],
        ]
    )  # fmt: skip
    result = TthcRunner().invoke(app, ["report", "--period", "2024-Q1", "--today", "2024-04-01"])
    assert result.exit_code == 0, result.output
    assert result.stderr == "Đã ghi bao-cao-2024-Q1.docx\n"
    return docx.Document(str(tmp_path / "bao-cao-2024-Q1.docx"))


def _cells(table: object) -> list[list[str]]:
    return [[cell.text for cell in row.cells] for row in table.rows]  # type: ignore[attr-defined]


def test_report_groups_each_task_s_units_in_one_row(report: docx.document.Document) -> None:
    head, tasks, units, closing = report.tables
    assert _cells(head) == [
        [
            "ỦY BAN NHÂN DÂN\nHUYỆN ĐẮK R'LẤP\n",
            "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc\n",
        ],
        ["Số: ....../BC-UBND", "Đắk R'lấp, ngày 01 tháng 4 năm 2024"],
    ]
    rows = _cells(tasks)
    assert rows[0] == ["STT", "Nhiệm vụ", "Đơn vị chủ trì", "Hạn", "Kết quả", "Văn bản minh chứng"]
    # Due in Q1: II.1 (21 leads, 09/01), TCTH.1 (11 communes, 09/01/2024 as corrected),
    # II.2 (the Office, 14/01), XI.1 Q1 (21 leads, 16/03), XI.2 Q1 (the Office, 19/03):
    # five tasks, not 55 rows; a shared task's late units in a row under it, numbered with it.
    assert [row[0] for row in rows[1:]] == ["1", "1", "2", "2", "3", "4", "4", "5"]
    ii1, ii1_names, tcth1, tcth1_names, ii2, xi1, xi1_names, xi2 = rows[1:]
    assert ii1[1].startswith("II.1. Xây dựng kế hoạch rà soát")
    assert ii1[2:4] == ["Các phòng chuyên môn, UBND các xã, thị trấn (21 đơn vị)", "09/01/2024"]
    assert ii1[4] == "Đã xong 2/21, trong đó trễ hạn 1.\nQuá hạn, chưa xong: 19."
    assert ii1_names[1].startswith(
        "Đơn vị xong trễ hạn: Xã Đắk Ru. Đơn vị quá hạn, chưa xong: "
        "Phòng Giáo dục và Đào tạo, Phòng Kinh tế và Hạ tầng,"
    )
    assert ii1_names[1].endswith("Xã Nghĩa Thắng, Xã Nhân Đạo, Xã Quảng Tín.")
    assert "Xã Nhân Cơ" not in ii1_names[1]  # done on time: counted, not named
    assert ii1[5] == "1/2 đơn vị đã xong có văn bản"
    assert tcth1[1].startswith("TCTH.1. ")
    assert tcth1[3] == "09/01/2024"
    assert tcth1[4] == "Đã xong 0/11.\nQuá hạn, chưa xong: 11."
    assert tcth1_names[1].startswith("Đơn vị quá hạn, chưa xong: Thị trấn Kiến Đức,")
    assert ii2[1].startswith("II.2. ")
    assert ii2[2:] == [
        "Văn phòng HĐND và UBND huyện",
        "14/01/2024",
        "Xong đúng hạn (14/01/2024)",
        "",
    ]
    assert xi1[1].startswith("XI.1 (quý I/2024). Báo cáo thường kỳ")
    assert xi1[4] == "Đã xong 0/21.\nQuá hạn, chưa xong: 21."
    assert xi1_names[1].removeprefix("Đơn vị quá hạn, chưa xong: ").count(", ") == 20  # 21 named
    assert xi2[1].startswith("XI.2 (quý I/2024). ")
    assert xi2[4] == "Quá hạn 13 ngày, chưa xong"
    assert _cells(closing) == [
        [
            "Nơi nhận:\n- ........;\n- Lưu: VT.",
            "TM. ỦY BAN NHÂN DÂN\nKT. CHỦ TỊCH\nPHÓ CHỦ TỊCH\n\n\n\n\nTrần Công Dũng",
        ]
    ]
    paragraphs = [p.text for p in report.paragraphs if p.text]
    assert paragraphs[:2] == [
        "BÁO CÁO",
        # "quý I năm 2024" held together by no-break spaces: no year alone on a line
        "Tình hình, kết quả thực hiện Kế hoạch kiểm soát thủ tục hành chính "
        "quý\u00a0I\u00a0năm\u00a02024",
    ]
    assert (
        "Từ ngày 01/01/2024 đến ngày 31/03/2024 có 5 nhiệm vụ đến hạn (55 lượt việc của các "
        "đơn vị chủ trì). Tính đến ngày 01/04/2024: 2 lượt hoàn thành đúng hạn, 1 lượt hoàn "
        "thành trễ hạn, 52 lượt quá hạn chưa hoàn thành. Tỷ lệ hoàn thành đúng hạn (trên 55 "
        "lượt đã đến hạn): 4%."
    ) in paragraphs
    assert (
        "Ngoài ra còn 1 lượt việc quá hạn từ các kỳ trước chưa hoàn thành (1 nhiệm vụ)."
        in paragraphs
    )
    carried = paragraphs.index("Nhiệm vụ của các kỳ trước còn quá hạn, chưa hoàn thành:")
    assert paragraphs[carried + 1 : carried + 3] == [
        "- I.1. Xây dựng Kế hoạch Kiểm soát TTHC năm 2024: hạn 31/12/2023, quá hạn 92 ngày; "
        "Văn phòng HĐND và UBND huyện.",
        "3. Kết quả theo đơn vị",
    ]
    by_unit = _cells(units)
    assert by_unit[0] == ["Đơn vị", "Được giao", "Đúng hạn", "Trễ hạn", "Quá hạn, chưa xong"]
    assert len(by_unit) == 1 + 22 + 1  # the header, the 21 units and the Office, the total
    assert ["Văn phòng HĐND và UBND huyện", "2", "1", "0", "1"] in by_unit  # II.2; XI.2
    assert ["Xã Đắk Ru", "3", "0", "1", "2"] in by_unit  # II.1 late; TCTH.1, XI.1
    assert ["Xã Nhân Cơ", "3", "1", "0", "2"] in by_unit  # II.1; TCTH.1, XI.1
    assert by_unit[-1] == ["Tổng cộng", "55", "2", "1", "52"]
    following = paragraphs.index("II. NHIỆM VỤ TRỌNG TÂM QUÝ II NĂM 2024")
    upcoming = paragraphs[following + 1 : following + 4]
    assert [line.split(". ")[0] for line in upcoming] == [
        "- XI.1 (quý II/2024)", "- XI.2 (quý II/2024)", "- II.3",
    ]  # fmt: skip
    assert upcoming[2].endswith(
        "hạn 30/06/2024; Các phòng chuyên môn, UBND các xã, thị trấn (21 đơn vị)."
    )
    assert paragraphs[-5:] == [
        "III. KHÓ KHĂN, VƯỚNG MẮC",
        "[Phần này do đơn vị soạn báo cáo viết: những khó khăn, vướng mắc trong kỳ và "
        "nguyên nhân.]",
        "IV. ĐỀ XUẤT, KIẾN NGHỊ",
        "[Phần này do đơn vị soạn báo cáo viết: đề xuất, kiến nghị với cấp trên, nếu có.]",
        "Trên đây là báo cáo tình hình, kết quả thực hiện Kế hoạch kiểm soát thủ tục hành chính "
        "quý I năm 2024 của UBND huyện Đắk R'lấp./.",
    ]


def test_markdown_has_the_same_content(plan_copy: Path) -> None:
    result = TthcRunner().invoke(
        app, ["report", "--period", "2024-Q1", "--today", "2024-04-01", "--format", "md",
              "--unit", "Xã Nhân Cơ"]
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    assert lines[0] == (
        "**ỦY BAN NHÂN DÂN XÃ NHÂN CƠ** — **CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM**, "
        "**Độc lập - Tự do - Hạnh phúc**"
    )
    assert "Số: ....../BC-UBND — *Nhân Cơ, ngày 01 tháng 4 năm 2024*" in lines
    assert (
        "## Tình hình, kết quả thực hiện Kế hoạch kiểm soát thủ tục hành chính quý I năm 2024"
        in lines
    )
    assert "| STT | Nhiệm vụ | Đơn vị chủ trì | Hạn | Kết quả | Văn bản minh chứng |" in lines
    ii1 = next(line for line in lines if line.startswith("| 1 | II.1. Xây dựng kế hoạch"))
    assert ii1.endswith("| Xã Nhân Cơ | 09/01/2024 | Quá hạn 83 ngày, chưa xong |  |")
    by_unit = lines.index("**3. Kết quả theo đơn vị**")
    assert lines[by_unit + 2 : by_unit + 6] == [
        "| Đơn vị | Được giao | Đúng hạn | Trễ hạn | Quá hạn, chưa xong |",
        "|---|---|---|---|---|",
        "| Xã Nhân Cơ | 3 | 0 | 0 | 3 |",  # one unit: no total
        "",
    ]
    signature = lines.index("**TM. ỦY BAN NHÂN DÂN**  ")
    assert lines[signature : signature + 4] == [
        "**TM. ỦY BAN NHÂN DÂN**  ", "**CHỦ TỊCH**  ", "", "",
    ]  # fmt: skip
    received = lines.index("**Nơi nhận:**")
    assert lines[received + 2 : received + 5] == [
        "- UBND huyện Đắk R'lấp (b/c);",
        "- Văn phòng HĐND và UBND huyện;",
        "- Lưu: VT.",
    ]


def _due(label: str, as_of: date) -> set[tuple[str, str | None, str]]:
    """Return (task, period, unit) of the lead items due in a period of the shipped plan."""
    space = Workspace([PLAN_2024], lambda _zone: as_of)
    view = space.views[0]
    items = space.items(roles={Role.LEAD})
    period = reporting_period(label, cutoff_day=14)
    data = build_report(view.plan, items, period, as_of=as_of, cutoff_day=14)
    return {(i.task.id, i.slot.period, i.unit.id) for i in data.items}


def test_the_year_report_holds_what_is_due_on_31_december() -> None:
    tasks = {(task, period) for task, period, _unit in _due("2024", date(2025, 1, 10))}
    assert {("IV.1", None), ("IV.2", None), ("IX.3", None), ("TCTH.3", None)} <= tasks
    assert {("XI.1", "2024-Q4"), ("XI.1", "2024"), ("XI.2", "2024-Q4"), ("XI.2", "2024")} <= tasks


def test_a_quarter_holds_its_own_reports_and_a_month_what_falls_in_it() -> None:
    q1 = {(task, period) for task, period, _unit in _due("2024-Q1", date(2024, 4, 1))}
    assert q1 == {
        ("II.1", None),
        ("II.2", None),
        ("TCTH.1", None),
        ("XI.1", "2024-Q1"),
        ("XI.2", "2024-Q1"),
    }
    march = {(task, period) for task, period, _unit in _due("2024-03", date(2024, 4, 1))}
    assert march == {("XI.1", "2024-Q1"), ("XI.2", "2024-Q1")}


def test_every_lead_item_due_in_2024_is_due_in_exactly_one_quarter_and_in_the_year() -> None:
    as_of = date(2025, 1, 10)
    space = Workspace([PLAN_2024], lambda _zone: as_of)
    dated = {
        (i.task.id, i.slot.period, i.unit.id)
        for i in space.items(roles={Role.LEAD})
        if i.slot.due is not None and i.slot.due.year == 2024
    }
    quarters = [_due(f"2024-Q{q}", as_of) for q in range(1, 5)]
    assert dated
    for key in dated:
        assert sum(key in quarter for quarter in quarters) == 1, key
    assert set().union(*quarters) == dated
    assert _due("2024", as_of) == dated


def test_a_report_drafted_mid_period_adds_up() -> None:
    as_of = date(2024, 6, 10)  # XI.1 and XI.2 of Q2 are not due yet
    space = Workspace([PLAN_2024], lambda _zone: as_of)
    view = space.views[0]
    period = reporting_period("2024-Q2", cutoff_day=14)
    data = build_report(
        view.plan, space.items(roles={Role.LEAD}), period, as_of=as_of, cutoff_day=14
    )
    total = data.totals()
    assert (total.due, total.on_time, total.late, total.overdue, total.pending) == (
        43, 0, 0, 0, 43
    )  # fmt: skip
    for line in data.units:
        assert line.due == line.on_time + line.late + line.overdue + line.pending
    running = {i.task.id for i in data.running}
    assert {"IV.1", "IV.2", "IX.3", "TCTH.3", "VII.4"} <= running  # "Trong năm 2024", to 2025


def test_items_still_late_from_before_are_listed_apart() -> None:
    as_of = date(2024, 7, 1)
    space = Workspace([PLAN_2024], lambda _zone: as_of)
    view = space.views[0]
    period = reporting_period("2024-Q2", cutoff_day=14)
    data = build_report(
        view.plan, space.items(roles={Role.LEAD}), period, as_of=as_of, cutoff_day=14
    )
    carried = {(i.task.id, i.slot.period) for i in data.carried}
    assert carried == {
        ("I.1", None), ("II.1", None), ("II.2", None), ("TCTH.1", None),
        ("XI.1", "2024-Q1"), ("XI.2", "2024-Q1"),
    }  # fmt: skip
    assert not {(i.task.id, i.slot.period) for i in data.items} & carried
