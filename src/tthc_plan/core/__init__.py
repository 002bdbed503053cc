"""Pure values and rules: read no file, clock or environment; no I/O or framework library."""

from __future__ import annotations

# Days ahead that count as "due soon". Here, not in schedule.py: the command
# line needs it as a default at start-up, before any command has run.
DEFAULT_WITHIN = 14
# At most this many days ahead (ten years): --within of every view and of remind.
MAX_WITHIN = 3660

# The years a plan may be of: the schema (plan.year), the command line (--year of
# init, import, timeframe; the year of a period, --period), the grammar (its plan
# year) and the import (a year read from a title) refuse what is outside.
PLAN_YEARS = (1990, 2100)

# The years any date may be in: written in a phrase, in a plan or a progress file,
# in a document's heading or reference, or given on the command line (--today,
# --date, --by). Out of it a date is refused (dates.make_date), never computed on.
DATE_YEARS = (1900, 2200)

# Viet Nam's time zone: a plan's, unless it says otherwise, and the command line's today.
DEFAULT_TIMEZONE = "Asia/Ho_Chi_Minh"
