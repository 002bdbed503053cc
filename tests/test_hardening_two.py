"""What the second outside review broke (issue 20): each attack, and that it now holds.

Most attacks run in this process (the runner). A fresh process is started only
where it is the point: input that could crash the interpreter (a segmentation
fault would end the test run, not fail one test), read without end or hang,
and what reaches the terminal through the real entry point.
"""

from __future__ import annotations

import json
import os
import re
import stat
import subprocess
import sys
from pathlib import Path

import msgspec
import pytest
from click.testing import Result
from typer.testing import CliRunner

from tests.conftest import PLAN_2024
from tthc_plan.cli import app
from tthc_plan.store import cache as store_cache

PROGRESS = Path("plans") / "progress" / "dak-rlap-kstthc-2024"


def _tthc_process(
    cwd: Path, *args: str, cache: Path | None = None
) -> subprocess.CompletedProcess[str]:
    """Run tthc in a fresh process: a crash (a signal) must show as one, not kill the tests."""
    env = os.environ | {"TTHC_TODAY": "2024-01-12"}
    if cache is not None:
        env["TTHC_CACHE_DIR"] = str(cache)
    env.pop("TTHC_NO_CACHE", None)
    return subprocess.run(
        [sys.executable, "-m", "tthc_plan", *args],
        cwd=cwd, env=env, capture_output=True, text=True, timeout=60, check=False,
    )  # fmt: skip


def _tthc(*args: str, cache: Path | None = None) -> Result:
    """Run tthc in this process on 12/01/2024; an exception (a traceback) fails the test."""
    env = {"TTHC_TODAY": "2024-01-12"}
    if cache is not None:
        env["TTHC_CACHE_DIR"] = str(cache)
    result = CliRunner().invoke(app, list(args), env=env)
    if result.exception is not None and not isinstance(result.exception, SystemExit):
        raise result.exception
    return result


@pytest.fixture
def plans(plan_copy: Path) -> Path:
    return plan_copy


@pytest.mark.parametrize(
    "text",
    [
        "- " + "[" * 30_000 + "]" * 30_000,
        "- " + "[" * 100_000 + "]" * 100_000,
        "- " + "{" * 1_000_000 + "}" * 1_000_000,
        "- " * 100_000 + "x",
    ],
    ids=["30k-flow", "100k-flow", "1M-flow", "100k-block"],
)
@pytest.mark.parametrize("where", ["plan", "progress"])
def test_any_depth_of_nesting_is_a_located_error(plans: Path, text: str, where: str) -> None:
    if where == "plan":
        target = plans / "plans" / "deep.yaml"
    else:
        (plans / PROGRESS).mkdir(parents=True)
        target = plans / PROGRESS / "xa-nhan-co.yaml"
    target.write_text(text + "\n", encoding="utf-8")
    done = _tthc_process(plans, "validate", "-f", "concise", "plans/", cache=plans / "cache")
    assert done.returncode == 1, done.stderr[-500:]
    relative = target.relative_to(plans).as_posix()
    assert f"{relative}:1:" in done.stdout
    assert "YAML_SYNTAX Tệp lồng nhau quá sâu" in done.stdout
    assert "Traceback" not in done.stderr


def test_a_link_to_a_device_is_refused_not_read(plans: Path) -> None:
    """In a fresh process: were it read, /dev/zero would fill the memory of the test run."""
    (plans / PROGRESS).mkdir(parents=True)
    (plans / PROGRESS / "xa-nhan-co.yaml").symlink_to("/dev/zero")
    for args in (["status"], ["--no-cache", "status"], ["validate"]):
        done = _tthc_process(plans, *args, cache=plans / "cache")
        assert done.returncode == 3, args
        assert done.stderr == (
            f"Lỗi: «{(PROGRESS / 'xa-nhan-co.yaml').as_posix()}» không phải là một tệp thường "
            "(thiết bị, ống dẫn hay liên kết tới chúng): không đọc.\n"
        )


def _plan_entry(cache: Path) -> Path:
    """Return the cache entry of the plan file (a checked plan, its registry, its phrases)."""
    entries = []
    for path in cache.glob("*.msgpack"):
        data = msgspec.msgpack.decode(path.read_bytes())
        if isinstance(data, list) and data and isinstance(data[0], dict) and "plan" in data[0]:
            entries.append(path)
    assert len(entries) == 1
    return entries[0]


