"""Recording progress: the files written, the views after, git, crashes and concurrency."""

from __future__ import annotations

import errno
import json
import os
import shutil
import subprocess
import sys
import textwrap
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import IO

import pytest

from tests.conftest import PlanCopy, TthcRunner, invoke, tthc
from tthc_plan.cli import app, plain
from tthc_plan.store import files
from tthc_plan.store.plans import check_files
from tthc_plan.store.progress import read_progress_file

PROGRESS = Path("plans/progress/dak-rlap-kstthc-2024")
NHAN_CO = PROGRESS / "xa-nhan-co.yaml"
REF = "Số 05/KH-UBND ngày 08/01/2024"


@pytest.fixture
def workdir(plan_copy: Path) -> Path:
    """A copy of the shipped plan in a fresh git repository, as the current folder."""
    _git("init", "-q", "-b", "main")
    _git("add", "-A")
    _git("commit", "-q", "-m", "plan")
    return plan_copy


def _git(*args: str) -> str:
    result = subprocess.run(
        ["git", "-c", "user.email=t@example.org", "-c", "user.name=t", *args],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stderr + result.stdout
    return result.stdout


def test_done_for_one_commune(workdir: Path) -> None:
    code, out, _err = invoke(
        "done", "II.1", "--unit", "Xã Nhân Cơ", "--date", "08/01/2024", "--ref", REF,
        "--today", "2024-01-12",
    )  # fmt: skip
    assert code == 0
    assert out == (
        "Đã ghi II.1 «xong» ngày 08/01/2024 cho 1 đơn vị:\n"
        "  plans/progress/dak-rlap-kstthc-2024/xa-nhan-co.yaml\n"
    )
    assert NHAN_CO.read_text(encoding="utf-8") == (
        "# Tiến độ của «Xã Nhân Cơ» trong kế hoạch dak-rlap-kstthc-2024.\n"
        "# Ghi bằng «tthc done / start / reopen», hoặc sửa tay rồi chạy «tthc validate».\n"
        "# Mỗi mục «- task: ...» là một lần ghi. Không xóa mục cũ: muốn rút lại\n"
        "# việc đã ghi là xong, thêm mục «event: reopen» (tthc reopen).\n"
        "- task: II.1\n"
        "  event: done\n"
        "  date: 2024-01-08\n"
        "  ref: Số 05/KH-UBND ngày 08/01/2024\n"
    )
    code, out, _err = invoke("overdue", "--today", "2024-01-12", "--format", "json")
    late = {i["unit"] for i in json.loads(out)["items"] if i["task"] == "II.1"}
    assert len(late) == 20
    assert "Xã Nhân Cơ" not in late
    assert "Xã Quảng Tín" in late
    # git sees only added lines, in new files.
    _git("add", "-A")
    diff = _git("diff", "--cached", "--numstat")
    assert all(line.split("\t")[1] == "0" for line in diff.splitlines()), diff
    assert NHAN_CO.as_posix() in diff


def test_show_lists_who_finished_with_what_document(workdir: Path) -> None:
    invoke("done", "II.1", "--unit", "nhan co", "--date", "2024-01-08", "--ref", REF,
           "--today", "2024-01-12")  # fmt: skip
    invoke("done", "II.1", "--unit", "Xã Đắk Ru", "--date", "2024-01-11", "--today", "2024-01-12")
    code, out, _err = invoke("show", "II.1", "--today", "2024-01-12", "--format", "json")
    done = {i["unit"]: i for i in json.loads(out)["items"] if i["state"] == "done"}
    assert set(done) == {"Xã Nhân Cơ", "Xã Đắk Ru"}
    assert done["Xã Nhân Cơ"]["done"] == {
        "date": "2024-01-08",
        "ref": {
            "text": REF,
            "type": None,
            "number": "05",
            "symbol": "KH-UBND",
            "date": "2024-01-08",
            "issuer": None,
        },
        "note": None,
        "late": False,
        "correction": False,
    }
    assert (done["Xã Nhân Cơ"]["days_late"], done["Xã Đắk Ru"]["days_late"]) == (0, 2)
    assert done["Xã Đắk Ru"]["done"]["late"] is True
    code, out, _err = invoke("show", "II.1", "--today", "2024-01-12")
    assert code == 0
    assert [line.rstrip() for line in out.splitlines()[-8:]] == [
        "Đã xong (2)",
        "┏━━━━━━━━━━━━┳━━━━━━━━━┳━━━━━━━━━━━━┳━━━━━━━━━━━━┳━━━━━━━━━━━━━━━━━━━━━━━━━━━━━┓",
        "┃ Đơn vị     ┃ Vai trò ┃ Ngày xong  ┃ Ghi chú    ┃ Văn bản                     ┃",
        "┡━━━━━━━━━━━━╇━━━━━━━━━╇━━━━━━━━━━━━╇━━━━━━━━━━━━╇━━━━━━━━━━━━━━━━━━━━━━━━━━━━━┩",
        "│ Xã Đắk Ru  │ chủ trì │ 11/01/2024 │ trễ 2 ngày │                             │",
        "│ Xã Nhân Cơ │ chủ trì │ 08/01/2024 │            │ Số 05/KH-UBND ngày          │",
        "│            │         │            │            │ 08/01/2024                  │",
        "└────────────┴─────────┴────────────┴────────────┴─────────────────────────────┘",
    ]


def test_done_without_unit_records_for_the_one_lead(workdir: Path) -> None:
    code, out, _err = invoke("done", "II.2", "--date", "2024-01-14", "--today", "2024-01-15")
    assert code == 0
    assert out.splitlines()[0] == "Đã ghi II.2 «xong» ngày 14/01/2024 cho 1 đơn vị:"
    code, out, _err = invoke("done", "II.5", "--date", "2024-08-20", "--today", "2024-08-21")
    assert out.splitlines()[0] == "Đã ghi II.5 «xong» ngày 20/08/2024 cho 1 đơn vị:"
    assert sorted(p.name for p in PROGRESS.glob("*.yaml")) == ["vp-hdnd-ubnd.yaml"]


def test_group_and_period(workdir: Path) -> None:
    code, out, err = invoke(
        "done", "XI.1", "--unit", "UBND các xã, thị trấn", "--today", "2024-03-20"
    )
    assert code == 2
    assert err.startswith(
        "Lỗi: XI.1 có nhiều kỳ; chọn một bằng --period: 2024-Q1, 2024-Q2, 2024-Q3, 2024-Q4, 2024."
    )
    code, out, err = invoke(
        "done", "XI.1", "--unit", "UBND các xã, thị trấn", "--period", "2024-Q1",
        "--date", "2024-03-15", "--today", "2024-03-20",
    )  # fmt: skip
    assert code == 0
    assert out.splitlines()[0] == "Đã ghi XI.1 (2024-Q1) «xong» ngày 15/03/2024 cho 11 đơn vị:"
    code, out, _err = invoke(
        "status", "--unit", "Xã Đắk Wer", "--today", "2024-03-20", "--format", "json"
    )
    states = {(i["task"], i["period"]): i["state"] for i in json.loads(out)["items"]}
    assert states[("XI.1", "2024-Q1")] == "done"
    assert states[("XI.1", "2024-Q2")] == "not_started"


def test_start_then_reopen_keeps_history(workdir: Path) -> None:
    invoke(
        "start", "II.3", "--unit", "Phòng Tư pháp", "--date", "2024-01-20", "--today", "2024-01-22"
    )
    code, out, _err = invoke("show", "II.3", "--today", "2024-01-22", "--format", "json")
    tu_phap = next(i for i in json.loads(out)["items"] if i["unit"] == "Phòng Tư pháp")
    assert (tu_phap["state"], tu_phap["started"]) == ("in_progress", "2024-01-20")
    invoke(
        "done", "II.3", "--unit", "Phòng Tư pháp", "--date", "2024-06-01", "--today", "2024-06-02"
    )
    code, out, err = invoke(
        "reopen", "II.3", "--unit", "Phòng Tư pháp", "--date", "2024-06-03",
        "--note", "thiếu biên bản", "--today", "2024-06-03",
    )  # fmt: skip
    assert code == 0, err
    text = (PROGRESS / "phong-tu-phap.yaml").read_text(encoding="utf-8")
    assert text.count("- task: II.3") == 3
    assert text.endswith(
        "- task: II.3\n  event: reopen\n  date: 2024-06-03\n  note: thiếu biên bản\n"
    )
    code, out, _err = invoke("show", "II.3", "--today", "2024-06-04", "--format", "json")
    tu_phap = next(i for i in json.loads(out)["items"] if i["unit"] == "Phòng Tư pháp")
    assert (tu_phap["state"], tu_phap["done"]) == ("in_progress", None)
    code, _out, err = invoke("reopen", "II.3", "--unit", "Phòng Tư pháp", "--today", "2024-06-04")
    assert code == 2
    assert err.startswith("Lỗi: Không có gì để mở lại: II.3 chưa được ghi là xong")


def test_views_as_of_an_earlier_day_leave_later_records_out(workdir: Path) -> None:
    invoke("done", "II.1", "--unit", "Xã Nhân Cơ", "--date", "2024-01-20", "--today", "2024-01-22")
    code, out, _err = invoke("show", "II.1", "--today", "2024-01-12", "--format", "json")
    nhan_co = next(i for i in json.loads(out)["items"] if i["unit"] == "Xã Nhân Cơ")
    assert nhan_co["state"] == "overdue"
    code, out, _err = invoke("show", "II.1", "--today", "2024-01-22", "--format", "json")
    assert code == 0
    nhan_co = next(i for i in json.loads(out)["items"] if i["unit"] == "Xã Nhân Cơ")
    assert (nhan_co["state"], nhan_co["days_late"]) == ("done", 11)


@pytest.mark.parametrize(
    ("args", "code", "message"),
    [
        (
            ["done", "II.1", "--unit", "Thanh tra huyện"],
            2,
            "Lỗi: «Thanh tra huyện» không chủ trì cũng không phối hợp nhiệm vụ II.1.",
        ),
        (["done", "II.9"], 2, "Lỗi: Không có nhiệm vụ nào mã «II.9»."),
        (
            ["done", "II.1", "--date", "30/02/2024"],
            2,
            "Lỗi: Ngày «30/02/2024» (--date) không có thật trên lịch.",
        ),
        (["done", "XI.1", "--period", "2024-Q5"], 2, "Lỗi: XI.1 không có kỳ «2024-Q5»; các kỳ:"),
        (
            ["done", "II.1", "--unit", "Xã Nhân Cơ", "--date", "2024-02-01"],
            2,
            "Lỗi: Ngày 01/02/2024 còn ở tương lai (hôm nay 12/01/2024): kiểm tra lại --date.",
        ),
        (
            ["done", "II.1", "--unit", "Xã Nhân Cơ", "--ref", "Số 1/KH ngày 31/02/2024"],
            1,
            "Lỗi: Không ghi vì kết quả sẽ có lỗi:\n"
            "plans/progress/dak-rlap-kstthc-2024/xa-nhan-co.yaml:8:8: INVALID_VALUE",
        ),
    ],
)
def test_refused_writes_change_nothing(
    workdir: Path, args: list[str], code: int, message: str
) -> None:
    result = TthcRunner().invoke(app, [*args, "--today", "2024-01-12"])
    assert result.exit_code == code
    assert result.stderr.startswith(message)
    assert not PROGRESS.exists() or not list(PROGRESS.glob("*.yaml"))


def test_dry_run_prints_the_diff_and_writes_nothing(workdir: Path) -> None:
    code, out, _err = invoke(
        "done", "II.1", "--unit", "Xã Nhân Cơ", "--date", "08/01/2024", "--today", "2024-01-12",
        "--dry-run",
    )  # fmt: skip
    assert code == 0
    assert out.startswith(
        "--- a/plans/progress/dak-rlap-kstthc-2024/xa-nhan-co.yaml\n"
        "+++ b/plans/progress/dak-rlap-kstthc-2024/xa-nhan-co.yaml\n"
        "@@ -0,0 +1,7 @@\n"
        "+# Tiến độ của «Xã Nhân Cơ» trong kế hoạch dak-rlap-kstthc-2024.\n"
    )
    assert out.endswith(
        "+- task: II.1\n+  event: done\n+  date: 2024-01-08\n"
        "Chạy thử: sẽ ghi II.1 «xong» ngày 08/01/2024 cho 1 đơn vị; chưa ghi gì.\n"
    )
    assert not PROGRESS.exists()


HAND_WRITTEN = (
    "\ufeff# Sổ theo dõi của Xã Nhân Cơ   \r\n"
    "#   (ghi tay, đừng xóa dòng này)\r\n"
    "\r\n"
    "- task: 'II.1'    # nháy đơn giữ nguyên\r\n"
    '  event: "done"\r\n'
    "  date: 08/01/2024\r\n"
    "  ref: >-\r\n"
    "    Số 05/KH-UBND ngày 08/01/2024\r\n"
    "  # một chú thích thụt lề lạ\r\n"
    "  note: |\r\n"
    "    dòng một\r\n"
    "    dòng hai\r\n"
    "# chú thích cuối tệp, không có dòng mới ở cuối"
)


def test_append_keeps_every_byte_of_a_hand_written_file(workdir: Path) -> None:
    PROGRESS.mkdir(parents=True)
    NHAN_CO.write_bytes(HAND_WRITTEN.encode("utf-8"))
    code, _out, err = invoke(
        "done", "II.3", "--unit", "Xã Nhân Cơ", "--date", "2024-06-20", "--today", "2024-06-21"
    )
    assert code == 0, err
    after = NHAN_CO.read_bytes()
    assert after == (
        HAND_WRITTEN + "\r\n- task: II.3\r\n  event: done\r\n  date: 2024-06-20\r\n"
    ).encode("utf-8")
    progress_file, problems = read_progress_file(NHAN_CO)
    assert problems == []
    assert progress_file is not None
    assert [e.record.task for e in progress_file.entries] == ["II.1", "II.3"]
    assert progress_file.entries[0].record.note == "dòng một\ndòng hai"


def test_two_units_on_two_branches_merge_without_conflict(workdir: Path) -> None:
    _git("checkout", "-q", "-b", "xa")
    assert invoke("done", "II.1", "--unit", "Xã Nhân Cơ", "--date", "2024-01-08",
                  "--today", "2024-01-12")[0] == 0  # fmt: skip
    _git("add", "-A")
    _git("commit", "-q", "-m", "Nhân Cơ")
    _git("checkout", "-q", "main")
    _git("checkout", "-q", "-b", "phong")
    assert invoke("done", "II.1", "--unit", "Phòng Tư pháp", "--date", "2024-01-09",
                  "--today", "2024-01-12")[0] == 0  # fmt: skip
    _git("add", "-A")
    _git("commit", "-q", "-m", "Tư pháp")
    _git("merge", "-q", "--no-edit", "xa")
    assert sorted(p.name for p in PROGRESS.glob("*.yaml")) == [
        "phong-tu-phap.yaml",
        "xa-nhan-co.yaml",
    ]
    assert check_files([Path("plans")], today=date(2024, 1, 12)) == []
    code, out, _err = invoke("show", "II.1", "--today", "2024-01-12", "--format", "json")
    assert code == 0
    assert {i["unit"] for i in json.loads(out)["items"] if i["state"] == "done"} == {
        "Xã Nhân Cơ",
        "Phòng Tư pháp",
    }


def test_one_unit_on_two_branches_merges_with_the_union_driver(workdir: Path) -> None:
    assert invoke("done", "II.2", "--unit", "Xã Nhân Cơ", "--date", "2024-01-02",
                  "--today", "2024-01-12")[0] == 2  # fmt: skip
    assert invoke("start", "II.3", "--unit", "Xã Nhân Cơ", "--date", "2024-01-02",
                  "--today", "2024-01-12")[0] == 0  # fmt: skip
    _git("add", "-A")
    _git("commit", "-q", "-m", "first record")
    _git("checkout", "-q", "-b", "other")
    invoke("done", "II.1", "--unit", "Xã Nhân Cơ", "--date", "2024-01-08", "--today", "2024-01-12")
    _git("commit", "-q", "-am", "II.1")
    _git("checkout", "-q", "main")
    invoke("done", "IV.2", "--unit", "Xã Nhân Cơ", "--date", "2024-01-10", "--today", "2024-01-12")
    _git("commit", "-q", "-am", "IV.2")
    _git("merge", "-q", "--no-edit", "other")
    progress_file, problems = read_progress_file(NHAN_CO)
    assert problems == []
    assert progress_file is not None
    assert sorted(e.record.task for e in progress_file.entries) == ["II.1", "II.3", "IV.2"]


def test_hand_edited_errors_with_line_numbers(workdir: Path) -> None:
    PROGRESS.mkdir(parents=True)
    NHAN_CO.write_text(
        textwrap.dedent(
            """\
            # sửa tay
            - task: II.9
              date: 2024-01-08
            - task: I.2
              date: 2024-01-08
            - task: XI.1
              date: 2024-01-20
            - task: XI.1
              period: 2024-Q7
              date: 2024-01-20
            - task: II.1
              date: 2024-03-01
            - task: II.3
              event: start
              date: 2023-12-20
            - task: II.3
              event: reopen
              date: 2024-01-09
            - task: II.1
              event: finished
              date: 2024-01-09
            """
        ),
        encoding="utf-8",
    )
    (PROGRESS / "xa-khong-co.yaml").write_text(
        "- task: II.1\n  date: 2024-01-08\n", encoding="utf-8"
    )
    found = check_files([Path("plans")], today=date(2024, 2, 1))
    progress = [(Path(p.path).name, p.line, p.col, p.severity.value, p.code) for p in found]
    assert [row for row in progress if row[0] != "2024.yaml"] == [
        ("xa-khong-co.yaml", 1, 1, "error", "UNKNOWN_UNIT"),
        ("xa-nhan-co.yaml", 20, 10, "error", "INVALID_VALUE"),
    ]
    NHAN_CO.write_text(
        NHAN_CO.read_text(encoding="utf-8").replace("finished", "done"), encoding="utf-8"
    )
    found = check_files([Path("plans")], today=date(2024, 2, 1))
    progress = [(Path(p.path).name, p.line, p.col, p.severity.value, p.code) for p in found]
    assert [row for row in progress if row[0] != "2024.yaml"] == [
        ("xa-khong-co.yaml", 1, 1, "error", "UNKNOWN_UNIT"),
        ("xa-nhan-co.yaml", 2, 9, "error", "UNKNOWN_TASK"),
        ("xa-nhan-co.yaml", 4, 9, "error", "NOT_RESPONSIBLE"),
        ("xa-nhan-co.yaml", 6, 9, "error", "UNKNOWN_PERIOD"),
        ("xa-nhan-co.yaml", 9, 11, "error", "UNKNOWN_PERIOD"),
        ("xa-nhan-co.yaml", 12, 9, "error", "FUTURE_DATE"),
        ("xa-nhan-co.yaml", 15, 9, "warning", "DONE_BEFORE_ISSUE"),
        ("xa-nhan-co.yaml", 17, 10, "warning", "NOTHING_TO_REOPEN"),
        ("xa-nhan-co.yaml", 20, 10, "warning", "DUPLICATE_RECORD"),  # II.1 done twice
    ]
    messages = {(Path(p.path).name, p.line): p.message for p in found}
    assert messages[("xa-nhan-co.yaml", 4)] == (
        "«Xã Nhân Cơ» không chủ trì cũng không phối hợp nhiệm vụ I.2."
    )
    assert messages[("xa-nhan-co.yaml", 9)] == (
        "XI.1 không có kỳ «2024-Q7»; các kỳ: 2024-Q1, 2024-Q2, 2024-Q3, 2024-Q4, 2024."
    )
    # pre-commit passes only the changed file: it is checked against its plan.
    alone = check_files([NHAN_CO], today=date(2024, 2, 1))
    assert [(p.line, p.code) for p in alone][:2] == [(2, "UNKNOWN_TASK"), (4, "NOT_RESPONSIBLE")]
    # views refuse a broken log, and say where to look.
    code, _out, err = invoke("status", "--today", "2024-02-01")
    assert code == 1
    # (views read "as of" a day, so they do not count the date in the future)
    assert err.startswith("Lỗi: Tệp kế hoạch có 5 lỗi, ví dụ plans/progress/")


WRITER = """
import sys
from datetime import date, timedelta
from pathlib import Path
from tthc_plan.store.edit import make_request, record
from tthc_plan.core.model import ProgressEvent
from tthc_plan.store.plans import load_valid

path = Path("plans/2024.yaml")
checked = load_valid(path)
task = next(t for t in checked.plan.tasks() if t.id == "XI.1")
unit = checked.registry.resolve(sys.argv[1])
for n in range(int(sys.argv[2])):
    request = make_request(checked, task, unit=unit, period="2024-Q1",
                           event=ProgressEvent.START, on=date(2024, 1, 1) + timedelta(days=n % 60))
    record(path, checked, request, today=date(2024, 12, 31))
    print(n, flush=True)
"""


def _count_records(path: Path) -> int:
    progress_file, problems = read_progress_file(path)
    assert problems == [], problems
    assert progress_file is not None
    return len(progress_file.entries)


@pytest.mark.slow
def test_a_killed_writer_leaves_a_whole_file(plan_copy: Path) -> None:
    """One real kill (SIGKILL) of a writer recording one record after another: the file loads,
    with whole records. Each step of a write is stopped in turn by the test below."""
    script = plan_copy / "writer.py"
    script.write_text(WRITER, encoding="utf-8")
    writer = subprocess.Popen(
        [sys.executable, str(script), "Xã Nhân Cơ", "1000"], stdout=subprocess.PIPE, text=True
    )
    try:
        assert writer.stdout is not None
        written = [writer.stdout.readline() for _ in range(5)]  # then killed in the sixth
    finally:
        writer.kill()
        writer.wait()
        if writer.stdout is not None:
            writer.stdout.close()
    assert written == ["0\n", "1\n", "2\n", "3\n", "4\n"]
    assert _count_records(NHAN_CO) in {5, 6}
    leftovers = [p.name for p in PROGRESS.iterdir() if p.name.endswith(".yaml") and p != NHAN_CO]
    assert leftovers == []


# A write stopped at each of its steps in turn: what a kill or a failure there leaves.


def _on_disk(root: Path) -> dict[str, bytes]:
    """Return every file under plans/ (the plan, the records, anything left beside them)."""
    return {
        path.relative_to(root).as_posix(): path.read_bytes()
        for path in sorted((root / "plans").rglob("*"))
        if path.is_file()
    }


def _put_back(root: Path, files: dict[str, bytes]) -> None:
    shutil.rmtree(root / "plans")
    for name, data in files.items():
        (root / name).parent.mkdir(parents=True, exist_ok=True)
        (root / name).write_bytes(data)


class _InjectedError(OSError):
    """The failure of one step of a write, as a disk can fail (EIO)."""


class _Steps:
    """Count the write steps of tthc_plan.store.files; at step `stop`, look and fail.

    `left` keeps what is on disk under `root` at that moment (what a kill
    there would leave); then the step fails, and tthc's own clean-up runs.
    """

    def __init__(self, root: Path, stop: int | None = None) -> None:
        self.root = root
        self.stop = stop
        self.names: list[str] = []
        self.left: dict[str, bytes] | None = None

    def step(self, name: str, torn: Callable[[], object] | None = None) -> None:
        self.names.append(name)
        if len(self.names) - 1 == self.stop:
            if torn is not None:
                torn()  # a kill in the middle of a write leaves part of it
            self.left = _on_disk(self.root)
            raise _InjectedError(errno.EIO, f"Input/output error at {name}")


class _SteppedFile:
    """A file opened by os.fdopen whose write, flush and close are steps."""

    def __init__(self, real: IO[bytes], steps: _Steps) -> None:
        self._real = real
        self._steps = steps

    def write(self, data: bytes) -> int:
        def half() -> None:
            self._real.write(data[: len(data) // 2])
            self._real.flush()

        self._steps.step("write", torn=half)
        return self._real.write(data)

    def flush(self) -> None:
        self._steps.step("flush")
        self._real.flush()

    def fileno(self) -> int:
        return self._real.fileno()

    def __enter__(self) -> _SteppedFile:
        return self

    def __exit__(self, kind: object, *_rest: object) -> None:
        self._real.close()
        if kind is None:
            self._steps.step("close")


class _SteppedOs:
    """The os module as tthc_plan.store.files sees it: each call that writes is a step.

    Opening to read (without blocking) is not one: a file that cannot be read
    is tested on its own (test_broken_plans.py).
    """

    def __init__(self, steps: _Steps) -> None:
        self._steps = steps

    def __getattr__(self, name: str) -> object:
        return getattr(os, name)

    def open(self, path: str | Path, flags: int, mode: int = 0o777) -> int:
        if not flags & getattr(os, "O_NONBLOCK", 0):
            self._steps.step("open")
        return os.open(path, flags, mode)

    def fdopen(self, descriptor: int, mode: str) -> _SteppedFile:
        return _SteppedFile(os.fdopen(descriptor, mode), self._steps)

    def fsync(self, descriptor: int) -> None:
        self._steps.step("fsync")
        os.fsync(descriptor)

    def replace(self, source: Path, target: Path) -> None:
        self._steps.step("replace")
        os.replace(source, target)

    def close(self, descriptor: int) -> None:
        os.close(descriptor)  # closed, then reported failed: no descriptor is left open
        self._steps.step("close")


TARGET = "so-hoa-tang-hang-nam"
FIRST_RECORD = ["done", "II.1", "--unit", "Xã Nhân Cơ", "--date", "2024-01-08"]
WRITES = {
    # A plan's first record: .gitattributes, .gitignore, then the unit's file.
    "first-record": FIRST_RECORD,
    # The others after it: one file each, replaced whole.
    "appended-record": ["start", "II.3", "--unit", "Xã Nhân Cơ", "--date", "2024-02-02"],
    "measured-value": ["target", "record", TARGET, "--value", "20", "--period", "2024"],
    "closed-plan": ["close", "dak-rlap-kstthc-2024"],
}


@pytest.mark.parametrize("write", sorted(WRITES))
def test_a_write_stopped_at_any_step_leaves_each_file_old_or_new(
    plan_copy: Path, monkeypatch: pytest.MonkeyPatch, write: str
) -> None:
    """Each write step of a command fails in turn. What is on disk at that moment (what a
    kill there would leave) and after tthc's clean-up holds each file whole, old or new."""
    if write != "first-record":
        assert invoke(*FIRST_RECORD, "--today", "2024-03-01")[0] == 0
    before = _on_disk(plan_copy)
    counting = _Steps(plan_copy)
    monkeypatch.setattr(files, "os", _SteppedOs(counting))
    code, _out, err = invoke(*WRITES[write], "--today", "2024-03-01")
    assert code == 0, err
    after = _on_disk(plan_copy)
    changed = {name for name in before.keys() | after.keys() if before.get(name) != after.get(name)}
    assert changed
    assert check_files([Path("plans")], today=date(2024, 3, 1)) == []
    assert counting.names.count("replace") == len(changed - {f"{PROGRESS}/.tthc.lock"})

    def whole(files: dict[str, bytes], moment: str) -> None:
        for name in before.keys() | after.keys():
            if not name.endswith("/.tthc.lock"):
                assert files.get(name) in {before.get(name), after.get(name)}, (moment, name)
        others = files.keys() - before.keys() - after.keys() - {f"{PROGRESS}/.tthc.lock"}
        assert all(name.endswith(".tmp") for name in others), (moment, others)  # never read

    torn = 0
    for stop, name in enumerate(counting.names):
        moment = f"step {stop} ({name})"
        _put_back(plan_copy, before)
        steps = _Steps(plan_copy, stop)
        monkeypatch.setattr(files, "os", _SteppedOs(steps))
        code, _out, err = invoke(*WRITES[write], "--today", "2024-03-01")
        assert steps.names[: stop + 1] == counting.names[: stop + 1], moment
        assert steps.left is not None, moment
        whole(steps.left, f"killed at {moment}")
        torn += any(n.endswith(".tmp") and d not in after.values() for n, d in steps.left.items())
        assert code == 3, (moment, err)
        assert err.startswith("Lỗi: Không ghi được"), (moment, err)
        left = _on_disk(plan_copy)
        whole(left, f"failed at {moment}")
        assert not [n for n in left if n.endswith(".tmp")], moment  # cleaned up
    assert torn  # a half-written temporary file was on disk, and no file was read from it


def test_two_writers_at_once_both_get_recorded(workdir: Path) -> None:
    script = workdir / "writer.py"
    script.write_text(WRITER, encoding="utf-8")
    writers = [
        subprocess.Popen(
            [sys.executable, str(script), "Xã Nhân Cơ", "15"], stdout=subprocess.DEVNULL
        )
        for _ in range(2)
    ]
    for writer in writers:
        assert writer.wait(timeout=120) == 0
    assert _count_records(NHAN_CO) == 30


def test_lock_held_elsewhere_gives_a_clear_error(
    workdir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr("tthc_plan.store.edit.LOCK_TIMEOUT_SECONDS", 0.2)
    PROGRESS.mkdir(parents=True)
    holder = subprocess.Popen(
        [
            sys.executable,
            "-c",
            "import sys, time; from filelock import FileLock\n"
            "with FileLock(sys.argv[1]):\n    print('held', flush=True); time.sleep(30)",
            str(PROGRESS / ".tthc.lock"),
        ],
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert holder.stdout is not None
        assert holder.stdout.readline() == "held\n"
        code, _out, err = invoke("done", "II.2", "--date", "2024-01-10", "--today", "2024-01-12")
    finally:
        holder.kill()
        holder.wait()
        if holder.stdout is not None:
            holder.stdout.close()
    assert code == 3
    assert err == (
        "Lỗi: Đang có người khác ghi tiến độ vào «plans/progress/dak-rlap-kstthc-2024» "
        "(khóa .tthc.lock). Thử lại sau ít phút; nếu chắc không ai đang ghi, xóa tệp khóa.\n"
    )
    assert not (PROGRESS / "vp-hdnd-ubnd.yaml").exists()


@pytest.mark.skipif(os.name != "posix" or os.geteuid() == 0, reason="root ignores permissions")
def test_read_only_folder(workdir: Path) -> None:
    PROGRESS.mkdir(parents=True)
    PROGRESS.chmod(0o555)
    try:
        code, _out, err = invoke("done", "II.2", "--date", "2024-01-10", "--today", "2024-01-12")
    finally:
        PROGRESS.chmod(0o755)
    assert code == 3
    assert "không có quyền ghi" in err


def test_read_only_file_or_folder_reported_clearly(
    workdir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Whatever the user running the tests may do, a refused write says so plainly."""
    PROGRESS.mkdir(parents=True)
    NHAN_CO.write_text("- task: II.3\n  event: start\n  date: 2024-02-02\n", encoding="utf-8")
    monkeypatch.setattr("tthc_plan.store.files.os.access", lambda _path, _mode: False)
    code, _out, err = invoke("done", "II.1", "--unit", "Xã Nhân Cơ", "--today", "2024-03-12")
    assert code == 3
    assert err == (
        "Lỗi: Tệp «plans/progress/dak-rlap-kstthc-2024/xa-nhan-co.yaml» chỉ cho đọc, "
        "không ghi được.\n"
    )
    assert (
        NHAN_CO.read_text(encoding="utf-8") == "- task: II.3\n  event: start\n  date: 2024-02-02\n"
    )


def test_full_disk_leaves_the_old_file_and_says_so(
    workdir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    code, _out, _err = invoke(
        "start", "II.3", "--unit", "Xã Nhân Cơ", "--date", "2024-02-02", "--today", "2024-02-02"
    )
    assert code == 0
    before = NHAN_CO.read_bytes()
    real_fsync = os.fsync

    def full(descriptor: int) -> None:
        if os.path.basename(os.readlink(f"/proc/self/fd/{descriptor}")).endswith(".tmp"):
            raise OSError(28, "No space left on device")
        real_fsync(descriptor)

    if not Path("/proc/self/fd").exists():
        pytest.skip("needs /proc to tell the temporary file's descriptor")
    monkeypatch.setattr("tthc_plan.store.files.os.fsync", full)
    code, _out, err = invoke("done", "II.1", "--unit", "Xã Nhân Cơ", "--today", "2024-03-12")
    assert code == 3
    assert err == (
        "Lỗi: Không ghi được «plans/progress/dak-rlap-kstthc-2024/xa-nhan-co.yaml»: "
        "No space left on device. Tệp cũ vẫn nguyên vẹn.\n"
    )
    assert NHAN_CO.read_bytes() == before
    assert [p.name for p in PROGRESS.iterdir() if p.name.endswith(".tmp")] == []


def test_a_lock_file_left_by_a_killed_writer_does_not_block(plan_copy_with: PlanCopy) -> None:
    plans = plan_copy_with(today="2024-01-12")
    (plans / PROGRESS).mkdir(parents=True)
    (plans / PROGRESS / ".tthc.lock").write_text("", encoding="utf-8")
    done = tthc("done", "II.2", "--date", "2024-01-10")
    assert done.exit_code == 0, done.stderr
    assert (plans / PROGRESS / "vp-hdnd-ubnd.yaml").is_file()


def test_a_change_on_disk_between_load_and_write_is_not_lost(
    plan_copy: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Another writer appends after this command has loaded the plan: both records stay."""

    progress = plan_copy / "plans" / "progress" / "dak-rlap-kstthc-2024" / "xa-nhan-co.yaml"
    real = plain.open_workspace

    def load_then_someone_writes(*args: object) -> object:
        space = real(*args)  # type: ignore[arg-type]
        progress.parent.mkdir(parents=True, exist_ok=True)
        progress.write_text("- task: II.3\n  event: start\n  date: 2024-02-02\n", "utf-8")
        return space

    monkeypatch.setattr(plain, "open_workspace", load_then_someone_writes)
    monkeypatch.setattr("tthc_plan.cli.record.open_workspace", load_then_someone_writes)
    result = TthcRunner().invoke(
        app,
        ["done", "II.1", "--unit", "Xã Nhân Cơ", "--date", "2024-01-08", "--today", "2024-03-01"],
    )
    assert result.exit_code == 0, result.output
    assert progress.read_text("utf-8") == (
        "- task: II.3\n  event: start\n  date: 2024-02-02\n"
        "- task: II.1\n  event: done\n  date: 2024-01-08\n"
    )
