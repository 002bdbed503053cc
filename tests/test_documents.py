"""The documents an Office signs: the report's and the letter's official form, read back.

Form (Nghị định 30/2020/NĐ-CP, Phụ lục I) from the .docx with python-docx;
page size and page counts from the PDF LibreOffice makes of it, with page 1
kept as a picture under test-artifacts/ for a person to look at. The year of
records in tests/data/progress-2024/ is what an Office would have (written by
tests/data/make_progress_2024.py); the sparse year (issue 29) keeps only the
records of the Office and of six of the 21 units that share the plan's tasks:
the other fifteen never record anything.
"""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import docx
import pytest
from docx.oxml.ns import qn
from docx.shared import Length, Pt

from tests.conftest import PROGRESS_2024, ROOT, PlanCopy, TthcRunner
from tthc_plan.cli import app
from tthc_plan.output.export.metrics import bold_width_mm, fitted_widths, text_width_mm

ARTIFACTS = ROOT / "test-artifacts"
# The sparse year: the Office keeps its own records; of the 21 units that share the
# plan's tasks (10 departments, 11 communes) six record, two of them slow ones.
SPARSE_2024 = (
    "vp-hdnd-ubnd", "phong-noi-vu", "phong-tu-phap", "phong-tn-mt", "xa-dak-ru", "xa-nhan-co",
    "xa-kien-thanh",
)  # fmt: skip


@pytest.fixture
def year(plan_copy_with: PlanCopy) -> Path:
    """A copy of the shipped plan with a year of records, as the current folder."""
    return plan_copy_with(progress=PROGRESS_2024)


