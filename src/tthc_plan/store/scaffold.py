"""Start a new plan file for another year or another issuing body (`tthc init`)."""

from __future__ import annotations

import io
import re
from enum import StrEnum

from tthc_plan.core.model import Plan, Unit, UnitKind
from tthc_plan.core.names import as_id, slug
from tthc_plan.core.timeframe.grammar import EXAMPLES

_MINIMAL_UNITS = """units:
  - id: {id}
    name: {name}
    kind: {kind}
"""


def units_block(source_text: str) -> str | None:
    """Return the `units:` block of a (valid) plan file as written, comments and all.

    The key is found as YAML reads it, however it is written (`units:`,
    `"units":`); a registry not written as a block at the margin (`units: [...]`)
    is written anew from its values, comments aside. None: no units to copy.
    """
    from ruamel.yaml.error import YAMLError  # noqa: PLC0415 - init and import only

    from tthc_plan.store.yamlio import (  # noqa: PLC0415
        DuplicateKeyError,
        TooLargeError,
        compose,
        round_trip,
    )

    try:
        composed = compose(source_text)
    except (YAMLError, DuplicateKeyError, TooLargeError):  # a plan checked before: never
        return None
    data = composed.data
    if not isinstance(data, dict) or not data.get("units"):
        return None
    line, column, _quoted = composed.keys[("units",)]
    start = composed.values[("units",)][0]
    if column != 0 or start == line:  # not a block under its key: written anew
        out = io.StringIO()
        round_trip().dump({"units": data["units"]}, out)
        return out.getvalue()
    lines = source_text.splitlines(keepends=True)
    after = [at for path, (at, _col, _q) in composed.keys.items() if len(path) == 1 and at > line]
    end = min(after, default=len(lines))
    while end > line and (not lines[end - 1].strip() or lines[end - 1].startswith("#")):
        end -= 1  # the comments before the next key belong to it
    return "".join(lines[line:end])


_YEAR = re.compile(r"\b20\d\d\b")
_EXAMPLES_YEAR = 2024  # the year the grammar's examples are written for


def _examples(year: int) -> str:
    """Return every timeframe form as a commented example, its years moved to `year`."""
    shift = year - _EXAMPLES_YEAR

    def moved(found: re.Match[str]) -> str:
        return str(int(found.group()) + shift)

    # Districts ended on 01/7/2025: the examples name the province instead.
    phrases = [_YEAR.sub(moved, example).replace("UBND huyện", "UBND tỉnh") for example in EXAMPLES]
    phrases.append("Báo cáo quý, BC năm; BC đột xuất theo yêu cầu của UBND tỉnh")
    return "".join(f"        # timeframe: {phrase}\n" for phrase in phrases)


