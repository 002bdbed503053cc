"""JSON output: the same text with or without orjson."""

from __future__ import annotations

import io
import json
import sys
from typing import cast

import pytest

from tests.conftest import TthcRunner
from tthc_plan.cli import app
from tthc_plan.cli.plain import echo_output
from tthc_plan.output.formats import PIECE, dumps, json_bytes, json_pieces

SAMPLE = {
    "today": "2024-01-12",
    "items": [
        {"title": 'Báo cáo "quý"\n\tđột xuất', "lead": ["Phòng Nội vụ"], "n": None},
        {"value": 95.0, "count": 3, "empty": [], "nested": {}, "line_sep": "\u2028"},
    ],
}


def test_dumps_writes_what_the_standard_library_writes() -> None:
    assert dumps(SAMPLE) == json.dumps(SAMPLE, ensure_ascii=False, indent=2)


def test_dumps_without_orjson(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "orjson", None)  # import orjson raises ImportError
    assert dumps(SAMPLE) == json.dumps(SAMPLE, ensure_ascii=False, indent=2)
    assert json_bytes(SAMPLE) == json.dumps(SAMPLE, ensure_ascii=False, indent=2).encode()


def test_json_bytes_are_the_utf8_of_the_text() -> None:
    assert json_bytes(SAMPLE) == dumps(SAMPLE).encode("utf-8")


@pytest.mark.parametrize("count", [0, 1, 2, PIECE - 1, PIECE, PIECE + 1, 2 * PIECE + 3])
@pytest.mark.parametrize("orjson", [True, False])
def test_json_in_pieces_is_json_bytes_text(
    count: int, orjson: bool, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A province's list is written a thousand records at a time, into the same text."""
    if not orjson:
        monkeypatch.setitem(sys.modules, "orjson", None)
    samples: list[dict[str, object]] = SAMPLE["items"]  # type: ignore[assignment]
    records = [samples[n % 2] | {"n": n} for n in range(count)]
    for head in ({"today": "2024-01-12"}, {"today": "2024-01-12", "units": [{"a": 0}], "x": 0}):
        pieces = list(json_pieces(head, "items", iter(records)))
        assert b"".join(pieces) == json_bytes(head | {"items": records})
        assert len(pieces) <= 2 * (count // PIECE + 2)


class _Stdout(io.TextIOWrapper):
    """A stdout whose text encoding is not UTF-8 (a Windows code page), a console or not."""

    def __init__(self, *, console: bool) -> None:
        super().__init__(io.BytesIO(), encoding="utf-16-le")
        self.console = console

    def isatty(self) -> bool:
        return self.console

    def written(self) -> bytes:
        self.flush()
        return cast("io.BytesIO", self.buffer).getvalue()


def test_bytes_go_to_a_pipe_as_they_are_and_to_a_console_as_text(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    text = "Phòng Nội vụ – Đắk R'lấp"
    pipe = _Stdout(console=False)
    monkeypatch.setattr(sys, "stdout", pipe)
    echo_output(text.encode())
    assert pipe.written() == (text + "\n").encode("utf-8")
    console = _Stdout(console=True)
    monkeypatch.setattr(sys, "stdout", console)
    echo_output(text.encode())
    assert console.written() == (text + "\n").encode("utf-16-le")
    for console_or_not in (False, True):  # in pieces, the same
        stdout = _Stdout(console=console_or_not)
        monkeypatch.setattr(sys, "stdout", stdout)
        echo_output(iter([text[:5].encode(), text[5:].encode()]))
        encoding = "utf-16-le" if console_or_not else "utf-8"
        assert stdout.written() == (text + "\n").encode(encoding)


@pytest.mark.parametrize(
    "args",
    [
        ["status", "--today", "2024-06-15", "--format", "json"],
        ["show", "VII.4", "--today", "2024-06-15", "--format", "json"],
        ["export", "json", "--today", "2024-06-15"],
        ["validate", "--format", "json", "tests/data/broken.yaml"],
        ["overdue", "--today", "2024-06-15", "--format", "json"],
        ["upcoming", "--today", "2024-06-15", "--format", "json"],
        ["status", "--unit", "Xã Nhân Cơ", "--today", "2024-06-15", "--format", "json"],
    ],
)
def test_every_json_output_is_the_standard_text(args: list[str]) -> None:
    out = TthcRunner().invoke(app, args).stdout
    assert out.strip() == json.dumps(json.loads(out), ensure_ascii=False, indent=2)
