"""A Word document in the form of Nghị định 30/2020/NĐ-CP (Phụ lục I).

A4 portrait, margins 20/20/30/15 mm (top, bottom, left, right), Times New
Roman 13 pt for the text; the heading as a two-column borderless table (the
issuing body under its parent and over a short rule on the left; Quốc hiệu
and Tiêu ngữ on the right, with a rule as long as the motto); the number and
the place and date; the title; the body; "Nơi nhận" (12 and 11 pt) beside the
signature block; page numbers from page 2, centred in the top margin.
Tables repeat their header row on every page and never split a row.

Only this module knows python-docx; the report and the letter say what to
write, not how Word lays it out.
"""

from __future__ import annotations

import io
import itertools
from collections.abc import Callable, Sequence
from copy import deepcopy
from datetime import date
from functools import cache
from typing import TYPE_CHECKING

import docx
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_LINE_SPACING
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Mm, Pt
from docx.table import _Cell, _Row

from tthc_plan.core.documents import Issuer, date_line
from tthc_plan.output.export.form import MOTTO, NATION, listed
from tthc_plan.output.export.metrics import balanced_lines, bold_width_mm, fitted_widths

if TYPE_CHECKING:
    from docx.document import Document
    from docx.oxml.table import CT_Row
    from docx.oxml.text.paragraph import CT_P
    from docx.table import Table
    from docx.text.paragraph import Paragraph
    from docx.text.run import Run

FONT = "Times New Roman"
BODY_PT = 13
TABLE_PT = 12
PAGE_MM = (210, 297)
MARGINS_MM = {"top": 20, "bottom": 20, "left": 30, "right": 15}
TEXT_MM = PAGE_MM[0] - MARGINS_MM["left"] - MARGINS_MM["right"]  # 165 mm
HEAD_MM = (70, TEXT_MM - 70)  # issuer | Quốc hiệu and Tiêu ngữ (88 mm at 12 pt, on one line)
CELL_MARGIN_MM = 1.9  # Word's default left and right cell margin (0.19 cm)
TABLE_CELL_MARGIN_MM = 1.0  # narrower in data tables: a date fits a 23 mm column
NATION_PT = 12
MOTTO_PT = 13
SIGN_ROOM_LINES = 4  # empty lines left for the signature and the seal


