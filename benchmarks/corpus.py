"""How much of other authorities' plans tthc reads: time phrases and annex rows.

Runs the corpus of real plans (tests/data/corpus/, a copy of ../shared/corpus/)
and prints, per document, how many time phrases are read and how many are read
right, then the total. A phrase is read right when the family of its kind
({deadline, window}, {ongoing}, {recurring}, {on_request, per_reference,
after_event}) matches the human reading for the whole phrase or one of its
parts, and, where the reading has a due date, that date is the phrase's, a
part's or an occurrence's. The JSON read is `tthc timeframe --format json`'s.

    .venv/bin/python benchmarks/corpus.py [--corpus DIR] [--misses]
"""

from __future__ import annotations

import argparse
import json
from collections import defaultdict
from pathlib import Path
from typing import Any

from tthc_plan.core.timeframe import ReportingCalendar, TimeframeError, parse_timeframe
from tthc_plan.output.timeframe import timeframe_json

ROOT = Path(__file__).resolve().parents[1]
FAMILIES = {
    "deadline": "dated",
    "window": "dated",
    "ongoing": "ongoing",
    "recurring": "recurring",
    "on_request": "undated",
    "per_reference": "undated",
    "after_event": "undated",
}


def read(text: str, year: int) -> dict[str, Any] | None:
    """Return the phrase as `tthc timeframe --format json` gives it, or None if not read."""
    try:
        return timeframe_json(parse_timeframe(text, year=year), ReportingCalendar())
    except TimeframeError:
        return None


def is_right(found: dict[str, Any], reading: dict[str, Any]) -> bool:
    """Tell whether a reading by tthc agrees with a person's (see the module's doc)."""
    family = FAMILIES[reading["kind"]]
    kinds = {found["kind"], *(part["kind"] for part in found["parts"])}
    if family not in {FAMILIES.get(kind) for kind in kinds}:
        return False
    due = reading.get("due")
    if due is None:
        return True
    dues = {found["due"], *(part.get("due") for part in found["parts"])}
    dues |= {occurrence["due"] for occurrence in found["occurrences"]}
    return due in dues


def main() -> None:
    """Print read / right per document and in all."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", type=Path, default=ROOT / "tests" / "data" / "corpus")
    parser.add_argument("--misses", action="store_true", help="list the phrases not read right")
    args = parser.parse_args()
    counts: dict[str, list[int]] = defaultdict(lambda: [0, 0, 0])
    misses: list[tuple[str, str, Any]] = []
    with (args.corpus / "timeframes.jsonl").open(encoding="utf-8") as lines:
        for line in lines:
            phrase = json.loads(line)
            source = phrase["source"].rsplit("/", 1)[-1]
            found = read(phrase["text"], phrase["plan_year"])
            row = counts[source]
            row[0] += 1
            row[1] += found is not None
            agrees = found is not None and is_right(found, phrase["reading"])
            row[2] += agrees
            if not agrees:
                misses.append((source, phrase["text"], found and (found["kind"], found["due"])))
    print("| document | phrases | read | right |")
    print("|---|---|---|---|")
    for source, (total, done, right) in sorted(counts.items()):
        print(f"| {source} | {total} | {done} | {right} |")
    total, done, right = (sum(row[i] for row in counts.values()) for i in range(3))
    print(f"| all | {total} | {done} ({done / total:.0%}) | {right} ({right / total:.0%}) |")
    if args.misses:
        for source, text, found in misses:
            print(f"- {source}: «{text}» -> {found}")


if __name__ == "__main__":
    main()
