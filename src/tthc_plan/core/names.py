"""How Vietnamese bodies and places are named: levels, slugs, lists of bodies.

The one list of administrative levels ("xã", "huyện", "thành phố"...), the one
way a name becomes an id or a file name ("UBND xã Nhân Cơ" -> "ubnd-xa-nhan-co"),
how a table cell names several bodies, and the kind of body a name suggests.
"""

from __future__ import annotations

import functools
import re

from tthc_plan.core.problem import Message, msg
from tthc_plan.core.text import collapse_spaces, fold, nfc

# The levels of local government, as written (lower case), longest first where one
# begins another, so an alternation tries "thị xã" before "thị trấn" and "xã".
LEVELS = (
    "thị trấn",
    "thị xã",
    "thành phố",
    "đặc khu",
    "phường",
    "huyện",
    "quận",
    "tỉnh",
    "xã",
)
# The same, folded (see text.fold): for patterns run on folded text.
FOLDED_LEVELS = tuple(fold(level) for level in LEVELS)


def levels_pattern(*, folded: bool) -> str:
    """Return a regular-expression alternation of the levels, folded or in capitals."""
    words = FOLDED_LEVELS if folded else tuple(level.upper() for level in LEVELS)
    return "|".join(word.replace(" ", r"\s+") for word in words)


# What an id written in a plan looks like: "xa-nhan-co", "dak-rlap-kstthc-2024".
SLUG_PATTERN = r"^[a-z0-9]+(?:-[a-z0-9]+)*$"
_SLUG = re.compile(SLUG_PATTERN)
_NOT_SLUG = re.compile(r"[^a-z0-9]+")


def slug(name: str) -> str:
    """Return `name` as an id: folded, each run of other characters one "-".

    "" when nothing is left ("!!!"); the caller chooses what stands in then.
    """
    return _NOT_SLUG.sub("-", fold(name)).strip("-")


def is_slug(text: str) -> bool:
    """Tell whether `text` is written as an id (see SLUG_PATTERN; `is_id` also bounds it)."""
    return _SLUG.match(text) is not None


# An id names files: a unit's progress file (progress/<plan id>/<unit id>.yaml), a
# plan's progress folder and its workbook. It is short enough for any file system
# (a 300-character id passed validate, then `done` failed: "File name too long"), and
# never a name Windows keeps for a device, with or without an extension: "con.yaml"
# cannot be made there, "nul.yaml" swallows what is written to it.
MAX_ID_LENGTH = 64
RESERVED_IDS = frozenset(
    {"con", "prn", "aux", "nul", *(f"{port}{n}" for port in ("com", "lpt") for n in range(10))}
)


def id_problem(text: str) -> Message | None:
    """Say why an id written as one (`is_slug`) cannot name a file, or None."""
    if len(text) > MAX_ID_LENGTH:
        return msg(
            "Mã «{id}…» dài {length} ký tự, quá {limit}: mã là tên tệp tiến độ, tên thư mục; "
            "đặt mã ngắn hơn (và đổi tên tệp tiến độ mang mã cũ, nếu có, cho khớp).",
            id=text[:24],
            length=len(text),
            limit=MAX_ID_LENGTH,
        )
    if text in RESERVED_IDS:
        return msg(
            "Mã «{id}» là tên thiết bị trên Windows (con, prn, aux, nul, com0–com9, "
            "lpt0–lpt9): không tạo được tệp tiến độ hay tệp xuất mang tên ấy; đặt mã khác, ví "
            "dụ «{id}-1» (và đổi tên tệp tiến độ mang mã cũ, nếu có, cho khớp).",
            id=text,
        )
    return None


def is_id(text: str) -> bool:
    """Tell whether `text` is an id that can name a file on every system."""
    return is_slug(text) and id_problem(text) is None


def as_id(name: str, fallback: str, *, suffix: str = "") -> str:
    """Return `name` as an id that names a file anywhere: its slug (`fallback` if none),
    cut at a "-" to leave room for `suffix`, never a device name (then "-1" follows)."""
    base = slug(name) or fallback
    room = MAX_ID_LENGTH - len(suffix)
    if len(base) > room:
        cut = base[: room + 1]
        base = cut.rsplit("-", 1)[0] if "-" in cut else base[:room]
    found = base + suffix
    return f"{found}-1" if found in RESERVED_IDS else found


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


@functools.cache  # compiled when first needed (1 ms): a daily view splits no cell
def _list_patterns() -> tuple[re.Pattern[str], re.Pattern[str], re.Pattern[str], re.Pattern[str]]:
    """Return the patterns of a list of bodies: a separator, a level before a name, a
    body's first word, the end of a lone word.

    A level begins a body only before a proper name ("Xã Nhân Cơ"), not in a
    list of levels ("UBND xã, phường, đặc khu").
    """
    return (
        re.compile(r"\s*[,;]\s*|\s+va\s+|\n"),
        re.compile(rf"(?:{levels_pattern(folded=True)})\s+(?=\S)"),
        re.compile(r"(?:" + "|".join(w.replace(" ", r"\s+") for w in _BODY_WORDS) + r")\b"),
        re.compile(r"\s*(?:[,;.]|va\b|$)"),
    )


