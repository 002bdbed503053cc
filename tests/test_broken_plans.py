"""Broken and hostile plan files: a located error, never a traceback, nothing run or written.

Every command over a corpus of broken files; mutated plans and random bytes;
nesting without end; YAML tags and YAML 1.1 words; an id that climbs out of
the plans folder.
"""

from __future__ import annotations

import random
import tempfile
import traceback
from datetime import date
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.conftest import PLAN_2024, PlanCopy, TthcRunner, tthc, tthc_process
from tthc_plan.cli import app
from tthc_plan.core.plan_check import check_plan
from tthc_plan.store.loader import load_plan_file
from tthc_plan.store.plans import check_files

PROGRESS = Path("plans") / "progress" / "dak-rlap-kstthc-2024"

SHIPPED = PLAN_2024.read_text(encoding="utf-8")
ALIAS_BOMB = "a: &a [x, x, x, x, x, x, x, x, x]\n" + "".join(
    f"{chr(98 + i)}: &{chr(98 + i)} [*{chr(97 + i)}, *{chr(97 + i)}, *{chr(97 + i)}, "
    f"*{chr(97 + i)}, *{chr(97 + i)}, *{chr(97 + i)}, *{chr(97 + i)}, *{chr(97 + i)}]\n"
    for i in range(9)
)
CORPUS: dict[str, bytes] = {
    "empty": b"",
    "comments-only": "# chỉ có chú thích\n# hết\n".encode(),
    "binary": bytes(range(256)) * 4,
    "utf-16": SHIPPED.encode("utf-16"),
    "windows-1252": "plan:\n  title: Caf\xe9\n".encode("cp1252"),
    "alias-bomb": ALIAS_BOMB.encode(),
    "deep-nesting": ("x: " + "[" * 5000 + "]" * 5000 + "\n").encode(),
    "tabs": b"plan:\n\tid: a\n",
    "duplicate-keys": b"plan: 1\nplan: 2\nunits: []\nsections: []\n",
    "two-documents": b"plan: 1\n---\nplan: 2\n",
    "list-at-top": b"- plan\n- units\n",
    "scalar-at-top": "Kế hoạch năm 2024\n".encode(),
    "wrong-types": b"plan: 5\nunits: x\nsections: [1, [2], {a: b}]\ntargets: 7\n",
    "numeric-id": SHIPPED.replace("      - id: I.1\n", "      - id: 1.1\n").encode(),
    "null-title": SHIPPED.replace(
        "        title: Xây dựng Kế hoạch Kiểm soát TTHC năm 2024\n", "        title: null\n"
    ).encode(),
    "long-line": SHIPPED.replace(
        "        title: Xây dựng Kế hoạch Kiểm soát TTHC năm 2024\n",
        "        title: " + "Kế hoạch " * 20000 + "\n",
    ).encode(),
    "bad-dates": SHIPPED.replace("    date: 2023-12-29\n", "    date: 2023-02-30\n")
    .replace("timeframe: Trước 10/01/2024", "timeframe: Trước 00/01/2024")
    .replace("timeframe: Tháng 7/2024", "timeframe: Tháng 13/2024")
    .encode(),
    "half-understood": SHIPPED.replace(
        "timeframe: Trước 15/01/2024", "timeframe: Trước 15/01/2024 nếu kịp"
    ).encode(),
    "complex-key": b"? [a, b]\n: c\nplan: 1\nunits: []\nsections: []\n",
    "nfd-crlf-bom": b"\xef\xbb\xbf"
    + __import__("unicodedata").normalize("NFD", SHIPPED).replace("\n", "\r\n").encode(),
}
COMMANDS = [
    ["validate", "plans"],
    ["validate", "--format", "json", "plans"],
    ["status", "--today", "2024-01-12"],
    ["status", "--unit", "Xã Nhân Cơ", "--today", "2024-01-12"],
    ["overdue", "--today", "2024-01-12", "--format", "csv"],
    ["upcoming", "--today", "2024-01-12"],
    ["show", "II.1", "--today", "2024-01-12"],
    ["units", "--today", "2024-01-12"],
    ["timeframes", "plans"],
    ["done", "II.1", "--today", "2024-01-12", "--dry-run"],
    ["export", "ics", "--today", "2024-01-12"],
    ["export", "xlsx", "--today", "2024-01-12", "-o", "out.xlsx"],
    ["export", "html", "--today", "2024-01-12"],
    ["export", "md", "--today", "2024-01-12"],
    ["export", "json", "--today", "2024-01-12"],
    ["report", "--period", "2024-Q1", "--today", "2024-04-01", "--format", "md"],
    ["targets", "--today", "2024-12-31"],
    ["init", "--year", "2025", "-o", "plans-moi/2025.yaml"],
]


