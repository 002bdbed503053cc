"""Tables show plan text as written: rich markup and emoji codes are not interpreted."""

from __future__ import annotations

import pytest

from tthc_plan.output.tables import Column, draw_table

TEXT = "Báo cáo [red]quý[/red] theo mẫu [1] :warning:"


@pytest.fixture(autouse=True)
def _width(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("COLUMNS", "100")


def test_draw_table_keeps_brackets_and_colons() -> None:
    out = draw_table(
        [Column("Mã"), Column("Nhiệm vụ", ratio=1)], [["XI.1", TEXT]], title="Đơn vị [A]"
    )
    assert out.splitlines()[0].rstrip() == "Đơn vị [A]"
    assert f"│ XI.1 │ {TEXT}" in out


def test_narrow_table_keeps_brackets_and_colons() -> None:
    out = draw_table([Column("Mã"), Column("Cách hiểu")], [["XI.1", TEXT]], expand=False)
    assert f"│ XI.1 │ {TEXT} │" in out
