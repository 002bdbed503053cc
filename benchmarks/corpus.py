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
import re
from collections import defaultdict
from pathlib import Path
from typing import Any

from tthc_plan.core.timeframe import ReportingCalendar, TimeframeError, parse_timeframe
from tthc_plan.errors import TthcError
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
    import tempfile  # noqa: PLC0415

    with tempfile.TemporaryDirectory() as folder:
        imported = import_rows(args.corpus, Path(folder))
    print("\n| document | annex rows | imported verbatim (task, lead, timeframe), no registry |")
    print("|---|---|---|")
    for source, (total, right) in imported.items():
        print(f"| {source} | {total} | {right} |")
    total = sum(rows for rows, _right in imported.values())
    right = sum(right for _rows, right in imported.values())
    print(f"| all | {total} | {right} ({right / total:.0%}) |")


# Annex rows: .docx fixtures built from annex_rows.jsonl, imported with no registry.

_FIELD_WORDS = (
    ("thuoc nhom", ""),  # "Thuộc nhóm nhiệm vụ, hành động": an extra column
    ("phoi hop", "support"),
    ("chu tri", "lead"),
    ("don vi thuc hien", "lead"),
    ("thoi gian", "timeframe"),
    ("thoi han", "timeframe"),
    ("ket qua", "deliverable"),
    ("san pham", "deliverable"),
    ("chi tieu", "deliverable"),
    ("nhiem vu", "task"),
    ("noi dung", "task"),
    ("stt", "stt"),
    ("tt", "stt"),
)


def field_of(header: str) -> str:
    """Return the row field a document's column holds ("" for an extra column)."""
    from tthc_plan.core.text import fold  # noqa: PLC0415

    words = fold(header)
    return next((field for needle, field in _FIELD_WORDS if needle in words), "")


_NUMBER = re.compile(r"\d+(?:\.\d+)*\.?|[IVXLC]+\.?|[A-Za-z][.)]")


