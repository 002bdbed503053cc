"""The cycle collector is off for what is read back, on while files are parsed."""

from __future__ import annotations

import gc
from collections.abc import Iterator
from pathlib import Path

import pytest

from tthc_plan.store import cache, collector


@pytest.fixture
def paused(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> Iterator[None]:
    """Pause the collector as `main` does; the test process gets it back after."""
    monkeypatch.setenv("TTHC_CACHE_DIR", str(tmp_path / "cache"))
    monkeypatch.setattr(cache, "_enabled", True)
    thresholds = gc.get_threshold()
    collector.pause()
    try:
        yield
    finally:
        gc.set_threshold(*thresholds)
        gc.enable()


def test_pause_stops_the_collector(paused: None) -> None:
    assert not gc.isenabled()


def test_collecting_turns_it_on_inside_only(paused: None) -> None:
    with collector.collecting():
        assert gc.isenabled()
    assert not gc.isenabled()


def test_collecting_leaves_a_running_collector_running() -> None:
    assert gc.isenabled()
    with collector.collecting():
        pass
    assert gc.isenabled()


def test_a_file_is_parsed_with_the_collector_on_and_read_back_with_it_off(
    paused: None, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "list.txt"
    path.write_text("một, hai", encoding="utf-8")
    seen: list[bool] = []

    def parse(data: bytes | None) -> list[str]:
        seen.append(gc.isenabled())
        return (data or b"").decode("utf-8").split(", ")

    codec = cache.Codec[list[str]]("words", list[str])
    assert cache.through(path, parse, codec) == ["một", "hai"]
    assert seen == [True]
    assert not gc.isenabled()
    assert cache.through(path, parse, codec) == ["một", "hai"]  # from the entry
    assert seen == [True]
    monkeypatch.setattr(cache, "_enabled", False)  # --no-cache: the reader reads the file
    assert cache.through(path, parse, codec) == [""]
    assert seen == [True, True]
    assert not gc.isenabled()
