"""tthc import reads a document's particulars from its Nghị định 30/2020 form and
invents none: the heading, "Số:", the date line, the title, the annexed decision,
the signature block; a plan's id from its own number; merged result cells; units
split and their kinds guessed as an Office would. Word files made with python-docx."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

import docx
import pytest

from tests.conftest import PLAN_2024, TthcRunner
from tthc_plan.cli import app
from tthc_plan.core.documents import issuer_of
from tthc_plan.core.model import Plan, Unit, UnitKind
from tthc_plan.store.loader import load_plan_file

HEADER = ["STT", "Nhiệm vụ", "Kết quả dự kiến", "Cơ quan chủ trì", "Cơ quan phối hợp",
          "Thời gian thực hiện"]  # fmt: skip


@dataclass
class Official:
    """A document in the official form: what each part of it says."""

    left: str  # the heading's left cell: body (and parent), one line each
    number: str  # "Số: 552/KH-UBND"
    date_line: str  # "Đồng Tháp, ngày 10 tháng 3 năm 2026"
    kind: str  # "KẾ HOẠCH", "QUYẾT ĐỊNH"
    subject: list[str]  # the title's lines
    before: list[str] = field(default_factory=list)  # paragraphs after the title
    signature: list[str] = field(default_factory=list)  # "KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH", name
    rows: list[list[str]] = field(default_factory=list)
    merges: list[tuple[int, int, int]] = field(default_factory=list)  # first, last row; column


def _write(path: Path, doc: Official) -> Path:
    document = docx.Document()
    heading = document.add_table(rows=2, cols=2)
    heading.cell(0, 0).text = doc.left
    heading.cell(0, 1).text = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc"
    heading.cell(1, 0).text = doc.number
    heading.cell(1, 1).text = doc.date_line
    for line in [doc.kind, *doc.subject, *doc.before]:
        document.add_paragraph(line)
    if doc.signature:
        closing = document.add_table(rows=1, cols=2)
        closing.cell(0, 0).text = "Nơi nhận:\n- Như trên;\n- Lưu: VT."
        closing.cell(0, 1).text = "\n".join(doc.signature)
    if doc.rows:
        document.add_paragraph("PHỤ LỤC")
        table = document.add_table(rows=0, cols=len(doc.rows[0]))
        for row in doc.rows:
            for cell, text in zip(table.add_row().cells, row, strict=True):
                cell.text = text
        for first, last, column in doc.merges:
            table.cell(first, column).merge(table.cell(last, column))
    document.save(str(path))
    return path


def _import(folder: Path, source: Path, *args: str) -> tuple[int, str, Plan | None]:
    target = folder / "plans" / f"{source.stem}.yaml"
    result = TthcRunner().invoke(
        app, ["import", str(source), "-o", str(target), "--today", "2026-03-20", *args]
    )
    plan = load_plan_file(target).parts.plan if target.exists() else None
    return result.exit_code, result.output, plan


ROWS = [
    HEADER,
    ["I", "CHUYỂN ĐỔI SỐ DOANH NGHIỆP", "", "", "", ""],
    ["1", "Khảo sát nhu cầu", "Báo cáo khảo sát", "Sở Công Thương",
     "Doanh nghiệp, Sở, ban, ngành có liên quan", "Quý II/2026"],
    ["2", "Hỗ trợ nền tảng số", "Danh sách nền tảng", "Ban Quản lý khu Kinh tế",
     "Trung tâm Phục vụ hành chính công", "Quý III/2026"],
    ["3", "Tập huấn", "", "Ban Quản lý khu Kinh tế tỉnh Đồng Tháp",
     "Chi cục Thuế khu vực XX; Công an tỉnh", "Quý IV/2026"],
]  # fmt: skip


def test_a_plan_issued_as_itself_keeps_its_own_particulars(plan_copy: Path) -> None:
    source = _write(
        plan_copy / "kh-552.docx",
        Official(
            left="ỦY BAN NHÂN DÂN\nTỈNH ĐỒNG THÁP",
            number="Số: 552/KH-UBND",
            date_line="Đồng Tháp, ngày 10 tháng 3 năm 2026",
            kind="KẾ HOẠCH",
            subject=["Chuyển đổi số cho các doanh nghiệp năm 2026"],
            before=["Thực hiện Kế hoạch số 283/KH-UBND, Ủy ban nhân dân tỉnh ban hành Kế hoạch "
                    "chuyển đổi số cho các doanh nghiệp năm 2026 như sau:",
                    "I. MỤC ĐÍCH, YÊU CẦU"],
            signature=["TM. ỦY BAN NHÂN DÂN", "KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH", "",
                       "Huỳnh Minh Tuấn"],
            rows=ROWS,
        ),
    )  # fmt: skip
    code, output, plan = _import(plan_copy, source)
    assert code == 0, output
    assert plan is not None
    info = plan.plan
    assert (info.id, info.title, info.year, info.issuer) == (
        "552-kh-ubnd-2026",
        "Kế hoạch chuyển đổi số cho các doanh nghiệp năm 2026",  # as the text writes it
        2026,
        "UBND tỉnh Đồng Tháp",
    )
    decision = info.decision
    assert (decision.kind, decision.number, decision.symbol, decision.date, decision.place) == (
        "Kế hoạch", "552", "KH-UBND", date(2026, 3, 10), "Đồng Tháp",
    )  # fmt: skip
    assert decision.title == "Chuyển đổi số cho các doanh nghiệp năm 2026"
    signer = decision.signer
    assert (signer.name, signer.title, signer.on_behalf) == (
        "Huỳnh Minh Tuấn", "Phó Chủ tịch", "TM. ỦY BAN NHÂN DÂN, KT. CHỦ TỊCH",
    )  # fmt: skip
    assert info.documents.parent is None
    # Every body once, split as an Office would, its kind guessed for review.
    units = [(u.id, u.name, str(u.kind), list(u.aliases)) for u in plan.units]
    assert units == [
        ("so-cong-thuong", "Sở Công Thương", "agency", []),
        ("doanh-nghiep", "Doanh nghiệp", "enterprise", []),
        ("so-ban-nganh-co-lien-quan", "Sở, ban, ngành có liên quan", "group", []),
        ("ban-quan-ly-khu-kinh-te", "Ban Quản lý khu Kinh tế", "board",
         ["Ban Quản lý khu Kinh tế tỉnh Đồng Tháp"]),
        ("trung-tam-phuc-vu-hanh-chinh-cong", "Trung tâm Phục vụ hành chính công", "center", []),
        ("chi-cuc-thue-khu-vuc-xx", "Chi cục Thuế khu vực XX", "branch", []),
        ("cong-an-tinh", "Công an tỉnh", "police", []),
    ]  # fmt: skip
    assert "(chưa điền)" not in output
    assert (plan_copy / "plans" / "kh-552.yaml").read_text(encoding="utf-8").count(
        "(chưa điền)"
    ) == 0
    # Nothing is missing: no warning asks for a particular.
    assert " NO_" not in output


def test_a_decision_of_the_prime_minister_is_signed_for_him(plan_copy: Path) -> None:
    source = _write(
        plan_copy / "qd-2597.docx",
        Official(
            left="THỦ TƯỚNG CHÍNH PHỦ",
            number="Số: 2597/QĐ-TTg",
            date_line="Hà Nội, ngày 25 tháng 11 năm 2025",
            kind="QUYẾT ĐỊNH",
            subject=["BAN HÀNH KẾ HOẠCH THỰC HIỆN CHIẾN LƯỢC DỮ LIỆU NĂM 2026"],
            before=["THỦ TƯỚNG CHÍNH PHỦ", "Căn cứ Luật Tổ chức Chính phủ;",
                    "Điều 1. Ban hành kèm theo Quyết định này Kế hoạch thực hiện chiến lược dữ "
                    "liệu năm 2026.", "Thủ tướng Chính phủ giao các bộ thực hiện."],
            signature=["KT. THỦ TƯỚNG", "PHÓ THỦ TƯỚNG", "", "Trần Hồng Hà"],
            rows=ROWS,
        ),
    )  # fmt: skip
    code, output, plan = _import(plan_copy, source)
    assert code == 0, output
    assert plan is not None
    info = plan.plan
    assert (info.id, info.issuer, info.year) == ("2597-qd-ttg-2026", "Thủ tướng Chính phủ", 2026)
    assert info.title == "Kế hoạch thực hiện chiến lược dữ liệu năm 2026"
    decision = info.decision
    assert (decision.kind, decision.number, decision.symbol, decision.date) == (
        None, "2597", "QĐ-TTg", date(2025, 11, 25),
    )  # fmt: skip
    assert decision.title == "BAN HÀNH KẾ HOẠCH THỰC HIỆN CHIẾN LƯỢC DỮ LIỆU NĂM 2026"
    assert (decision.signer.on_behalf, decision.signer.title, decision.signer.name) == (
        "KT. THỦ TƯỚNG", "Phó Thủ tướng", "Trần Hồng Hà",
    )  # fmt: skip


def test_a_plan_with_no_signature_leaves_the_signer_for_a_person(plan_copy: Path) -> None:
    """A plan annexed to a decision: that decision's number and date; nobody invented."""
    source = _write(
        plan_copy / "kh-kem-qd.docx",
        Official(
            left="UBND TỈNH QUẢNG NGÃI\nSỞ TƯ PHÁP",
            number="Số: 15/KH-STP",
            date_line="Quảng Ngãi, ngày 08 tháng 01 năm 2026",
            kind="KẾ HOẠCH",
            subject=["Kiểm soát thủ tục hành chính năm 2026"],
            before=["(Ban hành kèm theo Quyết định số 12/QĐ-STP ngày 05/01/2026 của Sở Tư pháp)",
                    "Sở Tư pháp ban hành Kế hoạch như sau:"],
            rows=ROWS,
        ),
    )  # fmt: skip
    code, output, plan = _import(plan_copy, source)
    assert code == 0, output
    assert plan is not None
    info = plan.plan
    assert (info.id, info.issuer, info.documents.parent) == (
        "15-kh-stp-2026", "Sở Tư pháp", "UBND TỈNH QUẢNG NGÃI",
    )  # fmt: skip
    decision = info.decision
    assert (decision.kind, decision.number, decision.symbol, decision.date, decision.title) == (
        None, "12", "QĐ-STP", date(2026, 1, 5), None,
    )  # fmt: skip
    assert (decision.signer.name, decision.signer.title, decision.signer.on_behalf) == (
        None, None, None,
    )  # fmt: skip
    assert "NO_SIGNER_NAME" in output
    assert "NO_SIGNER_TITLE" in output