def test_a_rewritten_cache_entry_is_dropped_and_rebuilt(plans: Path) -> None:
    cache = plans / "cache"
    assert _tthc("validate", cache=cache).exit_code == 0
    entry = _plan_entry(cache)
    data = msgspec.msgpack.decode(entry.read_bytes())
    data[0]["plan"]["id"] = "../../x"  # the plan id names the progress folder
    entry.write_bytes(msgspec.msgpack.encode(data))
    done = _tthc("done", "II.2", "--date", "2024-01-10", cache=cache)
    assert done.exit_code == 0, done.stderr
    assert (plans / PROGRESS / "vp-hdnd-ubnd.yaml").is_file()
    assert not (plans.parent / "x").exists()
    data = msgspec.msgpack.decode(_plan_entry(cache).read_bytes())
    assert data[0]["plan"]["id"] == "dak-rlap-kstthc-2024"  # rebuilt from the file


def test_a_cache_entry_naming_an_unknown_unit_is_dropped(plans: Path) -> None:
    cache = plans / "cache"
    assert _tthc("validate", cache=cache).exit_code == 0
    entry = _plan_entry(cache)
    data = msgspec.msgpack.decode(entry.read_bytes())
    registry = data[2]
    key = next(iter(registry[0]))
    registry[0][key] = ["khong-co"]
    entry.write_bytes(msgspec.msgpack.encode(data))
    for _ in range(2):
        done = _tthc("overdue", cache=cache)
        assert done.exit_code == 0, done.stderr
        assert "Việc quá hạn" in done.stdout