@pytest.fixture
def sparse_year(plan_copy_with: PlanCopy, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The same, where only the Office and six of the 21 units ever record anything."""
    records = tmp_path_factory.mktemp("sparse-records")
    for unit in SPARSE_2024:
        shutil.copy(PROGRESS_2024 / f"{unit}.yaml", records)
    return plan_copy_with(progress=records)


def _run(*args: str) -> str:
    result = TthcRunner().invoke(app, list(args))
    assert result.exit_code == 0, result.output
    return result.stdout


def _mm(*lengths: Length | None) -> tuple[float, ...]:
    """Return lengths in mm to a tenth (Word stores twentieths of a point)."""
    return tuple(round(length.mm, 1) if length is not None else -1.0 for length in lengths)


def _cells(table: object) -> list[list[str]]:
    return [[cell.text for cell in row.cells] for row in table.rows]  # type: ignore[attr-defined]


def _bottom_rule(paragraph: object) -> bool:
    p_pr = paragraph._p.pPr  # type: ignore[attr-defined]
    return p_pr is not None and p_pr.find(qn("w:pBdr")) is not None


def _rule_length_mm(cell: object, paragraph: object) -> float:
    fmt = paragraph.paragraph_format  # type: ignore[attr-defined]
    return float(cell.width.mm - 2 * 1.9 - fmt.left_indent.mm - fmt.right_indent.mm)  # type: ignore[attr-defined]


def test_the_report_is_in_the_official_form(year: Path) -> None:
    _run("report", "--period", "2024-Q1", "--today", "2024-04-05")
    document = docx.Document(str(year / "bao-cao-2024-Q1.docx"))
    section = document.sections[0]
    assert _mm(section.page_width, section.page_height) == (210, 297)
    margins = (section.top_margin, section.bottom_margin, section.left_margin, section.right_margin)
    assert _mm(*margins) == (20, 20, 30, 15)
    normal = document.styles["Normal"]
    assert normal.font.name == "Times New Roman"
    assert normal.font.size == Pt(13)
    # Page numbers from page 2: none on the first page, a PAGE field centred on the others.
    assert section.different_first_page_header_footer
    assert not section.first_page_header.paragraphs[0].text
    header = section.header.paragraphs[0]
    assert header._p.find(qn("w:fldSimple")).get(qn("w:instr")) == "PAGE"
    assert header.alignment == 1  # centred

    head = document.tables[0]
    assert head.style is not None
    assert head.style.name == "Normal Table"  # no borders
    issuer, nation = head.cell(0, 0), head.cell(0, 1)
    assert [p.text for p in issuer.paragraphs] == ["ỦY BAN NHÂN DÂN", "HUYỆN ĐẮK R'LẤP", ""]
    assert all(run.bold for p in issuer.paragraphs[:2] for run in p.runs)
    rule = issuer.paragraphs[2]
    assert _bottom_rule(rule)
    name_width = bold_width_mm("HUYỆN ĐẮK R'LẤP", 13)
    assert name_width / 3 <= _rule_length_mm(issuer, rule) <= name_width / 2
    assert [p.text for p in nation.paragraphs] == [
        "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc", "",
    ]  # fmt: skip
    quoc_hieu, tieu_ngu, motto_rule = nation.paragraphs
    assert quoc_hieu.runs[0].bold
    assert quoc_hieu.runs[0].font.size == Pt(12)
    assert tieu_ngu.runs[0].bold
    assert tieu_ngu.runs[0].font.size == Pt(13)
    assert not _bottom_rule(quoc_hieu)
    assert _bottom_rule(motto_rule)
    motto = bold_width_mm("Độc lập - Tự do - Hạnh phúc", 13)
    assert _rule_length_mm(nation, motto_rule) == pytest.approx(motto, abs=0.5)
    # Quốc hiệu on one line: its cell is wider than the printed words.
    assert nation.width is not None
    assert nation.width.mm - 2 * 1.9 > bold_width_mm("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", 12)
    number, place = head.cell(1, 0), head.cell(1, 1)
    assert number.text == "Số: ....../BC-UBND"
    assert place.text == "Đắk R'lấp, ngày 05 tháng 4 năm 2024"
    assert place.paragraphs[0].runs[0].italic

    tasks = document.tables[1]
    widths = [round(cell.width.mm) for cell in tasks.rows[0].cells if cell.width is not None]
    assert sum(widths) == 165  # the text width: 210 - 30 - 15
    stt, task, lead, due, result, evidence = widths
    # Fitted to what the columns hold: a date and "STT" on one line, the titles widest.
    assert stt >= 10
    assert due >= bold_width_mm("09/01/2024", 12) + 2
    assert task == max(widths)
    assert min(lead, result, evidence) >= 20
    assert len(tasks._tbl.tblPr.findall(qn("w:tblLayout"))) == 1  # twice makes Word repair it
    flags = [row._tr.trPr for row in tasks.rows]
    assert None not in flags
    assert flags[0].find(qn("w:tblHeader")) is not None  # repeats
    assert all(f.find(qn("w:cantSplit")) is not None for f in flags)
    # The fixture's Q1: II.1 done by all but Phòng Tư pháp, Phòng Văn hóa and Xã Đắk Ru late.
    # A shared task's late units are named in a row of the table's width under it (its
    # number spans both rows; python-docx repeats a merged cell's text in each cell).
    rows = _cells(tasks)
    assert [row[0] for row in rows] == ["STT", "1", "1", "2", "3", "4", "4", "5"]
    ii1, ii1_names, _tcth1, _ii2, xi1, xi1_names, _xi2 = rows[1:]
    assert ii1[4] == "Đã xong 20/21, trong đó trễ hạn 1.\nQuá hạn, chưa xong: 1."
    named = (
        "Đơn vị xong trễ hạn: Phòng Tài nguyên và Môi trường. "
        "Đơn vị quá hạn, chưa xong: Phòng Tư pháp."
    )
    assert ii1_names[1:] == [named] * 5
    assert xi1[4] == "Đã xong 20/21, trong đó trễ hạn 1.\nQuá hạn, chưa xong: 1."
    assert xi1_names[1] == (
        "Đơn vị xong trễ hạn: Phòng Văn hóa và Thông tin. Đơn vị quá hạn, chưa xong: Xã Đắk Ru."
    )
    names = tasks.rows[2]._tr
    assert names.tc_lst[0].vMerge == "continue"  # under the number of its task
    assert names.tc_lst[1].grid_span == 5
    keep = [p.paragraph_format.keep_with_next for c in tasks.rows[1].cells for p in c.paragraphs]
    assert all(keep)  # the task stays on the page of its names

    units = document.tables[2]
    assert _cells(units)[0] == ["Đơn vị", "Được giao", "Đúng hạn", "Trễ hạn", "Quá hạn, chưa xong"]
    assert all(run.bold for cell in units.rows[-1].cells for run in cell.paragraphs[0].runs)
    assert not any(run.bold for cell in units.rows[-2].cells for run in cell.paragraphs[0].runs)

    closing = document.tables[3]
    received, signature = closing.cell(0, 0), closing.cell(0, 1)
    assert [p.text for p in received.paragraphs] == ["Nơi nhận:", "- ........;", "- Lưu: VT."]
    heading = received.paragraphs[0].runs[0]
    assert heading.bold
    assert heading.italic
    assert heading.font.size == Pt(12)
    assert received.paragraphs[1].runs[0].font.size == Pt(11)
    lines = [p.text for p in signature.paragraphs]
    assert lines[:3] == ["TM. ỦY BAN NHÂN DÂN", "KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH"]
    assert lines[3:-1] == ["", "", "", ""]  # room for the signature and the seal
    assert lines[-1] == "Trần Công Dũng"


@pytest.mark.parametrize(
    ("unit", "options", "body", "parent", "number", "place", "signature", "signer"),
    [
        ("Phòng Tư pháp", [], ["PHÒNG TƯ PHÁP"], "UBND HUYỆN ĐẮK R'LẤP", "Số: ....../BC-......",
         "Đắk R'lấp, ngày 05 tháng 4 năm 2024", ["TRƯỞNG PHÒNG"], ""),
        ("phong tu phap", ["--signer", "Nguyễn Thị Lan", "--signer-title", "Phó Trưởng phòng"],
         ["PHÒNG TƯ PHÁP"], "UBND HUYỆN ĐẮK R'LẤP", "Số: ....../BC-......",
         "Đắk R'lấp, ngày 05 tháng 4 năm 2024", ["KT. TRƯỞNG PHÒNG", "PHÓ TRƯỞNG PHÒNG"],
         "Nguyễn Thị Lan"),
        ("Xã Nhân Cơ", [], ["ỦY BAN NHÂN DÂN", "XÃ NHÂN CƠ"], None, "Số: ....../BC-UBND",
         "Nhân Cơ, ngày 05 tháng 4 năm 2024", ["TM. ỦY BAN NHÂN DÂN", "CHỦ TỊCH"],
         ""),
        ("Xã Nhân Cơ", ["--signer-title", "Phó Chủ tịch", "--signer", "Lê Văn Bình"],
         ["ỦY BAN NHÂN DÂN", "XÃ NHÂN CƠ"], None, "Số: ....../BC-UBND",
         "Nhân Cơ, ngày 05 tháng 4 năm 2024",
         ["TM. ỦY BAN NHÂN DÂN", "KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH"], "Lê Văn Bình"),
        ("Thị trấn Kiến Đức", [], ["ỦY BAN NHÂN DÂN", "THỊ TRẤN KIẾN ĐỨC"], None,
         "Số: ....../BC-UBND", "Kiến Đức, ngày 05 tháng 4 năm 2024",
         ["TM. ỦY BAN NHÂN DÂN", "CHỦ TỊCH"], ""),
    ],
)  # fmt: skip
def test_a_unit_s_report_is_issued_and_signed_by_that_unit(  # noqa: PLR0917 - one per column
    year: Path,
    unit: str,
    options: list[str],
    body: list[str],
    parent: str | None,
    number: str,
    place: str,
    signature: list[str],
    signer: str,
) -> None:
    _run("report", "--period", "2024-Q1", "--today", "2024-04-05", "--unit", unit, *options,
         "-o", "r.docx")  # fmt: skip
    document = docx.Document(str(year / "r.docx"))
    head, tasks, units, closing = document.tables
    left = [p.text for p in head.cell(0, 0).paragraphs if p.text]
    assert left == ([parent] if parent else []) + body
    if parent:  # the parent in plain capitals, the issuing body in bold
        assert not head.cell(0, 0).paragraphs[0].runs[0].bold
    assert _cells(head)[1] == [number, place]
    lines = [p.text for p in closing.cell(0, 1).paragraphs if p.text]
    assert lines == ([*signature, signer] if signer else signature)
    # the name's own line, left blank for the signer when the plan does not name one
    assert closing.cell(0, 1).paragraphs[-1].text == signer
    assert [p.text for p in closing.cell(0, 0).paragraphs] == [
        "Nơi nhận:", "- UBND huyện Đắk R'lấp (b/c);", "- Văn phòng HĐND và UBND huyện;",
        "- Lưu: VT.",
    ]  # fmt: skip
    # Only the unit's own tasks, one row each; in the table by unit, its line and no total.
    assert all("(21 đơn vị)" not in row[2] for row in _cells(tasks))
    assert len(units.rows) == 2


def test_a_group_issues_no_report(year: Path) -> None:
    result = TthcRunner().invoke(
        app, ["report", "--period", "2024-Q1", "--today", "2024-04-05", "--unit", "UBND cấp xã"]
    )
    assert result.exit_code == 2
    assert result.stderr == (
        "Lỗi: «UBND các xã, thị trấn» là một nhóm đơn vị, không ban hành văn bản: chọn một đơn "
        "vị trong nhóm, hoặc bỏ --unit để lập văn bản của UBND huyện Đắk R'lấp.\n"
    )
    assert not list(year.glob("*.docx"))


def test_the_plan_s_metadata_heads_and_signs_the_documents(year: Path) -> None:
    plan = year / "plans" / "2024.yaml"
    text = plan.read_text(encoding="utf-8")
    text = text.replace(
        "  source: source/ke-hoach-kiem-soat-tthc-2024-dak-rlap.txt\n",
        "  source: source/ke-hoach-kiem-soat-tthc-2024-dak-rlap.txt\n"
        "  documents:\n"
        "    parent: UBND tỉnh Đắk Nông\n"
        "    report_symbol: BC-VP\n"
        "    signer: {name: Nguyễn Văn Minh, title: Chủ tịch, on_behalf: TM. Ủy ban nhân dân}\n"
        "    report_to: [UBND tỉnh (b/c), Văn phòng UBND tỉnh]\n",
    )
    plan.write_text(text, encoding="utf-8")
    markdown = _run("report", "--period", "2024-Q1", "--today", "2024-04-05", "-f", "md")
    lines = markdown.splitlines()
    assert lines[0].startswith("UBND TỈNH ĐẮK NÔNG / **ỦY BAN NHÂN DÂN HUYỆN ĐẮK R'LẤP** — ")
    assert lines[2] == "Số: ....../BC-VP — *Đắk R'lấp, ngày 05 tháng 4 năm 2024*"
    received = lines.index("**Nơi nhận:**")
    assert lines[received + 2 : received + 5] == [
        "- UBND tỉnh (b/c);", "- Văn phòng UBND tỉnh;", "- Lưu: VT.",
    ]  # fmt: skip
    assert lines[-4:] == ["**TM. ỦY BAN NHÂN DÂN**  ", "**CHỦ TỊCH**  ", "",
                          "**Nguyễn Văn Minh**"]  # fmt: skip


def test_markdown_keeps_text_that_looks_like_markdown_as_text(year: Path) -> None:
    progress = year / "plans" / "progress" / "dak-rlap-kstthc-2024" / "vp-hdnd-ubnd.yaml"
    with progress.open("a", encoding="utf-8") as out:
        out.write(
            "- task: XI.2\n  event: done\n  date: 2024-03-25\n  period: 2024-Q1\n"
            "  correction: true\n  ref: '# Tiêu đề giả | <script>alert(1)</script>'\n"
        )
    markdown = _run("report", "--period", "2024-Q1", "--today", "2024-04-05", "-f", "md")
    assert not [line for line in markdown.splitlines() if line.startswith("# Tiêu đề")]
    assert "<script>" not in markdown
    row = next(line for line in markdown.splitlines() if line.startswith("| 5 | XI.2"))
    assert row.endswith("| # Tiêu đề giả \\| &lt;script&gt;alert(1)&lt;/script&gt; |")


def test_the_reminder_letter_chases_the_late_units(year: Path) -> None:
    _run("remind", "--today", "2024-06-10", "--by", "20/06/2024")
    document = docx.Document(str(year / "cong-van-don-doc-2024-06-10.docx"))
    section = document.sections[0]
    assert _mm(section.page_width, section.page_height) == (210, 297)
    head = _cells(document.tables[0])
    assert head[1] == [
        "Số: ....../UBND-VP\nV/v đôn đốc thực hiện Kế hoạch kiểm soát TTHC năm 2024",
        "Đắk R'lấp, ngày 10 tháng 6 năm 2024",
    ]
    paragraphs = [p.text for p in document.paragraphs if p.text]
    # The Office that drafts the letter is late too (II.2), but it does not write to itself.
    assert paragraphs[:3] == ["Kính gửi:", "- Phòng Tư pháp;", "- UBND xã Đắk Ru."]
    assert paragraphs[3].endswith(
        "qua theo dõi, đến ngày 10/06/2024, 2 đơn vị còn 2 lượt nhiệm vụ đã quá hạn nhưng chưa "
        "hoàn thành."
    )
    assert paragraphs[4].endswith(
        "gửi kết quả (văn bản) về Văn phòng HĐND và UBND huyện chậm nhất ngày 20/06/2024, cụ thể:"
    )
    part = paragraphs.index("2. UBND xã Đắk Ru")
    assert paragraphs[part + 1 : part + 5] == [
        "a) Nhiệm vụ đã quá hạn, chưa hoàn thành:",
        "- XI.1 (quý I/2024). Báo cáo thường kỳ, đột xuất về tình hình và kết quả thực hiện "
        "hoạt động kiểm soát TTHC: hạn 16/03/2024, quá hạn 86 ngày.",
        "b) Nhiệm vụ đến hạn trong 14 ngày tới:",
        "- XI.1 (quý II/2024). Báo cáo thường kỳ, đột xuất về tình hình và kết quả thực hiện "
        "hoạt động kiểm soát TTHC: hạn 16/06/2024, còn 6 ngày.",
    ]
    # Its own late work comes apart, after the units', under its own heading.
    own = paragraphs.index("Việc của Văn phòng HĐND và UBND huyện")
    assert own == part + 5
    assert paragraphs[own + 1 : own + 5] == [
        "a) Nhiệm vụ đã quá hạn, chưa hoàn thành:",
        "- II.2. Tổng hợp Kế hoạch rà soát, đánh giá TTHC năm 2024 của các đơn vị, lựa chọn "
        "lĩnh vực được rà soát, đánh giá năm 2024, xây dựng kế hoạch rà soát, đánh giá TTHC năm "
        "2024 của UBND huyện: hạn 14/01/2024, quá hạn 148 ngày.",
        "b) Nhiệm vụ đến hạn trong 14 ngày tới:",
        "- XI.2 (quý II/2024). Tổng hợp báo cáo thường kỳ, đột xuất về tình hình và kết quả "
        "thực hiện hoạt động kiểm soát TTHC báo cáo UBND tỉnh: hạn 19/06/2024, còn 9 ngày.",
    ]
    assert paragraphs[own + 5].startswith("Đề nghị Thủ trưởng các đơn vị quan tâm")
    heading = next(p for p in document.paragraphs if p.text == paragraphs[own])
    assert heading.runs[0].bold
    assert heading.paragraph_format.keep_with_next
    closing = document.tables[1]
    assert [p.text for p in closing.cell(0, 0).paragraphs] == [
        "Nơi nhận:", "- Như trên;", "- Lưu: VT.",
    ]  # fmt: skip
    signature = [p.text for p in closing.cell(0, 1).paragraphs if p.text]
    assert signature == ["TM. ỦY BAN NHÂN DÂN", "KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH", "Trần Công Dũng"]


def test_the_letter_to_one_unit_and_its_options(year: Path) -> None:
    markdown = _run("remind", "--today", "2024-06-10", "--unit", "Xã Đắk Ru", "--within", "3",
                    "-f", "md")  # fmt: skip
    lines = markdown.splitlines()
    assert "Kính gửi: UBND xã Đắk Ru.  " in lines
    # One unit is written to as one: no "các đơn vị", no numbered part.
    assert "đề nghị đơn vị khẩn trương" in markdown
    assert "các đơn vị" not in markdown
    assert not [line for line in lines if line.startswith("**1. ")]
    assert "chậm nhất ngày ...../...../........:" in markdown  # no --by: a place to fill in
    assert "b) Nhiệm vụ đến hạn" not in markdown  # XI.1 Q2 is 6 days away, beyond --within 3


def test_the_office_that_drafts_the_letter_is_not_written_to(year: Path) -> None:
    lines = _run("remind", "--today", "2024-06-10", "-f", "md").splitlines()
    to = lines.index("Kính gửi:  ")
    assert lines[to : to + 4] == [
        "Kính gửi:  ",
        "\\- Phòng Tư pháp;  ",
        "\\- UBND xã Đắk Ru.  ",
        "",
    ]
    assert "**Việc của Văn phòng HĐND và UBND huyện**" in lines
    assert "**3. Văn phòng HĐND và UBND huyện**" not in lines
    result = TthcRunner().invoke(app, ["remind", "--today", "2024-06-10", "--unit", "Văn phòng"])
    assert result.exit_code == 0
    assert result.stderr == (
        "Ngày 10/06/2024 chỉ Văn phòng HĐND và UBND huyện, đơn vị soạn công văn, còn việc quá "
        "hạn: không soạn công văn gửi chính mình (xem «tthc overdue»).\n"
    )
    assert not list(year.glob("*.docx"))


def test_no_late_unit_no_letter(year: Path) -> None:
    result = TthcRunner().invoke(app, ["remind", "--today", "2024-01-05"])
    assert result.exit_code == 0
    assert result.stderr == "Không có đơn vị nào quá hạn ngày 05/01/2024: không soạn công văn.\n"
    assert not list(year.glob("*.docx"))


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--by", "01/06/2024"],
         "Lỗi: --by 01/06/2024 đã qua (hôm nay 10/06/2024): chọn một ngày từ hôm nay trở đi.\n"),
        (["--by", "31/06/2024"], "Lỗi: Ngày «31/06/2024» (--by) không có thật trên lịch.\n"),
        (["--signer", "Trần\u202eDũng"],
         "Lỗi: --signer có ký tự điều khiển U+202E: chỉ ghi chữ, số và dấu câu (ký tự này làm "
         "hỏng tệp tiến độ, Word, Excel hoặc màn hình).\n"),
        (["--signer", "A\x1b]0;x\x07"],
         "Lỗi: --signer có ký tự điều khiển U+001B: chỉ ghi chữ, số và dấu câu (ký tự này làm "
         "hỏng tệp tiến độ, Word, Excel hoặc màn hình).\n"),
    ],
)  # fmt: skip
def test_bad_letter_options_are_usage_errors(year: Path, args: list[str], message: str) -> None:
    result = TthcRunner().invoke(app, ["remind", "--today", "2024-06-10", *args])
    assert result.exit_code == 2
    assert result.stderr == message
    assert not list(year.glob("*.docx"))


LIBREOFFICE = shutil.which("libreoffice") or shutil.which("soffice")
PDFINFO = shutil.which("pdfinfo")
PDFTOPPM = shutil.which("pdftoppm")


def _printed(folder: Path, *names: str) -> dict[str, int]:
    """Print each NAME.docx of `folder` to PDF; check it is A4 and its page 1 kept; count pages.

    One LibreOffice converts them all: each start of it costs more than a document.
    """
    assert LIBREOFFICE is not None
    assert PDFINFO is not None
    assert PDFTOPPM is not None
    profile = folder / "lo-profile"
    result = subprocess.run(
        [LIBREOFFICE, f"-env:UserInstallation=file://{profile}", "--headless",
         "--convert-to", "pdf", "--outdir", str(folder),
         *(str(folder / f"{name}.docx") for name in names)],
        capture_output=True, text=True, timeout=240, check=False,
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    ARTIFACTS.mkdir(exist_ok=True)
    pages = {}
    for name in names:
        pdf = folder / f"{name}.pdf"
        assert pdf.exists(), result.stderr
        info = dict(
            re.findall(
                r"^([\w ]+):\s+(.*)$",
                subprocess.run(
                    [PDFINFO, str(pdf)], capture_output=True, text=True, check=True
                ).stdout,
                flags=re.MULTILINE,
            )
        )
        assert info["Page size"].endswith("(A4)"), info["Page size"]
        pages[name] = int(info["Pages"])
        subprocess.run([PDFTOPPM, "-r", "60", "-png", "-f", "1", "-l", "1", "-singlefile",
                        str(pdf), str(ARTIFACTS / name)], check=True)  # fmt: skip
        assert (ARTIFACTS / f"{name}.png").stat().st_size > 10_000
    return pages


needs_libreoffice = pytest.mark.skipif(
    None in (LIBREOFFICE, PDFINFO, PDFTOPPM),
    reason="LibreOffice and poppler-utils are not installed (.ci/run installs them)",
)


@needs_libreoffice
@pytest.mark.slow
def test_the_documents_print_on_a4_within_their_page_budget(year: Path) -> None:
    _run("report", "--period", "2024-Q1", "--today", "2024-04-05", "-o", "report-2024-Q1.docx")
    _run("report", "--period", "2024", "--today", "2024-12-31", "-o", "report-2024.docx")
    _run("remind", "--today", "2024-06-10", "--by", "20/06/2024", "-o", "letter-2024-06-10.docx")
    pages = _printed(year, "report-2024-Q1", "report-2024", "letter-2024-06-10")
    assert pages["report-2024-Q1"] <= 4
    assert pages["report-2024"] <= 8
    assert pages["letter-2024-06-10"] <= 2


@needs_libreoffice
@pytest.mark.slow
def test_a_year_when_few_units_record_prints_within_the_same_budget(sparse_year: Path) -> None:
    """Issue 29: with 15 of 21 units never recording, the Q1 report took 5 pages, the year's 10."""
    _run("report", "--period", "2024-Q1", "--today", "2024-04-05",
         "-o", "report-2024-Q1-sparse.docx")  # fmt: skip
    _run("report", "--period", "2024", "--today", "2024-12-31", "-o", "report-2024-sparse.docx")
    pages = _printed(sparse_year, "report-2024-Q1-sparse", "report-2024-sparse")
    assert pages["report-2024-Q1-sparse"] <= 4
    assert pages["report-2024-sparse"] <= 8


def _body_text(path: Path) -> str:
    """Return a document's text, a paragraph a line, a merged cell once."""
    body = docx.Document(str(path)).element.body
    return "\n".join("".join(t.text or "" for t in p.iter(qn("w:t"))) for p in body.iter(qn("w:p")))


def test_a_late_unit_is_named_once_for_each_late_item(sparse_year: Path) -> None:
    _run("report", "--period", "2024", "--today", "2024-12-31", "-o", "y.docx")
    text = _body_text(sparse_year / "y.docx")
    # Phòng Y tế never records: late in II.1, II.3, II.4 and XI.1 of Q1, Q2, Q3, Q4 and the
    # year, each named once under its task; then its line of the table by unit.
    assert text.count("Phòng Y tế") == 8 + 1
    # Xã Đắk Ru: XI.1 Q1 and Q2 and II.3 not done, XI.1 of the year done on 17/12 (due 16/12).
    assert text.count("Xã Đắk Ru") == 4 + 1
    assert text.count("Xã Nhân Cơ") == 1 + 1  # XI.1 Q2 only
    # A late item is not listed again by unit: each task and period is named once.
    assert text.count("XI.1 (quý II/2024)") == 1
    assert "quá hạn 198 ngày" not in text  # the old part 3 gave each unit's days late again


def test_part_3_counts_each_unit_s_items(sparse_year: Path) -> None:
    """The table by unit against counts made by hand from the records (tests/data/progress-2024).

    Due in 2024: a commune leads TCTH.1, II.1, II.3, II.4 and XI.1 of Q1-Q4 and the year (9);
    a department the same but TCTH.1 (8); the Office II.2, II.5, IV.1, IV.2, IX.3 and XI.2 of
    Q1-Q4 and the year (10). In Q1: a commune 3 (TCTH.1, II.1, XI.1), a department 2, the
    Office 2 (II.2, XI.2).
    """
    header = ["Đơn vị", "Được giao", "Đúng hạn", "Trễ hạn", "Quá hạn, chưa xong"]
    _run("report", "--period", "2024", "--today", "2024-12-31", "-o", "y.docx")
    document = docx.Document(str(sparse_year / "y.docx"))
    paragraphs = [p.text for p in document.paragraphs if p.text]
    assert paragraphs[paragraphs.index("3. Kết quả theo đơn vị") + 1] == (
        "Số được giao gồm cả 1 lượt việc chưa đến hạn."  # TCTH.3, due on the report's day
    )
    rows = _cells(document.tables[2])
    assert rows[0] == header
    # The 21 and the Office, then the total (what Thanh tra and the one-stop desk lead is
    # ongoing or due in 2025).
    assert len(rows) == 1 + 22 + 1
    # Xã Nhân Cơ did all but XI.1 Q2, each by its day.
    assert ["Xã Nhân Cơ", "9", "8", "0", "1"] in rows
    # Xã Đắk Ru: II.1, TCTH.1, II.4, XI.1 Q3 and Q4 on time, XI.1 of the year a day late;
    # XI.1 Q1 and Q2 and II.3 never.
    assert ["Xã Đắk Ru", "9", "5", "1", "3"] in rows
    # Phòng Tư pháp: XI.1 Q1, Q3, Q4 and II.4 on time; II.1, XI.1 Q2 and the year, II.3 never.
    assert ["Phòng Tư pháp", "8", "4", "0", "4"] in rows
    assert ["Phòng Y tế", "8", "0", "0", "8"] in rows  # no record at all
    # The Office: XI.2 Q3 done on 03/10 (due 19/09); II.2 never; the other eight by their day.
    assert ["Văn phòng HĐND và UBND huyện", "10", "8", "1", "1"] in rows

    _run("report", "--period", "2024-Q1", "--today", "2024-04-05", "-o", "q1.docx")
    rows = _cells(docx.Document(str(sparse_year / "q1.docx")).tables[2])
    assert rows[0] == header
    assert ["Xã Nhân Cơ", "3", "3", "0", "0"] in rows
    assert ["Xã Đắk Ru", "3", "2", "0", "1"] in rows  # XI.1 Q1 not done
    assert ["Phòng Y tế", "2", "0", "0", "2"] in rows
    assert ["Văn phòng HĐND và UBND huyện", "2", "1", "0", "1"] in rows  # II.2 not done


def test_markdown_keeps_inline_markup_as_text(year: Path) -> None:
    from markdown_it import MarkdownIt  # noqa: PLC0415 - rich's own Markdown parser

    progress = year / "plans" / "progress" / "dak-rlap-kstthc-2024" / "vp-hdnd-ubnd.yaml"
    with progress.open("a", encoding="utf-8") as out:
        out.write(
            "- task: XI.2\n  event: done\n  date: 2024-03-25\n  period: 2024-Q1\n"
            "  correction: true\n  ref: '**Số 9** [bấm](https://evil.example/x) _nghiêng_ "
            "![ảnh](http://e.example/x.png) ~~gạch~~ `mã`'\n"
        )
    markdown = _run("report", "--period", "2024-Q1", "--today", "2024-04-05", "-f", "md")
    html = MarkdownIt("commonmark").enable("table").enable("strikethrough").render(markdown)
    table = html.split("<table>")[1].split("</table>")[0]
    for tag in ("<a ", "<img", "<em>", "<s>", "<code>", "<strong>"):
        assert tag not in table
    assert "<a " not in html
    assert "**Số 9** [bấm](https://evil.example/x) _nghiêng_" in table  # shown as written


def _plan_text(year: Path, old: str, new: str) -> None:
    plan = year / "plans" / "2024.yaml"
    text = plan.read_text(encoding="utf-8")
    assert old in text
    plan.write_text(text.replace(old, new, 1), encoding="utf-8")


def test_a_department_issuer_gets_its_place_its_parent_and_a_kt_line(year: Path) -> None:
    _plan_text(year, "  issuer: UBND huyện Đắk R'lấp\n", "  issuer: Sở Tư pháp tỉnh Lâm Đồng\n")
    _plan_text(year, "    place: Đắk R'lấp\n", "")
    signed = "      title: Phó Chủ tịch\n      on_behalf: TM. Ủy ban nhân dân, KT. Chủ tịch\n"
    _plan_text(year, signed, "      title: Phó Giám đốc\n")
    lines = _run("remind", "--today", "2024-06-10", "-f", "md").splitlines()
    assert lines[0].startswith("**SỞ TƯ PHÁP TỈNH LÂM ĐỒNG** — ")
    assert lines[2] == "Số: ....../...... — *Lâm Đồng, ngày 10 tháng 6 năm 2024*"
    assert lines[-4:] == ["**KT. GIÁM ĐỐC**  ", "**PHÓ GIÁM ĐỐC**  ", "", "**Trần Công Dũng**"]
    _plan_text(
        year, "  source: source/", "  documents: {parent: UBND tỉnh Lâm Đồng}\n  source: source/"
    )
    _run("report", "--period", "2024-Q1", "--today", "2024-04-05", "-o", "so.docx")
    head = docx.Document(str(year / "so.docx")).tables[0]
    assert [p.text for p in head.cell(0, 0).paragraphs if p.text] == [
        "UBND TỈNH LÂM ĐỒNG", "SỞ TƯ PHÁP",
    ]  # fmt: skip
    assert head.cell(1, 0).text == "Số: ....../BC-......"  # the clerk writes the symbol


def test_a_new_signer_title_does_not_keep_another_s_name(year: Path) -> None:
    lines = _run("report", "--period", "2024-Q1", "--today", "2024-04-05", "-f", "md",
                 "--signer-title", "Chủ tịch").splitlines()  # fmt: skip
    assert lines[-4:] == [
        "**TM. ỦY BAN NHÂN DÂN**  ", "**CHỦ TỊCH**  ", "", "",
    ]  # fmt: skip
    lines = _run("report", "--period", "2024-Q1", "--today", "2024-04-05", "-f", "md",
                 "--signer-title", "  phó chủ tịch ").splitlines()  # fmt: skip
    assert lines[-1] == "**Trần Công Dũng**"  # the plan's signer holds that title
    lines = _run("report", "--period", "2024-Q1", "--today", "2024-04-05", "-f", "md",
                 "--unit", "Phòng Tư pháp", "--signer-title", "Phó Trưởng phòng phụ trách",
                 ).splitlines()  # fmt: skip
    assert "**KT. TRƯỞNG PHÒNG**  " not in lines  # one "phụ trách" signs in his own name
    assert "**PHÓ TRƯỞNG PHÒNG PHỤ TRÁCH**  " in lines


def test_the_one_stop_desk_reports_under_the_office(year: Path) -> None:
    lines = _run("report", "--period", "2024", "--today", "2024-12-31", "-f", "md",
                 "--unit", "Bộ phận một cửa").splitlines()  # fmt: skip
    assert lines[0].startswith(
        "VĂN PHÒNG HĐND VÀ UBND HUYỆN / **BỘ PHẬN TIẾP NHẬN VÀ TRẢ KẾT QUẢ** — "
    )


def test_a_long_name_is_balanced_on_two_lines_with_a_short_rule(year: Path) -> None:
    _run("report", "--period", "2024-Q1", "--today", "2024-04-05", "-o", "ld.docx",
         "--unit", "Phòng Lao động - Thương binh và Xã hội")  # fmt: skip
    issuer = docx.Document(str(year / "ld.docx")).tables[0].cell(0, 0)
    lines = [p.text for p in issuer.paragraphs]
    assert lines == ["UBND HUYỆN ĐẮK R'LẤP", "PHÒNG LAO ĐỘNG -", "THƯƠNG BINH VÀ XÃ HỘI", ""]
    longest = bold_width_mm("THƯƠNG BINH VÀ XÃ HỘI", 13)
    assert longest / 3 <= _rule_length_mm(issuer, issuer.paragraphs[-1]) <= longest / 2


LATE_UNITS = (
    "Phòng Giáo dục và Đào tạo, Phòng Kinh tế và Hạ tầng, Phòng Lao động - Thương binh và Xã "
    "hội, Phòng Nông nghiệp và Phát triển nông thôn, Phòng Tài chính - Kế hoạch, Phòng Văn hóa "
    "và Thông tin, Phòng Y tế, Thị trấn Kiến Đức, Xã Đạo Nghĩa, Xã Đắk Sin, Xã Đắk Wer, Xã Hưng "
    "Bình, Xã Nghĩa Thắng, Xã Nhân Đạo, Xã Quảng Tín"
)


def test_a_list_of_names_gets_the_width_it_needs() -> None:
    """Issue 29: fifteen names took a column of thirty lines beside a title that took six."""
    assert round(text_width_mm(LATE_UNITS, 12)) == 578  # Liberation Serif, Times' metrics
    assert round(text_width_mm("Xã Nhân Cơ", 12)) == 21
    assert round(text_width_mm("Xã Nhân Cơ", 12, bold=True)) == 23
    row = ["1", "II.1. Xây dựng kế hoạch rà soát, đánh giá TTHC năm 2024", "09/01/2024", LATE_UNITS]
    widths = fitted_widths(("STT", "Nhiệm vụ", "Hạn", "Kết quả"), [row], 165, size_pt=12,
                           padding_mm=3)  # fmt: skip
    # "STT" and the date on one line; the title and the names on six lines each (578 mm of
    # names in 105 mm): the shortest row there is, as five lines of title need 28 mm and
    # leave the names seven.
    assert widths == [12, 22, 23, 108]


def test_a_lead_cell_keeps_its_names_whole(year: Path) -> None:
    _run("report", "--period", "2024", "--today", "2024-12-31", "-o", "y.docx")
    rows = _cells(docx.Document(str(year / "y.docx")).tables[1])
    ix3 = next(row for row in rows if row[1].startswith("IX.3. "))
    assert ix3[2] == "Phòng Nội vụ, Văn phòng HĐND - UBND huyện (2 đơn vị)"


def test_a_period_with_nothing_due_and_one_not_over_say_so(year: Path) -> None:
    lines = _run("report", "--period", "2024-05", "--today", "2024-06-10", "-f", "md").splitlines()
    assert "Từ ngày 01/05/2024 đến ngày 31/05/2024 không có nhiệm vụ nào đến hạn." in lines
    assert "Trong kỳ không có nhiệm vụ nào đến hạn." in lines
    assert not [line for line in lines if line.startswith("| STT")]
    lines = _run("report", "--period", "2024-Q4", "--today", "2024-06-10", "-f", "md").splitlines()
    summary = next(line for line in lines if line.startswith("Từ ngày 01/10/2024"))
    assert summary.endswith(
        "0 lượt hoàn thành đúng hạn, 0 lượt hoàn thành trễ hạn, 0 lượt quá hạn chưa hoàn "
        "thành, 49 lượt chưa đến hạn."
    )  # no rate while nothing has come due (it was 0% before)
    assert "Kỳ báo cáo chưa kết thúc: số liệu tính đến ngày 10/06/2024." in lines
    lines = _run("report", "--period", "2024-Q2", "--today", "2024-06-10", "-f", "md").splitlines()
    summary = next(line for line in lines if line.startswith("Từ ngày 01/04/2024"))
    assert summary.endswith(  # the rate counts only what has come due
        "39 lượt chưa đến hạn. Tỷ lệ hoàn thành đúng hạn (trên 4 lượt đã đến hạn): 100%."
    )


def test_the_documents_are_in_vietnamese_for_word(year: Path) -> None:
    _run("report", "--period", "2024-Q1", "--today", "2024-04-05")
    document = docx.Document(str(year / "bao-cao-2024-Q1.docx"))
    found = document.styles.element.xpath("./w:docDefaults/w:rPrDefault/w:rPr/w:lang/@w:val")
    assert found == ["vi-VN"]
