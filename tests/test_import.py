"""tthc import: the 2024 annex reproduces plans/2024.yaml; a Word file with merged cells."""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

import docx
import pytest
from ruamel.yaml import YAML

from tests.conftest import PLAN_2024, SOURCE, PlanCopy, TthcRunner, tthc
from tthc_plan.cli import app
from tthc_plan.core.model import Plan
from tthc_plan.core.names import split_bodies
from tthc_plan.store.loader import load_plan_file


def _plan(path: Path) -> Plan:
    loaded = load_plan_file(path)
    assert loaded.parts.plan is not None, loaded.problems
    return loaded.parts.plan


def test_importing_the_2024_text_reproduces_the_shipped_tasks(plan_copy: Path) -> None:
    result = TthcRunner().invoke(
        app,
        [
            "import",
            str(SOURCE),
            "-o",
            "plans/nhap.yaml",
            "--id",
            "nhap-2024",
            "--units",
            "plans/2024.yaml",
            "--today",
            "2024-12-31",
        ],
    )
    assert result.exit_code == 0, result.output
    assert result.stdout.splitlines()[:2] == [
        "Đã tạo plans/nhap.yaml.",
        "Khớp tên đơn vị theo danh mục của plans/2024.yaml.",
    ]
    # the four LEAD_IS_SUPPORT of IX.1 and IX.2, and the decision's number, blank in the source
    assert result.stdout.splitlines()[-1] == "Đã kiểm tra 1 tệp: 0 lỗi, 5 cảnh báo."
    assert result.stdout.count(" NO_DECISION_NUMBER ") == 1
    imported, shipped = _plan(plan_copy / "plans" / "nhap.yaml"), _plan(PLAN_2024)
    annex = [t for s in shipped.sections if s.part == "annex" for t in s.tasks]
    assert [t.id for t in imported.tasks()] == [t.id for t in annex]
    for mine, theirs in zip(imported.tasks(), annex, strict=True):
        for field in ("title", "deliverable", "lead", "support", "timeframe"):
            assert getattr(mine, field) == getattr(theirs, field), (mine.id, field)
        assert [i.field for i in mine.inferred] == [
            i.field for i in theirs.inferred if i.field != "report_due_day"
        ], mine.id
    assert [s.title for s in imported.sections] == [s.title for s in shipped.sections][:11]
    decision = imported.plan.decision
    assert decision.date is not None
    assert (decision.number, decision.date.isoformat(), decision.signer.name) == (
        None,
        "2023-12-29",
        "Trần Công Dũng",
    )
    x1 = next(t for t in imported.tasks() if t.id == "X.1")
    assert x1.inferred[0].note.startswith("Chưa rõ:")


def _word_plan(path: Path) -> None:
    document = docx.Document()
    document.add_paragraph("Số: 12/QĐ-UBND")
    document.add_paragraph("Nhân Cơ, ngày 05 tháng 01 năm 2025")
    document.add_paragraph("KẾ HOẠCH Hoạt động kiểm soát thủ tục hành chính năm 2025")
    other = document.add_table(rows=2, cols=2)  # not the annex: "Nơi nhận" block
    other.cell(0, 0).text = "Nơi nhận:"
    other.cell(1, 0).text = "- Như trên;"
    table = document.add_table(rows=6, cols=6)
    header = ["STT", "Nội dung công việc", "Sản phẩm", "Cơ quan chủ trì", "Đơn vị phối hợp",
              "Thời gian hoàn thành"]  # fmt: skip
    for column, text in enumerate(header):
        table.cell(0, column).text = text
    section = table.cell(1, 0)
    section.text = "I"
    table.cell(1, 1).merge(table.cell(1, 5)).text = "CÔNG TÁC CHỈ ĐẠO"
    rows = [
        ["1", "Xây dựng kế hoạch năm 2025", "Kế hoạch", "Xã Nhân Cơ", "", "Trước 15/01/2025"],
        ["2", "Rà soát thủ tục", "Báo cáo", "", "Phòng Ngoại giao", "Quý I/2025"],
        ["3", "Việc chưa rõ hạn", "", "Thanh tra huyện", "", "Sắp tới"],
    ]
    for offset, values in enumerate(rows, start=2):
        for column, text in enumerate(values):
            if text:
                table.cell(offset, column).text = text
    table.cell(2, 3).merge(table.cell(3, 3))  # lead merged over rows 1 and 2
    table.cell(5, 1).text = "Ghi chú cuối bảng"
    document.save(str(path))


