"""A document's particulars, read from the form of Nghị định 30/2020/NĐ-CP.

The heading (the issuing body under its parent, "Số: 552/KH-UBND", the place
and date line), the kind and title ("KẾ HOẠCH" over its subject) or a letter's
"V/v ...", "Kính gửi", the decision an annexed plan is issued with ("Ban hành
kèm theo Quyết định số ..."), and the signature block ("KT. CHỦ TỊCH" / "PHÓ
CHỦ TỊCH" / the name). Read for a plan (`tthc import`) and for a document a unit
sends (`tthc intake`). What the text does not say stays None: nothing here is
guessed.
"""

from __future__ import annotations

import re
from datetime import date

from msgspec import Struct, field

from tthc_plan.core.dates import WRITTEN_DATE, InvalidDateError, make_date
from tthc_plan.core.docref import parse_document_ref
from tthc_plan.core.names import levels_pattern
from tthc_plan.core.text import collapse_spaces, fold, nfc


class Signature(Struct):
    """A signature block: in whose name ("KT. CHỦ TỊCH"), the title, the name."""

    on_behalf: str | None = None  # "TM. ỦY BAN NHÂN DÂN, KT. CHỦ TỊCH", as written
    title: str | None = None  # "Phó Chủ tịch"
    name: str | None = None  # "Trần Công Dũng"


class Header(Struct):
    """What a document's first page and signature say, where they say it."""

    year: int | None = None  # the plan's year, from its title
    kind: str | None = None  # "Kế hoạch", "Quyết định"
    number: str | None = None
    symbol: str | None = None  # "QĐ-TTg", "KH-UBND": as the "Số:" line writes it
    issued: date | None = None
    place: str | None = None  # "Đồng Tháp", from the place and date line
    issuer: str | None = None  # "UBND tỉnh Đồng Tháp", "Sở Tư pháp"
    parent: str | None = None  # the body above the issuer: "UBND TỈNH ĐỒNG THÁP"
    subject: str | None = None  # the title under the kind, as written ("Về việc ...")
    title: str | None = None  # the plan's name: "Kế hoạch kiểm soát ... năm 2026"
    annexed_to: str | None = None  # "Quyết định số 12/QĐ-UBND ngày 08/01/2026 của ..."
    about: str | None = None  # a letter's subject: "báo cáo kết quả ..." after "V/v"
    to: list[str] = field(default_factory=list)  # "Kính gửi": the bodies written to
    signature: Signature | None = None


