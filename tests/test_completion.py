"""Shell completion: task ids in the case typed, unit names with or without accents, periods."""

from __future__ import annotations

from pathlib import Path

from tests.conftest import TthcRunner, invoke
from tthc_plan.cli import app


def _complete(words: str) -> list[str]:
    env = {"_TTHC_COMPLETE": "complete_bash", "COMP_WORDS": words,
           "COMP_CWORD": str(len(words.split()) - (0 if words.endswith(" ") else 1))}  # fmt: skip
    result = TthcRunner().invoke(app, [], env=env, prog_name="tthc")
    return [line for line in result.stdout.splitlines() if line]


def test_the_shell_completes_task_ids_units_and_periods(plan_copy: Path) -> None:
    assert _complete("tthc show XI.") == ["XI.1", "XI.2"]
    assert _complete("tthc done ii.") == ["ii.1", "ii.2", "ii.3", "ii.4", "ii.5"]
    assert _complete("tthc report --period 2024-H") == ["2024-H1", "2024-H2"]
    # After a task, its own periods (XI.1's quarters and year; II.1 has none).
    assert _complete("tthc done XI.1 --period 2024") == [
        "2024-Q1", "2024-Q2", "2024-Q3", "2024-Q4", "2024",
    ]  # fmt: skip
    assert _complete("tthc done II.1 --period 2024") == []
    # Accents optional: what was typed is continued in the same form, and tthc reads it;
    # bash gets the spaces escaped, or the name would end at the first one.
    assert {"nhan\\ co", "nhan\\ dao"} <= set(_complete("tthc status --unit nhan"))
    assert _complete("tthc status --unit thanh") == ["thanh\\ tra\\ huyen"]
    assert _complete("tthc overdue -u Thị") == [r"Thị\ trấn\ Kiến\ Đức"]
    assert invoke("status", "--unit", "nhan co", "--today", "2024-01-12")[0] == 0
