"""Close a plan (`tthc close`): its year is over, its views and reminders step aside.

The plan file gets a `closed:` block at its end, appended as text: every comment
and every line the Office wrote stays as it was. The file is written only if it
still checks with no error, and atomically.
"""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path

from tthc_plan.core.dates import format_date
from tthc_plan.core.problem import Severity
from tthc_plan.errors import FileError, UsageError
from tthc_plan.i18n import _
from tthc_plan.store.files import read_bounded, write_atomically
from tthc_plan.store.loader import load_plan_file
from tthc_plan.store.plans import CheckedPlan
from tthc_plan.store.yamlio import round_trip_scalar

_CLOSED_KEY = re.compile(r"^closed\s*:", re.MULTILINE)


def close_plan(
    path: Path, checked: CheckedPlan, on: date, note: str | None, *, dry_run: bool = False
) -> str:
    """Append `closed: {date, note}` to the plan file; return the lines added."""
    plan = checked.plan
    if plan.closed is not None:
        message = _("Kế hoạch {id} đã đóng ngày {date}; sửa khối closed: trong tệp nếu cần.")
        raise UsageError(message.format(id=plan.plan.id, date=format_date(plan.closed.date)))
    issued = plan.plan.decision.date
    if issued is not None and on < issued:
        message = _("Ngày đóng {date} sớm hơn ngày ban hành kế hoạch ({issued}).")
        raise UsageError(message.format(date=format_date(on), issued=format_date(issued)))
    try:
        text = read_bounded(path).decode("utf-8")
    except (OSError, UnicodeDecodeError) as error:
        message = _("Không đọc được «{path}»: {reason}").format(path=path, reason=error)
        raise FileError(message) from None
    if _CLOSED_KEY.search(text):
        raise UsageError(_("Tệp «{path}» đã có khối closed:.").format(path=path))
    lines = [
        "",
        "# " + _("Kế hoạch đã đóng (tthc close): các màn hình theo dõi và thư nhắc bỏ qua nó."),
        "closed:",
        f"  date: {on.isoformat()}",
    ]
    if note:
        lines.append(f"  note: {round_trip_scalar(note)}")
    after = text.rstrip("\n") + "\n" + "\n".join(lines) + "\n"
    data = after.encode("utf-8")
    problems = load_plan_file(path, data).problems
    if any(problem.severity is Severity.ERROR for problem in problems):
        first = next(p for p in problems if p.severity is Severity.ERROR)
        message = _("Không ghi: tệp kế hoạch sẽ có lỗi ({problem}).")
        raise UsageError(message.format(problem=first.message))
    if not dry_run:
        write_atomically(path, data)
    return "\n".join(lines[1:])
