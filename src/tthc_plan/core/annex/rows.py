"""An annex's rows as typed values: sections, groups, tasks and rows to review.

A row is read under the header above it (see columns). Numbers may be "1",
"1.", "1.1", "a)" or "(4)", and restart in each section.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from msgspec import Struct, field

from tthc_plan.core.annex.columns import (
    MERGED,
    NEXT_TABLE,
    column_map,
    header_rows,
    is_new_header,
)
from tthc_plan.core.text import collapse_spaces, fold

_ROMAN = re.compile(r"^(?P<id>[IVXLC]+|[A-Z])\.?(?:[\t ]+(?P<title>.+))?$")
# A task's number: "1", "1.", "1.1", "a)", "(4)", "I.1" (the section's own prefix).
_TASK_NUMBER = re.compile(r"^\(?(?P<n>(?:[IVXLC]+\.)?\d+(?:\.\d+)*|[a-zđ])[.)]?$")


class Row(Struct):
    """A task's row of the annex table, with which cells were blank (merged) in the source."""

    cells: dict[str, str]
    merged: set[str] = field(default_factory=set)


class SectionRow(Struct, frozen=True):
    """A row that opens a section: "II | Công bố, công khai TTHC", "5.1 | Thương mại"."""

    id: str
    title: str


class GroupRow(Struct, frozen=True):
    """An unnumbered row alone that opens a group of the section's tasks."""

    title: str


class NumberedGroup(Struct, frozen=True):
    """A numbered row with only a title, over the rows numbered under it ("1" over "1.1")."""

    number: str
    title: str


class EndOfGroup(Struct, frozen=True):
    """The rows after a numbered group that belong to the section above it again."""


class Skipped(Struct, frozen=True):
    """A row that holds no task ("(*) Nhiệm vụ trọng tâm"): reported, for review."""

    text: str


Item = SectionRow | GroupRow | NumberedGroup | EndOfGroup | Skipped | Row


class _Continues(Struct, frozen=True):
    """A row with no number in a text export: the task above, run over a page."""


_CONTINUES = _Continues()


def annex_items(raw: list[list[str]], *, word: bool) -> list[Item]:
    """Return the annex's rows as sections, groups, tasks and rows to review, in order.

    `raw` begins with the header; `word` says the rows come from a Word table,
    where a row is one row however it breaks and merged cells are marked.
    """
    return _headed(list(_rows(raw, word=word)))


def _under_headers(raw: list[list[str]]) -> Iterator[tuple[dict[int, str], list[str]]]:
    """Yield each row that is not a header with the column map of the header above it.

    The first rows are the header (one row, or two under a spanning cell); the
    same header again (a page, a repeated header) is skipped; another header (a
    second annex table) gives the columns from there on.
    """
    count = header_rows(raw, 0)
    mapping, header = column_map(raw[:count]), [fold(c).strip() for c in raw[0]]
    index = count
    while index < len(raw):
        cells = raw[index]
        index += 1
        if [fold(c).strip() for c in cells] == header:
            continue
        if cells == [NEXT_TABLE] and index < len(raw):  # the next table's header
            count = header_rows(raw, index)
            mapping = column_map(raw[index : index + count])
            header = [fold(c).strip() for c in raw[index]]
            index += count
            continue
        if is_new_header(cells):
            count = header_rows(raw, index - 1)
            mapping = column_map(raw[index - 1 : index - 1 + count])
            header = [fold(c).strip() for c in cells]
            index += count - 1
            continue
        yield mapping, cells


def _heading(cells: list[str], values: dict[str, str]) -> SectionRow | GroupRow | None:
    """Return the section or group a row opens, if it opens one and holds no task."""
    first = cells[0].strip() if cells else ""
    others = [c.strip() for c in cells[1:] if c.strip() and c != MERGED]
    section = _ROMAN.match(first) if first else None
    if section and (section.group("title") or len(others) <= 1):
        title = section.group("title") or (others[0] if others else "")
        return SectionRow(section.group("id"), collapse_spaces(title))
    filled = {k for k, v in values.items() if v and k not in {"number", "title"}}
    if not first or filled or cells[0] == MERGED:
        return None
    number = _TASK_NUMBER.match(first)
    if number and "." in number.group("n") and others:
        # "5.1 | Thương mại" with nothing else: a numbered sub-section
        return SectionRow(number.group("n").upper(), collapse_spaces(others[0]))
    if not number and first[:1].isupper():
        # "Nhóm các nền tảng ..." alone in its row: an unnumbered group of tasks
        return GroupRow(collapse_spaces(" ".join([first, *others])))
    return None


