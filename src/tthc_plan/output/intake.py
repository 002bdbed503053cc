"""What `tthc intake` says of each file: a few lines of text, or one JSON object each."""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from typing import Any

from tthc_plan.core.dates import format_date
from tthc_plan.core.intake import STATUSES, Outcome
from tthc_plan.i18n import N_, _
from tthc_plan.output.formats import dumps

_HEADINGS = {
    "recorded": N_("đã ghi"),
    "would_record": N_("sẽ ghi"),
    "already_recorded": N_("đã có từ trước"),
    "ambiguous": N_("chưa rõ, không ghi"),
    "unmatched": N_("không khớp, không ghi"),
    "unreadable": N_("không đọc được"),
}
_COUNTED = {
    "recorded": N_("đã ghi {count}"),
    "would_record": N_("sẽ ghi {count}"),
    "already_recorded": N_("đã có từ trước {count}"),
    "ambiguous": N_("chưa rõ {count}"),
    "unmatched": N_("không khớp {count}"),
    "unreadable": N_("không đọc được {count}"),
}


def render_outcomes(outcomes: Sequence[Outcome]) -> str:
    """Return each file's outcome (what was read, what was chosen and why), then a summary."""
    blocks = [_block(outcome) for outcome in outcomes]
    return "\n".join([*blocks, summary(outcomes)])


def summary(outcomes: Sequence[Outcome]) -> str:
    """Return the one line that counts the files by what became of them."""
    counts = Counter(outcome.status for outcome in outcomes)
    parts = [_(_COUNTED[status]).format(count=counts[status]) for status in STATUSES
             if counts[status] or status in {"recorded", "unreadable"}]  # fmt: skip
    return _("{files} tệp: {parts}.").format(files=len(outcomes), parts=", ".join(parts))


def _block(outcome: Outcome) -> str:
    lines = [f"{outcome.file.name}: {_(_HEADINGS[outcome.status])}"]
    found = outcome.proposal
    if found is not None and found.task is not None and found.unit is not None:
        what = found.task.id + (f" {found.period}" if found.period else "")
        day = format_date(found.date) if found.date else "?"
        lines.append(
            "  " + _("{what} cho «{unit}», ngày {date}").format(
                what=what, unit=found.unit.name, date=day
            ) + (f", «{found.ref}»" if found.ref else "")
        )  # fmt: skip
    if found is not None:
        lines += [f"  - {reason}" for reason in found.reasons]
        if found.status == "ambiguous":
            lines += [
                "  " + _("có thể là {task}{period} (điểm {score})").format(
                    task=c.task, period=f" {c.period}" if c.period else "", score=c.score
                )
                for c in found.candidates
            ]  # fmt: skip
    if outcome.message:
        lines.append(f"  {outcome.message}")
    if outcome.command and outcome.status in {"ambiguous", "unmatched"}:
        lines.append("  " + _("Nếu đúng, ghi bằng: {command}").format(command=outcome.command))
    return "\n".join(lines)


def outcomes_json(outcomes: Sequence[Outcome]) -> str:
    """Return one object per file: file, status, unit, task, period, date, ref, candidates,
    reasons (and message, command)."""
    return dumps([_record(outcome) for outcome in outcomes])


def _record(outcome: Outcome) -> dict[str, Any]:
    found = outcome.proposal
    return {
        "file": str(outcome.file),
        "status": outcome.status,
        "unit": found.unit.name if found and found.unit else None,
        "task": found.task.id if found and found.task else None,
        "period": found.period if found else None,
        "date": found.date.isoformat() if found and found.date else None,
        "ref": found.ref if found else None,
        "candidates": [
            {"task": c.task, "period": c.period, "score": c.score, "reasons": list(c.reasons)}
            for c in (found.candidates if found else ())
        ],
        "reasons": list(found.reasons) if found else [],
        "message": outcome.message,
        "command": outcome.command,
    }
