"""The words of timeframes: how a phrase is cleaned and cut into tokens, which words
speak of time, and which characters only look like digits or letters.

Each table here has one meaning. A word that is a range ("đến", "tới", "-")
is one only in `RANGE`; a word that speaks of time but was not read makes the
phrase an error (`time_word_at`), never a note.
"""

from __future__ import annotations

import re
import unicodedata

from msgspec import Struct

from tthc_plan.core.text import fold, nfc

# Invisible characters that only break a word in two: zero-width space, non-joiner,
# joiner, word joiner, byte order mark, soft hyphen. They are dropped before reading.
_INVISIBLE = re.compile("[\u00ad\u200b-\u200d\u2060\ufeff]")
# A number, a word or one sign. Over the folded text: letters are a-z.
_TOKEN = re.compile(r"[0-9]+|[a-z]+|[^\s0-9a-z]")
# Letters and digits written together ("10/0l/2024", "2O24", "Trước10"), and the
# letters that only look like digits there: l, o, i (folded).
_RUN = re.compile(r"[0-9a-z]+")
_LOOKALIKE_RUN = re.compile(r"(?<=[0-9])[loi]{1,2}|[loi]{1,2}(?=[0-9])")
_WORD_THEN_NUMBER = re.compile(r"[a-z]{3,}[0-9]+")


def clean(text: str) -> str:
    """Return `text` as the grammar reads and shows it: compatibility forms folded
    (NFKC: fullwidth "１０" is "10", a no-break space a space), invisible characters
    dropped, NFC, plain apostrophes."""
    return nfc(_INVISIBLE.sub("", unicodedata.normalize("NFKC", text)))


class Token(Struct, frozen=True):
    """A word, a number or a sign of the folded clause, with its offsets in the clause."""

    text: str
    start: int
    end: int


class Lookalike(Struct, frozen=True):
    """A character that stands where a digit or a Latin letter should, and its word."""

    start: int
    end: int
    char: str
    word: str


def tokens(folded: str) -> list[Token]:
    """Cut folded text into words, numbers and signs."""
    return [Token(m.group(), m.start(), m.end()) for m in _TOKEN.finditer(folded)]


def lookalike(original: str, folded: str) -> Lookalike | None:
    """Return the first character that only looks like a digit or a letter, or None.

    A letter among digits ("10/0l/2024", "2O24"), a digit that is not 0-9 (Arabic,
    Devanagari...), a letter of another script inside a word (a Cyrillic "с" in
    "Trước"): any of them could make the phrase read as another date.
    """
    for found in _RUN.finditer(folded):
        run = found.group()
        if run.isalpha() or run.isdigit() or _WORD_THEN_NUMBER.fullmatch(run):
            continue  # a word, a number, or a word run into a number ("Trước10")
        if (odd := _LOOKALIKE_RUN.search(run)) is not None:
            start = found.start()
            char = original[start + odd.start()]
            return Lookalike(start, found.end(), char, original[start : found.end()])
    for i, char in enumerate(folded):
        if (char.isalpha() or char.isdigit()) and not ("a" <= char <= "z" or "0" <= char <= "9"):
            start, end = i, i + 1
            while start > 0 and not folded[start - 1].isspace():
                start -= 1
            while end < len(folded) and not folded[end].isspace():
                end += 1
            return Lookalike(start, end, original[i], original[start:end])
    return None


# Words that fold to a word of time but are others: "Thông tư" is not "từ", "tháng
# Sáu" is not "tháng sau", "cập nhật" is not "chậm nhất", "mới" is not "mỗi". They
# are read as themselves, never as the word they fold to.
FALSE_FRIENDS = frozenset(
    ("tư", "tú", "tụ", "tù", "tủ", "sáu", "sâu", "tối", "tôi", "đèn", "đen", "đền",
     "hàn", "hân", "hán", "thăng", "thẳng", "nằm", "nấm", "dầu", "dấu", "đậu", "đâu", "dẫu",
     "cười", "cưới", "hãng", "hạng", "mới", "mời", "môi", "kỹ", "ký", "kí", "khí", "khỉ",
     "trò", "lâm", "lắm", "hệt", "chăm", "chạm", "chấm", "bảo", "tuân", "dân")
)  # fmt: skip
# Written without any accent in a phrase that has accents, these are other words:
# "quy định", "quy trình" (rules), "miền Nam".
PLAIN_FALSE_FRIENDS = frozenset(("quy", "nam"))

# Range signs and words: the only place where they mean "from ... to ...".
RANGE = ("den het", "den", "toi", "-", "–", "—")
# List signs: "15/6 và 15/12/2026", "Quý I, II".
LIST = ("va", ",")

# Relative years, as words after a point or alone ("năm sau"): how many years
# from the plan's year (or from the period, inside a recurrence). Each may be
# led by "của" or "thuộc", and the following or preceding year may name the
# reporting year it counts from ("năm liền sau năm báo cáo").
_NEXT = ("nam sau", "nam toi", "nam ke tiep", "nam tiep theo", "nam lien ke", "nam lien sau")
_PREVIOUS = ("nam truoc", "nam lien truoc")
_SAME = ("nam nay", "nam bao cao")
RELATIVE_YEARS: dict[str, int] = {}
for _phrases, _shift in ((_NEXT, 1), (_PREVIOUS, -1), (_SAME, 0)):
    for _phrase in _phrases:
        for _lead in ("", "cua ", "thuoc "):
            RELATIVE_YEARS[_lead + _phrase] = _shift
            if _shift:
                RELATIVE_YEARS[_lead + _phrase + " nam bao cao"] = _shift
                RELATIVE_YEARS[_lead + _phrase + " cua nam bao cao"] = _shift
