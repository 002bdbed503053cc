"""Start a new plan file for another year or another issuing body (`tthc init`)."""

from __future__ import annotations

import re

from tthc_plan.core.model import Plan, Unit, UnitKind
from tthc_plan.core.timeframe.grammar import RULES

_TOP_LEVEL_KEY = re.compile(r"^[a-z_]+:")
_MINIMAL_UNITS = """units:
  - id: {id}
    name: {name}
    kind: {kind}
"""


def units_block(source_text: str) -> str | None:
    """Return the `units:` block of a plan file as written, comments and all."""
    lines = source_text.splitlines(keepends=True)
    start = next((i for i, line in enumerate(lines) if line.startswith("units:")), None)
    if start is None:
        return None
    end = next(
        (i for i in range(start + 1, len(lines)) if _TOP_LEVEL_KEY.match(lines[i])), len(lines)
    )
    while end > start and (not lines[end - 1].strip() or lines[end - 1].startswith("#")):
        end -= 1  # the comments before the next key belong to it
    return "".join(lines[start:end])


def _examples(year: int) -> str:
    phrases = [example.replace("2024", str(year)) for *_rule, example in RULES]
    phrases.append("Báo cáo quý, BC năm; BC đột xuất theo yêu cầu của UBND tỉnh")
    return "".join(f"        # timeframe: {phrase}\n" for phrase in phrases)


def new_plan_text(
    *,
    year: int,
    plan_id: str,
    issuer: str,
    lead: Unit,
    units: str,
    schema: str | None,
) -> str:
    """Return the text of a new, valid plan with one example task and every timeframe form."""
    modeline = f"# yaml-language-server: $schema={schema}\n" if schema else ""
    title = f"Kế hoạch hoạt động kiểm soát thủ tục hành chính năm {year} của {issuer}"
    return (
        f"{modeline}"
        f"# {title}.\n"
        "# Tạo bằng «tthc init». Điền phần còn thiếu, thêm nhiệm vụ theo Phụ lục, rồi chạy\n"
        "# «tthc validate» cho đến khi không còn lỗi.\n"
        "\n"
        "plan:\n"
        f"  id: {plan_id}\n"
        f"  title: {title}\n"
        f"  year: {year}\n"
        "  timezone: Asia/Ho_Chi_Minh\n"
        f"  issuer: {issuer}\n"
        "  decision:\n"
        "    number: null  # điền số khi quyết định đã có số\n"
        "    symbol: QĐ-UBND\n"
        f"    date: {year - 1}-12-31  # sửa theo ngày ký\n"
        f"    title: Về việc ban hành Kế hoạch hoạt động kiểm soát thủ tục hành chính năm {year}\n"
        "    signer:\n"
        "      name: (chưa điền)\n"
        "      title: Chủ tịch\n"
        "  legal_bases: []\n"
        "\n"
        "# Hạn gửi báo cáo định kỳ: ngày `due_day` của tháng cuối kỳ.\n"
        "reporting:\n"
        "  due_day: 16\n"
        "  cutoff_day: 14\n"
        "\n"
        f"{units}"
        "\n"
        "sections:\n"
        "  - id: I\n"
        "    title: CÔNG TÁC CHỈ ĐẠO, ĐIỀU HÀNH\n"
        "    tasks:\n"
        "      - id: I.1\n"
        f"        title: Xây dựng Kế hoạch kiểm soát TTHC năm {year}\n"
        f"        deliverable: Kế hoạch kiểm soát TTHC năm {year}\n"
        f"        lead: {lead.name}\n"
        f"        timeframe: Tháng 12/{year - 1}\n"
        '        # Các cách ghi thời hạn mà tthc hiểu (xem «tthc timeframe "..."»):\n'
        f"{_examples(year)}"
    )


def _issuer(unit: Unit) -> str:
    """Return who issues a plan for `unit`: a commune's People's Committee, else the unit."""
    if unit.kind in (UnitKind.COMMUNE, UnitKind.TOWN):
        return f"UBND {unit.name[0].lower()}{unit.name[1:]}"
    return unit.name


def scaffold(
    plan: Plan | None,
    source_text: str | None,
    *,
    year: int,
    unit: Unit | None,
    schema: str | None,
) -> str:
    """Return a new plan's text, with an existing plan's registry when there is one."""
    office = next((u for u in plan.units if u.kind is UnitKind.OFFICE), None) if plan else None
    lead = unit or office or Unit(id="van-phong", name="Văn phòng", kind=UnitKind.OFFICE)
    units = units_block(source_text) if source_text else None
    if units is None:
        units = _MINIMAL_UNITS.format(id=lead.id, name=lead.name, kind=lead.kind.value)
    if unit is not None:
        issuer, base = _issuer(unit), f"{unit.id}-kstthc"
    elif plan is not None:
        issuer, base = plan.plan.issuer, re.sub(r"-?\d{4}$", "", plan.plan.id)
    else:
        issuer, base = "UBND", "ke-hoach-kstthc"
    return new_plan_text(
        year=year, plan_id=f"{base}-{year}", issuer=issuer, lead=lead, units=units, schema=schema
    )
