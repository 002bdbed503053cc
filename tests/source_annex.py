"""Read the annex table of the source document, for comparing with the plan file."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

_SECTION = re.compile(r"^(?P<id>[IVX]+)[\t ](?P<title>[^\t]+)")
_COLUMNS = ("title", "deliverable", "lead", "support", "timeframe")


@dataclass
class SourceRow:
    """One task row of the annex, cells as written (continuation rows joined)."""

    id: str
    cells: dict[str, str]
    paragraphs: list[str] = field(default_factory=list)


def read_annex(path: Path) -> tuple[dict[str, str], list[SourceRow]]:
    """Return the section titles by id and the task rows, in order."""
    text = path.read_text(encoding="utf-8")
    annex = text[text.index("STT\tNhiệm vụ") :].splitlines()[2:]
    sections: dict[str, str] = {}
    rows: list[SourceRow] = []
    section = ""
    for line in annex:
        if not line.strip() or line.startswith("--"):
            continue
        cols = line.split("\t")
        if match := _SECTION.match(line):
            section = match.group("id")
            sections[section] = match.group("title").strip()
        elif cols[0].isdigit():
            cells = dict(zip(_COLUMNS, (c.strip() for c in cols[1:]), strict=True))
            rows.append(SourceRow(f"{section}.{cols[0]}", cells))
        else:  # a continuation of the previous row's deliverable cell
            rows[-1].cells["deliverable"] += " " + cols[2].strip()
    for row in rows:
        cell = row.cells["deliverable"]
        if cell.startswith("<p>"):
            joined = re.sub(r"</p>\s*<p>(?!- )", " ", cell)
            row.paragraphs = [
                re.sub(r"^- ", "", p.strip()) for p in re.findall(r"<p>(.*?)</p>", joined)
            ]
    return sections, rows
