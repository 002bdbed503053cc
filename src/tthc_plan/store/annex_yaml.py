"""Write an imported annex as a plan file's text: one writer, through ruamel.yaml.

The units block of the registry plan (`--units`) is copied as written, its
comments included; everything else is built as ruamel nodes and dumped with
the project's one YAML configuration (yamlio.round_trip), comments and all.
"""

from __future__ import annotations

import io

from ruamel.yaml.comments import CommentedMap, CommentedSeq

from tthc_plan.core.annex import Annex, Header
from tthc_plan.core.model import PlanInfo
from tthc_plan.core.names import guessed_kind
from tthc_plan.store.scaffold import units_block
from tthc_plan.store.yamlio import DateText, round_trip

_IMPORTED = "Nhập bằng «tthc import». Kiểm tra: tthc validate; xem các ghi chú «cần xem lại»."
_NEW_UNIT = "cần xem lại: đơn vị mới từ bản nhập, chưa có trong danh mục"


def plan_text(
    annex: Annex, *, info: PlanInfo, registry_text: str, year: int, plan_id: str, header: Header
) -> str:
    """Return the whole plan file for an imported annex.

    `info` is the registry plan's particulars (title, issuer, time zone), moved
    to `year`; `header` what the imported document's first page says.
    """
    return (
        _dump(_plan(info, year, plan_id, header), comment=_IMPORTED)
        + "\n"
        + _units(annex, registry_text)
        + "\n"
        + _dump(CommentedMap(sections=_sections(annex)))
    )


def _dump(data: CommentedMap, *, comment: str | None = None) -> str:
    if comment:
        data.yaml_set_start_comment(comment)
    out = io.StringIO()
    round_trip().dump(data, out)
    return out.getvalue()


def _note(data: CommentedMap, key: str, text: str, *, indent: int) -> None:
    """Add `# text` after a key's value, two spaces after it, as people write notes."""
    value = "null" if data[key] is None else str(data[key]).lower()
    data.yaml_add_eol_comment(f"# {text}", key, column=indent + len(f"{key}: {value}") + 2)


def _plan(info: PlanInfo, year: int, plan_id: str, header: Header) -> CommentedMap:
    decision = CommentedMap(number=header.number, symbol=header.symbol or "QĐ-UBND")
    if header.issued:
        decision["date"] = DateText(header.issued)
    else:
        decision["date"] = DateText(f"{year - 1}-12-31")
        _note(decision, "date", "sửa theo ngày ký", indent=4)
    decision["title"] = (
        f"Về việc ban hành Kế hoạch hoạt động kiểm soát thủ tục hành chính năm {year}"
    )
    decision["signer"] = CommentedMap(
        name=header.signer or "(chưa điền)", title=header.signer_title or "Chủ tịch"
    )
    plan = CommentedMap(
        id=plan_id,
        title=info.title.replace(str(info.year), str(year)),
        year=year,
        timezone=info.timezone,
        issuer=info.issuer,
    )
    plan["decision"] = decision
    return CommentedMap(plan=plan)


def _units(annex: Annex, registry_text: str) -> str:
    """Return the units block: the registry's as written, then each new unit to review."""
    new = CommentedSeq()
    for unit_id, (name, *others) in annex.new_units.items():
        kind = guessed_kind(name)
        unit = CommentedMap(id=unit_id, name=name, kind=kind)
        if others:
            unit["aliases"] = CommentedSeq(others)
            unit.yaml_add_eol_comment("# cùng một đơn vị, viết khác", "aliases", column=14)
        if kind == "group":
            unit["open"] = True
            _note(unit, "open", "điền members", indent=4)
        new.append(unit)
        new.yaml_set_comment_before_after_key(len(new) - 1, before=_NEW_UNIT, indent=2)
    written = units_block(registry_text) or "units:\n"
    if not new:
        return "units: []\n" if written.strip() == "units:" else written
    entries = _dump(CommentedMap(units=new)).removeprefix("units:\n")
    return written + entries


def _sections(annex: Annex) -> CommentedSeq:
    by_id = {task.id: task for task in annex.tasks}
    data = CommentedSeq()
    for section in annex.sections:
        tasks = CommentedSeq()
        for n, row in enumerate(section.rows):
            task = by_id[f"{section.id}.{row.cells.get('number', str(n + 1))}"]
            entry = CommentedMap(id=task.id, title=task.cells["title"])
            entry["deliverable"] = task.deliverable
            for column in ("lead", "support"):
                if task.cells.get(column):
                    entry[column] = task.cells[column]
            # A blank cell stays blank: validate says so; "Thường xuyên" would be a guess.
            entry["timeframe"] = task.cells.get("timeframe") or ""
            notes = [
                f"{key.removeprefix('note:')}: {value}"
                for key, value in task.cells.items()
                if key.startswith("note:") and value and value != "—"
            ]
            if notes:  # the annex's other columns, kept
                entry["note"] = "\n".join(notes)
            if task.inferred:
                entry["inferred"] = [CommentedMap(i) for i in task.inferred]
            tasks.append(entry)
        data.append(CommentedMap(id=section.id, title=section.title, tasks=tasks))
    return data


__all__ = ["plan_text"]
