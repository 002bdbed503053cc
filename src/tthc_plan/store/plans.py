"""Find, load and check plan files together with their progress logs."""

from __future__ import annotations

import os
import re
from collections.abc import Sequence
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from msgspec import Struct
from msgspec.structs import replace

from tthc_plan.core.model import Plan, Unit, UnitKind
from tthc_plan.core.plan_time import PlanTimes
from tthc_plan.core.problem import Problem, Severity, msg
from tthc_plan.core.progress import ProgressLog
from tthc_plan.core.progress_check import check_measurements, check_progress
from tthc_plan.core.text import fold, visible_controls
from tthc_plan.core.timeframe import Timeframe
from tthc_plan.core.units import RegistryWork, UnitRegistry
from tthc_plan.errors import FileError, TthcError, UsageError
from tthc_plan.i18n import _
from tthc_plan.store import cache
from tthc_plan.store.files import check_word_file, read_bounded, write_atomically

if TYPE_CHECKING:
    from docx.document import Document as WordDocument

    from tthc_plan.store.importer import Header

from tthc_plan.store.progress import (
    MEASUREMENTS_FILE,
    load_progress,
    plan_of_progress_file,
    progress_dir,
    read_measurements,
)

# The schema committed beside the plans folder of this repository, when there is one.
SCHEMA_PATH = Path("schema") / "plan.schema.json"

__all__ = [
    "PlanInvalidError",
    "check_files",
    "find_plan_files",
    "load_valid",
    "load_valid_plan",
    "load_valid_progress",
]


PLAN_SUFFIXES = (".yaml", ".yml")


PLANS_FOLDER = "plans"


def discover_plans(start: Path) -> Path:
    """Return the `plans/` folder for a command run in `start`, found as git finds a repository.

    Walk up from `start` to the first folder holding `plans/`, stopping at a
    repository's root (a folder holding `.git`) or at the file-system root.
    The folder is returned relative to `start` when it can be, as people read it.
    """
    here = start.resolve()
    for folder in (here, *here.parents):
        candidate = folder / PLANS_FOLDER
        if candidate.is_dir():
            return _relative(candidate, here)
        if (folder / ".git").exists():
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
        if path.is_dir():
            inside = sorted(p for p in path.iterdir() if p.suffix in PLAN_SUFFIXES and p.is_file())
            if not inside:
                message = _("Thư mục «{path}» không có tệp kế hoạch nào (*.yaml).")
                raise FileError(message.format(path=path))
            found.extend(inside)
        else:
            found.append(path)
    return found


class PlanInvalidError(TthcError):
    """A plan with errors, asked for by a command that needs a valid one."""


def _has_errors(problems: Sequence[Problem]) -> bool:
    return any(p.severity is Severity.ERROR for p in problems)


class _Checked(Struct, frozen=True, array_like=True):
    """A checked plan file, as kept in the cache.

    The registry's work (every cell split) and every phrase read are kept
    too: redoing them costs more than reading them back, and a province has
    hundreds of plans.
    """

    plan: Plan | None  # None if it could not be built
    problems: list[Problem]
    registry: RegistryWork | None
    timeframes: dict[str, Timeframe]  # each task's phrase, parsed for the plan's year


# What names files (the plan id names its progress folder, a unit id its file).
_SLUG = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")


def _sound(checked: _Checked) -> bool:
    """Tell whether an entry read back is one a check could have made.

    An entry rewritten by someone else could name a progress folder outside
    the plans (a plan id "../../x") or units the plan does not have.
    """
    plan, work = checked.plan, checked.registry
    if plan is None or work is None:
        return plan is None and work is None
    ids = {unit.id for unit in plan.units}
    if not _SLUG.match(plan.plan.id) or not all(_SLUG.match(unit_id) for unit_id in ids):
        return False
    named = [unit_id for found in work.by_key.values() for unit_id in found]
    named += [unit_id for found, _unknown in work.cells.values() for unit_id, _s, _e in found]
    named += [unit_id for group, members in work.members.items() for unit_id in (group, *members)]
    return all(unit_id in ids for unit_id in named)


_CHECKED = cache.Codec[_Checked]("plan", _Checked, _sound)


class CheckedPlan(Struct, frozen=True):
    """A valid plan with what its check worked out: its units registry and timeframes."""

    plan: Plan
    registry: UnitRegistry
    times: PlanTimes


