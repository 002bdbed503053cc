"""Turn a plan's annex table (text export or .docx) into a plan file (`tthc import`).

Blank cells of the table are usually cells merged with the row above (or, for a
section's first row, below); they are filled from there and recorded in
`inferred`, as in plans/2024.yaml. Nothing is guessed silently: unknown unit
names become registry entries marked for review, and every remaining problem
is listed by the validation that follows the import.
"""

from __future__ import annotations

import io
import re
from collections.abc import Iterator, Sequence
from typing import TYPE_CHECKING, Any

from msgspec import Struct, field
from ruamel.yaml.comments import CommentedMap, CommentedSeq

from tthc_plan.core.model import Plan
from tthc_plan.core.text import collapse_spaces, fold, nfc
from tthc_plan.core.timeframe import TimeframeError, parse_timeframe
from tthc_plan.core.units import UnitRegistry, name_key
from tthc_plan.errors import FileError
from tthc_plan.i18n import N_, _
from tthc_plan.store.yamlio import round_trip, round_trip_scalar

if TYPE_CHECKING:
    from docx.document import Document as WordDocument

COLUMNS = ("number", "title", "deliverable", "lead", "support", "timeframe")
# Folded header words -> column; the usual variants of official annexes.
# The first needle found wins, so the specific come before "nhiệm vụ" and "nội
# dung": "Thời hạn hoàn thành nhiệm vụ" is a timeframe, "Cơ quan chủ trì thực hiện
# nhiệm vụ" a lead, "Kết quả thực hiện nhiệm vụ" a deliverable.
_HEADER_WORDS = (
    ("thuoc nhom", ""),  # "Thuộc nhóm nhiệm vụ": a note, not the task
    ("phoi hop", "support"),
    ("chu tri", "lead"),
    ("don vi thuc hien", "lead"),
    ("co quan thuc hien", "lead"),
    ("thoi gian", "timeframe"),
    ("thoi han", "timeframe"),
    ("tien do", "timeframe"),
    ("ket qua", "deliverable"),
    ("san pham", "deliverable"),
    ("chi tieu", "deliverable"),
    ("nhiem vu", "title"),
    ("noi dung", "title"),
    ("cong viec", "title"),
    ("stt", "number"),
)
_NUMBER_HEADERS = frozenset(("stt", "tt", "so tt"))
_ROMAN = re.compile(r"^(?P<id>[IVXLC]+|[A-Z])\.?(?:[\t ]+(?P<title>.+))?$")
# A task's number: "1", "1.", "1.1", "a)", "(4)", "I.1" (the section's own prefix).
_TASK_NUMBER = re.compile(r"^\(?(?P<n>(?:[IVXLC]+\.)?\d+(?:\.\d+)*|[a-zđ])[.)]?$")
_MERGED = "\x00merged"  # a Word cell continued from the row above (w:vMerge)
_TABLE = "\x00table"  # a row that says: another annex table starts here, header first
_PARAGRAPH = re.compile(r"<p>(.*?)</p>", re.DOTALL)
_JOIN_PARAGRAPHS = re.compile(r"</p>\s*<p>(?!- )")

_NO_ANNEX = N_("Không tìm thấy bảng Phụ lục (dòng tiêu đề có STT, Nhiệm vụ...).")


class Row(Struct):
    """A row of the annex table, with which cells were blank (merged) in the source."""

    cells: dict[str, str]
    merged: set[str] = field(default_factory=set)


class ImportedTask(Struct):
    """A task read from the table, with the values filled in and where they came from."""

    id: str
    cells: dict[str, str]
    deliverable: str | list[str] | None
    inferred: list[dict[str, str]]


class ImportResult(Struct):
    """The plan text written, and what a person must look at."""

    text: str
    tasks: list[ImportedTask]
    new_units: list[str]
    unread_timeframes: list[tuple[str, str]]
    skipped_rows: list[str] = field(default_factory=list)  # rows that hold no task, to review


