"""A field that is a text or a list of texts (a task's lead, support, deliverable; a unit's
email) is refused in our words, once, at its place: never in pydantic's names for the
branches it tried ("«list[function-after[_single_line(), ...» phải là một danh sách").
"""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.in_process import tthc

# Task I.2: a deliverable and a lead, no support.
TASK = (
    "        deliverable: Các văn bản\n"
    "        lead: Văn phòng HĐND - UBND huyện\n"
    "        timeframe: Thường xuyên\n"
)
ESC = "Có ký tự điều khiển U+001B (ESC) trong một trường chỉ ghi một dòng."


@pytest.mark.parametrize(
    ("written", "column", "message"),
    [
        ('lead: "Phòng Tư pháp\\e[31m"', 15, ESC),
        ('lead: [Phòng Tư pháp, "Phòng Y tế\\e[31m"]', 31, ESC),
        ("lead: [Phòng Tư pháp, 5]", 31, "«lead» phải là chữ (văn bản)."),
        ("lead: 5", 15, "«lead» phải là chữ (văn bản)."),
        ('lead: ""', 15, "«lead» không được để trống."),
        ('support: "Phòng Tư pháp\\x1b"', 18, ESC),
        ('deliverable: ["Báo cáo\\x1b"]', 23, "Có ký tự điều khiển U+001B (ESC) trong trường."),
    ],
)
def test_a_text_or_list_field_is_refused_once_in_our_words(
    plan_copy: Path, written: str, column: int, message: str
) -> None:
    plan = plan_copy / "plans" / "2024.yaml"
    text = plan.read_text(encoding="utf-8")
    assert TASK in text
    lines = TASK.splitlines(keepends=True)
    key = written.split(":", 1)[0]
    at = next((i for i, one in enumerate(lines) if one.strip().startswith(f"{key}:")), 1)
    if key == "support":
        lines.insert(at, f"        {written}\n")
    else:
        lines[at] = f"        {written}\n"
    line = text[: text.index(TASK)].count("\n") + 1 + at
    plan.write_text(text.replace(TASK, "".join(lines), 1), encoding="utf-8")
    done = tthc(plan_copy, "validate", "-f", "concise", "plans/")
    assert done.returncode == 1
    assert done.stdout == (
        f"plans/2024.yaml:{line}:{column}: error INVALID_VALUE {message}\n"
        "Đã kiểm tra 1 tệp: 1 lỗi, 0 cảnh báo.\n"
    )
    assert done.stderr == ""
