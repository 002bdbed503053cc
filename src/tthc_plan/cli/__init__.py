"""Command-line interface: `tthc` and its commands (one module per group of commands)."""

from __future__ import annotations

import sys

from tthc_plan.cli import check, export, record, views  # noqa: F401 - they register commands
from tthc_plan.cli.common import app, echo_error
from tthc_plan.errors import EXIT_INTERRUPTED
from tthc_plan.i18n import _

__all__ = ["app", "main"]


def main() -> None:
    """Run the `tthc` command."""
    try:
        app()
    except KeyboardInterrupt:
        echo_error(_("Đã dừng."))
        sys.exit(EXIT_INTERRUPTED)
