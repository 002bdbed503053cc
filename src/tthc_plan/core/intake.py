"""Link a document a unit sends to the record it proves: unit, task, period, date, ref.

The document's particulars come from core.form (its issuing body, "Số:", the date
line, the kind and title or "V/v"). The issuer names a unit of the registry;
the title's words, the document's kind and its period words ("quý I năm 2024",
"6 tháng đầu năm") name one of that unit's tasks and periods. A document of
another year, from a body the registry does not know, or that fits two tasks
as well is not recorded: it is listed with its candidates. Every choice says
why (`reasons`), in the words of the document and of the plan.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Mapping
from datetime import date
from pathlib import Path
from types import MappingProxyType
from typing import NamedTuple

from msgspec import Struct

from tthc_plan.core.assign import periods_of, responsible
from tthc_plan.core.dates import format_date
from tthc_plan.core.form import Header
from tthc_plan.core.model import Plan, Task, Unit, UnitKind
from tthc_plan.core.plan_time import PlanTimes
from tthc_plan.core.text import fold
from tthc_plan.core.units import UnitLookupError, UnitRegistry

# Period words of a title, in folded text, and the label each gives.
_ROMAN = {"i": 1, "ii": 2, "iii": 3, "iv": 4, "1": 1, "2": 2, "3": 3, "4": 4}
_QUARTER = re.compile(r"\bquy\s+(iv|iii|ii|i|[1-4])\b(?:\s*(?:nam|/)\s*(\d{4}))?")
_HALF = re.compile(
    r"\b(?:6|sau)\s+thang\s+(dau|cuoi)\s+nam(?:\s*(\d{4}))?|\bnua\s+(dau|cuoi)\s+nam(?:\s*(\d{4}))?"
)
_MONTH = re.compile(r"\bthang\s+(\d{1,2})\s*(?:nam|/)\s*(\d{4})")
_YEAR = re.compile(r"\bnam\s+(\d{4})\b")
# Words that say nothing of which task a document answers.
_COMMON_WORDS = (
    "cac cua va ve voi cho tai theo tren trong nam thang quy so ngay cong tac thuc hien "
    "ket qua tinh hinh bao cao ke hoach nhu sau viec de nghi gui nay do la co duoc"
)
_COMMON = frozenset(_COMMON_WORDS.split())
_ABBREVIATIONS = {"tthc": "thu tuc hanh chinh", "kstthc": "kiem soat thu tuc hanh chinh"}
_KIND_WORDS = {"bao cao": "Báo cáo", "ke hoach": "Kế hoạch", "cong van": "Công văn"}

MIN_SCORE = 3.0  # a task must share the kind or the period, and some words
MARGIN = 1.0  # and be ahead of the next one by this much to be chosen


class Candidate(Struct, frozen=True):
    """A task a document may answer, with its period and why."""

    task: str
    period: str | None
    score: float
    reasons: tuple[str, ...]


class Proposal(Struct, frozen=True):
    """What a document proves, or why it proves nothing yet."""

    status: str  # "confident", "ambiguous", "unmatched"
    unit: Unit | None = None
    task: Task | None = None
    period: str | None = None
    date: date | None = None
    ref: str | None = None
    candidates: tuple[Candidate, ...] = ()
    reasons: tuple[str, ...] = ()


STATUSES = ("recorded", "would_record", "already_recorded", "ambiguous", "unmatched", "unreadable")


class Outcome(Struct, frozen=True):
    """What became of one file `tthc intake` was given."""

    file: Path
    status: str  # one of STATUSES
    proposal: Proposal | None = None
    message: str | None = None  # why nothing was recorded, in the user's words
    command: str | None = None  # the `tthc done` that would record it, for a person to check


def reference(header: Header) -> str | None:
    """Return a document's reference as `tthc done --ref` writes it:
    "Số 12/BC-UBND ngày 15/03/2024 của UBND xã Nhân Cơ"."""
    if header.symbol is None and header.number is None:
        return None
    words = [f"Số {header.number or ''}/{header.symbol or ''}"]
    if header.issued is not None:
        words.append(f"ngày {format_date(header.issued)}")
    if header.issuer:
        words.append(f"của {header.issuer}")
    return " ".join(words)


def periods_named(text: str, year: int | None) -> list[tuple[str, str]]:
    """Return the periods a title names, as labels with the words that name them:
    ("2024-Q1", "quý I năm 2024"). A period with no year takes `year`."""
    folded = fold(text)
    found: list[tuple[str, str]] = []
    taken: list[tuple[int, int]] = []

    def add(label: str | None, span: tuple[int, int]) -> None:
        if label is not None and not any(a < span[1] and span[0] < b for a, b in taken):
            found.append((label, text[span[0] : span[1]]))
            taken.append(span)

    for match in _QUARTER.finditer(folded):
        quarter, written = _ROMAN[match.group(1)], match.group(2)
        at = int(written) if written else year
        add(f"{at}-Q{quarter}" if at else None, match.span())
    for match in _HALF.finditer(folded):
        which = match.group(1) or match.group(3)
        written = match.group(2) or match.group(4)
        at = int(written) if written else year
        add(f"{at}-H{1 if which == 'dau' else 2}" if at else None, match.span())
    for match in _MONTH.finditer(folded):
        month = int(match.group(1))
        add(f"{match.group(2)}-{month:02d}" if 1 <= month <= 12 else None, match.span())
    for match in _YEAR.finditer(folded):
        add(match.group(1), match.span())
    return found


def _words(text: str) -> dict[str, str]:
    """Return the words of `text` that can tell tasks apart: folded -> as written."""
    found: dict[str, str] = {}
    folded = fold(text)
    for match in re.finditer(r"[a-z]+", folded):
        written = text[match.start() : match.end()]
        for word in _ABBREVIATIONS.get(match.group(), match.group()).split():
            if word not in _COMMON and len(word) > 1:
                found.setdefault(word, written)
    return found


@functools.lru_cache(maxsize=4096)
def _task_words(text: str) -> Mapping[str, str]:
    """Return the words of a task's title and result, read-only and kept: each document
    is weighed against every task of its unit, so they are read once a process, not once
    a document (a task's texts are bounded by the plan's checks)."""
    return MappingProxyType(_words(text))


class _Said(NamedTuple):
    """What a document says that every task is weighed against, read once a document."""

    kinds: list[str]
    words: dict[str, str]


def propose(header: Header, plan: Plan, registry: UnitRegistry, times: PlanTimes) -> Proposal:
    """Return the record a document proves in `plan`, or why none is chosen."""
    read = _what_was_read(header)
    if header.issuer is None:
        return Proposal("unmatched", reasons=(*read, "không đọc được cơ quan gửi văn bản"))
    try:
        unit = registry.resolve(header.issuer)
    except UnitLookupError:
        reason = f"«{header.issuer}» không có trong danh mục đơn vị của kế hoạch"
        return Proposal("unmatched", reasons=(*read, reason))
    if unit.kind is UnitKind.GROUP:
        reason = f"«{unit.name}» là một nhóm, không phải một đơn vị gửi văn bản"
        return Proposal("unmatched", unit=unit, reasons=(*read, reason))
    if header.issued is None:
        reason = "không đọc được ngày của văn bản"
        return Proposal("unmatched", unit=unit, reasons=(*read, reason))
    about = header.about or header.subject or header.title or ""
    named = periods_named(about, header.issued.year)
    years = {int(label[:4]) for label, _words in named} or {header.issued.year}
    if plan.plan.year not in years:
        shown = ", ".join(str(y) for y in sorted(years))
        reason = f"văn bản của năm {shown}, kế hoạch của năm {plan.plan.year}"
        return Proposal("unmatched", unit=unit, date=header.issued, reasons=(*read, reason))
    named = [(label, words) for label, words in named if label.startswith(str(plan.plan.year))]
    said = _Said(_kinds(header, about), _words(about))
    found = (_candidate(said, named, task, unit, plan, registry, times)
             for task in plan.tasks())  # fmt: skip
    candidates = sorted((c for c in found if c is not None), key=lambda c: -c.score)
    ref = reference(header)
    if not candidates:
        reason = f"«{unit.name}» không có nhiệm vụ nào khớp với văn bản"
        return Proposal("unmatched", unit, date=header.issued, ref=ref, reasons=(*read, reason))
    best = candidates[0]
    ahead = len(candidates) == 1 or best.score - candidates[1].score >= MARGIN
    task = next(t for t in plan.tasks() if t.id == best.task)
    settled = best.period is not None or periods_of(plan, task, times) == [None]
    listed = tuple(candidates[:3])
    if best.score >= MIN_SCORE and ahead and settled:
        return Proposal("confident", unit, task, best.period, header.issued, ref, listed,
                        (*read, *best.reasons))  # fmt: skip
    why = "nhiều nhiệm vụ khớp gần như nhau" if not ahead else "chưa đủ dấu hiệu để chọn"
    if ahead and not settled and best.score >= MIN_SCORE:
        why = f"{task.id} có nhiều kỳ, văn bản không nói kỳ nào"
        if best.reasons and best.reasons[-1].startswith("kỳ «"):
            why = best.reasons[-1]  # it names one the task does not have
    return Proposal("ambiguous", unit, date=header.issued, ref=ref, candidates=listed,
                    reasons=(*read, why))  # fmt: skip


def _what_was_read(header: Header) -> tuple[str, ...]:
    found = []
    if header.issuer:
        found.append(f"cơ quan gửi: {header.issuer}")
    kind = header.kind or ("Công văn" if header.about else None)
    what = header.about or header.subject
    if kind or what:
        found.append(f"văn bản: {' '.join(w for w in (kind, what) if w)}")
    return tuple(found)


def _kinds(header: Header, about: str) -> list[str]:
    """Return what kind of document it is: its kind line, or a letter's "V/v báo cáo ..."."""
    kinds = [header.kind] if header.kind else []
    kinds += [name for words, name in _KIND_WORDS.items() if fold(about).startswith(words)]
    return list(dict.fromkeys(kinds))


