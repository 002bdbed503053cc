"""Files, YAML, the schema, the cache: the only layer that touches the disk.

Commands reach it through `workspace.Workspace` (plans with their progress, as
of a day), `plans` (check, create, import plan files) and `edit` (record
progress). Caching is hidden behind them; the two switches a run may need are
here, cheap to import.
"""

from __future__ import annotations


def start_run() -> None:
    """Set the process up for one command: collect cycles only while files are parsed."""
    from tthc_plan.store import collector  # noqa: PLC0415 - imported when a run starts

    collector.pause()


def disable_cache() -> None:
    """Read every file anew for the rest of the run (--no-cache, TTHC_NO_CACHE=1)."""
    from tthc_plan.store import cache  # noqa: PLC0415 - only --no-cache needs it

    cache.disable()
