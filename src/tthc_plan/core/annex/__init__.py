"""A plan's annex, as official documents lay it out: header, rows, sections, tasks.

The document's particulars (issuer, number, signer...) are core.form's.

Pure: rows come in as lists of cell texts (store.importer reads them from a
Word file; text.read_text_rows and text.read_body_rows from text), and come
out as sections of tasks with every filled cell recorded. Nothing is guessed
silently: a name the registry lacks is a new unit to review, a row that holds
no task is listed, a timeframe not read is listed.

columns   which column is which, from the header row(s)
rows      rows as typed values: sections, groups, tasks, rows to review
sections  rows grouped into sections with unique ids
fill      blank (merged) cells filled, each fill recorded
text      rows from a text export or from tasks written as paragraphs
read      all of it: rows in, an Annex out
"""

from tthc_plan.core.annex.columns import MERGED, NEXT_TABLE, is_header
from tthc_plan.core.annex.fill import ImportedTask
from tthc_plan.core.annex.read import Annex, read_annex
from tthc_plan.core.annex.sections import Section
from tthc_plan.core.annex.text import NO_ANNEX, read_body_rows, read_text_rows

__all__ = [
    "MERGED",
    "NEXT_TABLE",
    "NO_ANNEX",
    "Annex",
    "ImportedTask",
    "Section",
    "is_header",
    "read_annex",
    "read_body_rows",
    "read_text_rows",
]