def test_importing_a_word_file_with_merged_cells(plan_copy: Path) -> None:
    word = plan_copy / "ke-hoach-2025.docx"
    _word_plan(word)
    result = TthcRunner().invoke(
        app,
        [
            "import",
            str(word),
            "-o",
            "plans/2025.yaml",
            "--year",
            "2025",
            "--today",
            "2025-02-01",
            "--units",
            "plans/2024.yaml",
        ],
    )
    assert result.exit_code == 1, result.output  # the unread timeframe is an error to fix
    lines = result.stdout.splitlines()
    assert lines[0] == "Đã tạo plans/2025.yaml."
    assert "Đơn vị mới, cần xem lại trong units: «Phòng Ngoại giao»" in lines
    assert any(line.startswith("I.3: thời hạn chưa hiểu: Không hiểu «Sắp tới»") for line in lines)
    text = (plan_copy / "plans" / "2025.yaml").read_text(encoding="utf-8")
    review = "  # cần xem lại: đơn vị mới từ bản nhập, chưa có trong danh mục\n"
    assert review + "  - id: phong-ngoai-giao\n" in text
    assert "    number: '12'\n" in text
    assert "    date: 2025-01-05\n" in text
    assert "  year: 2025\n" in text
    tasks = {t["id"]: t for t in _raw_tasks(text)}
    assert tasks["I.1"]["lead"] == "Xã Nhân Cơ"
    assert tasks["I.2"]["lead"] == "Xã Nhân Cơ"  # from the merge
    assert [i["field"] for i in tasks["I.2"]["inferred"]] == ["lead"]
    assert tasks["I.2"]["support"] == "Phòng Ngoại giao"
    assert "support" not in tasks["I.1"]
    assert tasks["I.3"]["deliverable"] is None
    assert len(tasks) == 3  # the footnote row and the other table are not tasks


def _raw_tasks(text: str) -> list[dict[str, Any]]:
    data = YAML(typ="safe").load(text)
    return [task for section in data["sections"] for task in section["tasks"]]


def test_import_needs_an_annex(plan_copy: Path) -> None:
    empty = plan_copy / "trong.txt"
    empty.write_text("Không có bảng nào ở đây.\n", encoding="utf-8")
    result = TthcRunner().invoke(app, ["import", str(empty), "-o", "plans/x.yaml"])
    assert result.exit_code == 3
    assert result.stderr.startswith("Lỗi: Không tìm thấy bảng Phụ lục")


def test_without_a_registry_the_import_builds_one_from_the_names_and_says_so(
    plan_copy: Path,
) -> None:
    result = TthcRunner().invoke(
        app, ["import", str(SOURCE), "-o", "elsewhere/nhap.yaml", "--today", "2024-12-31"]
    )
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    assert lines[1] == (
        "Danh mục đơn vị lập từ 12 tên trong văn bản, cần xem lại; dùng --units KẾ_HOẠCH để "
        "khớp với một danh mục có sẵn."
    )
    assert lines[-1] == "Đã kiểm tra 1 tệp: 0 lỗi, 5 cảnh báo."
    imported = _plan(plan_copy / "elsewhere" / "nhap.yaml")
    # as the text writes the body its heading names in capitals
    assert imported.plan.issuer == "UBND huyện Đắk R'lấp"
    assert imported.plan.title == (
        "Kế hoạch hoạt động kiểm soát thủ tục hành chính năm 2024 trên địa bàn huyện Đắk R'lấp"
    )
    kinds = {unit.name: str(unit.kind) for unit in imported.units}
    assert kinds["Phòng Nội vụ"] == "department"
    assert kinds["Thanh tra huyện"] == "inspectorate"
    assert kinds["Các phòng chuyên môn"] == "group"
    # A cell's bodies, each whole: "UBND các xã, thị trấn" is one name, not two.
    assert kinds["UBND các xã, thị trấn"] == "group"
    assert "thị trấn" not in kinds
    assert "Các cơ quan, đơn vị liên quan" in kinds
    # Not the registry of the plan beside it: nothing of plans/2024.yaml's units.
    assert "Xã Nhân Cơ" not in kinds


