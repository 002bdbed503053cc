"""Import a plan's annex (.docx or text export) into a new plan file (`tthc import`).

The annex itself is read in core.annex; here are the source document opened,
its Word tables read, and the plan file written (store.annex_yaml) and checked.
"""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any

from msgspec import Struct, field

from tthc_plan.core import PLAN_YEARS
from tthc_plan.core.annex import (
    MERGED,
    NEXT_TABLE,
    NO_ANNEX,
    ImportedTask,
    is_header,
    read_annex,
    read_body_rows,
    read_text_rows,
)
from tthc_plan.core.form import Header, read_header
from tthc_plan.core.model import Unit
from tthc_plan.core.names import as_id, id_problem, is_slug, slug
from tthc_plan.core.problem import Problem
from tthc_plan.core.text import visible_controls
from tthc_plan.core.units import UnitRegistry
from tthc_plan.errors import FileError, TthcError, UsageError
from tthc_plan.i18n import _
from tthc_plan.store.annex_yaml import plan_text
from tthc_plan.store.files import (
    check_word_file,
    read_bounded,
    refuse_existing,
    write_atomically,
)
from tthc_plan.store.folders import is_folder, make_folder, present
from tthc_plan.store.locate import plan_files_in
from tthc_plan.store.plans import check_files, load_valid_plan
from tthc_plan.store.received import word_text

if TYPE_CHECKING:
    from docx.document import Document as WordDocument

__all__ = ["ImportOutcome", "ImportResult", "import_plan", "import_source", "read_docx_rows"]


class ImportResult(Struct):
    """The plan text written, and what a person must look at."""

    text: str
    tasks: list[ImportedTask]
    new_units: list[str]
    unread_timeframes: list[tuple[str, str]]
    skipped_rows: list[str] = field(default_factory=list)  # rows that hold no task, to review


class WordTableError(TthcError):
    """A row of a Word table whose cells cannot be placed in their columns."""

    def __init__(self, table: int, row: int, cells: int, columns: int) -> None:
        super().__init__(table, row, cells, columns)
        self.table, self.row, self.cells, self.columns = table, row, cells, columns

    def located(self, source: Path) -> TthcError:
        """Return the error a user reads: which file, table and row, and how to fix it."""
        message = _(
            "«{path}», bảng {table}, dòng {row}: các ô gộp ngang (gridSpan) trải ra {cells} "
            "cột, quá {columns} cột của bảng; không biết các ô sau thuộc cột nào, nên không "
            "nhập, không ghi tệp nào. Mở tệp bằng Word, tách hoặc gộp lại các ô của dòng này "
            "cho đúng cột (Bố cục > Tách ô), lưu rồi nhập lại."
        )
        return TthcError(
            message.format(
                path=source, table=self.table, row=self.row, cells=self.cells, columns=self.columns
            )
        )


# One grid cell of a Word row: the `w:tc` written there, and the cell whose text it shows
# (itself, or the first cell of the vertical merge it continues).
_Slot = tuple[Any, Any]


def _row_slots(tr: Any, above: list[_Slot] | None) -> list[_Slot]:  # noqa: ANN401 - lxml
    """Return a Word row's grid cells, as Word lays them out.

    A cell that continues a vertical merge (w:vMerge) shows the merge's first cell;
    one with nothing above it to continue (the first row, or a cell above that is
    in no merge) starts its own, with its own text, as Word shows it: python-docx
    would give the header's text, or fail, and the row would be lost. Cells
    skipped at the start of a row (w:gridBefore) are blank.
    """
    slots: list[_Slot] = [(None, None)] * tr.grid_before
    for tc in tr.tc_lst:
        offset = len(slots)
        root = tc
        if tc.vMerge == "continue" and above is not None and offset < len(above):
            upper, upper_root = above[offset]
            if upper is not None and upper.vMerge is not None:
                root = upper_root
        slots += [(tc, root)] * tc.grid_span
    return slots


