"""The plan file's structure as Pydantic models: what is valid, and the JSON Schema.

Loading validates a file with these models, then turns the result into the plain
classes of core/model.py (`to_model`), which the rest of the program uses. No I/O,
no clock.

fields.py   the types of values (dates, text, ids, periods) and their validators
info.py     the plan-wide blocks: `plan:`, `reporting:`, `closed:`, `calendar:`, units
tasks.py    the annex: sections, tasks, targets
plan.py     a whole plan file, and its JSON Schema
records.py  the files beside a plan: progress records, measurements
convert.py  validation into the plain classes of core/model.py
"""

from __future__ import annotations

from tthc_plan.store.schema.convert import PLAIN_CLASSES, to_model, validate, validate_list
from tthc_plan.store.schema.fields import (
    Day,
    LongText,
    PeriodText,
    ProblemCode,
    Slug,
    SlugRef,
    TaskId,
    Text,
    UnitCell,
)
from tthc_plan.store.schema.info import (
    Calendar,
    Closed,
    Decision,
    Documents,
    LegalBasis,
    PlanInfo,
    Reporting,
    Signer,
    Unit,
)
from tthc_plan.store.schema.plan import Plan, plan_json_schema
from tthc_plan.store.schema.records import Measurement, ProgressRecord, Source
from tthc_plan.store.schema.tasks import (
    Correction,
    ExplicitDates,
    Inferred,
    Review,
    Section,
    Target,
    Task,
)

__all__ = [
    "PLAIN_CLASSES",
    "Calendar",
    "Closed",
    "Correction",
    "Day",
    "Decision",
    "Documents",
    "ExplicitDates",
    "Inferred",
    "LegalBasis",
    "LongText",
    "Measurement",
    "PeriodText",
    "Plan",
    "PlanInfo",
    "ProblemCode",
    "ProgressRecord",
    "Reporting",
    "Review",
    "Section",
    "Signer",
    "Slug",
    "SlugRef",
    "Source",
    "Target",
    "Task",
    "TaskId",
    "Text",
    "Unit",
    "UnitCell",
    "plan_json_schema",
    "to_model",
    "validate",
    "validate_list",
]