class Header(Struct):
    """What the decision's first page says, where it says it."""

    year: int | None = None
    number: str | None = None
    symbol: str | None = None  # "QĐ-UBND", "KH-UBND": as the "Số:" line writes it
    issued: str | None = None  # ISO date
    signer: str | None = None
    signer_title: str | None = None
    issuer: str | None = None  # "UBND huyện Đắk R'lấp", from "ỦY BAN NHÂN DÂN HUYỆN ĐẮK R'LẤP"
    title: str | None = None  # "Kế hoạch ... năm 2024 trên địa bàn ...", from "Về việc ban hành"


_DECISION_NUMBER = re.compile(
    r"^Số:\s*(?P<num>\d*)\s*/\s*(?P<symbol>[A-ZĐ]+-[A-ZĐ]+)", re.MULTILINE
)
# The place and date line ("Quảng Ngãi, ngày 08 tháng 01 năm 2026"): a comma before
# "ngày", so a deadline in the text ("trước ngày 30 tháng 9 năm 2026") is never taken.
_FULL_DATE = re.compile(r",\s*ngày (\d{1,2}) tháng (\d{1,2}) năm (\d{4})")
_PLAN_YEAR = re.compile(r"kiểm soát thủ tục hành chính\s+năm (\d{4})", re.IGNORECASE)
_SIGNER_TITLES = ("PHÓ CHỦ TỊCH", "CHỦ TỊCH", "GIÁM ĐỐC", "PHÓ GIÁM ĐỐC")


def read_header(text: str) -> Header:
    """Read the decision number, date, plan year and signer from the text before the annex."""
    text = nfc(text)
    header = Header()
    if match := _DECISION_NUMBER.search(text):
        header.number = match.group("num") or None
        header.symbol = match.group("symbol")
    if match := _FULL_DATE.search(text):
        day, month, year = (int(g) for g in match.groups())
        header.issued = f"{year:04d}-{month:02d}-{day:02d}"
    if match := _PLAN_YEAR.search(text):
        header.year = int(match.group(1))
    lines = [line.strip() for line in text.splitlines() if line.strip()]
    for index, line in enumerate(lines):
        if line in _SIGNER_TITLES and index + 1 < len(lines):
            header.signer_title = line.capitalize()
            header.signer = lines[index + 1]
            break
    # "ỦY BAN NHÂN DÂN" over "TỈNH QUẢNG NGÃI", as the heading table lays it out
    pairs = zip(lines, [*lines[1:], ""], strict=True)
    joined = [f"{a} {b}" if a.strip("* ") in _COMMITTEE else a for a, b in pairs]
    for line in joined:
        if match := _COMMITTEE_LINE.match(line.strip("* ")):
            level, place = match.group("level"), match.group("place")
            header.issuer = f"UBND {level.lower()} {place.title()}"
            break
    if match := _PLAN_TITLE.search(text):
        header.title = " ".join(match.group(1).replace("*", " ").split())
    return header


_COMMITTEE = frozenset(("ỦY BAN NHÂN DÂN", "UỶ BAN NHÂN DÂN"))
_COMMITTEE_LINE = re.compile(
    r"^(?:ỦY BAN NHÂN DÂN|UỶ BAN NHÂN DÂN|UBND)\s+(?P<level>XÃ|PHƯỜNG|THỊ TRẤN|ĐẶC KHU|HUYỆN|"
    r"QUẬN|THỊ XÃ|THÀNH PHỐ|TỈNH)\s+(?P<place>[^\n]+)$"
)
_PLAN_TITLE = re.compile(r"ban hành\s+(Kế hoạch[^\n*]*(?:\n[^\n*]+)?)", re.IGNORECASE)