@pytest.mark.slow
@pytest.mark.parametrize("name", sorted(CORPUS))
def test_every_command_survives_a_broken_plan(
    name: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / "plans").mkdir()
    (tmp_path / "plans" / "2024.yaml").write_bytes(CORPUS[name])
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("COLUMNS", "80")
    runner = TthcRunner()
    for command in COMMANDS:
        result = runner.invoke(app, command)
        if result.exception is not None and not isinstance(result.exception, SystemExit):
            trace = "".join(traceback.format_exception(result.exception))
            pytest.fail(f"{name}: tthc {' '.join(command)} crashed:\n{trace}")
        assert result.exit_code in {0, 1, 2, 3}, (name, command, result.output)


def test_broken_inputs_are_located_errors(tmp_path: Path) -> None:
    expected = {
        "binary": "ENCODING",
        "utf-16": "ENCODING",
        "windows-1252": "ENCODING",
        "alias-bomb": "YAML_SYNTAX",
        "deep-nesting": "YAML_SYNTAX",
        "tabs": "TAB_INDENT",
        "duplicate-keys": "DUPLICATE_KEY",
        "two-documents": "MULTIPLE_DOCUMENTS",
        "list-at-top": "NOT_A_PLAN",
        "scalar-at-top": "NOT_A_PLAN",
        "empty": "EMPTY_FILE",
        "comments-only": "EMPTY_FILE",
    }
    found = {}
    for name in expected:
        path = tmp_path / f"{name}.yaml"
        path.write_bytes(CORPUS[name])
        problems = check_files([path], today=date(2024, 12, 31))
        found[name] = problems[0].code if problems else None
        assert problems[0].line >= 1
    assert found == expected


def test_half_understood_timeframe_is_never_accepted_silently(tmp_path: Path) -> None:
    # The dated clause is read (issue 19); the words without a date are named in a warning.
    path = tmp_path / "plan.yaml"
    path.write_bytes(CORPUS["half-understood"])
    problems = [
        p for p in check_files([path], today=date(2024, 12, 31)) if p.code.startswith("TIMEFRAME")
    ]
    assert [(p.code, p.message) for p in problems] == [
        (
            "TIMEFRAME_NOTE",
            "Thời hạn của II.2 được hiểu là Chậm nhất ngày 14/01/2024; các chữ «nếu kịp» không "
            "mang ngày và không được dùng.",
        )
    ]


_MUTATION_CHARS = [*":-\t'\"#[]{}&*!|>% \n", "\x00", "é", "đ", "\u0301", "\r"]


@st.composite
def _mutations(draw: st.DrawFn) -> str:
    lines = SHIPPED.splitlines(keepends=True)
    for _ in range(draw(st.integers(min_value=1, max_value=4))):
        kind = draw(st.sampled_from(["delete", "duplicate", "insert", "replace", "swap"]))
        index = draw(st.integers(min_value=0, max_value=len(lines) - 1))
        line = lines[index]
        if kind == "delete":
            del lines[index]
        elif kind == "duplicate":
            lines.insert(index, line)
        elif kind == "swap" and index + 1 < len(lines):
            lines[index], lines[index + 1] = lines[index + 1], lines[index]
        else:
            at = draw(st.integers(min_value=0, max_value=max(len(line) - 1, 0)))
            char = draw(st.sampled_from(_MUTATION_CHARS))
            cut = at + (1 if kind == "replace" else 0)
            lines[index] = line[:at] + char + line[cut:]
    return "".join(lines)


# 60 mutated plans (each is parsed and checked anew), or fewer if the profile asks fewer.
_MUTATED = min(60, settings().max_examples)


@settings(max_examples=_MUTATED, suppress_health_check=[HealthCheck.too_slow], deadline=None)
@given(_mutations())
def test_mutated_plans_load_or_give_located_errors(text: str) -> None:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "plan.yaml"
        path.write_text(text, encoding="utf-8", errors="surrogatepass")
        loaded = load_plan_file(path)
    problems = loaded.problems + check_plan(loaded)[0]
    for problem in problems:
        assert problem.line >= 1
        assert problem.col >= 1
        assert problem.code.isascii()
        assert problem.message


def test_random_bytes_never_crash_the_loader(tmp_path: Path) -> None:
    rng = random.Random(8)  # noqa: S311 - test data, not secrets
    path = tmp_path / "random.yaml"
    for _ in range(200):
        size = rng.randint(0, 400)
        data = SHIPPED.encode()[: rng.randint(0, 3000)] + bytes(
            rng.getrandbits(8) for _ in range(size)
        )
        path.write_bytes(data)
        load_plan_file(path)


def test_mixed_line_endings_load(tmp_path: Path) -> None:
    lines = SHIPPED.splitlines(keepends=True)
    mixed = "".join(line.replace("\n", "\r\n") if i % 2 else line for i, line in enumerate(lines))
    path = tmp_path / "plan.yaml"
    path.write_bytes(mixed.encode("utf-8"))
    loaded = load_plan_file(path)
    assert loaded.problems == []
    assert loaded.parts.plan is not None
    assert len(loaded.parts.plan.tasks()) == 31


