"""JSON output: the same text with or without orjson."""

from __future__ import annotations

import json
import sys

import pytest
from typer.testing import CliRunner

from tthc_plan.cli import app
from tthc_plan.formats import dumps

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


@pytest.mark.parametrize(
    "args",
    [
        ["status", "--today", "2024-06-15", "--format", "json"],
        ["show", "VII.4", "--today", "2024-06-15", "--format", "json"],
        ["export", "json", "--today", "2024-06-15"],
        ["validate", "--format", "json", "tests/data/broken.yaml"],
    ],
)
def test_every_json_output_is_the_standard_text(args: list[str]) -> None:
    out = CliRunner().invoke(app, args).stdout
    assert out.strip() == json.dumps(json.loads(out), ensure_ascii=False, indent=2)
