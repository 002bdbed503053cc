"""tthc intake: the documents units send (.docx, PDF) become records, or say why not.

Documents are built with python-docx in the layouts units use, and turned into
PDF by LibreOffice where a PDF is the point. Each test checks the exact status,
unit, task, period, date and reference.
"""

from __future__ import annotations

import json
import shutil
import subprocess
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import docx
import pytest

from tests.conftest import TthcRunner
from tthc_plan.cli import app

SOFFICE = shutil.which("soffice")
needs_office = pytest.mark.skipif(SOFFICE is None, reason="LibreOffice is not installed")
TODAY = "2024-07-20"


def _intake(*args: str) -> tuple[int, str, list[dict[str, Any]]]:
    """Run `tthc intake ... --format json`; return the exit code, stderr and the objects."""
    result = TthcRunner().invoke(app, ["intake", *args, "--format", "json", "--today", TODAY])
    objects = json.loads(result.stdout) if result.stdout.strip() else []
    return result.exit_code, result.stderr, objects


def _letter(
    path: Path,
    *,
    heading: list[str],
    number: str,
    date_line: str,
    kind: str | None = None,
    subject: Sequence[str] = (),
    about: str | None = None,
    body: Sequence[str] = (),
    in_table: bool = True,
) -> Path:
    """Write a document in the official form: the heading in a table, or as paragraphs."""
    document = docx.Document()
    motto = ["CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc"]
    left = [*heading, number] + ([f"V/v {about}"] if about else [])
    if in_table:
        table = document.add_table(rows=1, cols=2)
        table.cell(0, 0).text = "\n".join(left)
        table.cell(0, 1).text = "\n".join([*motto, date_line])
    else:
        for line in [*heading, *motto, number, date_line] + ([f"V/v {about}"] if about else []):
            document.add_paragraph(line)
    for line in ([kind] if kind else []) + list(subject) + list(body):
        document.add_paragraph(line)
    document.save(str(path))
    return path


def _pdf(source: Path) -> Path:
    assert SOFFICE is not None
    subprocess.run(
        [SOFFICE, "--headless", "--convert-to", "pdf", "--outdir", str(source.parent),
         str(source)],
        check=True, capture_output=True, timeout=120,
    )  # fmt: skip
    return source.with_suffix(".pdf")


def _only(objects: list[dict[str, Any]]) -> dict[str, Any]:
    assert len(objects) == 1, objects
    return objects[0]


def _record(found: dict[str, Any]) -> tuple[object, ...]:
    return tuple(found[key] for key in ("status", "unit", "task", "period", "date", "ref"))


REF_Q1 = "Số /BC-UBND ngày 05/04/2024 của UBND xã Nhân Cơ"


def _report_q1(inbox: Path) -> Path:
    """Nhân Cơ's own report of 2024-Q1 as `tthc report --unit` writes it, in `inbox`."""
    inbox.mkdir()
    made = TthcRunner().invoke(
        app,
        ["report", "--unit", "Xã Nhân Cơ", "--period", "2024-Q1", "--today", "2024-04-05",
         "-o", str(inbox / "bao-cao-q1.docx")],
    )  # fmt: skip
    assert made.exit_code == 0, made.output
    return inbox / "bao-cao-q1.docx"


def _would_record_q1(document: Path) -> None:
    """A dry run finds `document` to be Nhân Cơ's report of XI.1 2024-Q1."""
    code, _err, objects = _intake(str(document), "--dry-run")
    assert code == 0
    assert _record(_only(objects)) == (
        "would_record", "Xã Nhân Cơ", "XI.1", "2024-Q1", "2024-04-05", REF_Q1,
    )  # fmt: skip