def new_plan_text(
    *,
    year: int,
    plan_id: str,
    issuer: str | None,
    lead: Unit,
    units: str,
    schema: str | None,
) -> str:
    """Return the text of a new, valid plan with one example task and every timeframe form."""
    from tthc_plan.store.yamlio import round_trip_scalar as scalar  # noqa: PLC0415

    modeline = f"# yaml-language-server: $schema={schema}\n" if schema else ""
    title = f"Kế hoạch hoạt động kiểm soát thủ tục hành chính năm {year}"
    if issuer:
        title += f" của {issuer}"
    issuer_line = (
        f"  issuer: {scalar(issuer)}\n"
        if issuer
        else "  issuer: null  # cơ quan ban hành, ví dụ «UBND xã Quảng Tín»\n"
    )
    return (
        f"{modeline}"
        f"# {' '.join(title.split())}.\n"
        "# Tạo bằng «tthc init». Điền phần còn thiếu, thêm nhiệm vụ theo Phụ lục, rồi chạy\n"
        "# «tthc validate» cho đến khi không còn lỗi.\n"
        "\n"
        "plan:\n"
        f"  id: {plan_id}\n"
        f"  title: {scalar(title)}\n"
        f"  year: {year}\n"
        "  timezone: Asia/Ho_Chi_Minh\n"
        f"{issuer_line}"
        "  decision:\n"
        "    number: null  # điền số khi quyết định đã có số\n"
        "    symbol: QĐ-UBND\n"
        f"    date: null  # ngày ký quyết định, ví dụ {year - 1}-12-29\n"
        f"    title: Về việc ban hành Kế hoạch hoạt động kiểm soát thủ tục hành chính năm {year}\n"
        "    signer:\n"
        "      name: null  # họ và tên người ký quyết định\n"
        "      title: null  # chức vụ người ký, ví dụ «Chủ tịch» hoặc «Phó Chủ tịch»\n"
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
        f"        lead: {scalar(lead.name)}\n"
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
        from tthc_plan.store.yamlio import round_trip_scalar  # noqa: PLC0415

        name = round_trip_scalar(lead.name)  # "Văn phòng: HĐND" must stay one value
        units = _MINIMAL_UNITS.format(id=lead.id, name=name, kind=lead.kind.value)
    issuer: str | None
    if unit is not None:
        issuer, base = _issuer(unit), f"{unit.id}-kstthc"
    elif plan is not None:
        issuer, base = plan.plan.issuer, re.sub(r"-?\d{4}$", "", plan.plan.id)
    else:
        issuer, base = None, "ke-hoach-kstthc"
    return new_plan_text(
        year=year,
        plan_id=as_id(base, "ke-hoach-kstthc", suffix=f"-{year}"),
        issuer=issuer,
        lead=lead,
        units=units,
        schema=schema,
    )


class Level(StrEnum):
    """The kinds of authority whose registry `tthc init --level` starts from."""

    DISTRICT = "district"
    COMMUNE = "commune"
    WARD = "ward"
    SPECIAL_ZONE = "special-zone"
    PROVINCE = "province"


# What each level calls itself and its parts. Sources: ../shared/DOMAIN.md
# (Nghị định 150/2025/NĐ-CP for a commune's rooms, 118/2025/NĐ-CP and Nghị quyết
# 332/NQ-CP for the one-stop centres, 37/2014 as amended for a district).
_AREA = {
    Level.DISTRICT: "huyện",
    Level.COMMUNE: "xã",
    Level.WARD: "phường",
    Level.SPECIAL_ZONE: "đặc khu",
    Level.PROVINCE: "tỉnh",
}
_ECONOMY = {
    Level.COMMUNE: "Phòng Kinh tế",
    Level.WARD: "Phòng Kinh tế, Hạ tầng và Đô thị",
    Level.SPECIAL_ZONE: "Phòng Kinh tế",
}
_PLACES = {
    Level.COMMUNE: "Các thôn, bon",
    Level.WARD: "Các tổ dân phố",
    Level.SPECIAL_ZONE: "Các thôn, tổ dân phố",
}


def _unit(uid: str, name: str, kind: str, *, extra: str = "", note: str = "") -> str:
    comment = f"  # {note}\n" if note else ""
    return f"{comment}  - id: {uid}\n    name: {name}\n    kind: {kind}\n{extra}"


def level_units(level: Level) -> str:
    """Return the `units:` block a new plan of `level` starts from, with what to check.

    A commune, ward or special zone has its own Office, rooms and one-stop
    centre; its villages or residential groups are a group the user fills in.
    A province has its Office, its departments and its communes as groups.
    """
    area = _AREA[level]
    head = (
        "# Danh mục đơn vị của kế hoạch (mẫu theo cấp; số và tên phòng có thể khác tùy quy\n"
        "# mô và quyết định của tỉnh: sửa cho đúng với đơn vị mình). Mỗi tên đơn vị trong\n"
        "# kế hoạch phải khớp với `name` hoặc một `aliases`.\n"
        "units:\n"
    )
    if level is Level.PROVINCE:
        return head + "".join(
            [
                _unit("vp-ubnd", "Văn phòng UBND tỉnh", "office",
                      extra="    aliases: [Văn phòng UBND]\n"),
                _unit("trung-tam-pvhcc", "Trung tâm Phục vụ hành chính công tỉnh", "one_stop",
                      extra="    parent: vp-ubnd\n"),
                _unit("cac-so-nganh", "Các sở, ban, ngành", "group",
                      extra="    open: true\n    aliases: [Các sở, Các cơ quan chuyên môn]\n",
                      note="Thêm từng sở (kind: department) rồi liệt kê trong members."),
                _unit("ubnd-cap-xa", "UBND các xã, phường, đặc khu", "group",
                      extra="    open: true\n    aliases: [UBND cấp xã]\n",
                      note="Thêm từng xã, phường (kind: commune) rồi liệt kê trong members."),
            ]
        )  # fmt: skip
    if level is Level.DISTRICT:
        departments = [
            ("phong-noi-vu", "Phòng Nội vụ"), ("phong-tu-phap", "Phòng Tư pháp"),
            ("phong-tc-kh", "Phòng Tài chính - Kế hoạch"),
            ("phong-tn-mt", "Phòng Tài nguyên và Môi trường"),
            ("phong-vh-tt", "Phòng Văn hóa và Thông tin"),
            ("phong-gd-dt", "Phòng Giáo dục và Đào tạo"), ("phong-y-te", "Phòng Y tế"),
        ]  # fmt: skip
        members = "".join(f"      - {uid}\n" for uid, _name in departments)
        return head + "".join(
            [
                _unit("vp-hdnd-ubnd", "Văn phòng HĐND và UBND huyện", "office",
                      note="Cấp huyện chấm dứt từ 01/7/2025: mẫu này cho kế hoạch các năm trước."),
                _unit("bp-mot-cua", "Bộ phận tiếp nhận và trả kết quả", "one_stop",
                      extra="    parent: vp-hdnd-ubnd\n"),
                *(_unit(uid, name, "department") for uid, name in departments),
                _unit("thanh-tra", "Thanh tra huyện", "inspectorate"),
                _unit("cac-phong-chuyen-mon", "Các phòng chuyên môn", "group",
                      extra=f"    members:\n{members}"),
                _unit("ubnd-cap-xa", "UBND các xã, thị trấn", "group",
                      extra="    open: true\n    aliases: [UBND cấp xã]\n",
                      note="Thêm từng xã, thị trấn (kind: commune) rồi liệt kê trong members."),
            ]
        )  # fmt: skip
    return head + "".join(
        [
            _unit("vp-hdnd-ubnd", f"Văn phòng HĐND và UBND {area}", "office",
                  extra="    aliases: [Văn phòng]\n"),
            _unit("phong-kinh-te", _ECONOMY[level], "department"),
            _unit("phong-vh-xh", "Phòng Văn hóa - Xã hội", "department"),
            _unit("trung-tam-pvhcc", "Trung tâm Phục vụ hành chính công", "one_stop",
                  extra="    aliases: [Bộ phận Một cửa]\n",
                  note="Nghị định 118/2025/NĐ-CP: nơi tiếp nhận, trả kết quả TTHC của cấp xã."),
            _unit("cac-phong-chuyen-mon", "Các phòng chuyên môn", "group",
                  extra="    members: [phong-kinh-te, phong-vh-xh]\n"),
            _unit("cac-thon", _PLACES[level], "group",
                  extra="    open: true\n",
                  note="Điền các thôn, tổ dân phố (kind: other) rồi liệt kê trong members."),
        ]
    )  # fmt: skip


def level_plan(*, level: Level, name: str, year: int, schema: str | None) -> str:
    """Return a new plan of the authority `name` ("UBND xã Quảng Tín") at `level`."""
    authority = re.sub(r"^(ubnd|uy-ban-nhan-dan)-", "", slug(name))
    plan_id = as_id(authority, "ke-hoach", suffix=f"-kstthc-{year}")
    units = level_units(level)
    office = Unit(id="vp-hdnd-ubnd", name=f"Văn phòng HĐND và UBND {_AREA[level]}",
                  kind=UnitKind.OFFICE)  # fmt: skip
    if level is Level.PROVINCE:
        office = Unit(id="vp-ubnd", name="Văn phòng UBND tỉnh", kind=UnitKind.OFFICE)
    return new_plan_text(
        year=year, plan_id=plan_id, issuer=name, lead=office, units=units,
        schema=schema,
    )  # fmt: skip
