"""Annex rows from text: a tab-separated export, or tasks written as paragraphs."""

from __future__ import annotations

import re

from tthc_plan.core.annex.columns import is_header
from tthc_plan.core.text import collapse_spaces, nfc
from tthc_plan.errors import FileError
from tthc_plan.i18n import N_, _

NO_ANNEX = N_("Không tìm thấy bảng Phụ lục (dòng tiêu đề có STT, Nhiệm vụ...).")

_BODY_FIELDS = (
    (re.compile(r"^(?:cơ quan|đơn vị) chủ trì\s*:\s*(?P<v>.*)$", re.IGNORECASE), "lead"),
    (re.compile(r"^(?:cơ quan|đơn vị) phối hợp\s*:\s*(?P<v>.*)$", re.IGNORECASE), "support"),
    (re.compile(r"^thời (?:gian|hạn)(?: thực hiện| hoàn thành)?\s*:\s*(?P<v>.*)$", re.IGNORECASE),
     "timeframe"),
    (re.compile(r"^(?:sản phẩm|kết quả)(?: dự kiến)?\s*:\s*(?P<v>.*)$", re.IGNORECASE),
     "deliverable"),
)  # fmt: skip
_BODY_TASK = re.compile(r"^(?P<n>\d+(?:\.\d+)*|[a-zđ])[.)]\s+\S")
_BODY_SECTION = re.compile(r"^(?P<id>[IVXLC]+)\.\s+(?P<title>.+)$")
_BODY_HEADER = ["STT", "Nhiệm vụ", "Kết quả", "Đơn vị chủ trì", "Đơn vị phối hợp",
                "Thời gian thực hiện"]  # fmt: skip


def read_body_rows(text: str) -> list[list[str]]:
    """Read a plan with no annex table: each task a numbered paragraph, then its fields.

    "1. Rà soát ..." followed by "Cơ quan chủ trì: ...", "Cơ quan phối hợp: ...",
    "Thời gian thực hiện: ..." lines becomes a row (the paragraph kept whole as
    the task's words); a numbered paragraph with no field under it is prose.
    """
    rows: list[list[str]] = [list(_BODY_HEADER)]
    task: list[str] | None = None
    fields: dict[str, str] = {}
    awaiting: str | None = None  # "Cơ quan chủ trì:" with its value on the next line
    parent: list[str] | None = None  # "3. Kiểm tra ..." with no field: heads "a)", "b)"

    def close() -> None:
        nonlocal parent
        if task is not None and fields:
            number, title = task
            rows.append([number, title, fields.get("deliverable", ""), fields.get("lead", ""),
                         fields.get("support", ""), fields.get("timeframe", "")])  # fmt: skip
        elif task is not None and task[0].isdigit():
            parent = task

    for raw in nfc(text).splitlines():
        line = raw.strip().lstrip("-+• ").strip()
        if not line:
            continue
        field = next(((name, m) for pattern, name in _BODY_FIELDS if (m := pattern.match(line))),
                     None)  # fmt: skip
        if field is not None and task is not None:
            value = field[1].group("v").strip()
            fields[field[0]] = value
            awaiting = None if value else field[0]
        elif section := _BODY_SECTION.match(line):
            close()
            task, fields, awaiting, parent = None, {}, None, None
            rows.append([section.group("id"), collapse_spaces(section.group("title"))])
        elif numbered := _BODY_TASK.match(line):
            close()
            if parent is not None and numbered.group("n").isalpha():  # its first sub-task
                rows.append([parent[0], parent[1], "", "", "", ""])
                parent = None
            elif numbered.group("n")[:1].isdigit():
                parent = None
            task, fields, awaiting = [numbered.group("n"), line], {}, None
        elif awaiting is not None:
            fields[awaiting], awaiting = line, None
    close()
    if not any(len(row) > 2 for row in rows[1:]):
        raise FileError(_(NO_ANNEX))
    return rows


def read_text_rows(text: str) -> list[list[str]]:
    """Return the tab-separated rows of a text export, from the annex header on."""
    lines = nfc(text).splitlines()
    start = next((i for i, line in enumerate(lines) if is_header(line.split("\t"))), None)
    if start is None:
        raise FileError(_(NO_ANNEX))
    return [line.split("\t") for line in lines[start:] if line.strip()]