@pytest.mark.parametrize(
    ("cell", "bodies"),
    [
        ("Các sở, ngành, UBND xã, phường, đặc khu", ["Các sở, ngành", "UBND xã, phường, đặc khu"]),
        ("Sở Văn hóa, Thể thao và Du lịch", ["Sở Văn hóa, Thể thao và Du lịch"]),
        ("Bộ CHQS tỉnh; UBND cấp xã", ["Bộ CHQS tỉnh", "UBND cấp xã"]),
        ("Công an tỉnh và các sở, ngành liên quan", ["Công an tỉnh", "các sở, ngành liên quan"]),
        ("Các sở, ban, ngành; UBND các phường, xã", ["Các sở, ban, ngành", "UBND các phường, xã"]),
        ("Sở Tư pháp, các phòng chuyên môn", ["Sở Tư pháp", "các phòng chuyên môn"]),
        ("Văn phòng HĐND và UBND xã; Công an xã", ["Văn phòng HĐND và UBND xã", "Công an xã"]),
        ("Văn phòng Đoàn ĐBQH và HĐND tỉnh", ["Văn phòng Đoàn ĐBQH và HĐND tỉnh"]),
        ("Phòng Công chức, viên chức", ["Phòng Công chức, viên chức"]),
        ("Các phòng, ban thuộc Sở", ["Các phòng, ban thuộc Sở"]),
        ("Các Sở, Ban, ngành và UBND cấp xã", ["Các Sở, Ban, ngành", "UBND cấp xã"]),
        ("Bộ Tài chính, Ban Dân tộc", ["Bộ Tài chính", "Ban Dân tộc"]),
        ("Xã Nhân Cơ, Xã Nhân Đạo và Thị trấn Kiến Đức",
         ["Xã Nhân Cơ", "Xã Nhân Đạo", "Thị trấn Kiến Đức"]),
        # every level names a body before a proper name: quận, thị xã, thành phố too
        ("UBND thành phố Hà Nội, Thành phố Hồ Chí Minh",
         ["UBND thành phố Hà Nội", "Thành phố Hồ Chí Minh"]),
        ("UBND quận 1, Quận Bình Thạnh và Thị xã Buôn Hồ",
         ["UBND quận 1", "Quận Bình Thạnh", "Thị xã Buôn Hồ"]),
        ("UBND các quận, huyện, thị xã", ["UBND các quận, huyện, thị xã"]),
    ],
)  # fmt: skip
def test_a_cell_names_bodies_split_where_they_are_separate(cell: str, bodies: list[str]) -> None:
    assert split_bodies(cell) == bodies


def test_a_body_and_its_peoples_committee_are_one_new_unit(plan_copy: Path) -> None:
    """ "UBND Thành phố Hồ Chí Minh" and "Thành phố Hồ Chí Minh": one unit, one alias."""
    header = ["STT", "Nhiệm vụ", "Cơ quan chủ trì", "Cơ quan phối hợp", "Thời gian thực hiện"]
    rows = (
        header,
        ["I", "Dữ liệu", "", "", ""],
        ["1", "Kết nối dữ liệu", "UBND Thành phố Hồ Chí Minh", "", "Quý I/2026"],
        ["2", "Chia sẻ dữ liệu", "Bộ Công an", "Thành phố Hồ Chí Minh", "Quý II/2026"],
    )
    word = plan_copy / "du-lieu.docx"
    _annexes(word, {"PHỤ LỤC": rows})
    arguments = ["import", str(word), "-o", "plans/2026.yaml", "--year", "2026",
                 "--today", "2026-01-05"]  # fmt: skip
    result = TthcRunner().invoke(app, arguments)
    assert result.exit_code == 0, result.output
    plan = _plan(plan_copy / "plans" / "2026.yaml")
    city = [(u.id, u.name, list(u.aliases)) for u in plan.units if "Minh" in u.name]
    assert city == [
        ("ubnd-thanh-pho-ho-chi-minh", "UBND Thành phố Hồ Chí Minh", ["Thành phố Hồ Chí Minh"])
    ]
    # A table alone says nothing of who issued it: every particular is asked for.
    codes = re.findall(r" (NO_[A-Z_]+) ", result.stdout)
    assert codes == ["NO_PLAN_TITLE", "NO_ISSUER", "NO_DECISION_NUMBER", "NO_DECISION_DATE",
                     "NO_SIGNER_NAME", "NO_SIGNER_TITLE"]  # fmt: skip
    assert result.stdout.splitlines()[-1] == "Đã kiểm tra 1 tệp: 0 lỗi, 6 cảnh báo."


