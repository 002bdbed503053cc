"""One self-contained HTML page of the plan's state: no script, no network, prints on A4.

It opens from a USB stick or an intranet page: styles are inline, the year's
timeline is inline SVG. States are told by a symbol and a word as well as a
colour, for readers who do not see colours and for black-and-white printers.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from html import escape

from msgspec import Struct

from tthc_plan.core.model import Plan
from tthc_plan.core.schedule import LEAD_STATES, STATE_ORDER, Item, Role, State
from tthc_plan.core.views import group_by_task, overdue_items, unit_counts
from tthc_plan.output.labels import STATE_LABELS

_COLOURS = {
    State.OVERDUE: "#c0392b",
    State.DUE_SOON: "#d68910",
    State.IN_PROGRESS: "#2e86c1",
    State.NOT_STARTED: "#7f8c8d",
    State.ONGOING: "#117864",
    State.NO_DEADLINE: "#aab7b8",
    State.DONE: "#1e8449",
    State.AWAITING_LEAD: "#7f8c8d",
    State.LEAD_DONE: "#1e8449",
}
_SYMBOLS = {
    State.OVERDUE: "✗",
    State.DUE_SOON: "!",
    State.IN_PROGRESS: "▶",
    State.NOT_STARTED: "○",
    State.ONGOING: "∞",
    State.NO_DEADLINE: "–",
    State.DONE: "✓",
    State.AWAITING_LEAD: "…",
    State.LEAD_DONE: "✓",
}

_CSS = """
:root { font-family: "Segoe UI", "Noto Sans", Arial, sans-serif; color: #1b2631; }
body { margin: 0 auto; max-width: 1100px; padding: 12px; line-height: 1.4; }
h1 { font-size: 1.35rem; margin: 0 0 .2rem; } h2 { font-size: 1.1rem; margin: 1.4rem 0 .4rem; }
.asof { color: #555; margin: 0 0 .6rem; }
.totals { display: flex; flex-wrap: wrap; gap: .4rem; padding: 0; list-style: none; }
.totals li { border: 1px solid #ccc; border-radius: 4px; padding: .2rem .5rem; }
.scroll { overflow-x: auto; }
table { border-collapse: collapse; width: 100%; font-size: .9rem; }
th, td { border: 1px solid #d5d8dc; padding: .25rem .4rem; vertical-align: top; text-align: left; }
th { background: #eaf2f8; } td.num { text-align: right; white-space: nowrap; }
.bar { display: inline-block; width: 6rem; height: .7rem; border: 1px solid #888;
       vertical-align: middle; background: #fff; }
.bar span { display: block; height: 100%; background: #1e8449; }
.state { white-space: nowrap; font-weight: 600; }
.legend { list-style: none; padding: 0; display: flex; flex-wrap: wrap; gap: .8rem; }
.swatch { display: inline-block; width: .9rem; height: .9rem; vertical-align: middle;
          margin-right: .25rem; border: 1px solid #555; }
svg { width: 100%; height: auto; font-family: inherit; }
.timeline-hint { display: none; color: #555; font-size: .8rem; margin: 0 0 .3rem; }
@media (max-width: 600px) { body { padding: 6px; } th, td { font-size: .8rem; }
  /* The year's timeline keeps its full size on a phone and scrolls sideways. */
  .timeline svg { min-width: 980px; } .timeline { border: 1px solid #e5e8e8; }
  .timeline-hint { display: block; } }
@media print {
  @page { size: A4 landscape; margin: 10mm; }
  body { max-width: none; padding: 0; font-size: 10pt; }
  .scroll { overflow: visible; }
  section { break-inside: avoid-page; }
  tr { break-inside: avoid; }
}
"""


def _state_badge(state: State) -> str:
    label = escape(STATE_LABELS[state])
    colour = _COLOURS[state]
    return f'<span class="state" style="color:{colour}">{_SYMBOLS[state]} {label}</span>'


def _totals(items: Sequence[Item]) -> str:
    present = {item.state for item in items}
    counts = {state: 0 for state in State if state in LEAD_STATES or state in present}
    for item in items:
        counts[item.state] += 1
    cells = "".join(
        f'<li data-state="{state}">{_state_badge(state)}: <b>{count}</b></li>'
        for state, count in counts.items()
    )
    return f'<ul class="totals" id="totals">{cells}</ul>'


def _units_table(items: Sequence[Item]) -> str:
    """Count each unit's lead items; its support items are shown beside, as context."""
    support: dict[tuple[str, str], int] = {}
    for item in items:
        if item.role is Role.SUPPORT:
            key = (item.plan, item.unit.id)
            support[key] = support.get(key, 0) + 1
    rows = []
    lead = [item for item in items if item.role is Role.LEAD] or list(items)
    for row in unit_counts(lead):
        counts = row.counts
        dated = sum(counts[s] for s in LEAD_STATES if s not in {State.ONGOING, State.NO_DEADLINE})
        share = round(100 * counts[State.DONE] / dated) if dated else 0
        bar = (
            f'<span class="bar" role="img" aria-label="{share}% đã xong">'
            f'<span style="width:{share}%"></span></span> {share}%'
        )
        rows.append(
            f"<tr><td>{escape(row.unit.name)}</td>"
            f'<td class="num">{counts[State.OVERDUE]}</td>'
            f'<td class="num">{counts[State.DUE_SOON]}</td>'
            f'<td class="num">{counts[State.IN_PROGRESS]}</td>'
            f'<td class="num">{counts[State.DONE]}</td><td>{bar}</td>'
            f'<td class="num">{support.get((row.plan, row.unit.id), 0)}</td></tr>'
        )
    head = (
        "<tr><th>Đơn vị</th><th>Quá hạn</th><th>Sắp đến hạn</th><th>Đang thực hiện</th>"
        "<th>Đã xong</th><th>Tiến độ (việc chủ trì có hạn)</th><th>Việc phối hợp</th></tr>"
    )
    return f'<div class="scroll"><table id="units">{head}{"".join(rows)}</table></div>'


def _overdue_table(items: Sequence[Item]) -> str:
    """Return the late items, one row per task and period with its units listed."""
    late = [i for i in overdue_items(items) if i.slot.due is not None]
    if not late:
        return '<p id="overdue">Không có việc quá hạn.</p>'
    rows = "".join(
        f"<tr><td>{escape(g.task.id)}</td><td>{escape(g.task.title)}</td>"
        f"<td>{escape(g.period or '')}</td>"
        f'<td class="num">{g.due:%d/%m/%Y}</td><td class="num">{g.days_late}</td>'
        f'<td class="num">{len(g.items)}</td><td>{_unit_names(g.items)}</td></tr>'
        for g in group_by_task(late)
        if g.due is not None
    )
    head = (
        "<tr><th>Mã</th><th>Nhiệm vụ</th><th>Kỳ</th><th>Hạn</th><th>Số ngày trễ</th>"
        "<th>Số đơn vị</th><th>Đơn vị</th></tr>"
    )
    return f'<div class="scroll"><table id="overdue">{head}{rows}</table></div>'


def _unit_names(items: Sequence[Item]) -> str:
    """Return the units of a group, a supporting unit marked as such."""
    return ", ".join(
        escape(i.unit.name) + ("" if i.role is Role.LEAD else " (phối hợp)") for i in items
    )


class _Scale(Struct, frozen=True):
    """Maps days of the plan year to x positions of the timeline."""

    first: date
    last: date
    left: float = 70.0
    width: float = 900.0

    def x(self, day: date) -> float:
        clipped = min(max(day, self.first), self.last)
        span = (self.last - self.first).days or 1
        return self.left + self.width * (clipped - self.first).days / span


_ROW = 18.0
_TOP = 24.0


def _mark(x: float, y: float, state: State) -> str:
    """Draw a deadline: each state has its own shape as well as its own colour."""
    colour = _COLOURS[state]
    if state is State.OVERDUE:
        return (
            f'<path d="M{x - 5:.1f},{y - 5:.1f} L{x + 5:.1f},{y + 5:.1f} M{x - 5:.1f},{y + 5:.1f} '
            f'L{x + 5:.1f},{y - 5:.1f}" stroke="{colour}" stroke-width="2.5"/>'
        )
    if state is State.DONE:
        return (
            f'<path d="M{x - 5:.1f},{y:.1f} L{x - 1:.1f},{y + 4:.1f} L{x + 6:.1f},{y - 5:.1f}" '
            f'stroke="{colour}" stroke-width="2.5" fill="none"/>'
        )
    if state is State.DUE_SOON:
        return (
            f'<path d="M{x:.1f},{y - 6:.1f} L{x + 6:.1f},{y + 5:.1f} L{x - 6:.1f},{y + 5:.1f} Z" '
            f'fill="{colour}"/>'
        )
    return (
        f'<path d="M{x:.1f},{y - 5:.1f} L{x + 5:.1f},{y:.1f} L{x:.1f},{y + 5:.1f} '
        f'L{x - 5:.1f},{y:.1f} Z" fill="{colour}"/>'
    )


def _timeline(plan: Plan, items: Sequence[Item], today: date) -> str:
    year = plan.plan.year
    scale = _Scale(date(year, 1, 1), date(year, 12, 31))
    tasks = plan.tasks()
    height = _TOP + _ROW * len(tasks) + 10
    parts = [
        f'<svg id="timeline" viewBox="0 0 980 {height:.0f}" role="img" '
        f'aria-label="Tiến độ các nhiệm vụ năm {year}">'
    ]
    for month in range(1, 13):
        x = scale.x(date(year, month, 1))
        parts.append(
            f'<line x1="{x:.1f}" y1="{_TOP - 6:.1f}" x2="{x:.1f}" y2="{height - 6:.1f}" '
            'stroke="#e5e8e8"/>'
            f'<text x="{x + 3:.1f}" y="14" font-size="10" fill="#555">T{month}</text>'
        )
    by_task: dict[str, list[Item]] = {}
    for item in items:
        by_task.setdefault(item.task.id, []).append(item)
    for row, task in enumerate(tasks):
        y = _TOP + _ROW * row + _ROW / 2
        mine = by_task.get(task.id, [])
        parts.append(
            f'<g class="task" data-task="{escape(task.id)}">'
            f'<text x="4" y="{y + 4:.1f}" font-size="10">{escape(task.id)}</text>'
        )
        slots: dict[tuple[date | None, date | None, str | None], list[Item]] = {}
        for item in mine:
            key = (item.slot.start, item.slot.due, item.slot.period)
            slots.setdefault(key, []).append(item)
        for (start, due, period), share in slots.items():
            state = min((i.state for i in share), key=STATE_ORDER.__getitem__)
            label = f"{task.id} {period or ''} — {STATE_LABELS[state]}"
            if due is not None:
                label += f" — hạn {due:%d/%m/%Y}"
            title = f"<title>{escape(label)}</title>"
            colour = _COLOURS[state]
            window = share[0].slot.window
            if due is None:
                if share[0].slot.ongoing:
                    parts.append(
                        f'<line x1="{scale.left:.1f}" y1="{y:.1f}" '
                        f'x2="{scale.left + scale.width:.1f}" y2="{y:.1f}" stroke="{colour}" '
                        f'stroke-dasharray="4 3" stroke-width="2">{title}</line>'
                    )
                continue
            if window and start is not None:
                x1, x2 = scale.x(start), scale.x(due)
                parts.append(
                    f'<rect x="{x1:.1f}" y="{y - 5:.1f}" width="{max(x2 - x1, 2):.1f}" '
                    f'height="10" rx="2" fill="{colour}" fill-opacity=".35" '
                    f'stroke="{colour}">{title}</rect>'
                )
            parts.append(f"<g>{title}{_mark(scale.x(due), y, state)}</g>")
        parts.append("</g>")
    if scale.first <= today <= scale.last:
        x = scale.x(today)
        parts.append(
            f'<line id="today" x1="{x:.1f}" y1="{_TOP - 8:.1f}" x2="{x:.1f}" '
            f'y2="{height - 4:.1f}" stroke="#000" stroke-width="1.5" stroke-dasharray="2 2"/>'
            f'<text x="{x + 3:.1f}" y="{height - 1:.1f}" font-size="10">Hôm nay</text>'
        )
    parts.append("</svg>")
    legend = "".join(
        f'<li><span class="swatch" style="background:{_COLOURS[s]}"></span>{_state_badge(s)}</li>'
        for s in LEAD_STATES
    )
    shapes = (
        "<li>▭ khoảng thời gian</li><li>◆ hạn chót</li><li>- - - thường xuyên</li>"
        "<li>┆ hôm nay</li>"
    )
    return "".join(parts) + f'<ul class="legend" id="legend">{legend}{shapes}</ul>'


def build_page(plan: Plan, items: Sequence[Item], *, today: date) -> str:
    """Return the whole page as one HTML document."""
    title = escape(plan.plan.name)
    issuer = f" · {escape(plan.plan.issuer)}" if plan.plan.issuer else ""
    # Counts are the leads': a supporter answers for nothing; its items are context
    # (unless only support items were asked for: then they are what is counted).
    lead = [i for i in items if i.role is Role.LEAD] or list(items)
    late = sum(1 for i in lead if i.state is State.OVERDUE)
    return (
        "<!doctype html>\n"
        '<html lang="vi"><head><meta charset="utf-8">'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        f"<title>{title} — tình hình ngày {today:%d/%m/%Y}</title>"
        f"<style>{_CSS}</style></head><body>"
        f"<header><h1>{title}</h1>"
        f'<p class="asof">Tình hình ngày <time datetime="{today.isoformat()}">'
        f"{today:%d/%m/%Y}</time>{issuer}</p>"
        f"{_totals(lead)}</header>"
        f"<main><section><h2>Theo đơn vị</h2>{_units_table(items)}</section>"
        f"<section><h2>Việc quá hạn ({late})</h2>{_overdue_table(items)}</section>"
        f"<section><h2>Tiến độ cả năm {plan.plan.year}</h2>"
        '<p class="timeline-hint">Vuốt ngang để xem cả năm.</p>'
        f'<div class="scroll timeline">{_timeline(plan, lead, today)}</div>'
        "</section></main>"
        '<footer><p class="asof">Tạo bằng tthc từ tệp kế hoạch; số liệu đến hết ngày '
        f"{today:%d/%m/%Y}.</p></footer>"
        "</body></html>\n"
    )