# The words a body's name begins with ("Sở ...", "UBND ...", "Các ..."): a comma or
# "và" before one of them separates two bodies; before any other word it is part of
# one name ("Sở Văn hóa, Thể thao và Du lịch").
_BODY_WORDS = (
    "so", "bo", "ubnd", "uy ban", "ban", "phong", "van phong", "trung tam", "cuc", "tong cuc",
    "cong an", "cac", "hoi", "lien doan", "dai", "bao", "thanh tra", "kho bac", "co quan",
    "truong", "vien", "toa an", "ngan hang", "dang uy", "mat tran", "tinh doan", "doan",
    "chi cuc", "bao hiem", "thue", "chi nhanh", "hdnd", "hoi dong", "quy", "doanh nghiep",
    "to chuc", "chinh phu", "thu tuong", "lien minh", "hiep hoi", "cong ty",
    "tap doan", "ubmttq",
)  # fmt: skip
# A level begins a body only before a proper name ("Xã Nhân Cơ"), not in a list of
# levels ("UBND xã, phường, đặc khu").
_NAMED_LEVEL = re.compile(r"(?:xa|phuong|thi tran|dac khu|huyen|tinh)\s+(?=\S)")
_BODY_START = re.compile(r"(?:" + "|".join(w.replace(" ", r"\s+") for w in _BODY_WORDS) + r")\b")
_SEPARATOR = re.compile(r"\s*[,;]\s*|\s+va\s+|\n")
_LIST_WORD_END = re.compile(r"\s*(?:[,;.]|va\b|$)")


def split_bodies(cell: str) -> list[str]:
    """Split a cell into the bodies it names, each kept whole as written.

    ";" and line breaks always separate; "," and "và" separate only before a
    body's name: a word a name begins with, capitalised ("Sở", "UBND") or "các",
    followed by more words ("Các sở, ngành, UBND xã, phường, đặc khu" is two
    bodies; "Sở Văn hóa, Thể thao và Du lịch", "Các Sở, Ban, ngành", "Phòng Công
    chức, viên chức" are one). An office's name joins two bodies with "và"
    ("Văn phòng HĐND và UBND xã"): it is one.
    """
    text = collapse_spaces(nfc(cell).replace("\n", ";"))
    folded = fold(text)
    cuts = [0]
    for separator in _SEPARATOR.finditer(folded):
        hard = ";" in separator.group()
        after = separator.end()
        level = _NAMED_LEVEL.match(folded, after)
        named = level is not None and text[level.end() : level.end() + 1].isupper()
        start = _BODY_START.match(folded, after)
        # "Các Sở, Ban, ngành": a lone word of a list is no body's name
        lone = start is not None and _LIST_WORD_END.match(folded, start.end()) is not None
        written = text[after : after + 1].isupper() or folded.startswith("cac ", after)
        body = start is not None and written and not lone
        office = (
            "va" in separator.group()
            and folded.startswith("van phong", cuts[-1])
            and not folded.startswith("cac ", after)
        )
        if hard or ((named or body) and not office):
            cuts += [separator.start(), separator.end()]
    cuts.append(len(text))
    names = [text[a:b].strip(" ,;.-") for a, b in zip(cuts[::2], cuts[1::2], strict=True)]
    return [name for name in names if name]


def _letters(number: int) -> str:
    """Return A, B, ... Z, AA... for the n-th unnumbered group of a section."""
    text = ""
    while number:
        number, rest = divmod(number - 1, 26)
        text = chr(ord("A") + rest) + text
    return text


def guessed_kind(name: str) -> str:
    """Return the kind a unit's name suggests ("Phòng Tư pháp": department), for review."""
    folded = fold(name)
    for prefixes, kind in _KIND_WORDS:
        if folded.startswith(prefixes):
            return kind
    return "other"


_KIND_WORDS: tuple[tuple[tuple[str, ...], str], ...] = (
    (("van phong",), "office"),
    (("phong ",), "department"),
    (("thanh tra",), "inspectorate"),
    (("bo phan", "trung tam phuc vu"), "one_stop"),
    (("thi tran ",), "town"),
    (("xa ", "phuong ", "dac khu ", "ubnd xa ", "ubnd phuong "), "commune"),
    (("cac ", "ubnd cac ", "cac co quan"), "group"),
)