def _candidate(  # noqa: PLR0917 - the document, and the task in its plan
    said: _Said,
    named: list[tuple[str, str]],
    task: Task,
    unit: Unit,
    plan: Plan,
    registry: UnitRegistry,
    times: PlanTimes,
) -> Candidate | None:
    """Return how well `task` fits the document, or None if `unit` has no part in it."""
    lead, support = responsible(registry, task)
    if unit not in lead and unit not in support:
        return None
    reasons: list[str] = []
    score = 1.0 if unit in lead else 0.0  # a unit's document answers first what it leads
    reasons.append(f"«{unit.name}» {'chủ trì' if unit in lead else 'phối hợp'} {task.id}")
    deliverable = (
        " ".join(task.deliverable)
        if isinstance(task.deliverable, list)
        else (task.deliverable or "")
    )
    kinds = said.kinds
    results = task.deliverable if isinstance(task.deliverable, list) else [deliverable]
    for name in kinds:  # the task's result is a document of that kind: "Báo cáo của ..."
        if any(fold(result).startswith(fold(name)) for result in results):
            score += 2
            reasons.append(f"loại văn bản «{name}» như kết quả của {task.id}: «{deliverable}»")
            break
    written = said.words
    shared = [word for word in written if word in _task_words(f"{task.title} {deliverable}")]
    if shared:
        score += 3.0 * len(shared) / len(written)  # how much of the title the task says
        words = ", ".join(dict.fromkeys(written[word] for word in shared))
        reasons.append(f"chữ chung với nhiệm vụ {task.id}: {words}")
    if "Báo cáo" not in kinds:  # "năm 2024" is a report's period, a plan's year
        named = [(label, words) for label, words in named if len(label) > 4]
    periods = periods_of(plan, task, times)
    period: str | None = None
    if periods != [None]:
        matched = [(label, words) for label, words in named if label in periods]
        if matched:
            period, words = matched[0]
            score += 2
            reasons.append(f"kỳ «{words}»: {period}")
        elif named:
            score -= 2  # the document names a period the task does not have
            label, words = named[0]
            reasons.append(f"kỳ «{words}» ({label}) không phải một kỳ của {task.id}")
    elif any(len(label) > 4 for label, _words in named):
        score -= 1  # a report of a quarter does not answer a task done once
    return Candidate(task.id, period, round(score, 2), tuple(reasons))
