"""Pure values and rules: read no file, clock or environment; no I/O or framework library."""

from __future__ import annotations

# Days ahead that count as "due soon". Here, not in schedule.py: the command
# line needs it as a default at start-up, before any command has run.
DEFAULT_WITHIN = 14

# The years a plan may be of: the schema (plan.year), the command line (--year of
# init, import, timeframe) and the grammar (its plan year) refuse what is outside.
# (Years written inside a phrase: core/timeframe/period.YEARS.)
PLAN_YEARS = (1990, 2100)

# Viet Nam's time zone: a plan's, unless it says otherwise, and the command line's today.
DEFAULT_TIMEZONE = "Asia/Ho_Chi_Minh"