def _annexes(path: Path, annexes: Mapping[str, Sequence[list[str]]]) -> None:
    """Write a Word file with one titled table per annex, rows as given."""
    document = docx.Document()
    for title, rows in annexes.items():
        document.add_paragraph(title)
        table = document.add_table(rows=0, cols=len(rows[0]))
        for row in rows:
            for cell, text in zip(table.add_row().cells, row, strict=True):
                cell.text = text
    document.save(str(path))


def test_a_name_the_registry_knows_only_in_part_is_a_new_unit(plan_copy: Path) -> None:
    """ "Văn phòng Đăng ký đất đai" is not the Office ("Văn phòng") plus leftovers."""
    header = ["STT", "Nhiệm vụ", "Cơ quan chủ trì", "Cơ quan phối hợp", "Thời gian thực hiện"]
    rows = (
        header,
        ["I", "Đất đai", "", "", ""],
        [
            "1",
            "Số hóa hồ sơ",
            "Văn phòng Đăng ký đất đai",
            "Phòng Tư pháp, Văn phòng",
            "Quý I/2025",
        ],
    )
    word = plan_copy / "dat-dai.docx"
    _annexes(word, {"PHỤ LỤC": rows})
    arguments = ["import", str(word), "-o", "plans/2025.yaml", "--units", "plans/2024.yaml",
                 "--year", "2025",
                 "--today", "2025-01-05"]  # fmt: skip
    result = TthcRunner().invoke(app, arguments)
    assert result.exit_code == 0, result.output
    assert "Đơn vị mới, cần xem lại trong units: «Văn phòng Đăng ký đất đai»" in result.stdout
    plan = _plan(plan_copy / "plans" / "2025.yaml")
    new = [unit for unit in plan.units if unit.name == "Văn phòng Đăng ký đất đai"]
    assert [unit.id for unit in new] == ["van-phong-dang-ky-dat-dai"]
    assert "Đăng ký đất đai" not in {unit.name for unit in plan.units}
    validated = TthcRunner().invoke(app, ["validate", "plans/2025.yaml", "--today", "2025-01-05"])
    assert "UNKNOWN_UNIT" not in validated.output


def test_a_second_annex_table_with_its_own_columns_is_read_too(plan_copy: Path) -> None:
    """Phụ lục I and, further down, Phụ lục II with other headers in another order."""
    annexes = {
        "PHỤ LỤC I": (
            ["STT", "Nhiệm vụ", "Cơ quan chủ trì", "Cơ quan phối hợp", "Thời gian thực hiện"],
            ["I", "Rà soát", "", "", ""],
            ["1", "Rà soát quy định", "Sở Tư pháp", "Các sở, ban, ngành", "Quý I/2026"],
        ),
        "PHỤ LỤC II": (
            ["TT", "Nội dung", "Thời hạn hoàn thành", "Đơn vị thực hiện", "Sản phẩm dự kiến"],
            ["II", "Truyền thông", "", "", ""],
            ["1", "Tuyên truyền trên báo", "Tháng 6/2026", "Báo Đồng Nai", "Chuyên mục"],
            # A section row that is a task too: section III and its own task III.0.
            ["III", "Tổng kết", "Quý IV/2026", "Sở Tư pháp", "Báo cáo"],
        ),
    }
    word = plan_copy / "hai-phu-luc.docx"
    _annexes(word, annexes)
    target = plan_copy / "plans" / "2026.yaml"
    result = TthcRunner().invoke(
        app, ["import", str(word), "-o", str(target), "--year", "2026", "--today", "2026-01-05"]
    )
    assert result.exit_code == 0, result.output
    tasks = {t["id"]: t for t in _raw_tasks(target.read_text(encoding="utf-8"))}
    assert tasks == {
        "I.1": {
            "id": "I.1",
            "title": "Rà soát quy định",
            "deliverable": None,
            "lead": "Sở Tư pháp",
            "support": "Các sở, ban, ngành",
            "timeframe": "Quý I/2026",
        },
        "II.1": {
            "id": "II.1",
            "title": "Tuyên truyền trên báo",
            "deliverable": "Chuyên mục",
            "lead": "Báo Đồng Nai",
            "timeframe": "Tháng 6/2026",
        },
        "III.0": {
            "id": "III.0",
            "title": "Tổng kết",
            "deliverable": "Báo cáo",
            "lead": "Sở Tư pháp",
            "timeframe": "Quý IV/2026",
        },
    }
    sections = YAML(typ="safe").load(target.read_text(encoding="utf-8"))["sections"]
    assert [(section["id"], section["title"]) for section in sections] == [
        ("I", "Rà soát"), ("II", "Truyền thông"), ("III", "Tổng kết")
    ]  # fmt: skip