def test_a_unit_s_own_report_is_taken_in_once(plan_copy: Path) -> None:
    """The round trip in Word alone (the PDF needs LibreOffice, below): XI.1 2024-Q1 of
    Nhân Cơ, a dry run writes nothing, a second run records nothing."""
    report = _report_q1(plan_copy / "den")
    _would_record_q1(report)
    progress = plan_copy / "plans" / "progress" / "dak-rlap-kstthc-2024" / "xa-nhan-co.yaml"
    assert not progress.exists()
    code, _err, objects = _intake(str(report))
    assert (code, [o["status"] for o in objects]) == (0, ["recorded"])
    text = progress.read_text(encoding="utf-8")
    assert f"  ref: {REF_Q1}\n" in text
    assert "  source:\n    file: bao-cao-q1.docx\n    sha256: " in text
    code, _err, objects = _intake(str(report))
    assert [o["status"] for o in objects] == ["already_recorded"]
    assert progress.read_text(encoding="utf-8") == text


@pytest.mark.slow  # LibreOffice; the Word half is tried above
@needs_office
def test_a_unit_s_own_report_and_its_pdf_are_taken_in_once(plan_copy: Path) -> None:
    """The round trip: tthc report --unit, as Word and as PDF, is XI.1 2024-Q1 of Nhân Cơ."""
    inbox = plan_copy / "den"
    pdf = _pdf(_report_q1(inbox))
    _would_record_q1(pdf)
    progress = plan_copy / "plans" / "progress" / "dak-rlap-kstthc-2024" / "xa-nhan-co.yaml"
    assert not progress.exists()  # a dry run writes nothing
    code, _err, objects = _intake(str(inbox))
    assert code == 0
    assert [(o["file"], o["status"]) for o in objects] == [
        (str(inbox / "bao-cao-q1.docx"), "recorded"),
        (str(inbox / "bao-cao-q1.pdf"), "already_recorded"),  # the same report, as PDF
    ]
    text = progress.read_text(encoding="utf-8")
    assert "  ref: Số /BC-UBND ngày 05/04/2024 của UBND xã Nhân Cơ\n" in text
    assert "  source:\n    file: bao-cao-q1.docx\n    sha256: " in text
    code, _err, objects = _intake(str(inbox))  # a second run records nothing
    assert [o["status"] for o in objects] == ["already_recorded", "already_recorded"]
    assert progress.read_text(encoding="utf-8") == text


def test_a_department_s_plan_with_its_heading_as_paragraphs(plan_copy: Path) -> None:
    source = _letter(
        plan_copy / "kh-ptp.docx",
        heading=["UBND HUYỆN ĐẮK R'LẤP", "PHÒNG TƯ PHÁP"],
        number="Số: 05/KH-PTP",
        date_line="Đắk R'lấp, ngày 08 tháng 01 năm 2024",
        kind="KẾ HOẠCH",
        subject=["Rà soát, đánh giá thủ tục hành chính năm 2024"],
        body=["Thực hiện Kế hoạch của UBND huyện, Phòng Tư pháp xây dựng Kế hoạch rà soát, "
              "đánh giá thủ tục hành chính năm 2024 như sau:"],
        in_table=False,
    )  # fmt: skip
    code, _err, objects = _intake(str(source))
    assert code == 0
    found = _only(objects)
    assert _record(found) == (
        "recorded", "Phòng Tư pháp", "II.1", None, "2024-01-08",
        "Số 05/KH-PTP ngày 08/01/2024 của Phòng Tư pháp",
    )  # fmt: skip
    assert "loại văn bản «Kế hoạch» như kết quả của II.1" in " ".join(found["reasons"])


def test_a_commune_s_letter_about_a_quarter(plan_copy: Path) -> None:
    source = _letter(
        plan_copy / "cv-q2.docx",
        heading=["ỦY BAN NHÂN DÂN", "XÃ ĐẮK RU"],
        number="Số: 45/UBND-VP",
        date_line="Đắk Ru, ngày 12 tháng 6 năm 2024",
        about="báo cáo kết quả thực hiện kiểm soát thủ tục hành chính quý II năm 2024",
        body=["Kính gửi: Văn phòng HĐND và UBND huyện Đắk R'lấp",
              "UBND xã Đắk Ru báo cáo kết quả thực hiện như sau:"],
    )  # fmt: skip
    code, _err, objects = _intake(str(source))
    assert code == 0
    assert _record(_only(objects)) == (
        "recorded", "Xã Đắk Ru", "XI.1", "2024-Q2", "2024-06-12",
        "Số 45/UBND-VP ngày 12/06/2024 của UBND xã Đắk Ru",
    )  # fmt: skip