def _column_map(header_rows: Sequence[Sequence[str]]) -> dict[int, str]:
    """Return each header column's meaning: a field, or "note:<header>" for any other."""
    mapping: dict[int, str] = {}
    width = max(len(row) for row in header_rows)
    for index in range(width):
        cells = (row[index] for row in header_rows if index < len(row) and row[index] != _MERGED)
        text = " ".join(cells).strip()
        words = fold(text)
        if words.strip(" .") in _NUMBER_HEADERS and "number" not in mapping.values():
            mapping[index] = "number"
            continue
        for needle, column in _HEADER_WORDS:
            if needle in words:
                if column and column not in mapping.values():
                    mapping[index] = column
                elif text:
                    mapping[index] = "note:" + collapse_spaces(text)
                break
        else:
            if text:
                mapping[index] = "note:" + collapse_spaces(text)
    return mapping


def _header_rows(raw: list[list[str]], index: int) -> int:
    """Return 2 when the header at `index` has a second row under a spanning cell.

    "Phân công thực hiện" over "Chủ trì | Phối hợp": the second row's first cell
    is blank, or merged down from "STT" as Word writes it, and it holds header
    words only.
    """
    below = raw[index + 1] if index + 1 < len(raw) else []
    words = [cell for cell in below if cell.strip() and cell != _MERGED]
    if not below or below[0].strip() not in {"", _MERGED} or not words:
        return 1
    known = {c for c in _column_map([[w] for w in words]).values() if not c.startswith("note:")}
    short = all(len(word) <= _HEADER_CELL for word in words)
    return 2 if short and known else 1


_HEADER_CELL = 60  # a header's cells are short; a task's title rarely is


def _is_new_header(cells: Sequence[str]) -> bool:
    """Tell a header row inside the rows (a second table) from a task that names columns."""
    first = fold(cells[0]).strip(" .") if cells else ""
    short = all(len(cell) <= _HEADER_CELL for cell in cells)
    return short and first in _NUMBER_HEADERS and _is_header(cells)


def _is_header(cells: Sequence[str]) -> bool:
    """Tell whether a row is an annex's header: a task column and two more it knows.

    The lead column may be under a spanning header on the next row ("Phân công
    thực hiện" over "Đơn vị chủ trì | Đơn vị phối hợp"), so it is not required here.
    """
    found = set(_column_map([list(cells)]).values())
    others = {"number", "deliverable", "lead", "support", "timeframe"}
    return "title" in found and len(found & others) >= 2


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
        raise FileError(_(_NO_ANNEX))
    return rows


def read_text_rows(text: str) -> list[list[str]]:
    """Return the tab-separated rows of a text export, from the annex header on."""
    lines = nfc(text).splitlines()
    start = next((i for i, line in enumerate(lines) if _is_header(line.split("\t"))), None)
    if start is None:
        raise FileError(_(_NO_ANNEX))
    return [line.split("\t") for line in lines[start:] if line.strip()]


def read_docx_rows(document: WordDocument) -> list[list[str]]:
    """Return the rows of every table of `document` that has an annex header, in order.

    A plan may have a second annex table (Phụ lục II) further down, with its
    own header: its rows follow the first table's, header and all, and the
    header says which column is which from there on.
    """
    found: list[list[str]] = []
    for table in document.tables:
        rows = list(table.rows)
        start = next(
            (n for n, row in enumerate(rows[:2]) if _is_header([c.text for c in row.cells])), None
        )
        if start is None:
            continue
        if found:  # a second annex table: its own header gives its columns
            found.append([_TABLE])
        above: list[Any] = []
        for row in rows[start:]:
            cells = list(row.cells)
            texts = []
            for index, cell in enumerate(cells):
                # python-docx repeats a merged cell in every grid cell it covers: keep the
                # first, blank the repeats (left or above), as the text export shows them.
                left = bool(index) and cells[index - 1]._tc is cell._tc
                up = index < len(above) and above[index]._tc is cell._tc
                texts.append(_MERGED if up and not left else "" if left else cell.text)
            above = cells
            found.append(texts)
    if found:
        return found
    raise FileError(_(_NO_ANNEX))