def _word_table(
    path: Path, rows: Sequence[list[str]], merges: Sequence[tuple[str, int, int, int]] = ()
) -> None:
    """One table; merges ("v", first row, last row, column) or ("h", row, first col, last col)."""
    document = docx.Document()
    table = document.add_table(rows=0, cols=len(rows[0]))
    for row in rows:
        for cell, text in zip(table.add_row().cells, row, strict=True):
            cell.text = text
    for kind, a, b, c in merges:
        if kind == "v":
            table.cell(a, c).merge(table.cell(b, c))
        else:
            table.cell(a, b).merge(table.cell(a, c))
    document.save(str(path))


def _imported(plan_copy: Path, rows: Sequence[list[str]], merges: Sequence[Any] = ()) -> Any:
    word = plan_copy / "phu-luc.docx"
    _word_table(word, rows, merges)
    arguments = ["import", str(word), "-o", "plans/2026.yaml", "--year", "2026",
                 "--today", "2026-02-10"]  # fmt: skip
    result = TthcRunner().invoke(app, arguments)
    tasks = _raw_tasks((plan_copy / "plans" / "2026.yaml").read_text(encoding="utf-8"))
    fields = ("id", "title", "lead", "support", "timeframe")
    return result, [tuple(task.get(name) for name in fields) for task in tasks]


HEADER = ["STT", "Nhiệm vụ", "Cơ quan chủ trì", "Cơ quan phối hợp", "Thời gian thực hiện"]
SECTION = ["I", "Chung", "", "", ""]


def test_a_two_row_header_as_word_merges_it(plan_copy: Path) -> None:
    """ "Phân công thực hiện" over "Chủ trì | Phối hợp"; the other header cells merged down."""
    rows = [
        ["STT", "Nhiệm vụ", "Phân công thực hiện", "", "Thời gian thực hiện"],
        ["", "", "Chủ trì", "Phối hợp", ""],
        SECTION,
        ["1", "Rà soát TTHC", "Sở Tư pháp", "Sở Nội vụ", "Quý II/2026"],
    ]
    merges = [("h", 0, 2, 3), ("v", 0, 1, 0), ("v", 0, 1, 1), ("v", 0, 1, 4)]
    result, tasks = _imported(plan_copy, rows, merges)
    assert result.exit_code == 0, result.output
    assert tasks == [("I.1", "Rà soát TTHC", "Sở Tư pháp", "Sở Nội vụ", "Quý II/2026")]


def test_word_rows_are_never_joined_or_dropped(plan_copy: Path) -> None:
    """An unnumbered row with its own lead is a task; "I.1" and "(4)" are numbers; a
    footnote is reported; a support cell merged down reaches every row it covers."""
    rows = [
        HEADER,
        SECTION,
        ["I.1", "Việc một", "Sở Tư pháp", "UBND các xã, phường", "Quý I/2026"],
        ["", "Việc hai", "Sở Y tế", "", "Tháng 12/2026"],
        ["(4)", "Việc bốn", "Sở Nội vụ", "", "Quý II/2026"],
        ["", "(*) Nhiệm vụ trọng tâm, ưu tiên bố trí nguồn lực.", "", "", ""],
    ]
    result, tasks = _imported(plan_copy, rows, [("v", 2, 3, 3)])
    assert result.exit_code == 0, result.output
    assert tasks == [
        ("I.1", "Việc một", "Sở Tư pháp", "UBND các xã, phường", "Quý I/2026"),
        ("I.1b", "Việc hai", "Sở Y tế", "UBND các xã, phường", "Tháng 12/2026"),
        ("I.4", "Việc bốn", "Sở Nội vụ", None, "Quý II/2026"),
    ]
    assert (
        "Dòng không phải nhiệm vụ, không nhập (xem lại trong bản gốc): "
        "«(*) Nhiệm vụ trọng tâm, ưu tiên bố trí nguồn lực.»"
    ) in result.stdout.splitlines()