# The national motto beside the issuer in the heading, in folded text.
_MOTTO = re.compile(
    r"cong\s+hoa\s+xa\s+hoi\s+chu\s+nghia\s+viet\s+nam|doc\s+lap\s*[-–]\s*tu\s+do\s*[-–]\s*hanh\s+phuc"
)
_HEADING_LINES = 8  # the issuer, its parent and the motto, however a line breaks them
_NUMBER = re.compile(
    r"^so\s*:?\s*(?:\.+\s*)?(?P<num>\d*)\s*/\s*(?P<symbol>[a-z\u0111][a-z\u01110-9]*(?:-[a-z\u01110-9]+)+)"
)
# The place may run over two lines ("Thành phố Hồ" / "Chí Minh, ngày ..."), never over
# the number ("Số: 552/KH-UBND") or the motto above it.
_DATE_LINE = re.compile(
    r"^[*|_ \t]*(?P<place>[^,*|\n:\d]+(?:\n[^,*|\n:\d]+)?)\s*,\s*" + WRITTEN_DATE, re.MULTILINE
)
_KINDS = {
    "ke hoach": "Kế hoạch",
    "quyet dinh": "Quyết định",
    "chuong trinh": "Chương trình",
    "bao cao": "Báo cáo",
    "to trinh": "Tờ trình",
    "thong bao": "Thông báo",
}
_ABOUT = re.compile(r"^v/v\.?\s*")
_TO = re.compile(r"^kinh\s+gui\s*:?\s*")
_COMMITTEE = re.compile(r"^(?:uy ban nhan dan|ubnd)\b\s*")
_AREA = re.compile(rf"^(?P<level>{levels_pattern(folded=True)})\s+(?P<place>.+)$")
# Where a body's name begins inside a heading: "UBND TỈNH ĐỒNG THÁP SỞ TƯ PHÁP".
_BODY = re.compile(r"\b(?:so|phong|ban|trung tam|van phong|chi cuc|thanh tra|cuc|vu|bo phan)\s")
_PLAN_YEAR = re.compile(r"\bnam (\d{4})\b")
_ANNEXED = re.compile(r"\(\s*ban hanh kem theo\s+(?P<ref>[^)]+)\)")
_ON_BEHALF = re.compile(r"^(?:tm|kt|tl|q|tuq|ttl)\.")
_TITLES = (
    "chu tich", "pho chu tich", "giam doc", "pho giam doc", "thu tuong", "pho thu tuong",
    "bo truong", "thu truong", "truong ban", "pho truong ban", "chanh van phong",
    "pho chanh van phong", "truong phong", "pho truong phong", "chanh thanh tra",
    "pho chanh thanh tra", "chi cuc truong", "pho chi cuc truong", "cuc truong", "pho cuc truong",
    "truong bo phan", "chu nhiem",
)  # fmt: skip
_SIGNED = re.compile(r"^[(\[]?\s*(?:da ky|ky|ky ten|ky, dong dau|da ky va dong dau)\s*[)\]]?$")
_NAME = re.compile(r"^(?:[A-ZĐ\u00c0-\u1ef9][^\s\d]*\s+){1,5}[A-ZĐ\u00c0-\u1ef9][^\s\d]*$")
# Where the text after a title is no longer the title: the body, its bases, a heading.
_NOT_SUBJECT = re.compile(
    r"^(?:can cu|thuc hien|kinh gui|\(|[ivx]+\.|\d+\.|dieu \d|quyet dinh:|uy ban nhan dan|ubnd|"
    r"thu tuong|chu tich|bo truong|giam doc)"
)


def read_header(text: str) -> Header:
    """Read a document's particulars from its text (paragraphs and table cells in order)."""
    text = _number_alone(nfc(text))
    lines = _lines(text)
    header = Header()
    number_at = None
    for index, line in enumerate(lines):
        # "Số:" alone, its number on the next line as a narrow cell breaks it
        written = f"{line} {lines[index + 1]}" if fold(line) in {"so", "so:"} else line
        if index + 1 < len(lines) and (found := _NUMBER.match(fold(written))):
            header.number = written[found.start("num") : found.end("num")] or None
            header.symbol = written[found.start("symbol") : found.end("symbol")]
            number_at = index
            break
    if number_at is not None:
        _read_issuer(header, _heading(lines[max(0, number_at - _HEADING_LINES) : number_at]), text)
    folded = fold(text)
    if found := _DATE_LINE.search(folded):
        lines_of_place = text[found.start("place") : found.end("place")].split("\n")
        if _MOTTO.search(fold(lines_of_place[0])) or "hanh phuc" in fold(lines_of_place[0]):
            lines_of_place = lines_of_place[1:]
        header.place = collapse_spaces(" ".join(lines_of_place)) or None
        day, month, year = (int(found.group(g)) for g in ("d", "m", "y"))
        try:
            header.issued = make_date(year, month, day, found.group())
        except InvalidDateError:
            header.issued = None  # "30/02": no such day, left for a person to read
    after = -1 if number_at is None else number_at
    kind_at = next((i for i, line in enumerate(lines) if i > after and _kind(line)), None)
    if kind_at is not None:
        kind, rest = _kind(lines[kind_at]) or ("", "")
        header.kind = kind
        # "KẾ HOẠCH" alone over its title, or "KẾ HOẠCH Kiểm soát ... năm 2025" on one line
        _read_title(header, ([rest] if rest else []) + lines[kind_at + 1 :], text)
        if header.issuer is None:  # a decision names its issuer again, above its bases
            authority = next(
                (line for line in lines[kind_at + 1 : kind_at + 8]
                 if _is_upper(line) and _COMMITTEE.match(fold(line))),
                None,
            )  # fmt: skip
            if authority is not None:
                _read_issuer(header, [authority], text)
    if found := _ANNEXED.search(folded):
        header.annexed_to = collapse_spaces(text[found.start("ref") : found.end("ref")])
    _read_letter(header, lines[after:])
    header.signature = _signature(lines[kind_at or 0 :])
    return header