def test_a_six_month_report_is_not_taken_for_a_quarter(plan_copy: Path) -> None:
    """XI.1 has quarters and a year: "6 tháng đầu năm" is none of them; two other report
    tasks fit as well as each other: a person chooses, with the command to do it."""
    source = _letter(
        plan_copy / "bc-6-thang.docx",
        heading=["ỦY BAN NHÂN DÂN", "XÃ NHÂN CƠ"],
        number="Số: 30/BC-UBND",
        date_line="Nhân Cơ, ngày 15 tháng 6 năm 2024",
        kind="BÁO CÁO",
        subject=["Kết quả kiểm soát thủ tục hành chính 6 tháng đầu năm 2024"],
    )  # fmt: skip
    code, _err, objects = _intake(str(source))
    assert code == 1
    found = _only(objects)
    assert _record(found) == (
        "ambiguous", "Xã Nhân Cơ", None, None, "2024-06-15",
        "Số 30/BC-UBND ngày 15/06/2024 của UBND xã Nhân Cơ",
    )  # fmt: skip
    candidates = [(c["task"], c["period"]) for c in found["candidates"]]
    assert candidates == [("IX.1", None), ("IX.2", None), ("II.4", None)]
    assert found["reasons"][-1] == "nhiều nhiệm vụ khớp gần như nhau"
    assert found["command"] == (
        'tthc done IX.1 --unit "Xã Nhân Cơ" --date 15/06/2024 '
        '--ref "Số 30/BC-UBND ngày 15/06/2024 của UBND xã Nhân Cơ"'
    )
    assert not (plan_copy / "plans" / "progress").exists()


def test_a_document_of_another_year_is_not_recorded(plan_copy: Path) -> None:
    source = _letter(
        plan_copy / "kh-2023.docx",
        heading=["ỦY BAN NHÂN DÂN", "XÃ NHÂN CƠ"],
        number="Số: 80/KH-UBND",
        date_line="Nhân Cơ, ngày 20 tháng 12 năm 2023",
        kind="KẾ HOẠCH",
        subject=["Rà soát, đánh giá thủ tục hành chính năm 2023"],
    )  # fmt: skip
    code, _err, objects = _intake(str(source))
    assert code == 1
    found = _only(objects)
    assert _record(found) == ("unmatched", "Xã Nhân Cơ", None, None, "2023-12-20", None)
    assert found["reasons"][-1] == "văn bản của năm 2023, kế hoạch của năm 2024"


def test_a_body_not_in_the_registry_is_not_recorded(plan_copy: Path) -> None:
    source = _letter(
        plan_copy / "so-y-te.docx",
        heading=["UBND TỈNH ĐẮK NÔNG", "SỞ Y TẾ"],
        number="Số: 12/BC-SYT",
        date_line="Đắk Nông, ngày 05 tháng 4 năm 2024",
        kind="BÁO CÁO",
        subject=["Kết quả kiểm soát thủ tục hành chính quý I năm 2024"],
    )  # fmt: skip
    code, _err, objects = _intake(str(source))
    assert code == 1
    found = _only(objects)
    assert _record(found) == ("unmatched", None, None, None, None, None)
    assert found["reasons"][-1] == "«SỞ Y TẾ» không có trong danh mục đơn vị của kế hoạch"