def test_merged_result_cells_are_filled_down_and_said_so(plan_copy: Path) -> None:
    rows = [
        HEADER,
        ["I", "KIỂM SOÁT TTHC", "", "", "", ""],
        ["1", "Rà soát thủ tục", "Báo cáo rà soát", "Sở Tư pháp", "", "Quý I/2026"],
        ["2", "Công bố thủ tục", "", "Sở Tư pháp", "", ""],
        ["3", "Niêm yết thủ tục", "Danh mục niêm yết", "Sở Tư pháp", "", "Quý II/2026"],
    ]
    # the result and the timeframe of row 2 (table row 3) merged with row 1's
    source = _write(
        plan_copy / "gop-o.docx",
        Official(
            left="ỦY BAN NHÂN DÂN\nTỈNH QUẢNG NGÃI", number="Số: 31/KH-UBND",
            date_line="Quảng Ngãi, ngày 08 tháng 01 năm 2026", kind="KẾ HOẠCH",
            subject=["Kiểm soát thủ tục hành chính năm 2026"],
            signature=["KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH", "Nguyễn Ngọc Sâm"],
            rows=rows, merges=[(2, 3, 2), (2, 3, 5)],
        ),
    )  # fmt: skip
    code, output, plan = _import(plan_copy, source)
    assert code == 0, output
    assert plan is not None
    tasks = {task.id: task for task in plan.tasks()}
    assert (tasks["I.2"].deliverable, tasks["I.2"].timeframe) == ("Báo cáo rà soát", "Quý I/2026")
    assert [(i.field.value, i.source) for i in tasks["I.2"].inferred] == [
        ("deliverable", "I.1"),
        ("timeframe", "I.1"),
    ]
    assert tasks["I.3"].deliverable == "Danh mục niêm yết"
    assert tasks["I.3"].inferred == []