def _load_plan(path: Path) -> tuple[CheckedPlan | None, list[Problem]]:
    """Load and check a plan file, or take the result for the same bytes from the cache.

    Return the plan with its registry and timeframes (None if the plan could
    not be built, even with errors) and every problem.
    """
    checked = cache.through(path, lambda data: _check_plan(path, data), _CHECKED)
    # The entry may come from a copy of the same bytes, or this file named another way.
    problems = [replace(problem, path=str(path)) for problem in checked.problems]
    plan, work = checked.plan, checked.registry
    if plan is None or work is None:  # both are built, or neither
        return None, problems
    times = PlanTimes(plan.plan.year, checked.timeframes, plan.calendar)
    return CheckedPlan(plan, UnitRegistry(plan.units, work), times), problems


def _check_plan(path: Path, data: bytes | None) -> _Checked:
    # The parser and pydantic are imported only here, when the cache has no entry.
    from tthc_plan.core.plan_check import check_plan  # noqa: PLC0415
    from tthc_plan.store.loader import load_plan_file  # noqa: PLC0415

    loaded = load_plan_file(path, data)
    problems, registry, times = check_plan(loaded)
    plan = loaded.parts.plan
    if plan is None or times is None:
        return _Checked(None, loaded.problems + problems, None, {})
    for unit in plan.units:
        registry.members(unit)  # groups expanded once, kept with the plan
    return _Checked(plan, loaded.problems + problems, registry.work(), times.read())


def _load_progress(
    path: Path, checked: CheckedPlan, today: date | None
) -> tuple[ProgressLog, list[Problem]]:
    plan = checked.plan
    folder = progress_dir(path, plan.plan.id)
    log = load_progress(folder)
    problems = log.problems + check_progress(
        log, plan, checked.registry, today=today, times=checked.times
    )
    values, source, found = read_measurements(folder)
    problems += found
    problems += check_measurements(values, source, folder / MEASUREMENTS_FILE, plan, today=today)
    log.measurements = [value for _at, value in values]
    return log, problems


def _load(path: Path, today: date) -> tuple[ProgressLog, list[Problem], str | None]:
    """Load a plan and, when the plan is sound, its progress; return every problem and its id."""
    checked, problems = _load_plan(path)
    if checked is None or _has_errors(problems):
        return ProgressLog(), problems, None
    log, found = _load_progress(path, checked, today)
    return log, problems + found, checked.plan.plan.id


def _same_id(path: Path, plan_id: str, first: Path) -> Problem:
    """Return the error of a plan whose id another plan file already has."""
    text = path.read_text(encoding="utf-8-sig", errors="replace")
    found = re.search(rf"^\s*id:\s*['\"]?{re.escape(plan_id)}", text, re.MULTILINE)
    line = text.count("\n", 0, found.start()) + 1 if found else 1
    return Problem(
        str(path),
        line,
        1,
        Severity.ERROR,
        "DUPLICATE_PLAN_ID",
        msg("Mã kế hoạch «{id}» đã dùng ở «{first}»: mỗi kế hoạch một mã.", id=plan_id,
            first=str(first)),
        msg("Đổi plan.id của một trong hai tệp (và tên thư mục tiến độ của nó)."),
    )  # fmt: skip


def _plan_for_progress(folder: Path, plan_id: str) -> Path | None:
    from tthc_plan.store.loader import load_plan_file  # noqa: PLC0415 - the parser, only here

    for candidate in sorted(folder.glob("*.y*ml")):
        plan = load_plan_file(candidate).parts.info
        if plan is not None and plan.id == plan_id:
            return candidate
    return None


def check_files(paths: Sequence[Path], *, today: date) -> list[Problem]:
    """Check plan files and progress files (folders: the plans in them); return all problems.

    A plan brings its progress folder along; a progress file given on its own
    (as pre-commit passes changed files) is checked against its plan.
    """
    problems: list[Problem] = []
    checked: set[Path] = set()
    progress_files: list[Path] = []
    ids: dict[str, Path] = {}
    for path in find_plan_files(list(paths)):
        if plan_of_progress_file(path) is not None:
            progress_files.append(path)
            continue
        log, found, plan_id = _load(path, today)
        checked.update(f.path.resolve() for f in log.files)
        checked.update(Path(p.path).resolve() for p in log.problems)
        problems.extend(sorted(found, key=Problem.sort_key))
        if plan_id is not None and plan_id in ids:  # a copied plan that kept its id
            problems.append(_same_id(path, plan_id, ids[plan_id]))
        elif plan_id is not None:
            ids[plan_id] = path
    for path in progress_files:
        if path.resolve() in checked:
            continue
        folder, plan_id = plan_of_progress_file(path) or (path.parent, "")
        plan_path = _plan_for_progress(folder, plan_id)
        if plan_path is None:
            message = msg(
                "Không tìm thấy kế hoạch «{id}» trong «{folder}» cho tệp tiến độ này.",
                id=plan_id,
                folder=str(folder),
            )
            hint = msg(
                "Tệp tiến độ nằm ở <thư mục kế hoạch>/progress/<mã kế hoạch>/<mã đơn vị>.yaml"
            )
            problems.append(Problem(str(path), 1, 1, Severity.ERROR, "NO_PLAN", message, hint))
            continue
        log, found, _id = _load(plan_path, today)
        for f in log.files:
            checked.add(f.path.resolve())
        mine = [p for p in found if Path(p.path).resolve() == path.resolve()]
        problems.extend(sorted(mine, key=Problem.sort_key))
    return problems