def read_docx_rows(document: WordDocument) -> list[list[str]]:
    """Return the rows of every table of `document` that has an annex header, in order.

    A plan may have a second annex table (Phụ lục II) further down, with its
    own header: its rows follow the first table's, header and all, and the
    header says which column is which from there on. A row whose cells spread
    past the table's columns is refused (WordTableError), never read shifted.
    """
    from docx.table import _Cell  # noqa: PLC0415 - python-docx is needed by import only

    found: list[list[str]] = []
    for number, table in enumerate(document.tables, start=1):
        tbl = table._tbl  # the rows as written, merges and all
        # Keyed by the elements themselves: lxml keeps one proxy per element while it lives,
        # so the cells below are these same objects, compared with `is`.
        texts: dict[Any, str] = {tc: _Cell(tc, table).text for tr in tbl.tr_lst for tc in tr.tc_lst}

        def text(tc: Any, texts: dict[Any, str] = texts) -> str:  # noqa: ANN401 - lxml
            return "" if tc is None else texts[tc]

        grid: list[list[_Slot]] = []
        for tr in tbl.tr_lst:
            grid.append(_row_slots(tr, grid[-1] if grid else None))
        start = next(
            (n for n, slots in enumerate(grid[:2]) if is_header([text(r) for _tc, r in slots])),
            None,
        )
        if start is None:
            continue
        columns = max(len(tbl.xpath("./w:tblGrid/w:gridCol")), len(grid[start]))
        if found:  # a second annex table: its own header gives its columns
            found.append([NEXT_TABLE])
        above: list[_Slot] = []
        for index in range(start, len(grid)):
            slots = grid[index]
            if len(slots) > columns:
                raise WordTableError(number, index + 1, len(slots), columns)
            cells = []
            for position, (_tc, root) in enumerate(slots):
                # A merged cell covers several grid cells: keep the first, blank the
                # repeats (left or above), as the text export shows them.
                left = bool(position) and root is not None and slots[position - 1][1] is root
                up = root is not None and position < len(above) and above[position][1] is root
                cells.append(MERGED if up and not left else "" if left else text(root))
            above = slots
            found.append(cells)
    if found:
        return found
    raise FileError(_(NO_ANNEX))


def import_plan(
    rows: list[list[str]],
    *,
    units: list[Unit],
    registry_text: str,
    year: int,
    plan_id: str,
    header: Header | None = None,
    word: bool = False,
) -> ImportResult:
    """Build a plan file from annex rows, with the units registry of an existing plan
    (`units` and the text of its `units:` block; none: a registry of the annex's names)."""
    header = header or Header()
    registry = UnitRegistry(units)
    annex = read_annex(rows, year=year, registry=registry, word=word, issuer=header.issuer)
    text = plan_text(
        annex,
        registry_text=registry_text,
        year=year,
        plan_id=plan_id,
        header=header,
    )
    names = [spellings[0] for spellings in annex.new_units.values()]
    return ImportResult(text, annex.tasks, names, annex.unread_timeframes, annex.skipped_rows)


def _source_error(source: Path, error: Exception) -> str:
    """Return why a plan's source document cannot be read, in the user's language."""
    import zipfile  # noqa: PLC0415

    if isinstance(error, FileNotFoundError):
        return _("Không có tệp «{path}»: kiểm tra tên và thư mục.").format(path=source)
    if isinstance(error, IsADirectoryError | PermissionError):
        return _("Không mở được «{path}» (thư mục, hoặc không có quyền đọc).").format(path=source)
    if isinstance(error, zipfile.BadZipFile | KeyError):
        message = _("«{path}» không phải là tệp Word (.docx) đọc được: mở bằng Word rồi lưu lại "
                    "dạng .docx.")  # fmt: skip
        return message.format(path=source)
    if isinstance(error, UnicodeDecodeError):
        message = _("«{path}» không phải là văn bản UTF-8: lưu lại dạng UTF-8, hoặc dùng tệp "
                    ".docx.")  # fmt: skip
        return message.format(path=source)
    return _("Không đọc được «{path}»: {reason}.").format(path=source, reason=error)


def default_id(header: Header, year: int) -> str:
    """Return an imported plan's id: its number and symbol and its year ("552-kh-ubnd-2025");
    with no number, its issuer and symbol ("huyen-dak-r-lap-qd-ubnd-2024")."""
    if header.number:
        base = f"{header.number} {header.symbol or ''}"
    else:
        authority = re.sub(r"^(ubnd|uy-ban-nhan-dan)-", "", slug(header.issuer or ""))
        base = f"{authority} {header.symbol or ''}"
    return as_id(base, "ke-hoach", suffix=f"-{year}")


def _refuse_same_id(plan_id: str, folder: Path) -> None:
    """Refuse an import whose id a plan of `folder` already has: two plans, one progress."""
    from tthc_plan.store.loader import load_plan_file  # noqa: PLC0415 - the parser, only here

    for other in plan_files_in(folder) if is_folder(folder) else []:
        info = load_plan_file(other).parts.info
        if info is not None and info.id == plan_id:
            message = _("Kế hoạch «{id}» đã có ở «{path}»: không nhập, không ghi tệp nào.")
            error = TthcError(message.format(id=plan_id, path=other))
            error.hint = _("Đặt mã khác cho kế hoạch nhập: --id MÃ (ví dụ {id}-2).").format(
                id=plan_id
            )
            raise error