def test_two_imports_into_one_folder_never_share_an_id(plan_copy: Path) -> None:
    undated = Official(
        left="", number="", date_line="", kind="KẾ HOẠCH",
        subject=["Kiểm soát thủ tục hành chính năm 2026"], rows=ROWS,
    )  # fmt: skip
    first = _write(plan_copy / "a.docx", undated)
    second = _write(plan_copy / "b.docx", undated)
    code, output, plan = _import(plan_copy, first)
    assert (code, plan is not None) == (0, True), output
    assert plan is not None
    assert plan.plan.id == "ke-hoach-2026"
    code, output, again = _import(plan_copy, second)
    assert code == 1
    assert again is None  # nothing written
    assert output.splitlines() == [
        f"Lỗi: Kế hoạch «ke-hoach-2026» đã có ở «{plan_copy / 'plans' / 'a.yaml'}»: "
        "không nhập, không ghi tệp nào.",
        "Đặt mã khác cho kế hoạch nhập: --id MÃ (ví dụ ke-hoach-2026-2).",
    ]
    code, output, again = _import(plan_copy, second, "--id", "ke-hoach-2026-2")
    assert code == 0, output
    assert again is not None
    listing = TthcRunner().invoke(app, ["validate", "-f", "concise", "plans/"])
    assert "DUPLICATE_PLAN_ID" not in listing.output