def _refuse(path: Path, problems: Sequence[Problem]) -> None:
    errors = [p for p in problems if p.severity is Severity.ERROR]
    if errors:
        first = min(errors, key=Problem.sort_key)
        where = f"{first.path}:{first.line}:{first.col}: {first.message}"
        message = _("Tệp kế hoạch có {count} lỗi, ví dụ {where} Chạy «tthc validate {path}».")
        raise PlanInvalidError(message.format(count=len(errors), where=where, path=path))


def load_valid_plan(path: Path) -> Plan:
    """Load a plan for a command that needs a valid one; refuse it with errors."""
    return load_valid(path).plan


def load_valid(path: Path) -> CheckedPlan:
    """Load a valid plan, its units registry and timeframes; refuse a plan with errors."""
    checked, problems = _load_plan(path)
    _refuse(path, problems)
    assert checked is not None  # noqa: S101 - built whenever the plan has no errors
    return checked


def load_valid_progress(path: Path, checked: CheckedPlan, *, today: date | None) -> ProgressLog:
    """Load a valid plan's progress; refuse it with errors (an unknown task, unit, period...).

    With `today` None, dates are not checked against the clock (see check_progress).
    """
    log, problems = _load_progress(path, checked, today)
    _refuse(path, problems)
    return log


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

    if target.exists():
        message = _("«{path}» đã có; chọn tên khác bằng -o, hoặc xóa tệp cũ.")
        raise UsageError(message.format(path=target))
    schema = Path(os.path.relpath(SCHEMA_PATH, target.parent.resolve())).as_posix()
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
    if source is None and target.parent.is_dir():
        plans = sorted(p for p in target.parent.glob("*.yaml") if p.is_file())
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
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        with target.open("x", encoding="utf-8") as out:
            out.write(content)
    except OSError as error:
        message = _("Không ghi được «{path}»: {reason}.")
        raise FileError(message.format(path=target, reason=error.strerror)) from None
    _checked, problems = _load_plan(target)
    if _has_errors(problems):
        target.unlink()
        _refuse(target, problems)
    return target


def _source_error(source: Path, error: Exception) -> str:
    """Return why a plan's source document cannot be read, in the user's language."""
    import zipfile  # noqa: PLC0415

    if isinstance(error, FileNotFoundError):
        return _("Không có tệp «{path}»: kiểm tra tên và thư mục.").format(path=source)
    if isinstance(error, IsADirectoryError | PermissionError):
        return _("Không mở được «{path}» (thư mục, hoặc không có quyền đọc).").format(path=source)
    if isinstance(error, zipfile.BadZipFile | KeyError):
        message = _("«{path}» không phải là tệp Word (.docx) đọc được: mở bằng Word rồi lưu lại "
                    "dạng .docx.")  # fmt: skip
        return message.format(path=source)
    if isinstance(error, UnicodeDecodeError):
        message = _("«{path}» không phải là văn bản UTF-8: lưu lại dạng UTF-8, hoặc dùng tệp "
                    ".docx.")  # fmt: skip
        return message.format(path=source)
    return _("Không đọc được «{path}»: {reason}.").format(path=source, reason=error)


