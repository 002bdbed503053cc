"""Run the CLI with ``python -m tthc_plan``."""

from __future__ import annotations

from tthc_plan.cli import main

main()
