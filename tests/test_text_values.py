"""Every text tthc keeps or writes can be written to Word and Excel: no code point that
XML cannot hold gets in, by the plan, a progress record or an option.

A title holding U+FFFE passed `validate`, then `report`, `remind -o` and `export xlsx`
ended in lxml's "All strings must be XML compatible"; `done --ref` stored one, and the
export broke for everyone from then on; `report --signer` with a byte that is not UTF-8
ended in a UnicodeEncodeError. Each is refused where it comes in, with its place.
"""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

import pytest

from tests import fresh_process
from tests.in_process import tthc

PROGRESS = Path("plans") / "progress" / "dak-rlap-kstthc-2024"
TITLE = "  title: Kế hoạch hoạt động kiểm soát thủ tục hành chính năm 2024"
DOCUMENTS = [
    ["report", "--period", "2024-Q1", "-o", "bao-cao.docx"],
    ["remind", "-o", "cong-van.docx"],
    ["export", "xlsx", "-o", "ke-hoach.xlsx"],
]
WRITTEN = ("bao-cao.docx", "cong-van.docx", "ke-hoach.xlsx")


def _tthc(cwd: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return tthc(cwd, *args, env={"TTHC_TODAY": "2024-04-01"}, timeout=120)


def _fresh(cwd: Path, *args: str) -> subprocess.CompletedProcess[str]:
    """The real entry point: the bytes of the command line decoded by Python itself."""
    return fresh_process.tthc(cwd, *args, env={"TTHC_TODAY": "2024-04-01"}, timeout=120)


def _refusal(code: str, escape: str) -> str:
    return (
        f"Có mã U+{code} trong trường: đây không phải là một ký tự (noncharacter hay surrogate), "
        f"Word và Excel không ghi được. Xóa nó (trong tệp, nó có thể được viết là «{escape}»)."
    )


@pytest.mark.parametrize(
    ("escape", "code"),
    [("\\uFFFE", "FFFE"), ("\\uFDD0", "FDD0"), ("\\U0010FFFF", "10FFFF"), ("\\U0001FFFE", "1FFFE")],
)
def test_a_title_xml_cannot_hold_is_refused_with_its_place(
    plan_copy: Path, escape: str, code: str
) -> None:
    plan = plan_copy / "plans" / "2024.yaml"
    lines = plan.read_text(encoding="utf-8").split("\n")
    index = next(i for i, text in enumerate(lines) if text.startswith(TITLE))
    lines[index] = f'  title: "{escape}{lines[index].removeprefix("  title: ")}"'
    plan.write_text("\n".join(lines), encoding="utf-8")
    line, start = index + 1, len("  title: ") + 1
    checked = _tthc(plan_copy, "validate", "-f", "concise", "plans/")
    assert checked.returncode == 1
    refusal = _refusal(code, escape)
    assert checked.stdout == (
        f"plans/2024.yaml:{line}:{start}: error INVALID_VALUE {refusal}\n"
        "Đã kiểm tra 1 tệp: 1 lỗi, 0 cảnh báo.\n"
    )
    for args in DOCUMENTS:
        done = _tthc(plan_copy, *args)
        assert done.returncode == 1, args
        assert done.stderr == (
            f"Lỗi: Tệp kế hoạch có 1 lỗi, ví dụ plans/2024.yaml:{line}:{start}: {refusal} "
            "Chạy «tthc validate plans/2024.yaml».\n"
        )
    assert [name for name in WRITTEN if (plan_copy / name).exists()] == []


def test_a_reference_xml_cannot_hold_is_not_recorded(plan_copy: Path) -> None:
    """`done --ref $'S\\xef\\xbf\\xbe'`: refused, and no progress file for it."""
    done = _tthc(plan_copy, "done", "II.1", "--unit", "Xã Nhân Cơ", "--date", "08/01/2024",
                 "--ref", "S\ufffe")  # fmt: skip
    assert done.returncode == 2
    assert done.stderr == (
        "Lỗi: --ref có mã U+FFFE, không phải là một ký tự (noncharacter hay surrogate): xóa nó; "
        "Word và Excel không ghi được.\n"
    )
    assert not (plan_copy / "plans" / "progress").exists()
    exported = _tthc(plan_copy, "export", "xlsx", "-o", "ke-hoach.xlsx")
    assert exported.returncode == 0, exported.stderr
    assert (plan_copy / "ke-hoach.xlsx").stat().st_size > 0


def test_a_byte_that_is_not_utf8_in_an_option_is_named(plan_copy: Path) -> None:
    """`report --signer $'\\xff'` reached Python as U+DCFF, and Word as a crash."""
    signer = os.fsdecode(b"Tr\xffn")
    for args in (["report", "--period", "2024-Q1", "-o", "bao-cao.docx", "--signer", signer],
                 ["remind", "-o", "cong-van.docx", "--signer", signer]):  # fmt: skip
        done = _fresh(plan_copy, *args)
        assert done.returncode == 2, args
        assert done.stderr == (
            "Lỗi: --signer có byte 0xFF không phải UTF-8: gõ lại chữ này (bộ gõ Unicode), "
            "hoặc đặt bảng mã của cửa sổ lệnh là UTF-8.\n"
        )
    note = _fresh(plan_copy, "done", "II.1", "--unit", "Xã Nhân Cơ", "--note", os.fsdecode(b"\xc3"))
    assert note.returncode == 2
    assert note.stderr.startswith("Lỗi: --note có byte 0xC3 không phải UTF-8")
    assert [name for name in WRITTEN if (plan_copy / name).exists()] == []
    assert not (plan_copy / "plans" / "progress").exists()


def test_a_record_xml_cannot_hold_is_an_error_at_its_place(plan_copy: Path) -> None:
    """A record written before this check, or by hand, is found; no export crashes on it."""
    (plan_copy / PROGRESS).mkdir(parents=True)
    record = plan_copy / PROGRESS / "xa-nhan-co.yaml"
    record.write_text(
        '- task: II.1\n  event: done\n  date: 2024-01-08\n  ref: "S\\uFFFE"\n', encoding="utf-8"
    )
    where = f"{(PROGRESS / 'xa-nhan-co.yaml').as_posix()}:4:8"
    checked = _tthc(plan_copy, "validate", "-f", "concise", "plans/")
    assert checked.returncode == 1
    refusal = _refusal("FFFE", "\\uFFFE")
    assert checked.stdout.startswith(f"{where}: error INVALID_VALUE {refusal}\n")
    exported = _tthc(plan_copy, "export", "xlsx", "-o", "ke-hoach.xlsx")
    assert exported.returncode == 1
    assert exported.stderr.startswith(f"Lỗi: Tệp kế hoạch có 1 lỗi, ví dụ {where}: ")
    assert "Traceback" not in exported.stderr
    assert not (plan_copy / "ke-hoach.xlsx").exists()
    assert record.read_text(encoding="utf-8").endswith('ref: "S\\uFFFE"\n')  # left as it was