class OfficialDocument:
    """A Word document being written in the official form, top to bottom."""

    def __init__(self) -> None:
        """Start an empty A4 document with the official page, fonts and page numbers."""

        self._docx: Document = _new_document()
        self._formats: dict[tuple[object, ...], CT_P] = {}  # see _formatted

    def _formatted(
        self, paragraph: Paragraph, kind: tuple[object, ...], form: Callable[[Paragraph], None]
    ) -> None:
        """Format the new, empty `paragraph` as `form` does, with an empty run if it adds one.

        The first paragraph of each `kind` in the document is formatted by
        python-docx, which looks for each property's place among up to forty
        elements; the others get a copy of its formatting, the same XML.
        """
        model = self._formats.get(kind)
        if model is None:
            form(paragraph)
            self._formats[kind] = deepcopy(paragraph._p)
        else:
            paragraph._p.extend(list(deepcopy(model)))

    # The heading ------------------------------------------------------------

    def heading(self, issuer: Issuer, number: str, day: date, subject: str | None = None) -> None:
        """Write the heading table: body and number left, Quốc hiệu and date right.

        `number` is "Số: .../BC-UBND"; `subject` the "V/v ..." line of a letter.
        """
        table = self._docx.add_table(rows=2, cols=2)
        _fix_widths(table, HEAD_MM)
        left, right = table.cell(0, 0), table.cell(0, 1)
        first = True
        if issuer.parent:
            self._cell_line(left, issuer.parent, first=first, size=BODY_PT)
            first = False
        room = HEAD_MM[0] - 2 * CELL_MARGIN_MM
        printed: list[str] = []
        for line in issuer.body:
            for part in balanced_lines(line, BODY_PT, room):
                self._cell_line(left, part, first=first, bold=True, size=BODY_PT)
                printed.append(part)
                first = False
        longest = max(bold_width_mm(line, BODY_PT) for line in printed)
        _rule(left.add_paragraph(), HEAD_MM[0], min(longest, room) * 0.4)
        self._cell_line(right, NATION, first=True, bold=True, size=NATION_PT)
        self._cell_line(right, MOTTO, first=False, bold=True, size=MOTTO_PT)
        _rule(right.add_paragraph(), HEAD_MM[1], bold_width_mm(MOTTO, MOTTO_PT))
        below_left, below_right = table.cell(1, 0), table.cell(1, 1)
        self._cell_line(below_left, number, first=True, size=BODY_PT)
        if subject:
            self._cell_line(below_left, subject, first=False, size=12)
        self._cell_line(below_right, date_line(issuer.place, day), first=True, italic=True,
                        size=14)  # fmt: skip

    def _cell_line(
        self,
        cell: _Cell,
        text: str,
        *,
        first: bool,
        bold: bool = False,
        italic: bool = False,
        size: float = BODY_PT,
    ) -> Paragraph:

        paragraph: Paragraph = cell.paragraphs[0] if first else cell.add_paragraph()

        def form(new: Paragraph) -> None:
            new.alignment = WD_ALIGN_PARAGRAPH.CENTER
            new.paragraph_format.space_after = Pt(0)
            new.paragraph_format.first_line_indent = Pt(0)
            run = new.add_run()
            run.bold, run.italic, run.font.size = bold, italic, Pt(size)

        self._formatted(paragraph, ("cell", bold, italic, size), form)
        _put_text(paragraph.runs[0], text)
        return paragraph

    def title(self, kind: str, subject: str) -> None:
        """Write the kind of document ("BÁO CÁO") and its subject, with a short rule under it."""

        for text, size, space in ((kind, 14, 18), (subject, 14, 0)):
            paragraph = self._docx.add_paragraph()
            paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
            paragraph.paragraph_format.space_before = Pt(space)
            paragraph.paragraph_format.space_after = Pt(0)
            run = _add_run(paragraph, text)
            run.bold, run.font.size = True, Pt(size)
        line = min(bold_width_mm(subject, 14), TEXT_MM)
        _rule(self._docx.add_paragraph(), TEXT_MM + 2 * CELL_MARGIN_MM, line * 0.35, after=12)

    def recipients(self, lines: Sequence[str]) -> None:
        """Write "Kính gửi:" and its names, the names aligned after the words."""

        for index, line in enumerate(lines):
            paragraph = self._docx.add_paragraph()
            fmt = paragraph.paragraph_format
            fmt.left_indent = Mm(35 if index == 0 else 55)
            fmt.space_before = Pt(12 if index == 0 else 0)
            fmt.space_after = Pt(12 if index == len(lines) - 1 else 0)
            _add_run(paragraph, line).font.size = Pt(14)

    # The body ---------------------------------------------------------------

    def paragraph(
        self,
        text: str = "",
        *,
        bold: bool = False,
        italic: bool = False,
        indent: bool = True,
        size: float | None = None,
        keep: bool = False,
    ) -> Paragraph:
        """Write a justified paragraph of the body, its first line indented 1 cm.

        `keep`: on the same page as what follows (the last words and the signature).
        """

        paragraph = self._docx.add_paragraph()

        def form(new: Paragraph) -> None:
            new.alignment = WD_ALIGN_PARAGRAPH.JUSTIFY
            if keep:
                new.paragraph_format.keep_with_next = True
            if indent:
                new.paragraph_format.first_line_indent = Cm(1)
            if text:
                run = new.add_run()
                run.bold, run.italic = bold, italic
                if size is not None:
                    run.font.size = Pt(size)

        run_kind = (bold, italic, size) if text else None
        self._formatted(paragraph, ("body", indent, keep, run_kind), form)
        if text:
            _put_text(paragraph.runs[0], text)
        return paragraph

    def runs(self, parts: Sequence[tuple[str, bool]], *, indent: bool = True) -> Paragraph:
        """Write one paragraph of (text, bold) parts."""
        paragraph = self.paragraph(indent=indent)
        for text, bold in parts:
            _add_run(paragraph, text).bold = bold
        return paragraph

    def section(self, text: str) -> None:
        """Write a part's heading ("I. KẾT QUẢ THỰC HIỆN"), bold, keeping with what follows."""
        paragraph = self.paragraph(text, bold=True)
        paragraph.paragraph_format.keep_with_next = True

    def table(
        self,
        headers: Sequence[str],
        rows: Sequence[Sequence[str]],
        *,
        centred: Sequence[int] = (),
        under: Sequence[str] = (),
        total: bool = False,
    ) -> None:
        """Write a bordered table: header row repeated on each page, rows never split.

        Column widths are fitted to what the columns hold, over the text width.
        `centred`: the columns whose cells are centred (STT, dates, counts).
        `under`: for each row, a text written under it across every column but
        the first, which spans both rows ("" for none): a list of names gets the
        table's width, not one column's, and stays on the page of its row.
        `total`: the last row sums the others, in bold.
        """

        padding = 2 * TABLE_CELL_MARGIN_MM + 1  # a millimetre to spare for rounding
        widths_mm = fitted_widths(headers, rows, TEXT_MM, size_pt=TABLE_PT, padding_mm=padding)
        table = self._docx.add_table(rows=1, cols=len(headers))
        table.style = "Table Grid"
        _fix_widths(table, widths_mm)
        _cell_margins(table, TABLE_CELL_MARGIN_MM)
        _row_flags(table.rows[0], header=True)
        for cell, text in zip(table.rows[0].cells, headers, strict=True):
            self._fill(cell, text, bold=True, centred=True)
        # The rows are formatted alike: a model of each kind, formatted once, is copied.
        models: dict[tuple[bool, bool], list[CT_Row]] = {}
        last = len(rows) - 1
        for number, values in enumerate(rows):
            bold = total and number == last
            names = under[number] if number < len(under) else ""
            kind = (bold, bool(names))
            if kind not in models:
                models[kind] = self._model(table, centred, bold=bold, named=bool(names))
            row, *below = _copied(table, models[kind])
            if total and number == last - 1:
                _keep_with_next(row)  # no total alone under a repeated header
            for cell, text in zip(row, values, strict=True):
                self._write(cell, text, bold=bold, keep=bool(names))
            for cells in below:  # the first spanned from the row above, then one wide cell
                self._write(cells[-1], names, bold=False, keep=False)
        spacer = self._docx.add_paragraph()
        spacer.paragraph_format.space_after = Pt(0)

    def _model(
        self, table: Table, centred: Sequence[int], *, bold: bool, named: bool
    ) -> list[CT_Row]:
        """Return an empty row of `table` formatted by python-docx, taken out of the table
        again, to be copied (`_copied`). `named`: with the row under it, one cell under all
        but the first, where a shared task's late units are named."""

        row = _added_row(table)
        for index, cell in enumerate(row.cells):
            self._fill(cell, "", bold=bold, centred=index in centred)
        model = [row]
        if named:
            below = _added_row(table)
            _keep_with_next(row.cells)
            row.cells[0].merge(below.cells[0])
            self._fill(below.cells[1].merge(below.cells[-1]), "")
            model.append(below)
        for made in model:
            table._tbl.remove(made._tr)
        return [made._tr for made in model]

    def _fill(self, cell: _Cell, text: str, *, bold: bool = False, centred: bool = False) -> None:
        """Write `text` in a new cell of a data table, a paragraph a line."""

        first, *more = text.split("\n")
        self._table_line(cell.paragraphs[0], first, bold=bold, centred=centred)
        for line in more:
            self._table_line(cell.add_paragraph(), line, bold=bold)

    def _write(self, cell: _Cell, text: str, *, bold: bool, keep: bool) -> None:
        """Write `text` in a copied cell: its first line in the model's empty run, each other
        line in a paragraph of its own, as `_fill` writes them (`keep`: with the next row)."""

        first, *more = text.split("\n")
        _put_text(cell.paragraphs[0].runs[0], first)
        for line in more:
            self._table_line(cell.add_paragraph(), line, bold=bold, keep=keep)

    def _table_line(
        self,
        paragraph: Paragraph,
        text: str,
        *,
        bold: bool,
        centred: bool = False,
        keep: bool = False,
    ) -> None:
        """Write a line of a data table's cell in the new, empty `paragraph`."""

        def form(new: Paragraph) -> None:
            if centred:
                new.alignment = WD_ALIGN_PARAGRAPH.CENTER
            if keep:
                new.paragraph_format.keep_with_next = True
            new.paragraph_format.space_after = Pt(0)
            run = new.add_run()
            run.bold, run.font.size = bold, Pt(TABLE_PT)

        self._formatted(paragraph, ("table", bold, centred, keep), form)
        _put_text(paragraph.runs[0], text)

    # The end ----------------------------------------------------------------

    def closing(self, issuer: Issuer, recipients: Sequence[str]) -> None:
        """Write "Nơi nhận" (left) beside the signature block (right)."""

        table = self._docx.add_table(rows=1, cols=2)
        _fix_widths(table, (75, TEXT_MM - 75))
        _row_flags(table.rows[0], header=False)
        left, right = table.cell(0, 0), table.cell(0, 1)
        heading = left.paragraphs[0]
        heading.paragraph_format.space_after = Pt(0)
        run = _add_run(heading, "Nơi nhận:")
        run.bold, run.italic, run.font.size = True, True, Pt(12)
        for name in listed(recipients):
            line = left.add_paragraph()
            line.paragraph_format.space_after = Pt(0)
            _add_run(line, f"- {name}").font.size = Pt(11)
        for index, text in enumerate(issuer.signature):
            self._cell_line(right, text, first=index == 0, bold=True, size=14)
        for _empty in range(SIGN_ROOM_LINES):
            self._cell_line(right, "", first=False)
        signed = self._cell_line(right, issuer.signer, first=False, bold=True, size=14)
        signed.alignment = WD_ALIGN_PARAGRAPH.CENTER

    def to_bytes(self) -> bytes:
        """Return the document as .docx bytes."""
        out = io.BytesIO()
        self._docx.save(out)
        return out.getvalue()