def test_a_document_whose_year_cannot_be_read_asks_for_it(plan_copy: Path) -> None:
    source = _write(
        plan_copy / "khong-nam.docx",
        Official(left="", number="", date_line="", kind="KẾ HOẠCH",
                 subject=["Chuyển đổi số giai đoạn 2026 - 2030"], rows=ROWS),
    )  # fmt: skip
    code, output, plan = _import(plan_copy, source)
    assert (code, plan) == (2, None)
    assert output == (
        f"Lỗi: Không đọc được năm của kế hoạch trong «{source}»: ghi năm bằng --year, "
        "ví dụ --year 2026.\n"
    )


def test_a_fresh_plan_asks_for_its_particulars_and_its_report_leaves_them_blank(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """`init` with nothing to copy from: no issuer, no signer; validate lists each, the
    report names each on standard error and leaves the decree's dotted spaces."""
    monkeypatch.chdir(tmp_path)
    runner = TthcRunner()
    assert runner.invoke(app, ["init", "--year", "2026"]).exit_code == 0
    checked = runner.invoke(app, ["validate", "-f", "concise", "plans/"])
    assert checked.exit_code == 0
    assert re.findall(r" (NO_[A-Z_]+) ", checked.stdout) == [
        "NO_ISSUER", "NO_DECISION_NUMBER", "NO_DECISION_DATE", "NO_SIGNER_NAME",
        "NO_SIGNER_TITLE",
    ]  # fmt: skip
    made = runner.invoke(
        app, ["report", "--period", "2026-Q1", "--today", "2026-04-05", "-o", "r.docx"]
    )
    assert made.exit_code == 0, made.output
    fields = ["plan.issuer", "plan.decision.number", "plan.decision.date",
              "plan.decision.signer.name", "plan.decision.signer.title"]  # fmt: skip
    assert made.stderr.splitlines() == [
        *(f"Thiếu {field} trong «plans/2026.yaml»: văn bản để trống chỗ ấy để điền tay; "
          "ghi vào tệp kế hoạch để lần sau có sẵn." for field in fields),
        "Đã ghi r.docx",
    ]  # fmt: skip
    document = docx.Document(str(tmp_path / "r.docx"))
    head, *_tables, closing = document.tables
    assert [p.text for p in head.cell(0, 0).paragraphs if p.text] == ["........"]
    assert [p.text for p in head.cell(1, 1).paragraphs if p.text] == [
        "........, ngày ... tháng ... năm ..."
    ]
    # the number the clerk writes at issue, and a symbol nobody wrote down
    assert head.cell(1, 0).text == "Số: ....../BC-......"
    signature = [p.text for p in closing.cell(0, 1).paragraphs]
    assert [line for line in signature if line] == ["........"]  # the title, to write in
    assert signature[-1] == ""  # the name's line, blank
    body = "\n".join(p.text for p in document.paragraphs)
    assert (
        "(ban hành kèm theo Quyết định số ....../QĐ-UBND ngày ... tháng ... năm ... của ........)"
        in body
    )
    everything = body + "".join(c.text for t in document.tables for r in t.rows for c in r.cells)
    assert "(chưa điền)" not in everything
    assert "Họ và tên" not in everything


def test_a_unit_report_asks_for_the_unit_s_signer(plan_copy: Path) -> None:
    made = TthcRunner().invoke(
        app,
        ["report", "--period", "2024-Q1", "--today", "2024-04-05", "--unit", "Phòng Tư pháp",
         "-o", "r.docx"],
    )  # fmt: skip
    assert made.exit_code == 0, made.output
    assert made.stderr.splitlines()[0] == (
        "Thiếu units (phong-tu-phap): signer.name trong «plans/2024.yaml»: văn bản để trống "
        "chỗ ấy để điền tay; ghi vào tệp kế hoạch để lần sau có sẵn."
    )
    named = TthcRunner().invoke(
        app,
        ["report", "--period", "2024-Q1", "--today", "2024-04-05", "--unit", "Phòng Tư pháp",
         "--signer", "Nguyễn Văn A", "-o", "r2.docx"],
    )  # fmt: skip
    assert named.stderr == "Đã ghi r2.docx\n"


@pytest.mark.parametrize(
    ("name", "kind", "signature"),
    [
        ("Trung tâm Phục vụ hành chính công", UnitKind.ONE_STOP, ("GIÁM ĐỐC",)),
        ("Sở Tư pháp", UnitKind.AGENCY, ("GIÁM ĐỐC",)),
        ("Ban Quản lý dự án đầu tư xây dựng", UnitKind.BOARD, ("GIÁM ĐỐC",)),
        ("Văn phòng Đăng ký đất đai", UnitKind.OFFICE, ("GIÁM ĐỐC",)),
        ("Ban Dân tộc", UnitKind.BOARD, ("TRƯỞNG BAN",)),
        ("Chi cục Thuế khu vực XX", UnitKind.BRANCH, ("CHI CỤC TRƯỞNG",)),
        ("Văn phòng HĐND và UBND huyện", UnitKind.OFFICE, ("CHÁNH VĂN PHÒNG",)),
        ("Thanh tra huyện", UnitKind.INSPECTORATE, ("CHÁNH THANH TRA",)),
        ("Phòng Tư pháp", UnitKind.DEPARTMENT, ("TRƯỞNG PHÒNG",)),
        ("Xã Nhân Cơ", UnitKind.COMMUNE, ("TM. ỦY BAN NHÂN DÂN", "CHỦ TỊCH")),
        ("Công an tỉnh", UnitKind.POLICE, ("THỦ TRƯỞNG ĐƠN VỊ",)),
    ],
)
def test_a_unit_s_document_is_signed_by_the_head_its_name_or_kind_has(
    name: str, kind: UnitKind, signature: tuple[str, ...]
) -> None:
    plan = load_plan_file(PLAN_2024).parts.plan
    assert plan is not None
    unit = Unit(id="don-vi", name=name, kind=kind)
    assert issuer_of(plan, unit).signature == signature
    deputy = issuer_of(plan, unit, signer_title="Phó " + signature[-1].capitalize())
    assert deputy.signature[-2:] == ("KT. " + signature[-1], "PHÓ " + signature[-1])
