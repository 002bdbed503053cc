"""Command-line interface: `tthc` and its commands (one module per group of commands)."""

from __future__ import annotations

import gc
import os
import sys

from tthc_plan.cli import check, export, record, views  # noqa: F401 - they register commands
from tthc_plan.cli.common import app, echo_error
from tthc_plan.errors import EXIT_INTERRUPTED
from tthc_plan.i18n import _

__all__ = ["app", "main"]


def main() -> None:
    """Run the `tthc` command."""
    # tthc uses no pydantic plugins; looking for them scans every installed
    # package's metadata on the first validation (tens of ms on a slow PC).
    os.environ.setdefault("PYDANTIC_DISABLE_PLUGINS", "__all__")
    # A run on a province keeps hundreds of thousands of objects (the plans,
    # not in cycles) until it ends: full collections would rescan them again
    # and again. Young garbage (the parser's, pydantic's) is still collected:
    # with the collector off, a first run on 10,000 tasks peaked at 200 MB
    # instead of 112 MB. Measured on 10,000 tasks, see README "Performance".
    gc.set_threshold(100_000, 50, 1000)
    try:
        app()
    except KeyboardInterrupt:
        echo_error(_("Đã dừng."))
        sys.exit(EXIT_INTERRUPTED)