def _under_headers(raw: list[list[str]]) -> Iterator[tuple[dict[int, str], list[str]]]:
    """Yield each row that is not a header with the column map of the header above it.

    The first rows are the header (one row, or two under a spanning cell); the
    same header again (a page, a repeated header) is skipped; another header (a
    second annex table) gives the columns from there on.
    """
    count = _header_rows(raw, 0)
    mapping, header = _column_map(raw[:count]), [fold(c).strip() for c in raw[0]]
    index = count
    while index < len(raw):
        cells = raw[index]
        index += 1
        if [fold(c).strip() for c in cells] == header:
            continue
        if cells == [_TABLE] and index < len(raw):  # the next table's header
            count = _header_rows(raw, index)
            mapping = _column_map(raw[index : index + count])
            header = [fold(c).strip() for c in raw[index]]
            index += count
            continue
        if _is_new_header(cells):
            count = _header_rows(raw, index - 1)
            mapping = _column_map(raw[index - 1 : index - 1 + count])
            header = [fold(c).strip() for c in cells]
            index += count - 1
            continue
        yield mapping, cells


_Heading = tuple[str, list[str]]  # ("section", [id, title]) or ("group", [title])


def _heading(cells: list[str], values: dict[str, str]) -> _Heading | None:
    """Return the section or group a row opens, if it opens one and holds no task."""
    first = cells[0].strip() if cells else ""
    others = [c.strip() for c in cells[1:] if c.strip() and c != _MERGED]
    section = _ROMAN.match(first) if first else None
    if section and (section.group("title") or len(others) <= 1):
        title = section.group("title") or (others[0] if others else "")
        return ("section", [section.group("id"), collapse_spaces(title)])
    filled = {k for k, v in values.items() if v and k not in {"number", "title"}}
    if not first or filled or cells[0] == _MERGED:
        return None
    number = _TASK_NUMBER.match(first)
    if number and "." in number.group("n") and others:
        # "5.1 | Thương mại" with nothing else: a numbered sub-section
        return ("section", [number.group("n").upper(), collapse_spaces(others[0])])
    if not number and first[:1].isupper():
        # "Nhóm các nền tảng ..." alone in its row: an unnumbered group of tasks
        return ("group", [collapse_spaces(" ".join([first, *others]))])
    return None


def _task(
    cells: list[str], values: dict[str, str], merged: set[str], pending: Row | None, *, word: bool
) -> Row | str | None:
    """Return the task a row that opens no section holds, "join", or None (no task).

    A numbered row is a task. In Word, a row under a merged number with its own
    title is a sub-task of that number; an unnumbered row with a title and a
    lead, a deliverable or a timeframe is a task numbered after the one above
    ("1b"), anything else ("(*) Nhiệm vụ trọng tâm") is no task. In a text
    export an unnumbered row continues the task above ("join").
    """
    first = cells[0].strip() if cells else ""
    if number := _TASK_NUMBER.match(first):
        return Row({**values, "number": number.group("n")}, merged)
    if cells[0] == _MERGED and pending and values.get("title"):
        # Word merged the number down over a row with its own task: a sub-task of
        # the same number (its own content and deadline; lead and support merged).
        return Row({**values, "number": pending.cells["number"]}, merged)
    if (not word and pending is not None) or not any(values.values()):
        return "join"
    own = {k for k, v in values.items() if v and k not in {"number", "title"}}
    if not values.get("title") or not own & {"lead", "deliverable", "timeframe"}:
        return None
    return Row({**values, "number": pending.cells["number"] if pending else "1"}, merged)


