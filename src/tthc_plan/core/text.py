"""Vietnamese text normalisation and accent-insensitive folding."""

from __future__ import annotations

import functools
import re
import unicodedata

_APOSTROPHES = ("\u2019", "\u2018", "\u02bc", "\u00b4")
# Code points that are no characters (issue 30): the 66 noncharacters (U+FDD0-U+FDEF
# and the last two of each plane, U+FFFE, U+1FFFF...) and the surrogates, which
# UTF-8 cannot hold alone (an argument's byte that is not UTF-8 reaches Python as
# one, U+DC80-U+DCFF). XML, hence Word and Excel, refuses them.
_NONCHARACTERS = "\ud800-\udfff\ufdd0-\ufdef" + "".join(
    f"{chr(plane + 0xFFFE)}{chr(plane + 0xFFFF)}" for plane in range(0, 0x110000, 0x10000)
)
# Control characters (C0, DEL, C1), the tab apart: with and without the line feed;
# the Unicode line and paragraph separators (U+2028, U+2029), which break a line
# where Python and mail headers split lines; the bidirectional overrides
# (U+202A-U+202E, U+2066-U+2069), which make a text read otherwise than it is
# stored ("Trojan source"); and the noncharacters above.
_OTHERS = "\x0b-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069" + _NONCHARACTERS
# These classes are compiled when first used (re keeps them), not when the module
# is imported: 1.7 ms that a daily view from the cache never needs.
_CONTROLS = f"[\x00-\x08\x0a{_OTHERS}]"
_CONTROLS_BUT_LF = f"[\x00-\x08{_OTHERS}]"
_NOT_CHARACTERS = f"[{_NONCHARACTERS}]"
_SPACES = re.compile(r"\s+")
# How an encoded word of a mail header begins ("=?utf-8?q?...?="): a reader decodes it,
# line breaks and all, so no text of tthc's that reaches a header may hold it.
ENCODED_WORD = "=?"


def nfc(text: str) -> str:
    """Return `text` in NFC with typographic apostrophes made plain."""
    text = unicodedata.normalize("NFC", text)
    for apostrophe in _APOSTROPHES:  # str.replace scans in C: a whole file in microseconds
        if apostrophe in text:
            text = text.replace(apostrophe, "'")
    return text


def _fold_char(char: str) -> str:
    if char in "đĐ":  # no Unicode decomposition: map explicitly
        return "d"
    base = unicodedata.normalize("NFD", char)[0].lower()
    return base[0] if base else char


@functools.lru_cache(maxsize=65536)
def fold(text: str) -> str:
    """Fold `text` for matching: lower case, no diacritics, đ -> d.

    The result has exactly one character for each character of ``nfc(text)``,
    so a match found in the folded text has the same span in the original.
    """
    return "".join(_fold_char(c) for c in nfc(text))


def collapse_spaces(text: str) -> str:
    """Replace every run of white space with one space and strip the ends."""
    return _SPACES.sub(" ", text).strip()


# The Vietnamese alphabet (digits and the letters Vietnamese borrows in place).
_LETTERS = "0123456789aăâbcdđeêfghijklmnoôơpqrstuưvwxyz"
_RANK = {letter: rank for rank, letter in enumerate(_LETTERS)}
# Tones sort as a secondary difference: ngang, huyền, hỏi, ngã, sắc, nặng.
_TONES = {"\u0300": 1, "\u0309": 2, "\u0303": 3, "\u0301": 4, "\u0323": 5}


@functools.lru_cache(maxsize=4096)  # unit names repeat in every sort of thousands of items
def vietnamese_key(text: str) -> tuple[tuple[int, ...], tuple[int, ...]]:
    """Return a sort key that follows the Vietnamese alphabet (ă after a, đ after d)."""
    letters: list[int] = []
    tones: list[int] = []
    for char in nfc(text).lower():
        base = ""
        tone = 0
        for part in unicodedata.normalize("NFD", char):
            if part in _TONES:
                tone = _TONES[part]
            else:
                base += part
        letter = unicodedata.normalize("NFC", base)
        letters.append(_RANK.get(letter, 1000 + ord(letter[0])) if letter else 0)
        tones.append(tone)
    return tuple(letters), tuple(tones)


def first_control(text: str, *, lines: bool = False) -> str | None:
    """Return the first control character of `text` (tab allowed; line feed if `lines`), or None.

    They break the files tthc writes, Word, Excel and terminals (escape sequences).
    A noncharacter or a surrogate counts as one (see `not_a_character`).
    """
    found = re.search(_CONTROLS_BUT_LF if lines else _CONTROLS, text)
    return None if found is None else found.group()


def not_a_character(char: str) -> bool:
    """Tell whether `char` is a noncharacter or a surrogate: a code point, not a character."""
    return re.fullmatch(_NOT_CHARACTERS, char) is not None


def undecodable_byte(char: str) -> int | None:
    """Return the byte a surrogate escape stands for (U+DCFF: 0xFF), or None.

    Python reads an argument or a file name that is not UTF-8 with one such
    code point for each byte it cannot decode.
    """
    code = ord(char)
    return code - 0xDC00 if 0xDC80 <= code <= 0xDCFF else None


def one_line(text: str) -> str:
    """Return `text` with every control character (tab and line feed too) made a space."""
    return re.sub(_CONTROLS, " ", text).replace("\t", " ")


_SHOWN_CONTROLS = _CONTROLS_BUT_LF


def visible_controls(text: str) -> str:
    """Return `text` with every control character but tab and line feed written as \\xNN.

    What a file name or a file's line holds reaches the terminal as text: an
    escape sequence in it (ESC ]0;... BEL, OSC 52) shows as letters and does
    nothing.
    """
    if re.search(_SHOWN_CONTROLS, text) is None:
        return text
    return re.sub(_SHOWN_CONTROLS, lambda found: _escaped(ord(found.group())), text)


def _escaped(code: int) -> str:
    """Return how Python writes a code point in a string: \\x1b, \\u202e, \\U0010ffff."""
    if code > 0xFFFF:
        return f"\\U{code:08x}"
    return f"\\u{code:04x}" if code > 0xFF else f"\\x{code:02x}"
