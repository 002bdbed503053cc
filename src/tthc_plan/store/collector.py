"""When Python's cycle collector runs in `tthc`: while files are parsed, not otherwise.

A run keeps what it reads back from the cache (plans, progress, then the
items of a view) until it ends, and none of it is in a reference cycle:
reference counting frees what is dropped. The collector would only scan
those objects again and again: one pass over a province's 100,000 is about
20 ms. Parsing is different: the YAML parser and pydantic leave cycles
behind, so `main` pauses the collector, and the reading of a file anew
(`cache.through`) runs `collecting`.

Side by side with Python's collector as it comes (15 interleaved rounds,
issue 15, docs/performance.md): a province of 10,000 tasks is 22% faster
unchanged (0.37 -> 0.29 s) and 19% faster after one edit; a first run peaks
higher (97 MB instead of 79; 182 MB with the collector off throughout).
"""

from __future__ import annotations

import contextlib
import gc
from collections.abc import Iterator

# A parse makes garbage fast: a young generation of 100,000 objects (not 700)
# is scanned 140x less often. Measured on 10,000 tasks, see README "Performance".
_THRESHOLDS = (100_000, 50, 1000)


def pause() -> None:
    """Stop collecting cycles for the rest of the run, except inside `collecting`."""
    gc.set_threshold(*_THRESHOLDS)
    gc.disable()


@contextlib.contextmanager
def collecting() -> Iterator[None]:
    """Collect cycles inside the block, as before it if the collector was on."""
    was_on = gc.isenabled()
    gc.enable()
    try:
        yield
    finally:
        if not was_on:
            gc.disable()