def _rows(raw: list[list[str]], *, word: bool = False) -> Iterator[_Heading | Row]:
    """Yield ("section", [id, title]), ("group", [title]), ("skipped", [text]) and task Rows.

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
        values = {mapping[i]: ("" if cells[i] == _MERGED else cells[i].strip())
                  for i in mapping if i < len(cells)}  # fmt: skip
        merged = {mapping[i] for i in mapping if i < len(cells) and cells[i] == _MERGED}
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
            heading = ("section", [section.group("id"), collapse_spaces(values["title"])])
            task = Row({**values, "number": "0"}, merged)
        elif heading is None:
            found = _task(cells, values, merged, pending, word=word)
            if found == "join" and pending is not None:  # the cell ran over a page
                for column, value in values.items():
                    if value and column != "number":
                        joined = pending.cells.get(column, "") + " " + value
                        pending.cells[column] = joined.strip()
            elif found is None:
                text = " | ".join(c.strip() for c in cells if c.strip() and c != _MERGED)
                yield ("skipped", [collapse_spaces(text)])
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


def _deliverable(text: str) -> str | list[str] | None:
    if not text:
        return None
    if "<p>" not in text:
        return text
    joined = _JOIN_PARAGRAPHS.sub(" ", text)
    return [re.sub(r"^- ", "", p.strip()) for p in _PARAGRAPH.findall(joined)]


def _title_timeframe(title: str, year: int) -> str | None:
    """Return a timeframe written in brackets in a task's title, if the grammar reads it."""
    for inner in re.findall(r"\(([^()]+)\)", title):
        phrase = str(inner).strip()
        try:
            parse_timeframe(phrase, year=year)
        except TimeframeError:
            continue
        return phrase
    return None


def _fill(
    sections: list[tuple[str, str, list[Row]]], year: int, *, word: bool = False
) -> list[ImportedTask]:
    """Fill blank cells from the row they were merged with; give each task a unique id.

    In a Word file only a cell Word itself continues from the row above
    (w:vMerge) is filled; a text export carries no merge, so a blank lead or
    timeframe is taken as merged there, as before.
    """
    tasks: list[ImportedTask] = []
    used: set[str] = set()
    note = "Ô «{column}» để trống trong bản gốc (gộp ô với dòng {source}); lấy theo {source}."
    names = {
        "lead": "Đơn vị chủ trì",
        "support": "Đơn vị phối hợp",
        "timeframe": "Thời gian thực hiện",
    }
    for section_id, _title, rows in sections:
        ids = []
        for n, row in enumerate(rows):
            number = row.cells.get("number", str(n + 1))
            # "5.1.1" under section "5.1" is already whole; "1" under "I" is "I.1".
            base = number if number.startswith(f"{section_id}.") else f"{section_id}.{number}"
            unique, suffix = base, iter("bcdefghijklmnopqrstuvwxyz")
            while unique in used:  # numbering that repeats inside a section
                unique = base + next(suffix, "z")
            used.add(unique)
            ids.append(unique)
            row.cells["number"] = unique.removeprefix(f"{section_id}.")
        for index, row in enumerate(rows):
            inferred: list[dict[str, str]] = []
            cells = dict(row.cells)
            lead_blank = not cells.get("lead")
            for column in ("lead", "support", "timeframe"):
                if cells.get(column):
                    continue
                if word and column not in row.merged:
                    continue  # Word says the cell is empty, not merged: it stays empty
                if column == "support" and not lead_blank and not word:
                    continue  # a row with its own lead and no support: nobody supports
                if column == "timeframe" and (own := _title_timeframe(cells["title"], year)):
                    cells[column] = own
                    inferred.append(
                        {
                            "field": column,
                            "source": "title",
                            "note": "Thời điểm lấy từ phần trong ngoặc của tên nhiệm vụ.",
                        }
                    )
                    continue
                neighbour = index - 1 if index > 0 else index + 1
                if 0 <= neighbour < len(rows):
                    source = tasks[-1].cells if neighbour < index else rows[neighbour].cells
                    value = source.get(column, "")
                    if value:
                        cells[column] = value
                        text = note.format(column=names[column], source=ids[neighbour])
                        if neighbour > index:
                            text = "Chưa rõ: " + text
                        inferred.append({"field": column, "source": ids[neighbour], "note": text})
            tasks.append(
                ImportedTask(
                    ids[index], cells, _deliverable(cells.get("deliverable", "")), inferred
                )
            )
    return tasks


