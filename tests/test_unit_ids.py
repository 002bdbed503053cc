"""Ids name files, so every id that validates can name a file on every system.

A 300-character unit id passed `validate`, then `done` failed with "File name
too long"; the ids `con`, `aux`, `nul`, `com1`... became progress files (and a
plan id a progress folder and a workbook) that are devices on Windows. An id
is now at most 64 characters and never a device name: `validate` says so at
the id (with how to rename it and its progress file, so no record is lost),
and the ids tthc makes itself (import, init) are cut and moved off those names.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import docx
import pytest
from ruamel.yaml import YAML

from tests.conftest import PLAN_2024
from tests.fresh_process import PROGRESS, plan_folder, snapshot
from tests.in_process import tthc
from tthc_plan.core.names import MAX_ID_LENGTH, RESERVED_IDS, as_id, id_problem, is_id

TODAY = ("--today", "2024-01-12")
DONE = ("done", "II.1", "--unit", "Xã Nhân Cơ", "--date", "08/01/2024", *TODAY)
_ID_LINE = "  - id: xa-nhan-co"


def _plan_with_unit_id(tmp_path: Path, unit_id: str) -> tuple[Path, int]:
    """A copy of the plan whose unit Xã Nhân Cơ has the id `unit_id` (and its group says so)."""
    text = PLAN_2024.read_text(encoding="utf-8")
    line = text.splitlines().index(_ID_LINE) + 1
    return plan_folder(tmp_path, text.replace("xa-nhan-co", unit_id)), line


def _long_message(unit_id: str) -> str:
    return (
        f"Mã «{unit_id[:24]}…» dài {len(unit_id)} ký tự, quá 64: mã là tên tệp tiến độ, tên "
        "thư mục; đặt mã ngắn hơn (và đổi tên tệp tiến độ mang mã cũ, nếu có, cho khớp)."
    )


def _device_message(unit_id: str) -> str:
    return (
        f"Mã «{unit_id}» là tên thiết bị trên Windows (con, prn, aux, nul, com0–com9, "
        "lpt0–lpt9): không tạo được tệp tiến độ hay tệp xuất mang tên ấy; đặt mã khác, ví dụ "
        f"«{unit_id}-1» (và đổi tên tệp tiến độ mang mã cũ, nếu có, cho khớp)."
    )


def _refused_everywhere(folder: Path, line: int, message: str) -> None:
    """`validate` names the id where it is; `done` refuses the plan and writes nothing."""
    before = snapshot(folder)
    done = tthc(folder, "validate", "-f", "concise", *TODAY)
    assert done.returncode == 1
    lines = done.stdout.splitlines()
    assert lines[0] == f"plans/2024.yaml:{line}:9: error INVALID_VALUE {message}"
    assert lines[-1] == "Đã kiểm tra 1 tệp: 2 lỗi, 0 cảnh báo."  # the id; its group misses it
    done = tthc(folder, *DONE)
    assert done.returncode == 1
    assert done.stderr == (
        f"Lỗi: Tệp kế hoạch có 2 lỗi, ví dụ plans/2024.yaml:{line}:9: {message} "
        "Chạy «tthc validate plans/2024.yaml».\n"
    )
    assert "Traceback" not in done.stderr
    assert snapshot(folder) == before  # no progress folder, no file


def test_an_id_too_long_for_a_file_name_is_refused_where_it_is_written(tmp_path: Path) -> None:
    unit_id = "x" * 300
    folder, line = _plan_with_unit_id(tmp_path, unit_id)
    _refused_everywhere(folder, line, _long_message(unit_id))


@pytest.mark.parametrize("unit_id", ["con", "aux", "nul", "prn", "com1", "com9", "lpt1", "lpt0"])
def test_a_windows_device_name_is_refused_as_an_id(tmp_path: Path, unit_id: str) -> None:
    folder, line = _plan_with_unit_id(tmp_path, unit_id)
    _refused_everywhere(folder, line, _device_message(unit_id))


def test_an_id_of_the_longest_length_works(tmp_path: Path) -> None:
    unit_id = "x" * MAX_ID_LENGTH
    folder, _ = _plan_with_unit_id(tmp_path, unit_id)
    assert tthc(folder, "validate").returncode == 0
    done = tthc(folder, *DONE)
    assert done.returncode == 0, done.stderr
    assert (folder / PROGRESS / f"{unit_id}.yaml").is_file()


def test_a_device_name_as_a_plan_id_is_refused(tmp_path: Path) -> None:
    text = PLAN_2024.read_text(encoding="utf-8")
    assert text.count("  id: dak-rlap-kstthc-2024\n") == 1
    text = text.replace("  id: dak-rlap-kstthc-2024\n", "  id: aux\n")
    folder = plan_folder(tmp_path, text)
    line = text.splitlines().index("  id: aux") + 1
    before = snapshot(folder)
    done = tthc(folder, "validate", "-f", "concise")
    assert done.returncode == 1
    assert done.stdout.splitlines() == [
        f"plans/2024.yaml:{line}:7: error INVALID_VALUE {_device_message('aux')}",
        "Đã kiểm tra 1 tệp: 1 lỗi, 0 cảnh báo.",
    ]
    done = tthc(folder, "export", "xlsx", *TODAY)  # its own file was aux.xlsx
    assert done.returncode == 1
    assert not (folder / "aux.xlsx").exists()
    assert snapshot(folder) == before


def test_records_under_a_device_id_are_kept_when_it_is_renamed(tmp_path: Path) -> None:
    """A plan made before ids were bounded, with records in progress/<plan>/con.yaml (on
    Linux): validate says what to rename; renamed, every record is there."""
    folder, line = _plan_with_unit_id(tmp_path, "con")
    (folder / PROGRESS).mkdir(parents=True)
    records = "- task: II.1\n  event: done\n  date: 2024-01-08\n  ref: Số 05/KH-UBND\n"
    (folder / PROGRESS / "con.yaml").write_text(records, encoding="utf-8")
    before = snapshot(folder)
    done = tthc(folder, "validate", "-f", "concise", *TODAY)
    assert done.returncode == 1
    assert done.stdout.splitlines()[0] == (
        f"plans/2024.yaml:{line}:9: error INVALID_VALUE {_device_message('con')}"
    )
    assert snapshot(folder) == before
    # As the message says: a new id, and the progress file renamed to match.
    plan = folder / "plans" / "2024.yaml"
    plan.write_text(
        plan.read_text(encoding="utf-8")
        .replace("- id: con\n", "- id: con-1\n")
        .replace("      - con\n", "      - con-1\n"),
        encoding="utf-8",
    )
    shutil.move(folder / PROGRESS / "con.yaml", folder / PROGRESS / "con-1.yaml")
    assert tthc(folder, "validate", *TODAY).returncode == 0
    shown = tthc(folder, "show", "II.1", "--format", "json", *TODAY)
    assert shown.returncode == 0, shown.stderr
    assert '"unit_id":"con-1"' in shown.stdout.replace(" ", "")
    assert (folder / PROGRESS / "con-1.yaml").read_text(encoding="utf-8") == records


def _annex(path: Path, names: list[str]) -> None:
    """A Word annex whose tasks are led by bodies of the given names."""
    document = docx.Document()
    table = document.add_table(rows=0, cols=4)
    rows = [["STT", "Nhiệm vụ", "Cơ quan chủ trì", "Thời gian thực hiện"],
            ["I", "Chung", "", ""]]  # fmt: skip
    rows += [[str(n), f"Việc {n}", name, "Quý II/2026"] for n, name in enumerate(names, 1)]
    for row in rows:
        for cell, text in zip(table.add_row().cells, row, strict=True):
            cell.text = text
    document.save(str(path))


def test_an_import_makes_ids_that_name_files(tmp_path: Path) -> None:
    """Bodies named "Con", "NUL", "Com1" and one of 300 characters get ids that validate,
    and a record for each is written to its own file."""
    folder = plan_folder(tmp_path)
    long_name = "Ban " + " ".join(["chỉ đạo cải cách thủ tục hành chính"] * 9)
    assert len(long_name) > 300
    _annex(folder / "phu-luc.docx", ["Con", "NUL", "Com1", long_name])
    done = tthc(folder, "import", "phu-luc.docx", "-o", "plans/2026.yaml", "--year", "2026",
                "--today", "2026-02-10")  # fmt: skip
    assert done.returncode == 0, done.stdout + done.stderr
    assert done.stdout.splitlines()[-1].startswith("Đã kiểm tra 1 tệp: 0 lỗi,")
    data = YAML(typ="safe").load((folder / "plans" / "2026.yaml").read_text(encoding="utf-8"))
    ids = [unit["id"] for unit in data["units"]]
    assert ids[:3] == ["con-1", "nul-1", "com1-1"]
    assert len(ids[3]) <= MAX_ID_LENGTH
    assert ids[3] == as_id(long_name, "don-vi")
    assert ids[3].startswith("ban-chi-dao-cai-cach-thu-tuc-hanh-chinh-chi-dao")
    shutil.move(folder / "plans" / "2024.yaml", tmp_path / "2024.yaml")  # one plan only
    for n, unit_id in enumerate(ids, 1):
        done = tthc(folder, "done", f"I.{n}", "--unit", unit_id, "--date", "2026-02-09",
                    "--today", "2026-02-10")  # fmt: skip
        assert done.returncode == 0, done.stderr
        progress = folder / "plans" / "progress" / data["plan"]["id"] / f"{unit_id}.yaml"
        assert "  date: 2026-02-09\n" in progress.read_text(encoding="utf-8")


def test_a_plan_id_made_from_a_long_name_names_a_folder(tmp_path: Path) -> None:
    folder = plan_folder(tmp_path)
    name = "UBND " + "xã " * 40 + "Quảng Tín"
    done = tthc(folder, "init", "--level", "commune", "--name", name, "--year", "2026",
                "-o", "plans/2026.yaml")  # fmt: skip
    assert done.returncode == 0, done.stderr
    data = YAML(typ="safe").load((folder / "plans" / "2026.yaml").read_text(encoding="utf-8"))
    plan_id = data["plan"]["id"]
    assert len(plan_id) <= MAX_ID_LENGTH
    assert plan_id.endswith("-kstthc-2026")
    assert tthc(folder, "validate", "plans/2026.yaml").returncode == 0


@pytest.mark.parametrize(
    ("plan_id", "message"),
    [
        ("con", _device_message("con")),
        ("k" * 65, _long_message("k" * 65)),
    ],
)
def test_an_import_refuses_an_id_that_cannot_name_a_folder(
    tmp_path: Path, plan_id: str, message: str
) -> None:
    folder = plan_folder(tmp_path)
    _annex(folder / "phu-luc.docx", ["Sở Tư pháp"])
    before = snapshot(folder)
    done = tthc(folder, "import", "phu-luc.docx", "--year", "2026", "--id", plan_id,
                "--today", "2026-02-10")  # fmt: skip
    assert done.returncode == 2
    assert done.stderr == f"Lỗi: {message}\n"
    assert snapshot(folder) == before


def test_the_bounds_of_an_id() -> None:
    assert {"con", "prn", "aux", "nul", "com1", "com9", "lpt1", "lpt9"} <= RESERVED_IDS
    assert all(not is_id(name) for name in RESERVED_IDS)
    for name in ("con-1", "console", "com10", "x" * 64):
        assert is_id(name), name
    assert not is_id("x" * 65)
    assert id_problem("xa-nhan-co") is None
    assert as_id("Con", "don-vi") == "con-1"
    assert as_id("!!!", "don-vi") == "don-vi"
    assert as_id("ab " * 40, "k", suffix="-2026") == "-".join(["ab"] * 20) + "-2026"  # 64
    assert len(as_id("x" * 300, "k", suffix="-2026")) == MAX_ID_LENGTH