def _blank_plan(header: Header, read_year: int) -> Plan:
    """Return a plan with no units, named as the imported document says (or to fill in)."""
    from tthc_plan.core.model import Decision, PlanInfo, Signer  # noqa: PLC0415

    issuer = header.issuer or "(chưa điền)"
    title = header.title or f"Kế hoạch hoạt động kiểm soát thủ tục hành chính năm {read_year}"
    slug = re.sub(r"[^a-z0-9]+", "-", fold(issuer)).strip("-")
    slug = re.sub(r"^(ubnd|chua-dien)-?", "", slug)
    return Plan(
        plan=PlanInfo(
            id=f"{slug + '-' if slug else ''}kstthc-{read_year}",
            title=title,
            year=read_year,
            issuer=issuer,
            decision=Decision(
                date=date(read_year - 1, 12, 31),
                title=title,
                signer=Signer(name="(chưa điền)", title="Chủ tịch"),
            ),
        ),
        units=[],
        sections=[],
    )


class ImportOutcome(Struct, frozen=True):
    """What `tthc import` made, and what a person must look at."""

    path: Path
    new_units: list[str]
    unread_timeframes: list[tuple[str, str]]
    skipped_rows: list[str]
    problems: list[Problem]


def _document_text(document: WordDocument) -> str:
    """The text of a Word file in reading order: paragraphs, and each table's cells
    (the heading table of the official form holds the issuer, number and date)."""
    from docx.table import Table  # noqa: PLC0415 - python-docx is needed by import only

    lines: list[str] = []
    for block in document.iter_inner_content():
        if isinstance(block, Table):
            for row in block.rows:
                lines += dict.fromkeys(cell.text for cell in row.cells)
        else:
            lines.append(block.text)
    return "\n".join(lines)


def import_source(
    source: Path,
    target: Path,
    *,
    units_from: Path | None,
    year: int | None,
    plan_id: str | None,
    today: date,
) -> ImportOutcome:
    """Import a plan's annex (.docx or text export) into a new plan file; check it.

    Return the file, the new units to review, the timeframes not understood, the
    rows that hold no task, and every problem `tthc validate` finds in the result.
    """
    from tthc_plan.store.importer import (  # noqa: PLC0415 - only `tthc import` needs it
        import_plan,
        read_body_rows,
        read_docx_rows,
        read_header,
        read_text_rows,
    )

    if not source.exists():  # the source first: it is what the user just typed
        raise FileError(_source_error(source, FileNotFoundError()))
    if target.exists():
        message = _("«{path}» đã có; chọn tên khác bằng -o, hoặc xóa tệp cũ.")
        raise UsageError(message.format(path=target))
    if plan_id is not None and not _SLUG.match(plan_id):
        message = _(
            "Mã kế hoạch «{id}» không hợp lệ: chỉ chữ thường không dấu, số và dấu gạch ngang, "
            "ví dụ xa-nhan-co-kstthc-2025."
        )
        shown = visible_controls(plan_id).replace("\n", "\\n").replace("\t", "\\t")
        raise UsageError(message.format(id=shown))  # one line; accents as they are
    try:
        if source.suffix.lower() == ".docx":
            check_word_file(source)  # before python-docx inflates anything
            from docx import Document  # noqa: PLC0415

            document = Document(str(source))  # parsed once: its text and its tables
            text = _document_text(document)
            try:
                rows = read_docx_rows(document)
            except FileError:  # no annex table: tasks written as paragraphs and fields
                rows = read_body_rows(text)
        else:
            text = read_bounded(source).decode("utf-8-sig")
            try:
                rows = read_text_rows(text)
            except FileError:
                rows = read_body_rows(text)
    except TthcError:
        raise
    except Exception as error:  # the libraries word their errors in English: say it ours
        raise FileError(_source_error(source, error)) from None
    header = read_header(text)
    if units_from is not None:  # names matched against that plan's registry first
        registry_plan = load_valid_plan(units_from)
        registry_text = units_from.read_text(encoding="utf-8-sig")
    else:  # the registry is built from the names the annex uses, each to review
        registry_plan = _blank_plan(header, year or header.year or today.year)
        registry_text = ""
    year = year or header.year or registry_plan.plan.year
    base = re.sub(r"-?\d{4}$", "", registry_plan.plan.id)
    result = import_plan(
        rows,
        registry_plan=registry_plan,
        registry_text=registry_text,
        year=year,
        plan_id=plan_id or f"{base}-{year}",
        header=header,
        word=source.suffix.lower() == ".docx",
    )
    target.parent.mkdir(parents=True, exist_ok=True)
    write_atomically(target, result.text.encode("utf-8"))  # whole, or not at all
    return ImportOutcome(
        target,
        result.new_units,
        result.unread_timeframes,
        result.skipped_rows,
        check_files([target], today=today),
    )
