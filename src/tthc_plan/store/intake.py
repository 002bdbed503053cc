"""Take in the documents units send (`tthc intake`): read each, match it, record it once.

Each file is read (store.received), its particulars read (core.form) and
matched to a unit, a task and a period (core.intake). A confident match is
recorded as `tthc done` records it (store.edit: duplicates and impossible dates
refused, comments kept), with the file's name and hash as its `source`, so the
same file is never recorded twice. Anything else changes nothing and says why.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from pathlib import Path

from msgspec.structs import replace

from tthc_plan.core.dates import format_date
from tthc_plan.core.form import read_header
from tthc_plan.core.intake import Outcome, Proposal, propose
from tthc_plan.core.model import ProgressEvent, Source
from tthc_plan.errors import TthcError
from tthc_plan.store.edit import AlreadyDoneError, make_request, record
from tthc_plan.store.progress import load_progress, progress_dir
from tthc_plan.store.received import UnreadableError, read_received
from tthc_plan.store.workspace import LoadedView


def documents_in(paths: Sequence[Path]) -> list[Path]:
    """Return the files given, and the files directly inside each folder given, by name.

    Hidden files and Word's lock files ("~$bao-cao.docx") are not documents; any
    other file is, and one tthc cannot read is said so.
    """
    found: list[Path] = []
    for path in paths:
        if not path.is_dir():
            found.append(path)
            continue
        inside = (p for p in path.iterdir() if p.is_file())
        found += sorted(p for p in inside if not p.name.startswith((".", "~$")))
    return found


def take_in(
    files: Sequence[Path], view: LoadedView, *, today: date, dry_run: bool
) -> list[Outcome]:
    """Read, match and (unless `dry_run`) record each file, in order; return what became of it."""
    folder = progress_dir(view.path, view.plan.plan.id)
    known = {  # the files recorded before, by the hash of their bytes
        entry.record.source.sha256
        for entry in load_progress(folder).entries()
        if entry.record.source is not None
    }
    return [_take(path, view, known, today=today, dry_run=dry_run) for path in files]


def _take(path: Path, view: LoadedView, known: set[str], *, today: date, dry_run: bool) -> Outcome:
    try:
        received = read_received(path)
    except UnreadableError as error:
        return Outcome(path, "unreadable", message=str(error))
    if received.sha256 in known:
        return Outcome(path, "already_recorded")
    checked = view.checked
    proposal = propose(read_header(received.text), checked.plan, checked.registry, checked.times)
    command = _command(proposal)
    if proposal.status != "confident" or proposal.task is None or proposal.date is None:
        return Outcome(path, proposal.status, proposal, command=command)
    try:
        request = make_request(
            checked,
            proposal.task,
            unit=proposal.unit,
            period=proposal.period,
            event=ProgressEvent.DONE,
            on=proposal.date,
            ref=proposal.ref,
            today=today,
        )
        request = replace(request, source=Source(file=path.name, sha256=received.sha256))
        record(view.path, checked, request, today=today, dry_run=dry_run)
    except AlreadyDoneError as error:
        return Outcome(path, "already_recorded", proposal, str(error), command)
    except TthcError as error:  # a date in the future, a period not begun...
        return Outcome(path, "unmatched", proposal, str(error), command)
    known.add(received.sha256)  # the same file twice in one run is one record
    return Outcome(path, "would_record" if dry_run else "recorded", proposal, command=command)


def _command(proposal: Proposal) -> str | None:
    """Return the `tthc done` that records what a proposal (or its best candidate) says."""
    task = proposal.task.id if proposal.task else None
    period = proposal.period
    if task is None and proposal.candidates:
        task, period = proposal.candidates[0].task, proposal.candidates[0].period
    if task is None or proposal.unit is None or proposal.date is None:
        return None
    words = [f'tthc done {task} --unit "{proposal.unit.name}"']
    if period:
        words.append(f"--period {period}")
    words.append(f"--date {format_date(proposal.date)}")
    if proposal.ref:
        words.append(f'--ref "{proposal.ref}"')
    return " ".join(words)