def test_a_link_at_the_old_temporary_name_is_not_written_through(
    plans: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = plans / "cache"
    folder.mkdir()
    victim = plans / "victim.txt"
    victim.write_text("nguyên vẹn", encoding="utf-8")
    monkeypatch.setenv("TTHC_CACHE_DIR", str(folder))
    name = "0" * 64
    (folder / f"{name}.{os.getpid()}.tmp").symlink_to(victim)
    store_cache.store(name, ["một"], store_cache.Codec[list[str]]("words", list[str]))
    assert victim.read_text(encoding="utf-8") == "nguyên vẹn"
    assert store_cache.load(name, store_cache.Codec[list[str]]("words", list[str])) == ["một"]


def test_a_cache_folder_others_may_write_is_not_used(plans: Path) -> None:
    cache = plans / "cache"
    cache.mkdir()
    cache.chmod(cache.stat().st_mode | stat.S_IWOTH)
    done = _tthc("overdue", cache=cache)
    assert done.exit_code == 0
    assert done.stderr == (
        f"Không dùng bộ nhớ đệm «{cache}» (người khác cũng ghi được); "
        "các tệp được đọc lại từ đầu.\n"
    )
    assert list(cache.iterdir()) == []


def test_a_cache_folder_that_is_a_file_is_no_error(plans: Path) -> None:
    cache = plans / "cache"
    cache.write_text("không phải thư mục", encoding="utf-8")
    done = _tthc("overdue", cache=cache)
    assert done.exit_code == 0
    assert done.stderr == (
        f"Không dùng bộ nhớ đệm «{cache}» (không phải là thư mục); các tệp được đọc lại từ đầu.\n"
    )


FORMULAS = ['=HYPERLINK("http://x","y")', "=cmd|' /C calc'!A0", "+1+1", "-2+3", "@SUM(A1)"]


@pytest.mark.parametrize("formula", FORMULAS)
def test_a_formula_in_a_reference_stays_text_in_xlsx_and_csv(plans: Path, formula: str) -> None:
    from openpyxl import load_workbook  # noqa: PLC0415

    done = _tthc("done", "II.2", "--date", "2024-01-10", "--ref", formula)
    assert done.exit_code == 0, done.stderr
    assert _tthc("export", "xlsx", "-o", "out.xlsx").exit_code == 0
    workbook = load_workbook(plans / "out.xlsx")
    cells = [c for sheet in workbook for row in sheet.iter_rows() for c in row]
    written = [c for c in cells if c.value == formula]
    assert written, "the reference is in the workbook, as written"
    assert {c.data_type for c in written} == {"s"}
    assert not [c for c in cells if c.data_type == "f"]
    status = ["status", "--unit", "Văn phòng HĐND", "--format", "csv"]
    _assert_csv_holds_it_as_text(_tthc(*status).stdout, formula)
    plan = plans / "plans" / "2024.yaml"  # a title written so by whoever edits the plan
    text = plan.read_text(encoding="utf-8")
    plan.write_text(
        text.replace(
            "        title: Tổng hợp Kế hoạch rà soát", f"        title: {json.dumps(formula)} #", 1
        ),
        encoding="utf-8",
    )
    annex = _tthc("export", "csv").stdout
    _assert_csv_holds_it_as_text(annex, formula)
    assert f"'{formula}".replace('"', '""') in annex  # the title's cell, marked as text


def _assert_csv_holds_it_as_text(text: str, formula: str) -> None:
    import csv  # noqa: PLC0415
    import io  # noqa: PLC0415

    values = [value for row in csv.reader(io.StringIO(text.lstrip("\ufeff"))) for value in row]
    assert any(formula in value for value in values)  # kept
    starts = ("=", "+", "-", "@", "\t", "\r")
    numbers = re.compile(r"-?\d+(?:\.\d+)?")  # numbers stay numbers (days left: -12)
    risky = [v for v in values if v.startswith(starts) and not numbers.fullmatch(v)]
    assert risky == []


def test_a_line_break_in_a_unit_name_cannot_forge_a_record(plans: Path) -> None:
    plan = plans / "plans" / "2024.yaml"
    text = plan.read_text(encoding="utf-8").replace(
        "    name: Xã Nhân Cơ\n",
        '    name: "Xã Nhân Cơ\\n- task: II.1\\n  event: done\\n  date: 2024-01-08"\n',
        1,
    )
    plan.write_text(text, encoding="utf-8")
    done = _tthc("validate", "-f", "concise", "plans/")
    assert done.exit_code == 1
    assert done.stdout.splitlines()[0].endswith(
        "error INVALID_VALUE Có ký tự điều khiển U+000A (xuống dòng) trong một trường chỉ ghi "
        "một dòng."
    )
    start = _tthc("start", "II.3", "--unit", "nhan co", "--date", "2024-01-10")
    assert start.exit_code == 1
    assert not (plans / PROGRESS).exists() or not list((plans / PROGRESS).glob("*.yaml"))


@pytest.mark.parametrize(
    ("option", "value"),
    [("--ref", "x\x1b]0;pwn\x07"), ("--ref", "a\nb"), ("--note", "\x1b]52;c;ZWNobw==\x07"),
     ("--ref", "\x85")],
)  # fmt: skip
def test_control_characters_in_options_are_refused(plans: Path, option: str, value: str) -> None:
    done = _tthc("done", "II.2", "--date", "2024-01-10", option, value)
    assert done.exit_code == 2
    assert done.stderr.startswith(f"Lỗi: {option} có ký tự điều khiển U+")
    assert not (plans / PROGRESS).exists()


def test_escape_sequences_in_file_names_and_lines_reach_no_terminal(plans: Path) -> None:
    """In a fresh process: what the entry point writes is what a real terminal receives."""
    title = "\x1b]0;pwn\x07"
    bad = plans / "plans" / f"bad{title}.yaml"
    bad.write_bytes(b"plan:\n  id: x\x1b]52;c;ZWNobw==\x07\n")
    checked = _tthc_process(plans, "validate", "plans/")
    assert checked.returncode == 1
    assert "plans/bad\\x1b]0;pwn\\x07.yaml:2:8: lỗi YAML_SYNTAX" in checked.stdout
    assert "  id: x\\x1b]52;c;ZWNobw==\\x07" in checked.stdout
    missing = _tthc_process(plans, "status", "--plan", f"plans/none{title}.yaml")
    assert missing.returncode == 3
    assert "none\\x1b]0;pwn\\x07.yaml" in missing.stderr
    for output in (checked.stdout, checked.stderr, missing.stdout, missing.stderr):
        assert not re.search("[\x00-\x08\x0b-\x1f\x7f-\x9f]", output)


def test_a_note_may_hold_a_line_break(plans: Path) -> None:
    done = _tthc("done", "II.2", "--date", "2024-01-10", "--note", "dòng 1\ndòng 2")
    assert done.exit_code == 0, done.stderr
    check = _tthc("validate", "-f", "concise", "plans/")
    assert check.stdout == "Đã kiểm tra 1 tệp: 0 lỗi, 0 cảnh báo.\n"


def test_an_export_never_replaces_a_plan_and_asks_before_replacing_a_file(plans: Path) -> None:
    plan = plans / "plans" / "2024.yaml"
    before = plan.read_bytes()
    done = _tthc("export", "md", "-o", "plans/2024.yaml", "--force")
    assert done.exit_code == 2
    assert done.stderr == (
        "Lỗi: «plans/2024.yaml» là tệp YAML (kế hoạch hoặc tiến độ): không bao giờ ghi đè; "
        "chọn tên khác bằng -o.\n"
    )
    assert plan.read_bytes() == before
    page = plans / "trang.html"
    page.write_text("bản cũ", encoding="utf-8")
    done = _tthc("export", "html", "-o", "trang.html")
    assert (done.exit_code, page.read_text(encoding="utf-8")) == (2, "bản cũ")
    assert done.stderr == (
        "Lỗi: «trang.html» đã có; thêm --force để ghi đè, hoặc chọn tên khác bằng -o.\n"
    )
    assert _tthc("export", "html", "-o", "trang.html", "--force").exit_code == 0
    assert page.read_text(encoding="utf-8").startswith("<!doctype html>")
    # A command's own default file is refreshed by a re-run.
    for _ in range(2):
        assert _tthc("report", "--period", "2024-Q1").exit_code == 0
    assert (plans / "bao-cao-2024-Q1.docx").is_file()
    assert [p.name for p in plans.glob("*.tmp")] == []


def test_an_export_to_a_full_disk_leaves_the_old_file_whole(
    plans: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    page = plans / "trang.html"
    page.write_text("bản cũ, nguyên vẹn", encoding="utf-8")

    def full(_descriptor: int) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.chdir(plans)
    monkeypatch.setattr("tthc_plan.store.files.os.fsync", full)
    result = CliRunner().invoke(app, ["export", "html", "-o", "trang.html", "--force"])
    assert result.exit_code == 3
    assert page.read_text(encoding="utf-8") == "bản cũ, nguyên vẹn"
    assert [p.name for p in plans.iterdir() if p.name.endswith(".tmp")] == []


def test_an_import_id_cannot_inject_keys(plans: Path) -> None:
    source = PLAN_2024.parent / "source" / "ke-hoach-kiem-soat-tthc-2024-dak-rlap.txt"
    done = _tthc("import", str(source), "-o", "plans/x.yaml", "--id", "x\n  timezone: UTC")
    assert done.exit_code == 2
    assert done.stderr.startswith("Lỗi: Mã kế hoạch «x\\n  timezone: UTC» không hợp lệ")
    assert not (plans / "plans" / "x.yaml").exists()


def test_a_word_file_that_inflates_without_end_is_refused(plans: Path) -> None:
    import zipfile  # noqa: PLC0415

    bomb = plans / "bom.docx"
    with zipfile.ZipFile(bomb, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        with archive.open("word/document.xml", "w", force_zip64=True) as part:
            block = b"<w:t>" + b"0" * (1024 * 1024) + b"</w:t>"
            for _ in range(60):  # 60 MB of text from an archive of a few dozen kB
                part.write(block)
    assert bomb.stat().st_size < 1024 * 1024
    done = _tthc("import", str(bomb), "-o", "plans/x.yaml")
    assert done.exit_code == 3
    assert done.stderr == (
        f"Lỗi: «{bomb}» không đọc: phần «word/document.xml» giải nén ra quá 50 MB "
        "(một tệp Word kế hoạch chỉ vài MB).\n"
    )
    assert not (plans / "plans" / "x.yaml").exists()


def test_a_broken_word_file_is_a_clear_error(plans: Path) -> None:
    broken = plans / "hong.docx"
    broken.write_bytes(b"PK\x03\x04 not really a zip")
    done = _tthc("import", str(broken), "-o", "plans/x.yaml")
    assert done.exit_code == 3
    assert done.stderr == (
        f"Lỗi: «{broken}» không phải là tệp Word (.docx) đọc được: mở bằng Word rồi lưu lại "
        "dạng .docx.\n"
    )  # the library's English ("File is not a zip file") is not passed on


def test_markdown_outputs_keep_html_and_markup_as_text(plans: Path) -> None:
    plan = plans / "plans" / "2024.yaml"
    text = plan.read_text(encoding="utf-8")
    text = text.replace(
        "        title: Tổng hợp Kế hoạch rà soát",
        '        title: "<script>alert(1)</script> | `x` # Tổng hợp Kế hoạch rà soát" #',
        1,
    )
    text = text.replace("  issuer: UBND huyện Đắk R'lấp", '  issuer: "# UBND <b>huyện</b>"', 1)
    plan.write_text(text, encoding="utf-8")
    assert _tthc("validate").exit_code == 0
    annex = _tthc("export", "md").stdout
    report = _tthc("report", "--period", "2024-Q1", "--format", "md").stdout
    for output in (annex, report):
        assert "<script>" not in output
        assert "&lt;script&gt;alert(1)&lt;/script&gt; \\| \\`x\\` # Tổng hợp" in output
    assert "<b>" not in report
    assert report.startswith("**\\# UBND &lt;B&gt;HUYỆN&lt;/B&gt;**")


# The review's attacks that held: kept as tests so that they keep holding.


def test_a_python_tag_is_never_run(plans: Path) -> None:
    plan = plans / "plans" / "2024.yaml"
    marker = plans / "da-chay"
    text = plan.read_text(encoding="utf-8").replace(
        "        timeframe: Tháng 8/2024\n",
        f"        timeframe: !!python/object/apply:os.system ['touch {marker}']\n",
        1,
    )
    plan.write_text(text, encoding="utf-8")
    done = _tthc("validate", "-f", "concise", "plans/")
    assert done.exit_code == 1
    assert "error INVALID_VALUE «timeframe» phải là chữ (văn bản)." in done.stdout  # not run
    assert not marker.exists()


def test_yaml_1_1_booleans_stay_words(plans: Path) -> None:
    from tthc_plan.store.loader import load_plan_file  # noqa: PLC0415

    plan = plans / "plans" / "2024.yaml"
    text = plan.read_text(encoding="utf-8").replace(
        "        timeframe: Tháng 8/2024\n",
        "        timeframe: Tháng 8/2024\n        note: no\n",
        1,
    )
    plan.write_text(text.replace("    aliases: [", "    aliases: [on, ", 1), encoding="utf-8")
    assert _tthc("validate").exit_code == 0
    loaded = load_plan_file(plan).parts.plan
    assert loaded is not None
    assert next(t for t in loaded.tasks() if t.id == "II.5").note == "no"
    assert any("on" in unit.aliases for unit in loaded.units)


def test_an_id_that_climbs_out_of_the_plans_folder_is_refused(plans: Path) -> None:
    plan = plans / "plans" / "2024.yaml"
    text = plan.read_text(encoding="utf-8").replace(
        "  id: dak-rlap-kstthc-2024", '  id: "../../x"', 1
    )
    plan.write_text(text, encoding="utf-8")
    done = _tthc("done", "II.2", "--date", "2024-01-10")
    assert done.exit_code == 1
    assert "INVALID_VALUE" in _tthc("validate", "-f", "concise", "plans/").stdout
    assert not (plans.parent / "x").exists()
    assert not (plans / "plans" / "progress").exists()


def test_a_lock_file_left_by_a_killed_writer_does_not_block(plans: Path) -> None:
    (plans / PROGRESS).mkdir(parents=True)
    (plans / PROGRESS / ".tthc.lock").write_text("", encoding="utf-8")
    done = _tthc("done", "II.2", "--date", "2024-01-10")
    assert done.exit_code == 0, done.stderr
    assert (plans / PROGRESS / "vp-hdnd-ubnd.yaml").is_file()


def test_force_never_replaces_a_device_or_a_link(plans: Path) -> None:
    target = plans / "giu-nguyen.txt"
    target.write_text("keep", encoding="utf-8")
    (plans / "lich.ics").symlink_to(target)
    for name in ("lich.ics", os.devnull):
        done = _tthc("export", "ics", "-o", name, "--force")
        assert done.exit_code == 2, done.stderr
        assert "không phải là một tệp thường" in done.stderr
    assert target.read_text(encoding="utf-8") == "keep"
    assert (plans / "lich.ics").is_symlink()
    assert stat.S_ISCHR(os.stat(os.devnull).st_mode)


def test_a_measured_value_must_be_a_real_number(plans: Path) -> None:
    plan = plans / "plans" / "2024.yaml"
    text = plan.read_text(encoding="utf-8")
    plan.write_text(text.replace("    value: 20\n", "    value: .nan\n", 1), encoding="utf-8")
    done = _tthc("validate", "-f", "concise", "plans/")
    assert done.exit_code == 1
    assert "error INVALID_VALUE «value» phải là một số có thật (không phải .nan hay .inf)." in (
        done.stdout
    )
    assert _tthc("targets").exit_code == 1  # refused with the problems: no traceback


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="named pipes are POSIX")
def test_a_named_pipe_is_refused_without_waiting_for_a_writer(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Opening a pipe blocks until someone writes to it: in a fresh process, with a timeout,
    a command that waits fails the test instead of hanging the test run."""
    pipe = tmp_path / "tthc.toml"
    os.mkfifo(pipe)
    for name, value in (("HOST", "127.0.0.1"), ("TLS", "none"), ("FROM", "a@example.invalid")):
        monkeypatch.setenv(f"TTHC_SMTP_{name}", value)
    args = ["remind", "--email", "--settings", str(pipe), "--dry-run", "--plan", str(PLAN_2024)]
    done = _tthc_process(tmp_path, *args)
    assert done.returncode == 3
    assert "không phải là một tệp thường" in done.stderr
