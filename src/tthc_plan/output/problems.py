"""Validation output for people (human), scripts (concise, json) and GitHub Actions."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from enum import StrEnum

from tthc_plan.core.problem import Problem, Severity
from tthc_plan.i18n import N_, _
from tthc_plan.output.formats import dumps


class ProblemFormat(StrEnum):
    """How `tthc validate` prints problems."""

    HUMAN = "human"
    CONCISE = "concise"
    GITHUB = "github"
    JSON = "json"


_SEVERITY_LABELS = {Severity.ERROR: N_("lỗi"), Severity.WARNING: N_("cảnh báo")}
JSON_VERSION = 1

# Returns the text of line `n` (1-based) of a file, or None when it cannot be shown.
LineSource = Callable[[str, int], str | None]


def render_concise(problem: Problem) -> str:
    """Return ``path:line:col: error|warning CODE message``: one line, stable for scripts."""
    return (
        f"{problem.path}:{problem.line}:{problem.col}: "
        f"{problem.severity} {problem.code} {problem.message}"
    )


def render_line(problem: Problem) -> str:
    """Return one line for a person: place, the kind in the run's language, code, message,
    and how to fix it (the list `tthc import` prints after writing a plan)."""
    text = (
        f"{problem.path}:{problem.line}:{problem.col}: "
        f"{_(_SEVERITY_LABELS[problem.severity])} {problem.code} {problem.message}"
    )
    if problem.hint:
        text += " " + _("Cách sửa: {hint}").format(hint=problem.hint)
    return text


def render_human(problem: Problem, lines: LineSource) -> str:
    """Return a problem as hledger shows one: place, the line with a caret, what and how."""
    head = f"{problem.path}:{problem.line}:{problem.col}: "
    head += f"{_(_SEVERITY_LABELS[problem.severity])} {problem.code}"
    parts = [head]
    text = lines(problem.path, problem.line)
    if text is not None:
        number = str(problem.line)
        gutter = " " * len(number)
        caret = " " * max(problem.col - 1, 0) + "^"
        parts += [f"{gutter} |", f"{number} | {text}", f"{gutter} | {caret}"]
    parts.append(problem.message)
    if problem.hint:
        parts.append(_("Cách sửa: {hint}").format(hint=problem.hint))
    return "\n".join(parts)


def _escape_data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _escape_property(text: str) -> str:
    return _escape_data(text).replace(":", "%3A").replace(",", "%2C")


def render_github(problem: Problem) -> str:
    """Return a GitHub Actions workflow command that annotates the line of the problem."""
    command = "error" if problem.severity is Severity.ERROR else "warning"
    message = problem.message
    if problem.hint:
        message += "\n" + _("Cách sửa: {hint}").format(hint=problem.hint)
    properties = ",".join(
        [
            f"file={_escape_property(problem.path)}",
            f"line={problem.line}",
            f"col={problem.col}",
            f"title={_escape_property(problem.code)}",
        ]
    )
    return f"::{command} {properties}::{_escape_data(message)}"


def render_summary(problems: Sequence[Problem], files: int) -> str:
    """Return the one-line count of errors and warnings."""
    errors = sum(1 for p in problems if p.severity is Severity.ERROR)
    warnings = len(problems) - errors
    return _("Đã kiểm tra {files} tệp: {errors} lỗi, {warnings} cảnh báo.").format(
        files=files, errors=errors, warnings=warnings
    )


def render_json(problems: Sequence[Problem], files: int) -> str:
    """Return the stable JSON report (version 1: fields may be added, never removed)."""
    errors = sum(1 for p in problems if p.severity is Severity.ERROR)
    data = {
        "version": JSON_VERSION,
        "files": files,
        "errors": errors,
        "warnings": len(problems) - errors,
        "problems": [
            {
                "path": p.path,
                "line": p.line,
                "col": p.col,
                "severity": str(p.severity),
                "code": p.code,
                "message": p.message,
                "hint": p.hint,
            }
            for p in problems
        ],
    }
    return dumps(data)


def render_problems(
    problems: Sequence[Problem], files: int, fmt: ProblemFormat, lines: LineSource
) -> str:
    """Return the whole validation report in `fmt`."""
    summary = render_summary(problems, files)
    match fmt:
        case ProblemFormat.JSON:
            return render_json(problems, files)
        case ProblemFormat.CONCISE:
            return "\n".join([*(render_concise(p) for p in problems), summary])
        case ProblemFormat.GITHUB:
            # GitHub shows only ten annotations a step: the log keeps the full list.
            annotations = [render_github(p) for p in problems]
            return "\n".join([*annotations, *(render_concise(p) for p in problems), summary])
        case ProblemFormat.HUMAN:
            blocks = [render_human(p, lines) for p in problems]
            return "\n\n".join([*blocks, summary])