_MADE = itertools.count()  # the documents this process has started


def _new_document() -> Document:
    """Return an empty A4 document with the official page, fonts and page numbers.

    Reading python-docx's template (its styles.xml alone is 430 kB) and setting
    it up takes 7 ms, copying a blank document already set up 2 ms. The first
    document of a process is set up (`tthc report` makes one); from the second
    on, each is a copy of a blank one kept for the process, never written to.
    """
    return _blank() if next(_MADE) == 0 else deepcopy(_kept_blank())


def _blank() -> Document:
    """Return an empty A4 document with the official page, fonts and page numbers."""

    document = docx.Document()
    section = document.sections[0]
    section.page_width, section.page_height = Mm(PAGE_MM[0]), Mm(PAGE_MM[1])
    section.top_margin, section.bottom_margin = Mm(MARGINS_MM["top"]), Mm(MARGINS_MM["bottom"])
    section.left_margin, section.right_margin = Mm(MARGINS_MM["left"]), Mm(MARGINS_MM["right"])
    section.header_distance = Mm(10)
    normal = document.styles["Normal"]
    normal.font.name = FONT
    normal.font.size = Pt(BODY_PT)
    _east_asian_font(normal.element)
    _language(document)
    fmt = normal.paragraph_format
    fmt.space_before, fmt.space_after, fmt.line_spacing = Pt(0), Pt(6), 1.0
    # Page numbers from the second page, centred in the top margin.
    section.different_first_page_header_footer = True
    paragraph = section.header.paragraphs[0]
    paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
    _field(paragraph, "PAGE")
    return document