def test_headers_are_read_by_their_most_specific_words(plan_copy: Path) -> None:
    """ "Thời hạn hoàn thành nhiệm vụ" is the timeframe, "Tiến độ" too; a blank one stays
    blank and validate says so, never "Thường xuyên"."""
    rows = [
        ["STT", "Nội dung", "Cơ quan chủ trì thực hiện nhiệm vụ", "Kết quả thực hiện nhiệm vụ",
         "Thời hạn hoàn thành nhiệm vụ"],
        SECTION,
        ["1", "Việc một", "Sở Tư pháp", "Báo cáo", "Quý I/2026"],
        ["2", "Việc hai", "Sở Y tế", "Kế hoạch", ""],
    ]  # fmt: skip
    result, tasks = _imported(plan_copy, rows)
    assert tasks == [
        ("I.1", "Việc một", "Sở Tư pháp", None, "Quý I/2026"),
        ("I.2", "Việc hai", "Sở Y tế", None, ""),
    ]
    assert result.exit_code == 1  # the blank timeframe is an error to fix
    assert "I.2: thời hạn chưa hiểu: Thời gian thực hiện đang để trống." in result.stdout
    # the problems listed after the import: in the user's language, with the fix
    assert any(
        line.startswith("plans/2026.yaml:") and ": lỗi " in line and "Cách sửa:" in line
        for line in result.stdout.splitlines()
    ), result.stdout


def test_a_numbered_row_with_only_a_title_heads_the_rows_numbered_under_it(
    plan_copy: Path,
) -> None:
    rows = [
        HEADER,
        SECTION,
        ["1", "Lĩnh vực nông nghiệp", "", "", ""],
        ["1.1", "Rà soát TTHC thủy sản", "Sở Nông nghiệp và Môi trường", "", "Quý II/2026"],
        ["1.2", "Rà soát TTHC lâm nghiệp", "Sở Nông nghiệp và Môi trường", "", "Quý IV/2026"],
        ["2", "Công bố TTHC", "Văn phòng UBND tỉnh", "", "Tháng 12/2026"],
    ]
    result, tasks = _imported(plan_copy, rows)
    assert result.exit_code == 0, result.output
    # Section I holds its own tasks ("2"), its group I.1 the rows numbered under "1".
    assert [task[:2] for task in tasks] == [
        ("I.2", "Công bố TTHC"),
        ("I.1.1", "Rà soát TTHC thủy sản"),
        ("I.1.2", "Rà soát TTHC lâm nghiệp"),
    ]
    sections = YAML(typ="safe").load((plan_copy / "plans" / "2026.yaml").read_text("utf-8"))
    assert [(s["id"], s["title"]) for s in sections["sections"]] == [
        ("I", "Chung"), ("I.1", "Lĩnh vực nông nghiệp")
    ]  # fmt: skip


def test_a_plan_without_an_annex_table_in_the_official_form(plan_copy: Path) -> None:
    """The heading in a table (issuer over place, "Số: 31/KH-UBND", the date line), tasks as
    paragraphs: a field's value on the next line, a task with "a)", "b)" under it."""
    document = docx.Document()
    heading = document.add_table(rows=2, cols=2)
    heading.cell(0, 0).text = "ỦY BAN NHÂN DÂN\nTỈNH QUẢNG NGÃI"
    heading.cell(0, 1).text = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc"
    heading.cell(1, 0).text = "Số: 31/KH-UBND"
    # the date line as Word wraps it in a narrow cell
    heading.cell(1, 1).text = "Quảng Ngãi, ngày 08\ntháng 01 năm 2026"
    for line in (
        "KẾ HOẠCH",
        "Kiểm soát thủ tục hành chính năm 2026",
        "II. NHIỆM VỤ CỤ THỂ",
        "1. Tập huấn nghiệp vụ",
        "Đơn vị chủ trì: Sở Tư pháp",
        "Thời hạn hoàn thành: Trước ngày 30 tháng 9 năm 2026",
        "2. Kiểm tra tại các xã",
        "a) Kiểm tra tại các xã miền núi",
        "Cơ quan chủ trì:",
        "Sở Văn hóa, Thể thao và Du lịch",
        "Thời gian thực hiện: Quý III/2026",
        "b) Kiểm tra tại các phường",
        "Cơ quan chủ trì: Sở Tư pháp",
        "Thời gian thực hiện: Quý IV/2026",
    ):
        document.add_paragraph(line)
    word = plan_copy / "ke-hoach.docx"
    document.save(str(word))
    arguments = ["import", str(word), "-o", "plans/2026.yaml", "--today", "2026-02-10"]
    result = TthcRunner().invoke(app, arguments)
    assert result.exit_code == 0, result.output
    text = (plan_copy / "plans" / "2026.yaml").read_text(encoding="utf-8")
    assert "  issuer: UBND tỉnh Quảng Ngãi\n" in text
    assert "    number: '31'\n    symbol: KH-UBND\n    date: 2026-01-08\n" in text
    tasks = [(t["id"], t.get("lead"), t["timeframe"]) for t in _raw_tasks(text)]
    assert tasks == [
        ("II.1", "Sở Tư pháp", "Trước ngày 30 tháng 9 năm 2026"),
        ("II.2.a", "Sở Văn hóa, Thể thao và Du lịch", "Quý III/2026"),
        ("II.2.b", "Sở Tư pháp", "Quý IV/2026"),
    ]


