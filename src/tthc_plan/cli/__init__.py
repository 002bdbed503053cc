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
    # A run builds hundreds of thousands of objects on a province and frees them
    # at exit; the default thresholds start a full collection many times on the
    # way (10-15% of the run). mypy raises them the same way, for the same reason.
    gc.set_threshold(200_000, 30, 30)
    try:
        app()
    except KeyboardInterrupt:
        echo_error(_("Đã dừng."))
        sys.exit(EXIT_INTERRUPTED)