def _slug(name: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", fold(name)).strip("-") or "don-vi"


def _plan_yaml(
    plan_id: str, year: int, sections: list[tuple[str, str, list[Row]]], tasks: list[ImportedTask]
) -> str:
    by_id = {task.id: task for task in tasks}
    data = CommentedSeq()
    for section_id, title, rows in sections:
        section = CommentedMap(id=section_id, title=title)
        task_list = CommentedSeq()
        for n, row in enumerate(rows):
            task = by_id[f"{section_id}.{row.cells.get('number', str(n + 1))}"]
            entry = CommentedMap(id=task.id, title=task.cells["title"])
            entry["deliverable"] = task.deliverable
            for column in ("lead", "support"):
                if task.cells.get(column):
                    entry[column] = task.cells[column]
            # A blank cell stays blank: validate says so; "Thường xuyên" would be a guess.
            entry["timeframe"] = task.cells.get("timeframe") or ""
            notes = [
                f"{key.removeprefix('note:')}: {value}"
                for key, value in task.cells.items()
                if key.startswith("note:") and value and value != "—"
            ]
            if notes:  # the annex's other columns, kept
                entry["note"] = "\n".join(notes)
            if task.inferred:
                entry["inferred"] = [CommentedMap(i) for i in task.inferred]
            task_list.append(entry)
        section["tasks"] = task_list
        data.append(section)
    out = io.StringIO()
    round_trip().dump(CommentedMap(sections=data), out)
    return out.getvalue()


class _Parts:
    """Section ids made unique where a document numbers its sections again.

    An annex in parts ("A", "B", "C", each with sections I, II, ...) gives the
    sections of a part its letter ("B.I"); a part is a one-letter row that
    comes next in A, B, C... order. Numbering that starts again with no part
    row gives the later run its count ("2.I").
    """

    def __init__(self) -> None:
        self.part = ""
        self.used: set[str] = set()

    def section_id(self, written: str) -> str:
        following = chr(ord(self.part) + 1) if self.part else "A"
        if written == following:
            self.part = written
        elif self.part and _ROMAN_ID.fullmatch(written):
            written = f"{self.part}.{written}"
        unique, run = written, 1
        while unique in self.used:
            run += 1
            unique = f"{run}.{written}"
        self.used.add(unique)
        return unique


_ROMAN_ID = re.compile(r"[IVXLC]+")


def _new_units(tasks: list[ImportedTask], registry: UnitRegistry) -> dict[str, list[str]]:
    """Return the bodies the registry does not name, by id, each with its spellings.

    Each cell is split into its bodies, each kept whole; a body the registry
    names only in part ("Văn phòng Đăng ký đất đai" beside "Văn phòng") is a
    new unit, not a known one plus leftovers. Two spellings of one body ("UBND
    các tỉnh/ thành phố", "UBND các tỉnh, thành phố") share an id: the first is
    its name, the others its aliases.
    """
    new_units: dict[str, list[str]] = {}
    for task in tasks:
        for column in ("lead", "support"):
            for body in split_bodies(task.cells.get(column, "")):
                if not registry.split_cell(body)[1]:
                    continue
                spellings = new_units.setdefault(_slug(body), [])
                if name_key(body) not in {name_key(known) for known in spellings}:
                    spellings.append(body)
    return new_units


def _headed(items: list[_Heading | Row]) -> list[_Heading | Row]:
    """Turn a numbered row that holds only a title into the heading of the rows numbered
    under it: "1 | Lĩnh vực nông nghiệp" over "1.1", "1.2" (which become its "1", "2"),
    or "3. Kiểm tra ..." over "a)", "b)"."""

    def under(row: _Heading | Row, number: str) -> bool:
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
        items[index] = ("numbered group", [number, collapse_spaces(item.cells["title"])])
        for after, row in enumerate(items[index + 1 :], start=index + 1):
            if isinstance(row, Row) and under(row, number):
                row.cells["number"] = row.cells["number"].removeprefix(f"{number}.")
            elif isinstance(row, Row):  # "2" after "1.2": back in the section above
                items.insert(after, ("end of group", []))
                break
            elif row[0] != "skipped":
                break
    return items


def import_plan(
    rows: list[list[str]],
    *,
    registry_plan: Plan,
    registry_text: str,
    year: int,
    plan_id: str,
    header: Header | None = None,
    word: bool = False,
) -> ImportResult:
    """Build a plan file from annex rows, with the units registry of an existing plan."""
    from tthc_plan.store.scaffold import units_block  # noqa: PLC0415

    sections: list[tuple[str, str, list[Row]]] = []
    parent, groups = "", 0
    parts = _Parts()
    skipped: list[str] = []
    current: list[Row] = []
    for item in _headed(list(_rows(rows, word=word))):
        if isinstance(item, tuple) and item[0] == "skipped":
            skipped.append(item[1][0])
        elif isinstance(item, tuple) and item[0] == "group":  # a group of the section above
            groups += 1
            group_id = f"{parent}.{_letters(groups)}" if parent else _letters(groups)
            sections.append((group_id, item[1][0], []))
        elif isinstance(item, tuple) and item[0] == "numbered group":  # "1 | Lĩnh vực ..."
            sections.append((f"{parent}.{item[1][0]}" if parent else item[1][0], item[1][1], []))
            current = sections[-1][2]
        elif isinstance(item, tuple) and item[0] == "end of group":
            current = next(rows for id_, _title, rows in sections if id_ == parent)
        elif isinstance(item, tuple):
            parent, groups = parts.section_id(item[1][0]), 0
            sections.append((parent, item[1][1], []))
            current = sections[-1][2]
        else:
            if not sections:  # tasks before any section row: a section to name, not a loss
                parent = parts.section_id("0")
                sections.append((parent, "(Chưa có tên mục: cần xem lại)", []))
                current = sections[-1][2]
            current.append(item)
    tasks = _fill(sections, year, word=word)
    new_units = _new_units(tasks, UnitRegistry(registry_plan.units))
    unread: list[tuple[str, str]] = []
    for task in tasks:
        try:
            parse_timeframe(task.cells.get("timeframe", ""), year=year)
        except TimeframeError as error:
            unread.append((task.id, str(error)))
    units = units_block(registry_text) or "units:\n"
    for unit_id, (name, *others) in new_units.items():
        kind = guessed_kind(name)
        aliases = "".join(f"      - {round_trip_scalar(other)}\n" for other in others)
        units += (
            f"  # cần xem lại: đơn vị mới từ bản nhập, chưa có trong danh mục\n"
            f"  - id: {unit_id}\n    name: {round_trip_scalar(name)}\n    kind: {kind}\n"
            + (f"    aliases:  # cùng một đơn vị, viết khác\n{aliases}" if others else "")
            + ("    open: true  # điền members\n" if kind == "group" else "")
        )
    info = registry_plan.plan
    read = header or Header()
    number = round_trip_scalar(read.number) if read.number else "null"
    issued = read.issued or f"{year - 1}-12-31  # sửa theo ngày ký"
    top = (
        "# Nhập bằng «tthc import». Kiểm tra: tthc validate; xem các ghi chú «cần xem lại».\n"
        "plan:\n"
        f"  id: {plan_id}\n"
        f"  title: {round_trip_scalar(info.title.replace(str(info.year), str(year)))}\n"
        f"  year: {year}\n"
        f"  timezone: {info.timezone}\n"
        f"  issuer: {round_trip_scalar(info.issuer)}\n"
        "  decision:\n"
        f"    number: {number}\n"
        f"    symbol: {round_trip_scalar(read.symbol or 'QĐ-UBND')}\n"
        f"    date: {issued}\n"
        f"    title: Về việc ban hành Kế hoạch hoạt động kiểm soát thủ tục hành chính năm {year}\n"
        "    signer:\n"
        f"      name: {round_trip_scalar(read.signer or '(chưa điền)')}\n"
        f"      title: {round_trip_scalar(read.signer_title or 'Chủ tịch')}\n"
        "\n"
    )
    body = _plan_yaml(plan_id, year, sections, tasks)
    if units.strip() == "units:":  # no body named anywhere: an empty list, not a null
        units = "units: []\n"
    names = [spellings[0] for spellings in new_units.values()]
    return ImportResult(top + units + "\n" + body, tasks, names, unread, skipped)
