"""Create a new plan file (`tthc init`): never overwrite one, never write an invalid one."""

from __future__ import annotations

import os
from pathlib import Path

from tthc_plan.core.model import Unit, UnitKind
from tthc_plan.core.units import UnitRegistry
from tthc_plan.errors import FileError, UsageError
from tthc_plan.i18n import _
from tthc_plan.store.files import refuse_existing
from tthc_plan.store.folders import is_folder, make_folder
from tthc_plan.store.locate import plan_files_in
from tthc_plan.store.plans import SCHEMA_PATH, has_errors, load_plan, load_valid_plan, refuse

__all__ = ["create_plan"]


def create_plan(
    target: Path,
    *,
    year: int,
    unit_name: str | None,
    source: Path | None,
    level: str | None = None,
    name: str | None = None,
) -> Path:
    """Write a new plan file at `target`; never overwrite, never write an invalid one.

    With `level` (and the authority's `name`), the registry is that level's
    own template; otherwise it is copied from `source` (default: the newest plan).
    """
    from tthc_plan.store.scaffold import Level, level_plan, scaffold  # noqa: PLC0415

    refuse_existing(target)
    # realpath, not Path.resolve: a link loop on the way raises RuntimeError there (3.11).
    schema = Path(os.path.relpath(SCHEMA_PATH, os.path.realpath(target.parent))).as_posix()
    shown_schema = schema if SCHEMA_PATH.exists() else None
    if level is not None:
        if name is None or unit_name is not None or source is not None:
            message = _(
                "--level cần --name (tên cơ quan ban hành, ví dụ «UBND xã Quảng Tín») và "
                "không dùng cùng --unit hay --from (danh mục lấy theo cấp, không chép)."
            )
            raise UsageError(message)
        content = level_plan(level=Level(level), name=name, year=year, schema=shown_schema)
        return _write_new_plan(target, content)
    if source is None and is_folder(target.parent):
        plans = plan_files_in(target.parent)
        source = plans[-1] if plans else None
    plan = load_valid_plan(source) if source else None
    text = source.read_text(encoding="utf-8-sig") if source else None
    unit = UnitRegistry(plan.units).resolve(unit_name) if plan and unit_name else None
    if unit_name and unit is None:
        unit = Unit(id="don-vi", name=unit_name, kind=UnitKind.OTHER)
    content = scaffold(plan, text, year=year, unit=unit, schema=shown_schema)
    return _write_new_plan(target, content)


def _write_new_plan(target: Path, content: str) -> Path:
    """Write a new plan's text; check it, and take it back if it has errors."""
    make_folder(target.parent, target)
    try:
        with target.open("x", encoding="utf-8") as out:
            out.write(content)
    except OSError as error:
        message = _("Không ghi được «{path}»: {reason}.")
        raise FileError(message.format(path=target, reason=error.strerror)) from None
    _checked, problems = load_plan(target)
    if has_errors(problems):
        target.unlink()
        refuse(target, problems)
    return target
