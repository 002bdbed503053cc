"""Pure values and rules: read no file, clock or environment; no I/O or framework library."""

from __future__ import annotations

# Days ahead that count as "due soon". Here, not in schedule.py: the command
# line needs it as a default at start-up, before any command has run.
DEFAULT_WITHIN = 14