# "Số: 12/BC-UBND" and what a PDF's text puts after it on the same line (the place and date
# of the next column), in folded text.
_NUMBER_THEN = re.compile(
    r"^[*|_ \t]*so\s*:?\s*(?:\.+\s*)?\d*\s*/\s*[a-z][a-z0-9]*(?:-[a-z0-9]+)+(?=[ \t]+\S)",
    re.MULTILINE,
)


def _number_alone(text: str) -> str:
    """Put "Số: ..." on a line of its own, as the heading's table lays it out."""
    folded = fold(text)
    ends = [found.end() for found in _NUMBER_THEN.finditer(folded)]
    for end in reversed(ends):
        text = text[:end] + "\n" + text[end:].lstrip(" \t")
    return text


def _kind(line: str) -> tuple[str, str] | None:
    """Return the kind a line names in capitals ("KẾ HOẠCH") and the words after it."""
    folded = fold(line)
    for words, kind in _KINDS.items():
        if folded == words:
            return kind, ""
        if folded.startswith(words + " ") and _is_upper(line[: len(words)]):
            return kind, line[len(words) :].strip()
    return None


def _lines(text: str) -> list[str]:
    """Return the text's lines without the marks of a text export ("**", "|", "---")."""
    found = []
    for raw in text.splitlines():
        line = collapse_spaces(raw.strip().strip("*|_#").strip())
        if line and not set(line) <= set("-–_=*. "):
            found.append(line)
    return found


def _is_upper(line: str) -> bool:
    letters = [c for c in line if c.isalpha()]
    return bool(letters) and all(c.isupper() for c in letters)


def _heading(lines: list[str]) -> list[str]:
    """Return the lines of the heading's left column: the lines in capitals just above
    "Số:", the motto taken out (a text export runs the two columns one after the other)."""
    block: list[str] = []
    for line in reversed(lines):
        if not (_is_upper(line) or _MOTTO.search(fold(line))):
            break
        block.insert(0, line)
    joined = "\n".join(block)
    folded = fold(joined)
    spans = [(m.start(), m.end()) for m in _MOTTO.finditer(folded)]
    kept = "".join(c for i, c in enumerate(joined) if not any(a <= i < b for a, b in spans))
    heading = [line.strip() for line in kept.split("\n")]
    # A line left from a broken motto ("CỘNG" over "HÒA XÃ HỘI ...") is no body's name.
    return [line for line in heading if line and fold(line) not in {"cong", "cong hoa"}]


def _read_issuer(header: Header, heading: list[str], text: str) -> None:
    """Read the issuing body, and its parent, from the heading's left column."""
    if not heading:
        return
    joined = collapse_spaces(" ".join(heading))
    folded = fold(joined)
    committee = _COMMITTEE.match(folded)
    if committee is not None:
        rest = joined[committee.end() :]
        body = _BODY.search(fold(rest))
        if body is not None and body.start() > 0:  # "UBND TỈNH X" over "SỞ Y"
            header.parent = collapse_spaces("UBND " + rest[: body.start()])
            header.issuer = _as_written(text, rest[body.start() :]) or rest[body.start() :]
            return
        area = _AREA.match(fold(rest))
        if area is None:
            return
        place = rest[area.start("place") :]
        level = rest[: area.end("level")].lower()
        header.issuer = f"UBND {level} {_as_written(text, place) or place.title()}"
        return
    if len(heading) > 1 and _BODY.match(fold(heading[-1])):
        header.parent = collapse_spaces(" ".join(heading[:-1]))
        heading = heading[-1:]
    name = collapse_spaces(" ".join(heading))
    header.issuer = _as_written(text, name) or name


def _as_written(text: str, upper: str) -> str | None:
    """Return how the text writes `upper` where it is not all in capitals, if it does."""
    words = fold(upper).split()
    if not words:
        return None
    pattern = re.compile(r"\b" + r"[\s*]+".join(re.escape(word) for word in words) + r"\b")
    for found in pattern.finditer(fold(text)):
        written = text[found.start() : found.end()]
        # not the capitals of a heading, even where the next line goes on in small letters
        if not _is_upper(written.split()[0]):
            return collapse_spaces(written.replace("*", " "))
    return None


