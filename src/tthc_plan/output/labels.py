"""The words the views and exports show for states, roles and events, and a task's status."""

from __future__ import annotations

from collections.abc import Sequence

from tthc_plan.core.schedule import STATE_ORDER, Item, Role, State
from tthc_plan.i18n import N_

STATE_LABELS = {
    State.OVERDUE: N_("Quá hạn"),
    State.DUE_SOON: N_("Sắp đến hạn"),
    State.IN_PROGRESS: N_("Đang thực hiện"),
    State.NOT_STARTED: N_("Chưa bắt đầu"),
    State.ONGOING: N_("Thường xuyên"),
    State.NO_DEADLINE: N_("Không có hạn"),
    State.DONE: N_("Đã xong"),
    State.AWAITING_LEAD: N_("Chờ chủ trì"),
    State.LEAD_DONE: N_("Chủ trì đã xong"),
}
# Two-line headers keep the per-unit summary readable at 80 columns.
SHORT_STATE_LABELS = {
    State.OVERDUE: N_("Quá\nhạn"),
    State.DUE_SOON: N_("Sắp\nhạn"),
    State.IN_PROGRESS: N_("Đang\nlàm"),
    State.NOT_STARTED: N_("Chưa\nlàm"),
    State.ONGOING: N_("Thường\nxuyên"),
    State.NO_DEADLINE: N_("Không\nhạn"),
    State.DONE: N_("Xong"),
    State.AWAITING_LEAD: N_("Chờ\nchủ trì"),
    State.LEAD_DONE: N_("Chủ trì\nxong"),
}
STATE_STYLES = {
    State.OVERDUE: "bold red",
    State.DUE_SOON: "yellow",
    State.IN_PROGRESS: "cyan",
    State.DONE: "green",
}
ROLE_LABELS = {Role.LEAD: N_("chủ trì"), Role.SUPPORT: N_("phối hợp")}
EVENT_LABELS = {"opens": N_("bắt đầu"), "due": N_("hạn chót")}


def task_status(items: Sequence[Item]) -> str:
    """Summarise a task's lead items: the worst state, and how many units are in it."""
    lead = [i for i in items if i.role is Role.LEAD] or list(items)
    if not lead:
        return ""
    worst = min(lead, key=lambda i: STATE_ORDER[i.state]).state
    if all(i.state is State.DONE for i in lead):
        return STATE_LABELS[State.DONE]
    count = sum(1 for i in lead if i.state is worst)
    units = len({i.unit.id for i in lead})
    label = STATE_LABELS[worst]
    if units > 1:
        return f"{label} ({count}/{len(lead)} lượt)"
    return label
