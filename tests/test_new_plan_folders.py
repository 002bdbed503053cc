"""`tthc import` and `tthc init` refuse a folder that cannot be made, and say which part is
in the way: a file where a folder should be, a link in a loop. Before anything is read
or written: no traceback (FileExistsError, RuntimeError), nothing made.
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

from tests.conftest import PLAN_2024, SOURCE
from tests.ordinary_user import snapshot, tthc_here

IN_THE_WAY = (
    "Lỗi: «{folder}» là một tệp, không phải thư mục: không tạo được «{path}» trong đó. "
    "Đổi tên hoặc dời tệp «{folder}», hoặc chọn chỗ khác bằng -o.\n"
)
LOOP = (
    "Lỗi: «{folder}» là một liên kết không dẫn tới đâu (vòng lặp, hoặc nơi nó trỏ tới đã "
    "mất): sửa hoặc xóa liên kết này rồi chạy lại.\n"
)
IMPORT = ["import", "x.txt", "--year", "2024"]
INIT = ["init", "--year", "2025"]


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    """A folder with the plan's source text and a file «afile», and no plans/ yet."""
    shutil.copy(SOURCE, tmp_path / "x.txt")
    (tmp_path / "afile").write_text("không phải thư mục\n", encoding="utf-8")
    return tmp_path


def _refused(folder: Path, *args: str) -> tuple[int, str, str]:
    before = snapshot(folder)
    done = tthc_here(folder, *args)
    assert snapshot(folder) == before  # nothing made, nothing changed
    assert "Traceback" not in done.stderr
    return done.returncode, done.stdout, done.stderr


@pytest.mark.parametrize("command", [IMPORT, INIT], ids=["import", "init"])
def test_a_file_in_the_way_of_the_output_folder(folder: Path, command: list[str]) -> None:
    assert _refused(folder, *command, "-o", "afile/x.yaml") == (
        3, "", IN_THE_WAY.format(folder="afile", path="afile/x.yaml")
    )  # fmt: skip
    assert _refused(folder, *command, "-o", "afile/sub/x.yaml") == (
        3, "", IN_THE_WAY.format(folder="afile", path="afile/sub/x.yaml")
    )  # fmt: skip


@pytest.mark.parametrize(
    ("command", "target"),
    [(IMPORT, "plans/2024.yaml"), (INIT, "plans/2025.yaml")],
    ids=["import", "init"],
)
def test_plans_that_is_a_file(folder: Path, command: list[str], target: str) -> None:
    """The default target plans/<...>.yaml when «plans» is a file: not "File exists"."""
    (folder / "plans").write_text("", encoding="utf-8")
    assert _refused(folder, *command) == (
        3, "", IN_THE_WAY.format(folder="plans", path=target)
    )  # fmt: skip


@pytest.mark.skipif(os.name != "posix", reason="symbolic links need privileges on Windows")
@pytest.mark.parametrize("command", [IMPORT, INIT], ids=["import", "init"])
def test_plans_that_is_a_link_in_a_loop(folder: Path, command: list[str]) -> None:
    """Path.resolve raised RuntimeError on 3.11 and 3.12; a loop of two links too."""
    (folder / "plans").symlink_to("plans")
    assert _refused(folder, *command) == (3, "", LOOP.format(folder="plans"))
    (folder / "a").symlink_to("b")
    (folder / "b").symlink_to("a")
    assert _refused(folder, *command, "-o", "a/x.yaml") == (3, "", LOOP.format(folder="a"))
    (folder / "gone").symlink_to("nowhere")
    assert _refused(folder, *command, "-o", "gone/x.yaml") == (3, "", LOOP.format(folder="gone"))


def test_init_still_makes_the_folders_it_needs(folder: Path) -> None:
    shutil.copy(PLAN_2024, folder / "2024.yaml")
    done = tthc_here(folder, *INIT, "--from", "2024.yaml", "-o", "moi/nam-2025/2025.yaml")
    assert (done.returncode, done.stderr) == (0, "")
    assert (folder / "moi" / "nam-2025" / "2025.yaml").is_file()