def test_an_import_id_cannot_inject_keys(plan_copy_with: PlanCopy) -> None:
    plans = plan_copy_with(today="2024-01-12")
    source = PLAN_2024.parent / "source" / "ke-hoach-kiem-soat-tthc-2024-dak-rlap.txt"
    done = tthc("import", str(source), "-o", "plans/x.yaml", "--id", "x\n  timezone: UTC")
    assert done.exit_code == 2
    assert done.stderr.startswith("Lỗi: Mã kế hoạch «x\\n  timezone: UTC» không hợp lệ")
    assert not (plans / "plans" / "x.yaml").exists()


def test_a_word_file_that_inflates_without_end_is_refused(plan_copy_with: PlanCopy) -> None:
    plans = plan_copy_with(today="2024-01-12")
    import zipfile  # noqa: PLC0415

    bomb = plans / "bom.docx"
    with zipfile.ZipFile(bomb, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        with archive.open("word/document.xml", "w", force_zip64=True) as part:
            block = b"<w:t>" + b"0" * (1024 * 1024) + b"</w:t>"
            for _ in range(60):  # 60 MB of text from an archive of a few dozen kB
                part.write(block)
    assert bomb.stat().st_size < 1024 * 1024
    done = tthc("import", str(bomb), "-o", "plans/x.yaml")
    assert done.exit_code == 3
    assert done.stderr == (
        f"Lỗi: «{bomb}» không đọc: phần «word/document.xml» giải nén ra quá 50 MB "
        "(một tệp Word kế hoạch chỉ vài MB).\n"
    )
    assert not (plans / "plans" / "x.yaml").exists()


def test_a_broken_word_file_is_a_clear_error(plan_copy_with: PlanCopy) -> None:
    plans = plan_copy_with(today="2024-01-12")
    broken = plans / "hong.docx"
    broken.write_bytes(b"PK\x03\x04 not really a zip")
    done = tthc("import", str(broken), "-o", "plans/x.yaml")
    assert done.exit_code == 3
    assert done.stderr == (
        f"Lỗi: «{broken}» không phải là tệp Word (.docx) đọc được: mở bằng Word rồi lưu lại "
        "dạng .docx.\n"
    )  # the library's English ("File is not a zip file") is not passed on


def test_import_refuses_a_year_no_plan_has_and_shows_an_id_as_written(plan_copy: Path) -> None:
    """ "--year -5" was a traceback from the date library; an id with accents was escaped."""
    source = str(SOURCE)
    runner = TthcRunner()
    year = runner.invoke(app, ["import", source, "-o", "x/y.yaml", "--year", "-5"])
    assert year.exit_code == 2
    assert year.stderr.endswith(
        "Lỗi: Giá trị của '--year' không hợp lệ: -5 nằm ngoài khoảng cho phép 1990<=x<=2100.\n"
    )
    named = runner.invoke(app, ["import", source, "-o", "x/y.yaml", "--id", "Có Dấu Cách"])
    assert named.exit_code == 2
    assert named.stderr.startswith("Lỗi: Mã kế hoạch «Có Dấu Cách» không hợp lệ")