def _read_title(header: Header, lines: list[str], text: str) -> None:
    """Read the title under the kind ("KẾ HOẠCH" over its subject), up to the body."""
    subject: list[str] = []
    for line in lines[:6]:
        if _NOT_SUBJECT.match(fold(line)):
            break
        # A title runs on in capitals, or, written in sentence case, on a line that
        # goes on with a small letter ("... hành chính" / "năm 2024 trên địa bàn ...").
        if subject and not (_is_upper(line) and _is_upper(subject[0])) and not line[0].islower():
            break
        subject.append(line)
    if not subject:
        return
    written = collapse_spaces(" ".join(subject))
    header.subject = _as_written(text, written) or written
    about = re.sub(r"^(?:ve viec\s+)?(?:ban hanh|phe duyet)\s+", "", fold(written))
    offset = len(fold(written)) - len(about)
    if header.kind == "Quyết định" and about.startswith("ke hoach"):
        named = written[offset:]  # "BAN HÀNH KẾ HOẠCH ..." names the plan it issues
        header.title = _as_written(text, named) or named
    elif header.kind != "Quyết định":
        named = f"{header.kind} {written}"
        header.title = _as_written(text, named) or f"{header.kind} {header.subject}"
    if header.title and (year := _PLAN_YEAR.search(fold(header.title))):
        header.year = int(year.group(1))


def _signature(lines: list[str]) -> Signature | None:
    """Read the first signature block: "TM./KT./TL./Q." lines, the title, then the name."""
    for index, line in enumerate(lines):
        folded = fold(line)
        if not _is_upper(line) or not (_ON_BEHALF.match(folded) or folded in _TITLES):
            continue
        behalf: list[str] = []
        at = index
        while at < len(lines) and _ON_BEHALF.match(fold(lines[at])):
            behalf.append(lines[at])
            at += 1
        if at >= len(lines) or fold(lines[at]) not in _TITLES:
            continue
        title = _title_case(lines[at])
        name = next((n for n in lines[at + 1 : at + 4] if not _SIGNED.match(fold(n))), None)
        named = name if name is not None and _NAME.match(name) else None
        return Signature(", ".join(behalf) or None, title, named)
    return None


def _read_letter(header: Header, lines: list[str]) -> None:
    """Read a letter's "V/v ..." (and the lines it runs on to) and its "Kính gửi"."""
    for index, line in enumerate(lines):
        folded = fold(line)
        if header.about is None and (found := _ABOUT.match(folded)):
            about = [line[found.end() :]]
            about += _run_on(lines[index + 1 : index + 4])
            header.about = collapse_spaces(" ".join(about)) or None
        elif not header.to and (found := _TO.match(folded)):
            first = line[found.end() :].strip(" -;.")
            names = [first] if first else []
            for more in lines[index + 1 : index + 40]:
                if not more.startswith(("-", "+", "•")):
                    break
                names.append(more.strip(" -+•;."))
            header.to = [name for name in names if name]


def _run_on(lines: list[str]) -> list[str]:
    """Return the lines that go on with a small letter: a wrapped sentence's rest."""
    found = []
    for line in lines:
        if not line[:1].islower():
            break
        found.append(line)
    return found


def _title_case(title: str) -> str:
    """Return a title in capitals as it is written in a sentence: "Phó Chủ tịch"."""
    words = title.split()
    if fold(words[0]) == "pho" and len(words) > 1:
        return f"Phó {' '.join(words[1:]).capitalize()}"
    return title.capitalize()


def plan_of_annex(header: Header) -> tuple[str | None, str | None, date | None]:
    """Return the number, symbol and date of the decision an annexed plan is issued with."""
    if header.annexed_to is None:
        return None, None, None
    try:
        ref = parse_document_ref(header.annexed_to)
    except InvalidDateError:
        return None, None, None
    number = ref.number.split("/")[0] if ref.number else None
    return number, ref.symbol, ref.issued