def split_bodies(cell: str) -> list[str]:
    """Split a cell into the bodies it names, each kept whole as written.

    ";" and line breaks always separate; "," and "và" separate only before a
    body's name: a word a name begins with, capitalised ("Sở", "UBND") or "các",
    followed by more words, or alone after a body that lists no kinds ("Các sở,
    ngành, UBND xã, phường, đặc khu" and "Doanh nghiệp, Sở, ban, ngành có liên
    quan" are two bodies; "Sở Văn hóa, Thể thao và Du lịch", "Các Sở, Ban,
    ngành", "Phòng Công chức, viên chức" are one). An office's name joins two bodies with "và"
    ("Văn phòng HĐND và UBND xã"): it is one.
    """
    text = collapse_spaces(nfc(cell).replace("\n", ";"))
    folded = fold(text)
    cuts = [0]
    separators, named_level, body_start, list_word_end = _list_patterns()
    for separator in separators.finditer(folded):
        hard = ";" in separator.group()
        after = separator.end()
        level = named_level.match(folded, after)
        named = level is not None and text[level.end() : level.end() + 1].isupper()
        start = body_start.match(folded, after)
        # "Các Sở, Ban, ngành": a lone word of a list is no body's name
        lone = start is not None and list_word_end.match(folded, start.end()) is not None
        written = text[after : after + 1].isupper() or folded.startswith("cac ", after)
        # "Các Sở, Ban, ngành" lists kinds of body; "Doanh nghiệp, Sở, ban, ngành" names a
        # body, then a list of others
        listed = folded.startswith("cac ", cuts[-1])
        body = start is not None and written and not (lone and listed)
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


def guessed_kind(name: str) -> str:
    """Return the kind a unit's name suggests ("Phòng Tư pháp": department), for review."""
    folded = fold(name)
    if folded.endswith("lien quan") or re.match(_LEVEL_LIST, folded):
        return "group"  # "Sở, ban, ngành có liên quan", "UBND xã, phường, đặc khu"
    for prefixes, kind in _KIND_WORDS:
        if folded.startswith(prefixes):
            return kind
    return "other"


# Several levels at once ("UBND xã, phường, đặc khu", "UBND cấp xã"): every body of them.
_LEVEL_LIST = rf"^(?:ubnd\s+)?(?:cap\s+\w|(?:{levels_pattern(folded=True)})\s*,)"
# Folded beginnings of a name -> its kind; the first that matches wins, so "các" (a
# group) and the longer beginnings come before the short ones.
_KIND_WORDS: tuple[tuple[tuple[str, ...], str], ...] = (
    (("cac ", "ubnd cac ", "nhung ", "so, ", "so ban nganh"), "group"),
    (("van phong",), "office"),
    (("phong ",), "department"),
    (("thanh tra",), "inspectorate"),
    (("bo phan",), "one_stop"),
    (("so ",), "agency"),
    (("chi cuc",), "branch"),
    (("trung tam",), "center"),
    (("ban ",), "board"),
    (("cong an",), "police"),
    (("doanh nghiep", "cong ty", "tap doan", "ngan hang"), "enterprise"),
    (("thi tran ", "ubnd thi tran "), "town"),
    (("xa ", "phuong ", "dac khu ", "ubnd xa ", "ubnd phuong ", "ubnd dac khu "), "commune"),
    (("huyen ", "quan ", "thi xa ", "ubnd huyen ", "ubnd quan ", "ubnd thi xa "), "district"),
    (("tinh ", "ubnd tinh ", "uy ban nhan dan tinh "), "province"),
)


def head_of(name: str) -> str | None:
    """Return what the head of the body `name` is called, where its name says it: the
    Giám đốc of a Sở, a Trung tâm, a Ban Quản lý dự án or a Văn phòng đăng ký đất đai,
    the Trưởng ban of a Ban, the Chi cục trưởng of a Chi cục..."""
    folded = fold(name)
    return next((head for words, head in _HEAD_WORDS if folded.startswith(words)), None)


_HEAD_WORDS: tuple[tuple[tuple[str, ...], str], ...] = (
    (("so ", "trung tam", "ban quan ly du an", "van phong dang ky dat dai"), "Giám đốc"),
    (("chi cuc",), "Chi cục trưởng"),
    (("ban ",), "Trưởng ban"),
    (("van phong",), "Chánh Văn phòng"),
    (("thanh tra",), "Chánh Thanh tra"),
    (("phong ",), "Trưởng phòng"),
    (("bo phan",), "Trưởng bộ phận"),
)
