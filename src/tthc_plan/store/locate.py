"""Find the plan files a command works on: --plan, TTHC_PLAN, or the nearest plans/."""

from __future__ import annotations

import os
from collections.abc import Sequence
from pathlib import Path

from tthc_plan.errors import FileError
from tthc_plan.i18n import _
from tthc_plan.store.folders import entries, is_file, is_folder, present

__all__ = [
    "PLANS_FOLDER",
    "PLAN_SUFFIXES",
    "chosen_plan_files",
    "discover_plans",
    "find_plan_files",
    "plan_files_in",
]


PLAN_SUFFIXES = (".yaml", ".yml")
PLANS_FOLDER = "plans"


def plan_files_in(folder: Path) -> list[Path]:
    """Return the plan files directly inside `folder` (*.yaml, *.yml), sorted by name.

    A folder that cannot be read is an error (store.folders), never an empty one.
    """
    return [p for p in entries(folder) if p.suffix in PLAN_SUFFIXES and is_file(p)]


def discover_plans(start: Path) -> Path:
    """Return the `plans/` folder for a command run in `start`, found as git finds a repository.

    Walk up from `start` to the first folder holding `plans/`, stopping at a
    repository's root (a folder holding `.git`) or at the file-system root.
    The folder is returned relative to `start` when it can be, as people read it.
    """
    here = start.resolve()
    for folder in (here, *here.parents):
        candidate = folder / PLANS_FOLDER
        if is_folder(candidate):
            return _relative(candidate, here)
        if present(folder / ".git"):
            stop = folder
            break
    else:
        stop = Path(here.anchor)
    message = _(
        "Không tìm thấy thư mục «plans» ở {start} hay ở thư mục cha nào (đã tìm đến {stop})."
    )
    error = FileError(message.format(start=here, stop=stop))
    error.hint = _(
        "Chạy lệnh trong thư mục có «plans/» (hoặc một thư mục con của nó), hoặc chỉ rõ tệp "
        "kế hoạch: --plan plans/2024.yaml, hoặc biến môi trường TTHC_PLAN."
    )
    raise error


def chosen_plan_files(paths: Sequence[Path] | None, environment: str | None) -> list[Path]:
    """Return the plan files a command works on: `paths` (--plan), else TTHC_PLAN's
    (`environment`, joined by the system's path separator), else the nearest plans/ up.
    """
    if paths:
        return find_plan_files(list(paths))
    if environment:
        return find_plan_files([Path(p) for p in environment.split(os.pathsep) if p])
    return find_plan_files([discover_plans(Path.cwd())])


def _relative(path: Path, start: Path) -> Path:
    try:
        return Path(os.path.relpath(path, start))
    except ValueError:  # another drive on Windows: no relative path exists
        return path


def find_plan_files(paths: list[Path]) -> list[Path]:
    """Expand folders into the plan files directly inside them, sorted by name."""
    found: list[Path] = []
    for path in paths:
        if is_folder(path):
            inside = plan_files_in(path)
            if not inside:
                message = _("Thư mục «{path}» không có tệp kế hoạch nào (*.yaml).")
                raise FileError(message.format(path=path))
            found.extend(inside)
        else:
            found.append(path)
    return found