def test_files_with_no_text_to_read_change_nothing(plan_copy: Path) -> None:
    from pypdf import PdfWriter  # noqa: PLC0415 - a page with no text layer, as a scan

    scan = plan_copy / "scan.pdf"
    writer = PdfWriter()
    writer.add_blank_page(width=595, height=842)
    with scan.open("wb") as out:
        writer.write(out)
    old = plan_copy / "cu.doc"
    old.write_bytes(b"\xd0\xcf\x11\xe0 an old Word file")
    broken = plan_copy / "hong.docx"
    broken.write_bytes(b"PK\x03\x04 not a zip")
    code, _err, objects = _intake(str(scan), str(old), str(broken))
    assert code == 1
    assert [(o["status"], o["message"]) for o in objects] == [
        ("unreadable", f"«{scan}» không có chữ để đọc (bản quét, chỉ có ảnh): xin đơn vị gửi "
                       "bản .docx hoặc PDF xuất từ Word."),
        ("unreadable", f"«{old}»: tthc chỉ đọc tệp .docx và PDF; lưu lại văn bản dạng .docx "
                       "hoặc PDF."),
        ("unreadable", f"«{broken}» hỏng hoặc không phải DOCX thật: mở bằng Word hoặc trình "
                       "đọc PDF rồi lưu lại."),
    ]  # fmt: skip
    assert not (plan_copy / "plans" / "progress").exists()


def test_a_document_that_fits_two_tasks_alike_is_listed_with_both(plan_copy: Path) -> None:
    source = _letter(
        plan_copy / "bc-ra-soat.docx",
        heading=["ỦY BAN NHÂN DÂN", "XÃ NHÂN CƠ"],
        number="Số: 55/BC-UBND",
        date_line="Nhân Cơ, ngày 10 tháng 7 năm 2024",
        kind="BÁO CÁO",
        subject=["Kết quả rà soát thủ tục hành chính"],
    )  # fmt: skip
    code, _err, objects = _intake(str(source))
    assert code == 1
    found = _only(objects)
    assert _record(found)[:2] == ("ambiguous", "Xã Nhân Cơ")
    assert [(c["task"], c["score"]) for c in found["candidates"]] == [("II.4", 6.0), ("IX.1", 5.5),
                                                            ("IX.2", 5.5)]  # fmt: skip
    assert found["reasons"][-1] == "nhiều nhiệm vụ khớp gần như nhau"


@pytest.mark.untraced
@pytest.mark.parametrize(
    "documents",
    [pytest.param(20, marks=pytest.mark.sample), pytest.param(50, marks=pytest.mark.slow)],
)
def test_a_folder_of_fifty_documents_is_taken_in_quickly_and_once(
    plan_copy: Path, documents: int
) -> None:
    """Fifty in `make test`; `make check` takes in twenty, two reports of each quarter of
    each commune, for the same outcome: ten recorded, the rest already recorded."""
    inbox = plan_copy / "den"
    inbox.mkdir()
    communes = ["Xã Nhân Cơ", "Xã Đắk Ru", "Xã Nhân Đạo", "Xã Đạo Nghĩa", "Xã Kiến Thành"]
    for n in range(documents):
        commune = communes[n % 5]
        quarter = ["I", "II"][(n // 5) % 2]
        _letter(
            inbox / f"{n:02d}.docx",
            heading=["ỦY BAN NHÂN DÂN", commune.upper()],
            number=f"Số: {n + 1}/BC-UBND",
            date_line=f"{commune[3:]}, ngày 05 tháng {4 if quarter == 'I' else 7} năm 2024",
            kind="BÁO CÁO",
            subject=[f"Kết quả kiểm soát thủ tục hành chính quý {quarter} năm 2024"],
        )
    progress = plan_copy / "plans" / "progress" / "dak-rlap-kstthc-2024"
    code, _err, objects = _intake(str(inbox))  # its time: benchmarks/run.py, "intake"
    statuses = [o["status"] for o in objects]
    # Per commune: one per quarter is recorded, the others of that quarter are already done.
    assert statuses.count("recorded") == 10
    assert statuses.count("already_recorded") == documents - 10
    assert code == 0
    before = {p.name: p.read_text(encoding="utf-8") for p in progress.glob("*.yaml")}
    code, _err, objects = _intake(str(inbox))
    assert {o["status"] for o in objects} == {"already_recorded"}
    assert {p.name: p.read_text(encoding="utf-8") for p in progress.glob("*.yaml")} == before
