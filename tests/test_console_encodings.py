"""Every text view reaches a file or a pipe whole, whatever the console's code page.

Windows without UTF-8 mode writes a redirected stdout (`tthc status > out.txt`,
`| findstr`) in the ANSI code page: cp1258 for Vietnamese, cp437 or cp850
elsewhere. PYTHONIOENCODING makes a fresh process do the same here. `status`
and `timeframe` ended in a UnicodeEncodeError; now each view gives the very
bytes it gives in UTF-8, and an error message reaches stderr whole too.

Each view in each code page is a fresh interpreter (39 in all, the UTF-8 one run
once for both): `make check` tries the two views that broke and an error in both,
the rest is marked slow.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import PLAN_2024

# Tried by `make check` too: the two views that broke, and an error message on stderr.
FAST = {"status", "timeframe", "an-error"}
VIEWS = {
    "status": ["status"],
    "status-md": ["status", "--format", "md"],
    "status-csv": ["status", "--format", "csv"],
    "overdue": ["overdue"],
    "upcoming": ["upcoming", "--within", "60"],
    "show": ["show", "II.1"],
    "units": ["units"],
    "targets": ["targets"],
    "timeframe": ["timeframe", "Quý I/2024"],
    "timeframes": ["timeframes"],
    "validate": ["validate"],
    "help": ["status", "--help"],
    "an-error": ["status", "--unit", "Xã Không Có"],
}


@pytest.fixture(scope="module")
def plans(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("encodings")
    (folder / "plans").mkdir()
    shutil.copy(PLAN_2024, folder / "plans" / "2024.yaml")
    return folder


@pytest.fixture(scope="module")
def whole() -> dict[str, subprocess.CompletedProcess[bytes]]:
    """Each view as it reaches a UTF-8 pipe, run once for both code pages (by view)."""
    return {}


def _run(folder: Path, encoding: str, args: list[str]) -> subprocess.CompletedProcess[bytes]:
    env = os.environ | {
        "PYTHONIOENCODING": encoding,
        "TTHC_TODAY": "2024-03-01",
        "TTHC_CACHE_DIR": str(folder / "cache"),
        "COLUMNS": "100",
    }
    env.pop("PYTHONUTF8", None)
    return subprocess.run(
        [sys.executable, "-m", "tthc_plan", *args],
        cwd=folder, env=env, capture_output=True, timeout=120, check=False,
    )  # fmt: skip


@pytest.mark.parametrize("encoding", ["cp1258", "cp437"])
@pytest.mark.parametrize(
    "view", [view if view in FAST else pytest.param(view, marks=pytest.mark.slow) for view in VIEWS]
)
def test_a_view_reaches_a_pipe_whole(
    plans: Path, whole: dict[str, subprocess.CompletedProcess[bytes]], view: str, encoding: str
) -> None:
    if view not in whole:
        whole[view] = _run(plans, "utf-8", VIEWS[view])
    utf8 = whole[view]
    done = _run(plans, encoding, VIEWS[view])
    assert b"Traceback" not in done.stderr
    assert (done.returncode, done.stdout, done.stderr) == (
        utf8.returncode, utf8.stdout, utf8.stderr
    )  # fmt: skip
    shown = (done.stdout + done.stderr).decode("utf-8")  # UTF-8, every letter there
    assert any(letter in shown for letter in "ệạếờữ")


def test_the_views_say_what_they_should(plans: Path) -> None:
    """The bytes compared above are the views themselves, not two empty outputs."""
    status = _run(plans, "cp1258", ["status"])
    assert status.returncode == 0
    assert status.stdout.decode("utf-8").startswith("Tình hình thực hiện ngày 01/03/2024")
    error = _run(plans, "cp437", ["status", "--unit", "Xã Không Có"])
    assert error.returncode == 2
    assert error.stderr.decode("utf-8").startswith("Lỗi: Không có đơn vị nào tên «Xã Không Có»")
