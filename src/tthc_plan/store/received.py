"""The text of a document a unit sends: a Word file (.docx) or a PDF with a text layer.

Bounded as the importer's input is: the file's size (store.files.MAX_FILE_BYTES),
a Word file's inflated parts, a PDF's pages. A file that cannot be read is an
UnreadableError that says why, in the user's words, and nothing else happens.
PDFs are read with pypdf (BSD licence, pure Python, no system library).
"""

from __future__ import annotations

import hashlib
import io
from pathlib import Path
from typing import TYPE_CHECKING

from msgspec import Struct

from tthc_plan.errors import FileError
from tthc_plan.i18n import _
from tthc_plan.store.files import check_word_file, read_bounded

if TYPE_CHECKING:
    from docx.document import Document as WordDocument

MAX_PDF_PAGES = 200  # a unit's report is a few pages; a book is not a report
READABLE = (".docx", ".pdf")


class UnreadableError(FileError):
    """A file whose text cannot be read: another format, a scan, a damaged file."""


class Received(Struct, frozen=True):
    """A document's text, and the hash of its bytes (the same file is taken in once)."""

    path: Path
    sha256: str
    text: str


def read_received(path: Path) -> Received:
    """Return the text of the .docx or PDF at `path`; raise UnreadableError if there is none."""
    suffix = path.suffix.lower()
    if suffix not in READABLE:
        message = _("«{path}»: tthc chỉ đọc tệp .docx và PDF; lưu lại văn bản dạng .docx "
                    "hoặc PDF.")  # fmt: skip
        raise UnreadableError(message.format(path=path))
    try:
        data = read_bounded(path)
        if suffix == ".docx":
            check_word_file(path)  # before python-docx inflates anything
            text = _word_file_text(data)
        else:
            text = _pdf_text(path, data)
    except UnreadableError:
        raise
    except FileError as error:
        raise UnreadableError(str(error)) from None
    except Exception:  # the libraries word their errors in English: say it ours
        message = _("«{path}» hỏng hoặc không phải {kind} thật: mở bằng Word hoặc trình đọc PDF "
                    "rồi lưu lại.")  # fmt: skip
        raise UnreadableError(message.format(path=path, kind=suffix.lstrip(".").upper())) from None
    if not text.strip():
        message = _("«{path}» không có chữ để đọc (bản quét, chỉ có ảnh): xin đơn vị gửi bản "
                    ".docx hoặc PDF xuất từ Word.")  # fmt: skip
        raise UnreadableError(message.format(path=path))
    return Received(path, hashlib.sha256(data).hexdigest(), text)


def _word_file_text(data: bytes) -> str:
    from docx import Document  # noqa: PLC0415 - only documents read need it

    return word_text(Document(io.BytesIO(data)))


def word_text(document: WordDocument) -> str:
    """The text of a Word file in reading order: paragraphs, and each table's cells
    (the heading table of the official form holds the issuer, number and date)."""
    from docx.table import Table  # noqa: PLC0415 - python-docx is needed by a few commands

    lines: list[str] = []
    for block in document.iter_inner_content():
        if isinstance(block, Table):
            for row in block.rows:
                lines += dict.fromkeys(cell.text for cell in row.cells)
        else:
            lines.append(block.text)
    return "\n".join(lines)


def _pdf_text(path: Path, data: bytes) -> str:
    from pypdf import PdfReader  # noqa: PLC0415 - only PDFs need it

    reader = PdfReader(io.BytesIO(data))
    if reader.is_encrypted:
        message = _("«{path}» là PDF có mật khẩu: xin đơn vị gửi bản không khóa.")
        raise UnreadableError(message.format(path=path))
    if len(reader.pages) > MAX_PDF_PAGES:
        message = _("«{path}» có {count} trang, quá {limit}: không phải một văn bản báo cáo.")
        raise UnreadableError(
            message.format(path=path, count=len(reader.pages), limit=MAX_PDF_PAGES)
        )
    return "\n".join(page.extract_text() or "" for page in reader.pages)