_kept_blank = cache(_blank)


# Word's XML where python-docx has no API ---------------------------------------

# Word refuses elements out of the schema's order: what may follow each one we add.
_AFTER_TBL_CELL_MAR = ("w:tblLook", "w:tblCaption", "w:tblDescription", "w:tblPrChange")
_AFTER_PBDR = (
    "w:shd", "w:tabs", "w:suppressAutoHyphens", "w:kinsoku", "w:wordWrap", "w:overflowPunct",
    "w:topLinePunct", "w:autoSpaceDE", "w:autoSpaceDN", "w:bidi", "w:adjustRightInd",
    "w:snapToGrid", "w:spacing", "w:ind", "w:contextualSpacing", "w:mirrorIndents",
    "w:suppressOverlap", "w:jc", "w:textDirection", "w:textAlignment", "w:textboxTightWrap",
    "w:outlineLvl", "w:divId", "w:cnfStyle", "w:rPr", "w:sectPr", "w:pPrChange",
)  # fmt: skip


def _mm(value: float) -> int:

    return Mm(value)


def _east_asian_font(style_element: object) -> None:
    """Make the font hold for every script, so Word never falls back for Vietnamese letters."""

    rpr = style_element.get_or_add_rPr()  # type: ignore[attr-defined]
    fonts = rpr.get_or_add_rFonts()
    for attribute in ("w:ascii", "w:hAnsi", "w:eastAsia", "w:cs"):
        fonts.set(qn(attribute), FONT)


