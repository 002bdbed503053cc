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


def test_what_is_read_back_is_in_no_reference_cycle(paused: None, tmp_path: Path) -> None:
    """With the collector off, a cycle is never freed: plans read back, their tasks and
    what the views build from them must be freed by reference counting alone (validate
    reads a province's 300 plans one after the other)."""
    from tests.conftest import PLAN_2024  # noqa: PLC0415 - the shipped plan
    from tthc_plan.store import plans  # noqa: PLC0415

    path = tmp_path / "2024.yaml"
    path.write_bytes(PLAN_2024.read_bytes())
    plans.load_valid(path)  # checked, and its entry written
    # Read back once before, the plan too: the plan's decoder is built on first use, once
    # a process, and msgspec leaves 5 reference cycles (20 objects) in building it. Run
    # alone, this test failed on them; in a whole run an earlier test had built it.
    assert plans.load_valid(path).plan.tasks()
    gc.collect()
    checked = plans.load_valid(path)  # read back
    assert [task.id for task in checked.tasks] == [task.id for task in checked.plan.tasks()]
    del checked
    gc.set_debug(gc.DEBUG_SAVEALL)
    try:
        found = gc.collect()
        left = [type(thing).__name__ for thing in gc.garbage]
    finally:
        gc.set_debug(0)
        gc.garbage.clear()
    assert (found, left) == (0, [])