class ImportOutcome(Struct, frozen=True):
    """What `tthc import` made, and what a person must look at."""

    path: Path
    new_units: list[str]
    unread_timeframes: list[tuple[str, str]]
    skipped_rows: list[str]
    problems: list[Problem]


def _check_id(plan_id: str) -> None:
    """Refuse an --id that is not an id, or that cannot name a folder."""
    if not is_slug(plan_id):
        message = _(
            "Mã kế hoạch «{id}» không hợp lệ: chỉ chữ thường không dấu, số và dấu gạch ngang, "
            "ví dụ xa-nhan-co-kstthc-2025."
        )
        shown = visible_controls(plan_id).replace("\n", "\\n").replace("\t", "\\t")
        raise UsageError(message.format(id=shown))  # one line; accents as they are
    if (problem := id_problem(plan_id)) is not None:
        raise UsageError(str(problem))


def _read_source(source: Path) -> tuple[str, list[list[str]]]:
    """Return a plan document's text and its annex rows (a Word table, text, paragraphs)."""
    try:
        if source.suffix.lower() == ".docx":
            check_word_file(source)  # before python-docx inflates anything
            from docx import Document  # noqa: PLC0415

            document = Document(str(source))  # parsed once: its text and its tables
            text = word_text(document)
            try:
                return text, read_docx_rows(document)
            except FileError:  # no annex table: tasks written as paragraphs and fields
                return text, read_body_rows(text)
        text = read_bounded(source).decode("utf-8-sig")
        try:
            return text, read_text_rows(text)
        except FileError:
            return text, read_body_rows(text)
    except WordTableError as error:
        raise error.located(source) from None
    except TthcError:
        raise
    except Exception as error:  # the libraries word their errors in English: say it ours
        raise FileError(_source_error(source, error)) from None


def _plan_year(source: Path, year: int | None) -> int:
    """Return the plan's year (--year, else its title's), or refuse it with the fix."""
    if year is None:
        message = _("Không đọc được năm của kế hoạch trong «{path}»: ghi năm bằng --year, "
                    "ví dụ --year 2026.")  # fmt: skip
        raise UsageError(message.format(path=source))
    if not PLAN_YEARS[0] <= year <= PLAN_YEARS[1]:  # read from the title ("năm 0001")
        message = _("Tên kế hoạch trong «{path}» ghi năm {year}, ngoài các năm {first}–{last} "
                    "của một kế hoạch: ghi năm đúng bằng --year, ví dụ --year 2026.")  # fmt: skip
        raise UsageError(
            message.format(path=source, year=year, first=PLAN_YEARS[0], last=PLAN_YEARS[1])
        )
    return year


def import_source(
    source: Path,
    target: Path,
    *,
    units_from: Path | None,
    year: int | None,
    plan_id: str | None,
    today: date,
) -> ImportOutcome:
    """Import a plan's annex (.docx or text export) into a new plan file; check it.

    Return the file, the new units to review, the timeframes not understood, the
    rows that hold no task, and every problem `tthc validate` finds in the result.
    """
    if not present(source):  # the source first: it is what the user just typed
        raise FileError(_source_error(source, FileNotFoundError()))
    refuse_existing(target)
    if plan_id is not None:
        _check_id(plan_id)
    text, rows = _read_source(source)
    header = read_header(text)
    year = _plan_year(source, year or header.year)
    plan_id = plan_id or default_id(header, year)
    _refuse_same_id(plan_id, target.parent)
    units: list[Unit] = []
    registry_text = ""
    if units_from is not None:  # names matched against that plan's registry first
        units = load_valid_plan(units_from).units
        registry_text = units_from.read_text(encoding="utf-8-sig")
    result = import_plan(
        rows,
        units=units,
        registry_text=registry_text,
        year=year,
        plan_id=plan_id,
        header=header,
        word=source.suffix.lower() == ".docx",
    )
    make_folder(target.parent, target)
    write_atomically(target, result.text.encode("utf-8"))  # whole, or not at all
    return ImportOutcome(
        target,
        result.new_units,
        result.unread_timeframes,
        result.skipped_rows,
        check_files([target], today=today),
    )