def _language(document: Document) -> None:
    """Mark the text Vietnamese, so that Word checks its spelling as Vietnamese."""

    defaults = document.styles.element.find(qn("w:docDefaults"))
    run_defaults = defaults.find(qn("w:rPrDefault")) if defaults is not None else None
    rpr = run_defaults.find(qn("w:rPr")) if run_defaults is not None else None
    if rpr is None:
        return
    language = rpr.find(qn("w:lang"))
    if language is None:
        language = OxmlElement("w:lang")
        rpr.append(language)
    for attribute in ("w:val", "w:eastAsia", "w:bidi"):
        language.set(qn(attribute), "vi-VN")


def _fix_widths(table: object, widths_mm: Sequence[float]) -> None:
    """Give a table fixed column widths (Word reads the cells, LibreOffice the grid).

    autofit = False is python-docx's own <w:tblLayout w:type="fixed"/>: one only,
    as Word's schema allows.
    """
    table.autofit = False  # type: ignore[attr-defined]
    tbl = table._tbl  # type: ignore[attr-defined]
    for column, width in zip(tbl.tblGrid.gridCol_lst, widths_mm, strict=True):
        column.w = _mm(width)
    for row in table.rows:  # type: ignore[attr-defined]
        for cell, width in zip(row.cells, widths_mm, strict=True):
            cell.width = _mm(width)


def _cell_margins(table: object, side_mm: float) -> None:
    """Set a table's left and right cell margins."""

    margins = OxmlElement("w:tblCellMar")
    for edge in ("w:left", "w:right"):
        element = OxmlElement(edge)
        element.set(qn("w:w"), str(round(side_mm * 1440 / 25.4)))  # twentieths of a point
        element.set(qn("w:type"), "dxa")
        margins.append(element)
    tbl_pr = table._tbl.tblPr  # type: ignore[attr-defined]
    tbl_pr.insert_element_before(margins, *_AFTER_TBL_CELL_MAR)