def unpacked(rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Return the document's rows with the conversion's packed rows taken apart.

    In QĐ 2530/QĐ-TTg a task is one numbered row whose number, lead, support
    and group cells are merged down over sub-rows of three cells (content,
    result, deadline); see docs/ttg-2530-qd-2025-khong-khi.txt. The web
    conversion packed two such sub-rows into one seven-cell row (the first in
    the STT, lead and support columns, the second in the last three), with no
    number; where the rows' note says columns 1-4 were filled from the row
    above, only the second is new. Each sub-row becomes its own row here,
    marked `merged` (its number, lead, support and group are the task's), so
    the Word file has the document's own vertical merges.
    """
    result: list[dict[str, Any]] = []
    task: dict[str, Any] | None = None
    for row in rows:
        number = (row["stt"] or "").strip()
        if row["layout"] != "annex_table" or task is None or _NUMBER.fullmatch(number):
            task = row
            result.append(row)
            continue
        parts = [(row["task"], row["deliverable"], row["timeframe"])]
        if "filled from the row above" not in row.get("note", ""):
            parts.insert(0, (row["stt"], row["lead"], row["support"]))
        for title, deliverable, timeframe in parts:
            result.append({**task, "task": title, "deliverable": deliverable,
                           "timeframe": timeframe, "merged": True})  # fmt: skip
    return result


# Part rows above the sections of an annex in parts, which the rows do not
# carry (docs/dongnai-179-kh-ubnd-2025-kinh-te-so.txt): one before each run of
# sections that starts at I.
_PARTS = {
    "f004d93b21e7fc5f.md": [
        ("A", "PHÁT TRIỂN NỀN MÓNG CHO KINH TẾ SỐ VÀ XÃ HỘI SỐ"),
        ("B", "PHÁT TRIỂN KINH TẾ SỐ VÀ XÃ HỘI SỐ NGÀNH, LĨNH VỰC"),
        ("C", "CÁC GIẢI PHÁP PHÁT TRIỂN KINH TẾ SỐ VÀ XÃ HỘI SỐ"),
    ],
}


def annex_docx(rows: list[dict[str, Any]], path: Path) -> None:
    """Write a Word file whose annex table holds `rows` under their own headers, in order.

    A `merged` row continues the vertical merge of the number, lead, support
    and extra columns of the row above (`w:vMerge`), as Word writes them.
    """
    import docx  # noqa: PLC0415

    columns = rows[0]["columns"]
    fields = [field_of(header) for header in columns]
    kept = {"stt", "lead", "support", ""}
    document = docx.Document()
    document.add_paragraph("PHỤ LỤC")
    table = document.add_table(rows=1, cols=len(columns))
    for cell, header in zip(table.rows[0].cells, columns, strict=True):
        cell.text = header
    parts = iter(_PARTS.get(rows[0]["source"].rsplit("/", 1)[-1], []))
    section = None
    for row in rows:
        if row["section"] != section:
            section = row["section"]
            number, _space, title = section.partition(" ")
            part = next(parts, None) if number == "I" else None
            for number_, title_ in ([part] if part else []) + [(number, title)]:
                cells = table.add_row().cells
                cells[0].text, cells[1].text = number_, title_
        above = table.rows[-1].cells
        cells = table.add_row().cells
        for index, (cell, field) in enumerate(zip(cells, fields, strict=True)):
            if row.get("merged") and field in kept:
                above[index].merge(cell)
            else:
                cell.text = str(row.get(field, "") or "") if field else "—"
    document.save(str(path))


def body_docx(rows: list[dict[str, Any]], path: Path) -> None:
    """Write a Word file with no table: each task a paragraph followed by its fields."""
    import docx  # noqa: PLC0415

    document = docx.Document()
    section = None
    for row in rows:
        if row["section"] != section:
            section = row["section"]
            document.add_paragraph(section)
        document.add_paragraph(row["task"])
        for label, field in (("Cơ quan chủ trì", "lead"), ("Cơ quan phối hợp", "support"),
                             ("Thời gian thực hiện", "timeframe")):  # fmt: skip
            if row.get(field):
                document.add_paragraph(f"{label}: {row[field]}")
    document.save(str(path))


def import_rows(corpus: Path, folder: Path) -> dict[str, tuple[int, int]]:
    """Import each annex of the corpus with no registry; return (rows, right) per document."""
    from datetime import date  # noqa: PLC0415

    from tthc_plan.store.importer import import_source  # noqa: PLC0415
    from tthc_plan.store.loader import load_plan_file  # noqa: PLC0415

    by_doc: dict[str, list[dict[str, Any]]] = defaultdict(list)
    with (corpus / "annex_rows.jsonl").open(encoding="utf-8") as lines:
        for line in lines:
            row = json.loads(line)
            by_doc[row["source"].rsplit("/", 1)[-1]].append(row)
    by_doc = {source: unpacked(rows) for source, rows in by_doc.items()}
    results: dict[str, tuple[int, int]] = {}
    for number, (source, rows) in enumerate(by_doc.items()):
        word = folder / f"annex-{number}.docx"
        if rows[0]["layout"] == "annex_table":
            annex_docx(rows, word)
        else:
            body_docx(rows, word)
        target = folder / "plans" / f"imported-{number}.yaml"
        try:
            import_source(word, target, units_from=None, year=rows[0]["plan_year"],
                          plan_id=f"corpus-{number}", today=date(2026, 1, 1))  # fmt: skip
        except TthcError:  # a document that cannot be imported counts as none
            results[source] = (len(rows), 0)
            continue
        plan = load_plan_file(target).parts.plan
        tasks = plan.tasks() if plan else []
        right = sum(
            1
            for row, task in zip(rows, tasks, strict=False)
            if task.title == row["task"] and task.lead == row["lead"]
            and task.timeframe == (row["timeframe"] or "Thường xuyên")
        )  # fmt: skip
        results[source] = (len(rows), right)
    return results


if __name__ == "__main__":
    main()
