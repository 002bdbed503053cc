"""The box-table drawer lays tables out exactly as rich's Table does, without rich's cost."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st
from rich.console import Console
from rich.table import Table
from rich.text import Text

from tthc_plan.output.boxtable import Column, cell_len, draw, terminal_width, wants_colour

# Vietnamese letters (precomposed, as plans are stored), đ, wide CJK letters,
# markup-like brackets and colons, spaces and line breaks.
LETTERS = "abc xyz Đắk R'lấp Nhân Cơ ạ ố ữ ễ 12 [red] :x: - , . 中文\n"


def _rich(
    columns: list[Column],
    rows: list[list[str]],
    title: str | None,
    sections: list[int],
    *,
    expand: bool,
    width: int,
) -> str:
    table = Table(
        title=Text(title) if title else None,
        header_style="bold",
        title_justify="left",
        expand=expand,
    )
    for column in columns:
        table.add_column(
            column.header,
            ratio=column.ratio,
            min_width=column.minimum(),
            no_wrap=column.no_wrap,
            overflow="ellipsis" if column.no_wrap else "fold",
            justify=column.justify,
        )
    for index, row in enumerate(rows):
        if index in sections:
            table.add_section()
        table.add_row(*(Text(cell) for cell in row))
    console = Console(highlight=False, width=width, color_system=None)
    with console.capture() as capture:
        console.print(table)
    return capture.get().rstrip("\n")


columns_st = st.lists(
    st.builds(
        Column,
        header=st.sampled_from(["Mã", "Nhiệm vụ", "Trễ\n(ngày)", "Đơn vị", "X"]),
        ratio=st.sampled_from([None, None, 1, 2, 3]),
        no_wrap=st.booleans(),
        justify=st.sampled_from(["left", "right"]),
    ),
    min_size=1,
    max_size=7,
)


@given(
    columns=columns_st,
    cells=st.lists(st.lists(st.text(LETTERS, max_size=70), min_size=7, max_size=7), max_size=5),
    title=st.sampled_from([None, "Việc quá hạn ngày 12/01/2024", "Đơn vị " * 20]),
    sections=st.lists(st.integers(0, 4), max_size=3),
    expand=st.booleans(),
    width=st.integers(20, 140),
)
def test_same_layout_as_rich(
    *,
    columns: list[Column],
    cells: list[list[str]],
    title: str | None,
    sections: list[int],
    expand: bool,
    width: int,
) -> None:
    rows = [row[: len(columns)] for row in cells]
    expected = _rich(columns, rows, title, sections, expand=expand, width=width)
    got = draw(
        columns, rows, title=title, sections=sections, expand=expand, width=width, colour=False
    )
    assert got == expected


def test_overdue_like_table() -> None:
    columns = [
        Column("Trễ\n(ngày)", justify="right"),
        Column("Mã"),
        Column("Nhiệm vụ", ratio=3, no_wrap=True),
        Column("Đơn vị", ratio=2),
    ]
    rows = [["368", "TCTH.1", "Trên cơ sở kết quả rà soát", "Thị trấn Kiến Đức"]]
    out = draw(columns, rows, title="Việc quá hạn", width=44, colour=False)
    assert out.splitlines() == [
        "Việc quá hạn                                ",
        "┏━━━━━━━━┳━━━━━━━━┳━━━━━━━━━━━━━━┳━━━━━━━━━┓",
        "┃    Trễ ┃        ┃              ┃         ┃",
        "┃ (ngày) ┃ Mã     ┃ Nhiệm vụ     ┃ Đơn vị  ┃",
        "┡━━━━━━━━╇━━━━━━━━╇━━━━━━━━━━━━━━╇━━━━━━━━━┩",
        "│    368 │ TCTH.1 │ Trên cơ sở … │ Thị     │",
        "│        │        │              │ trấn    │",
        "│        │        │              │ Kiến    │",
        "│        │        │              │ Đức     │",
        "└────────┴────────┴──────────────┴─────────┘",
    ]
    assert out == _rich(columns, rows, "Việc quá hạn", [], expand=True, width=44)


def test_colours_rows_and_headers_only_when_asked() -> None:
    columns = [Column("A"), Column("Bé", justify="right")]
    rows = [["x", "1"], ["y", "2"]]
    coloured = draw(columns, rows, styles=["bold red", None], colour=True, width=20)
    assert coloured.splitlines()[1:5] == [
        "┃\x1b[1m A      \x1b[0m┃\x1b[1m      Bé \x1b[0m┃",
        "┡━━━━━━━━╇━━━━━━━━━┩",
        "│\x1b[1;31m x      \x1b[0m│\x1b[1;31m       1 \x1b[0m│",
        "│ y      │       2 │",
    ]
    plain = draw(columns, rows, styles=["bold red", None], colour=False, width=20)
    assert "\x1b" not in plain


def test_colour_follows_the_terminal_and_no_color(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("NO_COLOR", raising=False)
    monkeypatch.setenv("TERM", "xterm")
    monkeypatch.setattr("sys.stdout.isatty", lambda: True)
    assert wants_colour()
    monkeypatch.setenv("NO_COLOR", "1")
    assert not wants_colour()
    monkeypatch.delenv("NO_COLOR")
    monkeypatch.setattr("sys.stdout.isatty", lambda: False)
    assert not wants_colour()


def test_width_comes_from_columns(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("COLUMNS", "57")
    assert terminal_width() == 57


def test_cell_width_of_vietnamese_and_wide_letters() -> None:
    assert cell_len("Đắk R'lấp") == 9
    assert cell_len("Đắk R'lấp".encode().decode()) == 9
    assert cell_len("Nhân Cơ") == cell_len("Nha\u0302n Co\u031b") == 7  # NFD: marks take no cell
    assert cell_len("中文") == 4