def _row_flags(row: object, *, header: bool) -> None:
    """Keep a row on one page; repeat it at the top of each page if it is the header."""

    properties = row._tr.get_or_add_trPr()  # type: ignore[attr-defined]
    properties.append(OxmlElement("w:cantSplit"))
    if header:
        properties.append(OxmlElement("w:tblHeader"))


def _added_row(table: Table) -> _Row:
    """Add a row to `table`, one that is never split across pages."""

    row: _Row = table.add_row()  # type: ignore[no-untyped-call]  # python-docx: unannotated
    _row_flags(row, header=False)
    return row


def _copied(table: Table, model: Sequence[CT_Row]) -> list[list[_Cell]]:
    """Append to `table` a copy of each row of `model`; return the cells of each, one per
    <w:tc> (a cell spanning columns or rows is one).

    python-docx puts each property it sets (bold, size, spacing, alignment) in
    its place among the up to forty elements Word's schema allows there,
    looking for each of them: a table of fifty rows formatted cell by cell was
    most of a report's time. The copy of a row python-docx formatted (`_model`)
    is the same XML, made at once. `_Cell` is python-docx's view of a <w:tc>:
    `_Row.cells` would find the same, at a cost of a few spans' look-ups each.
    """
    rows = []
    for tr in model:
        copy = deepcopy(tr)
        table._tbl.append(copy)
        rows.append([_Cell(tc, table) for tc in copy.tc_lst])
    return rows


def _add_run(paragraph: Paragraph, text: str) -> Run:
    """Add a run holding `text` to `paragraph`, as `paragraph.add_run(text)` does."""

    run = paragraph.add_run()
    _put_text(run, text)
    return run


def _put_text(run: Run, text: str) -> None:
    """Write `text` in an empty `run`, as `run.text = text` writes it.

    `Run.text` reads the text a character at a time, for tabs and breaks: a
    tenth of a document's time. Text with neither is one <w:t>, which
    `Run.add_text` writes at once.
    """
    if any(char in text for char in "\t\r\n"):
        run.text = text
    elif text:
        run.add_text(text)


def _keep_with_next(cells: Sequence[_Cell]) -> None:
    """Keep a table row (its `cells`) on the page of the next: Word and LibreOffice read
    it from its paragraphs."""

    for cell in cells:
        for paragraph in cell.paragraphs:
            paragraph.paragraph_format.keep_with_next = True


def _rule(paragraph: Paragraph, box_mm: float, length_mm: float, after: int = 0) -> None:
    """Make an empty `paragraph` a centred rule `length_mm` long, in a box `box_mm` wide.

    The rule is the bottom border of a paragraph two points high, narrowed by
    its indents: the line of text above keeps its full width.
    """

    side = max((box_mm - 2 * CELL_MARGIN_MM - length_mm) / 2, 0)
    fmt = paragraph.paragraph_format
    fmt.left_indent = fmt.right_indent = _mm(side)
    fmt.first_line_indent = Pt(0)
    fmt.space_before, fmt.space_after = Pt(0), Pt(after)
    fmt.line_spacing_rule = WD_LINE_SPACING.EXACTLY
    fmt.line_spacing = Pt(2)
    borders = OxmlElement("w:pBdr")
    bottom = OxmlElement("w:bottom")
    for key, value in (("w:val", "single"), ("w:sz", "6"), ("w:space", "1"), ("w:color", "auto")):
        bottom.set(qn(key), value)
    borders.append(bottom)
    paragraph._p.get_or_add_pPr().insert_element_before(borders, *_AFTER_PBDR)


def _field(paragraph: Paragraph, code: str) -> None:
    """Insert a Word field (PAGE) that the reader's program fills in."""

    simple = OxmlElement("w:fldSimple")
    simple.set(qn("w:instr"), code)
    run = OxmlElement("w:r")
    text = OxmlElement("w:t")
    text.text = "2"
    run.append(text)
    simple.append(run)
    paragraph._p.append(simple)