def _task(
    cells: list[str], values: dict[str, str], merged: set[str], pending: Row | None, *, word: bool
) -> Row | _Continues | None:
    """Return the task a row that opens no section holds, _CONTINUES, or None (no task).

    A numbered row is a task. In Word, a row under a merged number with its own
    title is a sub-task of that number; an unnumbered row with a title and a
    lead, a deliverable or a timeframe is a task numbered after the one above
    ("1b"), anything else ("(*) Nhiệm vụ trọng tâm") is no task. In a text
    export an unnumbered row continues the task above.
    """
    first = cells[0].strip() if cells else ""
    if number := _TASK_NUMBER.match(first):
        return Row({**values, "number": number.group("n")}, merged)
    if cells[0] == MERGED and pending and values.get("title"):
        # Word merged the number down over a row with its own task: a sub-task of
        # the same number (its own content and deadline; lead and support merged).
        return Row({**values, "number": pending.cells["number"]}, merged)
    if (not word and pending is not None) or not any(values.values()):
        return _CONTINUES
    own = {k for k, v in values.items() if v and k not in {"number", "title"}}
    if not values.get("title") or not own & {"lead", "deliverable", "timeframe"}:
        return None
    return Row({**values, "number": pending.cells["number"] if pending else "1"}, merged)


def _rows(raw: list[list[str]], *, word: bool) -> Iterator[Item]:
    """Yield the sections, groups, rows to review and task Rows of the annex, in order.

    Numbers may be "1", "1.", "1.1", "a)" or "(4)", and restart in each
    section; a header row repeated inside the table is skipped; a Word cell
    continued from the row above is recorded as merged. A row with no number:
    in a text export, the task above ran over a page; in Word, where a row is
    one row however it breaks, it is a task of its own when it has a lead, a
    deliverable or a timeframe, else a line to review ("(*) Nhiệm vụ trọng
    tâm"), reported, never joined to a task or dropped unsaid.
    """
    pending: Row | None = None
    for mapping, cells in _under_headers(raw):
        first = cells[0].strip() if cells else ""
        if first.startswith("--") or (set(first) <= {"-"} and first):
            continue
        values = {mapping[i]: ("" if cells[i] == MERGED else cells[i].strip())
                  for i in mapping if i < len(cells)}  # fmt: skip
        merged = {mapping[i] for i in mapping if i < len(cells) and cells[i] == MERGED}
        section = _ROMAN.match(first) if first else None
        heading = _heading(cells, values)
        task: Row | None = None
        if (
            heading is None
            and section
            and values.get("title")
            and (values.get("lead") or values.get("timeframe"))
        ):
            # "III | Tổng kết | Sở Tư pháp | ... | Quý IV": a section that is a task too
            heading = SectionRow(section.group("id"), collapse_spaces(values["title"]))
            task = Row({**values, "number": "0"}, merged)
        elif heading is None:
            found = _task(cells, values, merged, pending, word=word)
            if isinstance(found, _Continues) and pending is not None:  # the cell ran over a page
                for column, value in values.items():
                    if value and column != "number":
                        joined = pending.cells.get(column, "") + " " + value
                        pending.cells[column] = joined.strip()
            elif found is None:
                text = " | ".join(c.strip() for c in cells if c.strip() and c != MERGED)
                yield Skipped(collapse_spaces(text))
            if not isinstance(found, Row):
                continue
            task = found
        if pending:
            yield pending
        if heading:
            yield heading
        pending = task
    if pending:
        yield pending


def _headed(items: list[Item]) -> list[Item]:
    """Turn a numbered row that holds only a title into the heading of the rows numbered
    under it: "1 | Lĩnh vực nông nghiệp" over "1.1", "1.2" (which become its "1", "2"),
    or "3. Kiểm tra ..." over "a)", "b)"."""

    def under(row: Item, number: str) -> bool:
        child = row.cells.get("number", "") if isinstance(row, Row) else ""
        return child.startswith(f"{number}.") or (len(child) == 1 and child.isalpha())

    for index, item in enumerate(items):
        if not isinstance(item, Row) or item.merged:
            continue
        number = item.cells.get("number", "")
        own = [v for k, v in item.cells.items() if v and k not in {"number", "title"}]
        if own or not item.cells.get("title") or "." in number:
            continue
        following = next((i for i in items[index + 1 :] if isinstance(i, Row)), None)
        if following is None or not under(following, number):
            continue
        items[index] = NumberedGroup(number, collapse_spaces(item.cells["title"]))
        for after, row in enumerate(items[index + 1 :], start=index + 1):
            if isinstance(row, Row) and under(row, number):
                row.cells["number"] = row.cells["number"].removeprefix(f"{number}.")
            elif isinstance(row, Row):  # "2" after "1.2": back in the section above
                items.insert(after, EndOfGroup())
                break
            elif not isinstance(row, Skipped):
                break
    return items