def test_a_huge_file_is_refused_quickly(tmp_path: Path) -> None:
    path = tmp_path / "plan.yaml"
    with path.open("wb") as out:
        out.write(b"# " + b"x" * 1023 + b"\n")
        out.truncate(50 * 1024 * 1024)  # 50 MB, sparse
    problems = check_files([path], today=date(2024, 12, 31))
    assert [(p.line, p.col, p.code, p.message) for p in problems] == [
        (1, 1, "FILE_TOO_LARGE", "Tệp nặng 50 MB: quá lớn cho một kế hoạch (tối đa 20 MB).")
    ]


def test_a_file_that_cannot_be_read(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "plan.yaml"
    path.write_text(SHIPPED, encoding="utf-8")

    def refuse(file: object, *_args: object, **_options: object) -> object:
        raise PermissionError(13, "Permission denied", str(file))

    # As a file without read permission (root, who runs CI here, reads anything).
    monkeypatch.setattr("tthc_plan.store.files.open", refuse, raising=False)
    monkeypatch.chdir(tmp_path)
    result = TthcRunner().invoke(app, ["--no-cache", "validate", "plan.yaml"])
    assert result.exit_code == 3
    assert result.stderr == "Lỗi: Không đọc được tệp «plan.yaml»: Permission denied.\n"


@pytest.mark.slow  # eight fresh processes, each given megabytes to parse
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
def test_any_depth_of_nesting_is_a_located_error(
    plan_copy_with: PlanCopy, text: str, where: str
) -> None:
    plans = plan_copy_with(today="2024-01-12")
    if where == "plan":
        target = plans / "plans" / "deep.yaml"
    else:
        (plans / PROGRESS).mkdir(parents=True)
        target = plans / PROGRESS / "xa-nhan-co.yaml"
    target.write_text(text + "\n", encoding="utf-8")
    done = tthc_process(
        plans, "validate", "-f", "concise", "plans/", env={"TTHC_CACHE_DIR": str(plans / "cache")}
    )
    assert done.returncode == 1, done.stderr[-500:]
    relative = target.relative_to(plans).as_posix()
    assert f"{relative}:1:" in done.stdout
    assert "YAML_SYNTAX Tệp lồng nhau quá sâu" in done.stdout
    assert "Traceback" not in done.stderr


def test_a_python_tag_is_never_run(plan_copy_with: PlanCopy) -> None:
    plans = plan_copy_with(today="2024-01-12")
    plan = plans / "plans" / "2024.yaml"
    marker = plans / "da-chay"
    text = plan.read_text(encoding="utf-8").replace(
        "        timeframe: Tháng 8/2024\n",
        f"        timeframe: !!python/object/apply:os.system ['touch {marker}']\n",
        1,
    )
    plan.write_text(text, encoding="utf-8")
    done = tthc("validate", "-f", "concise", "plans/")
    assert done.exit_code == 1
    assert "error INVALID_VALUE «timeframe» phải là chữ (văn bản)." in done.stdout  # not run
    assert not marker.exists()


def test_yaml_1_1_booleans_stay_words(plan_copy_with: PlanCopy) -> None:
    plans = plan_copy_with(today="2024-01-12")
    from tthc_plan.store.loader import load_plan_file  # noqa: PLC0415

    plan = plans / "plans" / "2024.yaml"
    text = plan.read_text(encoding="utf-8").replace(
        "        timeframe: Tháng 8/2024\n",
        "        timeframe: Tháng 8/2024\n        note: no\n",
        1,
    )
    plan.write_text(text.replace("    aliases: [", "    aliases: [on, ", 1), encoding="utf-8")
    assert tthc("validate").exit_code == 0
    loaded = load_plan_file(plan).parts.plan
    assert loaded is not None
    assert next(t for t in loaded.tasks() if t.id == "II.5").note == "no"
    assert any("on" in unit.aliases for unit in loaded.units)


def test_an_id_that_climbs_out_of_the_plans_folder_is_refused(plan_copy_with: PlanCopy) -> None:
    plans = plan_copy_with(today="2024-01-12")
    plan = plans / "plans" / "2024.yaml"
    text = plan.read_text(encoding="utf-8").replace(
        "  id: dak-rlap-kstthc-2024", '  id: "../../x"', 1
    )
    plan.write_text(text, encoding="utf-8")
    done = tthc("done", "II.2", "--date", "2024-01-10")
    assert done.exit_code == 1
    assert "INVALID_VALUE" in tthc("validate", "-f", "concise", "plans/").stdout
    assert not (plans.parent / "x").exists()
    assert not (plans / "plans" / "progress").exists()
