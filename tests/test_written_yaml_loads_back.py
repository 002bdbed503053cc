"""What tthc writes into a plan file loads back, value for value, however long a value is.

A value of about 4 KB was folded onto a line at column 0 (ruamel's width was
4096), which YAML reads as a new key: `tthc init --name` and `tthc close --note`
ended in YAML_SYNTAX; a long Word cell with a tab came back altered. Each file
written is read back with the project's own parser.
"""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Any

import docx

from tests.conftest import PLAN_2024
from tests.ordinary_user import tthc_here
from tthc_plan.store.yamlio import compose

# About 4.7 KB of words: long enough to pass any width, folded at a space; PLAIN is
# written unquoted, LONG quoted (": ", "#").
PLAIN = " ".join(["Tài chính Kế hoạch quản lý"] * 170)
LONG = " ".join(["Tài chính - Kế hoạch: quản lý #1"] * 140)


def _load(path: Path) -> Any:
    return compose(path.read_text(encoding="utf-8")).data


def _validates(folder: Path, path: str) -> None:
    checked = tthc_here(folder, "validate", "--format", "concise", path)
    assert " lỗi " not in checked.stdout, checked.stdout[:2000]
    assert checked.returncode == 0, checked.stdout[:2000]


def test_init_with_a_long_authority_name(tmp_path: Path) -> None:
    name = "UBND xã " + PLAIN
    done = tthc_here(tmp_path, "init", "--year", "2026", "--level", "commune", "--name", name)
    assert (done.returncode, done.stderr) == (0, "")
    assert done.stdout == "Đã tạo plans/2026.yaml. Kiểm tra: tthc validate plans/2026.yaml\n"
    plan = _load(tmp_path / "plans" / "2026.yaml")["plan"]
    assert plan["issuer"] == name
    assert plan["title"].endswith(" của " + name)
    _validates(tmp_path, "plans/2026.yaml")
    # Its id, made from the name, is short enough to name its progress folder.
    # cut at a "-" to at most 64 characters with its year (core.names.as_id)
    assert plan["id"] == "xa-tai-chinh-ke-hoach-quan-ly-tai-chinh-ke-hoach-kstthc-2026"
    recorded = tthc_here(tmp_path, "done", "I.1", "--date", "2025-12-20", "--today", "2026-01-10")
    assert (recorded.returncode, recorded.stderr) == (0, "")


def test_init_with_a_long_unit_and_no_plan_to_copy(tmp_path: Path) -> None:
    """No plan to copy: the one-unit registry is written from the name given."""
    name = "Văn phòng " + PLAIN
    done = tthc_here(tmp_path, "init", "--year", "2026", "--unit", name)
    assert (done.returncode, done.stderr) == (0, "")
    data = _load(tmp_path / "plans" / "2026.yaml")
    assert [unit["name"] for unit in data["units"]] == [name]
    assert data["sections"][0]["tasks"][0]["lead"] == name
    _validates(tmp_path, "plans/2026.yaml")


def test_close_with_a_long_note(tmp_path: Path) -> None:
    (tmp_path / "plans").mkdir()
    shutil.copy(PLAN_2024, tmp_path / "plans" / "2024.yaml")
    note = "Đã tổng kết " + PLAIN
    done = tthc_here(
        tmp_path, "close", "dak-rlap-kstthc-2024", "--date", "2025-01-15", "--note", note
    )
    assert (done.returncode, done.stderr) == (0, ""), done.stderr
    closed = _load(tmp_path / "plans" / "2024.yaml")["closed"]
    assert closed == {"date": "2025-01-15", "note": note}
    _validates(tmp_path, "plans/2024.yaml")


def test_import_of_long_cells_from_text_and_word(tmp_path: Path) -> None:
    """A long title, lead and support in a text export and in a Word table (where a cell
    may hold a tab): every one written whole, on its line, and read back the same."""
    (tmp_path / "plans").mkdir()
    title = "Xây dựng kế hoạch:\t" + LONG + " 'cuối' \"câu\""
    # Items between tabs: written quoted, and folded (at width 4096)
    # with a space slipped in after a tab.
    listed = "Nội dung: " + "Báo cáo quý;\t" * 330 + "cuối năm"
    lead = "Phòng " + LONG.replace(":", "")
    rows = [
        "KẾ HOẠCH",
        "Hoạt động kiểm soát thủ tục hành chính năm 2026",
        "",
        "STT\tNhiệm vụ\tKết quả công việc\tĐơn vị chủ trì\tĐơn vị phối hợp\tThời gian thực hiện",
        "I\tCÔNG TÁC CHỈ ĐẠO\t\t\t\t",
        f"1\t{title.replace(chr(9), ' ')}\tKế hoạch\t{lead}\t\tTháng 1/2026",
    ]
    (tmp_path / "phu-luc.txt").write_text("\n".join(rows) + "\n", encoding="utf-8")
    document = docx.Document()
    table = document.add_table(rows=0, cols=5)
    header = ["STT", "Nhiệm vụ", "Cơ quan chủ trì", "Cơ quan phối hợp", "Thời gian thực hiện"]
    for values in (header, ["I", "Chung", "", "", ""], ["1", title, lead, "", "Quý I/2026"],
                   ["2", listed, lead, "", "Quý II/2026"]):  # fmt: skip
        for cell, text in zip(table.add_row().cells, values, strict=True):
            cell.text = text
    document.save(str(tmp_path / "phu-luc.docx"))
    for source, written, expected in (
        ("phu-luc.txt", "plans/tu-van-ban.yaml", title.replace("\t", " ")),
        ("phu-luc.docx", "plans/tu-word.yaml", title),
    ):
        done = tthc_here(tmp_path, "import", source, "--year", "2026", "-o", written,
                         "--id", Path(written).stem)  # fmt: skip
        assert done.returncode == 0, done.stdout[-2000:] + done.stderr
        data = _load(tmp_path / written)
        task = data["sections"][0]["tasks"][0]
        assert (task["title"], task["lead"]) == (expected, lead)
        if source.endswith(".docx"):
            assert data["sections"][0]["tasks"][1]["title"] == listed
        assert [unit["name"] for unit in data["units"]] == [lead]
        _validates(tmp_path, written)
    # The new unit's id, made from its long name, names its progress file.
    unit_id = "phong-tai-chinh-ke-hoach-quan-ly-1-tai-chinh-ke-hoach-quan-ly-1"
    assert data["units"][0]["id"] == unit_id
    recorded = tthc_here(tmp_path, "done", "I.1", "--date", "2026-01-10", "--today", "2026-02-01",
                         "-p", "plans/tu-word.yaml")  # fmt: skip
    assert (recorded.returncode, recorded.stderr) == (0, "")
    assert (tmp_path / "plans" / "progress" / "tu-word" / f"{unit_id}.yaml").is_file()
