"""Write tests/data/progress-2024/: a year of progress records as an Office would have them.

Run once from the repository root (`.venv/bin/python tests/data/make_progress_2024.py`);
the files are committed, so tests never depend on this script. Every dated lead
item of plans/2024.yaml gets an outcome chosen by a hash of (task, period, unit),
so a re-run writes the same files: most units finish on time, some late, some
never; three units (Phòng Y tế, Phòng Tư pháp, Xã Đắk Ru) are slow on purpose,
so that the reports have late units to name.
"""

from __future__ import annotations

import hashlib
import shutil
from datetime import date, timedelta
from pathlib import Path

from tthc_plan.core.schedule import Item, Role
from tthc_plan.store.workspace import Workspace

ROOT = Path(__file__).resolve().parents[2]
OUT = ROOT / "tests" / "data" / "progress-2024"
YEAR_END = date(2024, 12, 31)
SLOW = {"phong-y-te", "phong-tu-phap", "xa-dak-ru"}
HEADER = """\
# Tiến độ của «{name}» trong kế hoạch dak-rlap-kstthc-2024.
# Ghi bằng «tthc done / start / reopen», hoặc sửa tay rồi chạy «tthc validate».
# Mỗi mục «- task: ...» là một lần ghi. Không xóa mục cũ: muốn rút lại
# việc đã ghi là xong, thêm mục «event: reopen» (tthc reopen).
"""


def _draw(item: Item) -> int:
    """Return a number in 0..99 fixed by the item."""
    key = f"{item.task.id}|{item.slot.period}|{item.unit.id}".encode()
    return int(hashlib.sha256(key).hexdigest(), 16) % 100


def _done_on(item: Item) -> date | None:
    """Return the day the item was done, or None if it never was."""
    due = item.slot.due
    assert due is not None
    draw = _draw(item)
    never, late = (30, 60) if item.unit.id in SLOW else (5, 14)
    if draw < never:
        return None
    day = due + timedelta(days=1 + draw % 25) if draw < late else due - timedelta(days=draw % 7)
    if item.slot.start is not None:
        day = max(day, item.slot.start)
    return day if day <= YEAR_END else None


def _record(item: Item, day: date, number: int) -> list[str]:
    symbol = "BC" if item.slot.period else "KH"
    issuer = "UBND" if item.unit.kind in {"commune", "town"} else "P"
    lines = [f"- task: {item.task.id}", "  event: done", f"  date: {day.isoformat()}"]
    if item.slot.period:
        lines.append(f"  period: {item.slot.period}")
    if number % 7:  # some records carry no reference, as people forget
        lines.append(f"  ref: Số {number}/{symbol}-{issuer} ngày {day:%d/%m/%Y}")
    return lines


def main() -> None:
    """Write one progress file per unit that has a record."""
    space = Workspace([ROOT / "plans" / "2024.yaml"], lambda _zone: YEAR_END)
    records: dict[str, list[tuple[date, Item]]] = {}
    names: dict[str, str] = {}
    for item in space.items(roles={Role.LEAD}):
        if item.slot.due is None:
            continue
        day = _done_on(item)
        if day is not None:
            records.setdefault(item.unit.id, []).append((day, item))
            names[item.unit.id] = item.unit.name
    shutil.rmtree(OUT, ignore_errors=True)
    OUT.mkdir(parents=True)
    for unit, done in sorted(records.items()):
        lines = [HEADER.format(name=names[unit]).rstrip("\n")]
        for number, (day, item) in enumerate(sorted(done, key=lambda pair: pair[0]), start=1):
            lines += _record(item, day, number)
        (OUT / f"{unit}.yaml").write_text("\n".join(lines) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
