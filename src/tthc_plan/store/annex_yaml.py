"""Write an imported annex as a plan file's text: one writer, through ruamel.yaml.

The units block of the registry plan (`--units`) is copied as written, its
comments included; everything else is built as ruamel nodes and dumped with
the project's one YAML configuration (yamlio.round_trip), comments and all.
"""

from __future__ import annotations

import io

from ruamel.yaml.comments import CommentedMap, CommentedSeq

from tthc_plan.core import DEFAULT_TIMEZONE
from tthc_plan.core.annex import Annex
from tthc_plan.core.form import Header, Signature, plan_of_annex
from tthc_plan.core.names import guessed_kind
from tthc_plan.store.scaffold import units_block
from tthc_plan.store.yamlio import DateText, round_trip

_IMPORTED = "Nhập bằng «tthc import». Kiểm tra: tthc validate; xem các ghi chú «cần xem lại»."
_NEW_UNIT = "cần xem lại: đơn vị mới từ bản nhập, chưa có trong danh mục"


def plan_text(annex: Annex, *, registry_text: str, year: int, plan_id: str, header: Header) -> str:
    """Return the whole plan file for an imported annex.

    The particulars (issuer, number, date, title, signer) are what the
    imported document says (`header`), and nothing else: what it does not say
    is written null with a note, for `tthc validate` to ask for.
    """
    return (
        _dump(_plan(year, plan_id, header), comment=_IMPORTED)
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


_UNREAD = "không đọc được trong văn bản: điền theo bản gốc"


def _plan(year: int, plan_id: str, header: Header) -> CommentedMap:
    """Return the `plan:` block from what the document says.

    A decision that issues the plan gives its own particulars; a plan issued
    with a decision ("Ban hành kèm theo Quyết định số ...") gives that
    decision's; a plan issued as itself ("Kế hoạch số 552/KH-UBND") is its own.
    """
    kind: str | None = None
    number, symbol, issued, subject = header.number, header.symbol, header.issued, header.subject
    if header.kind not in {None, "Quyết định"}:
        annexed = plan_of_annex(header)
        if header.annexed_to is not None:
            (number, symbol, issued), subject = annexed, None
        else:
            kind = header.kind
    decision = CommentedMap()
    if kind is not None:
        decision["kind"] = kind
    decision["number"] = number
    if number is None:
        _note(decision, "number", "bản gốc không ghi số, hoặc " + _UNREAD, indent=4)
    decision["symbol"] = symbol
    decision["date"] = DateText(issued.isoformat()) if issued else None
    decision["place"] = header.place
    decision["title"] = subject
    signature = header.signature or Signature()
    signer = CommentedMap(name=signature.name, title=signature.title)
    if signature.on_behalf:
        signer["on_behalf"] = signature.on_behalf
    decision["signer"] = signer
    for block, indent in ((decision, 4), (signer, 6)):
        for key in ("symbol", "date", "place", "title", "name"):
            if key in block and block[key] is None:
                _note(block, key, _UNREAD, indent=indent)
    plan = CommentedMap(id=plan_id, title=header.title, year=year, timezone=DEFAULT_TIMEZONE)
    plan["issuer"] = header.issuer
    for key in ("title", "issuer"):
        if plan[key] is None:
            _note(plan, key, _UNREAD, indent=2)
    plan["decision"] = decision
    if header.parent:
        plan["documents"] = CommentedMap(parent=header.parent)
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
