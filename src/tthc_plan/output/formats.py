"""Output formats and JSON writing: what the command line needs before anything heavy."""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping
from enum import StrEnum
from itertools import islice


class ViewFormat(StrEnum):
    """Output formats of the views."""

    TABLE = "table"
    JSON = "json"
    CSV = "csv"
    MD = "md"


# What a view prints: text, or UTF-8 bytes (JSON) that can go out without decoding,
# whole or in pieces (json_pieces).
Output = str | bytes | Iterator[bytes]


def json_bytes(data: object) -> bytes:
    """Serialise to UTF-8 JSON indented by two, keeping Vietnamese letters readable.

    orjson writes the very text of json.dumps(indent=2, ensure_ascii=False) about
    ten times faster (a province's overdue list is 7 MB: 0.2 s -> 0.02 s);
    where it is not installed, the standard library writes the same text.
    """
    try:
        import orjson  # noqa: PLC0415 - optional: a compiled library, not on every platform
    except ImportError:
        import json  # noqa: PLC0415 - not at start-up: every command imports this module

        return json.dumps(data, ensure_ascii=False, indent=2).encode("utf-8")
    return orjson.dumps(data, option=orjson.OPT_INDENT_2)


def dumps(data: object) -> str:
    """Return `json_bytes(data)` as text."""
    return json_bytes(data).decode("utf-8")


# Records written at a time by json_pieces: about 100 KB of a province's items, under
# the 128 KiB from which the C library gives a block fresh pages of its own (mmap):
# each piece reuses the memory of the one before. 1,000 (500 KB) took 4 ms more
# of a 10,000-task overdue list (median of 7 fresh processes, 32 -> 28 ms).
PIECE = 200


def json_pieces(head: Mapping[str, object], key: str, records: Iterable[object]) -> Iterator[bytes]:
    """Yield json_bytes({**head, key: list(records)}) in pieces, `key` last.

    The records are turned into JSON `PIECE` at a time: a province's list is
    never whole in memory, neither as records nor as text (30,000 tasks: 35 MB
    of dicts and 19 MB of text). Each piece is the list's text at its depth
    in the document, so the pieces join into exactly json_bytes's text.
    """
    records = iter(records)
    piece = list(islice(records, PIECE))
    if not piece:
        yield json_bytes({**head, key: []})
        return
    # The document around a list of one record, 0: what comes before it and after it.
    before, _zero, after = json_bytes({**head, key: [0]}).rpartition(b"    0")
    yield before.removesuffix(b"\n")
    while piece:
        # A list dumped alone is indented one level less than in the document.
        text = json_bytes(piece)[1:-2]  # without "[" and "\n]": "\n  {...},\n  {...}"
        yield text.replace(b"\n", b"\n  ")
        piece = list(islice(records, PIECE))
        if piece:
            yield b","
    yield after
