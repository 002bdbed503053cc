"""Vietnamese text normalisation and accent-insensitive folding."""

from __future__ import annotations

import functools
import re
import unicodedata

_APOSTROPHES = ("\u2019", "\u2018", "\u02bc", "\u00b4")
# Control characters (C0, DEL, C1), the tab apart: with and without the line feed;
# and the bidirectional overrides (U+202A-U+202E, U+2066-U+2069), which make a
# text read otherwise than it is stored ("Trojan source").
_CONTROLS = re.compile("[\x00-\x08\x0a-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")
_CONTROLS_BUT_LF = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")
_SPACES = re.compile(r"\s+")


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
    """
    found = (_CONTROLS_BUT_LF if lines else _CONTROLS).search(text)
    return None if found is None else found.group()


def one_line(text: str) -> str:
    """Return `text` with every control character (tab and line feed too) made a space."""
    return _CONTROLS.sub(" ", text).replace("\t", " ")


_SHOWN_CONTROLS = _CONTROLS_BUT_LF


def visible_controls(text: str) -> str:
    """Return `text` with every control character but tab and line feed written as \\xNN.

    What a file name or a file's line holds reaches the terminal as text: an
    escape sequence in it (ESC ]0;... BEL, OSC 52) shows as letters and does
    nothing.
    """
    if _SHOWN_CONTROLS.search(text) is None:
        return text
    return _SHOWN_CONTROLS.sub(lambda found: f"\\u{ord(found.group()):04x}"
                               if ord(found.group()) > 0xFF else f"\\x{ord(found.group()):02x}",
                               text)  # fmt: skip