RELATIVE_YEAR_PHRASES: dict[str, tuple[str, ...]] = {}  # by first word, longest first
for _phrase in sorted(RELATIVE_YEARS, key=lambda p: -len(p.split())):
    _first = _phrase.split()[0]
    RELATIVE_YEAR_PHRASES[_first] = (*RELATIVE_YEAR_PHRASES.get(_first, ()), _phrase)


# Words that speak of time (lower case, with their accents: "kỳ" is a period,
# "kỹ" is not; "này" is not "nay"). A word of these left unread makes a phrase
# an error: it may be the word that moves the date ("lùi", "hoãn", "dời", "sang"
# move it; "giờ" is an hour; "al", "âl" abbreviate "âm lịch").
_TIME_WORDS = frozenset(
    ("năm", "tháng", "quý", "quí", "tuần", "ngày", "kỳ", "hằng", "sau", "trước", "tới",
     "nay", "tết", "giêng", "chạp", "rằm", "mùng", "mồng", "nhuận", "nửa", "giỗ", "giờ",
     "âm", "al", "âl", "lùi", "hoãn", "dời", "sang", "ii", "iii", "iv",
     "không", "trừ", "ngừng", "dừng", "hủy", "huỷ", "tạm", "sớm", "muộn", "chậm", "dịp")
)  # fmt: skip
# Two words that speak of time together, where each alone may not.
_TIME_PAIRS = frozenset(
    (("tiếp", "theo"), ("kế", "tiếp"), ("liền", "kề"), ("liền", "sau"), ("liền", "trước"),
     ("âm", "lịch"), ("lịch", "âm"), ("định", "kỳ"), ("gia", "hạn"), ("chủ", "nhật"),
     ("từ", "khi"), ("tầm", "nhìn"), ("bắt", "đầu"))
)  # fmt: skip
# Two words where the time word is not one: "như sau" (as follows), "hiện nay" (now,
# which moves no date), "hướng tới" (towards), "ngày càng" (more and more). "Hàng",
# "mỗi", "đầu", "cuối" speak of time only before a word that does ("hàng năm").
_NOT_TIME = frozenset(
    (("như", "sau"), ("sau", "đây"), ("hiện", "nay"), ("hướng", "tới"), ("tiến", "tới"),
     ("ngày", "càng"), ("chuyển", "sang"))
)  # fmt: skip
_EDGES = frozenset(("đầu", "giữa", "cuối"))
_AFTER_EDGE = frozenset(("", "và", "hoặc", ",", ";", "mỗi", "hằng", "hàng", "năm", "tháng",
                         "quý", "quí", "kỳ", "tuần", "tết", *_EDGES))  # fmt: skip
_WEEKDAY_WORDS = frozenset(("hai", "ba", "tư", "năm", "sáu", "bảy", "2", "3", "4", "5", "6", "7"))
_CAN = frozenset(("giáp", "ất", "bính", "đinh", "mậu", "kỷ", "canh", "tân", "nhâm", "quý"))
_CHI = frozenset(("tý", "sửu", "dần", "mão", "mẹo", "thìn", "tỵ", "tị", "ngọ", "mùi", "thân",
                  "dậu", "tuất", "hợi"))  # fmt: skip
# Words of time run together when a space is lost: "nămsau", "Trướcngày", "âmlịch";
# without accents too: "truocngay".
_GLUED = tuple(sorted(_TIME_WORDS | {"lịch", "làm", "việc"}, key=len, reverse=True))
_GLUED_PLAIN = tuple(sorted({fold(word) for word in _GLUED} - {"i", "ii", "iii", "iv", "al"},
                            key=len, reverse=True))  # fmt: skip


def is_time_word(words: list[str], i: int) -> bool:
    """Tell whether the `i`th of `words` (the original words, lower case) speaks of time."""
    word = words[i]
    before = words[i - 1] if i > 0 else ""
    after = words[i + 1] if i + 1 < len(words) else ""
    if (before, word) in _NOT_TIME or (word, after) in _NOT_TIME:
        return False
    if word in _TIME_WORDS:  # with its accents: "quy" (rule), "ngay" (at once) are not time
        return True
    if word in _EDGES:  # "cuối năm", "giữa và cuối năm", "đầu mỗi quý"; not "đầu tư"
        return after in _AFTER_EDGE
    if word == "lần":  # "1 lần/năm", "Tháng 1 lần": how often; not "lần đầu"
        return before.isdigit() or before in {"một", "hai", "ba", "mỗi"}
    if word == "thứ":  # "Thứ Hai, ngày 15/3": a weekday
        return after in _WEEKDAY_WORDS
    if (word in _CAN and after in _CHI) or (before in _CAN and word in _CHI):
        return True  # "Ất Tỵ": a lunar year
    if word == "i" and before in {"quý", "quí", "/", "-", ","}:
        return True  # a quarter's numeral
    if (word, after) in _TIME_PAIRS or (before, word) in _TIME_PAIRS:
        return True
    return _glued(word)


def _glued(word: str) -> bool:
    """Tell whether `word` is two words of time run together ("nămsau", "trướcngày")."""
    glued = _GLUED_PLAIN if word.isascii() else _GLUED
    for first in glued:
        if word.startswith(first) and len(word) > len(first):
            rest = word[len(first) :]
            if any(rest == second or rest.startswith(second) for second in glued):
                return True
    return False
