"""The plan file's structure as Pydantic models: no I/O, no clock."""

from __future__ import annotations

import unicodedata
from datetime import date
from enum import StrEnum
from typing import Annotated, Any

from pydantic import BaseModel, BeforeValidator, ConfigDict, Field, StringConstraints

from tthc_plan.dates import InvalidDateError, parse_date
from tthc_plan.i18n import _


def _to_date(value: Any) -> Any:  # noqa: ANN401 - a validator sees whatever YAML held
    if isinstance(value, str):
        try:
            return parse_date(value)
        except InvalidDateError:
            msg = _("«{value}» không phải là ngày hợp lệ: viết DD/MM/YYYY hoặc YYYY-MM-DD.")
            raise ValueError(msg.format(value=value)) from None
    return value


def _to_nfc(value: Any) -> Any:  # noqa: ANN401 - a validator sees whatever YAML held
    if isinstance(value, str):
        return unicodedata.normalize("NFC", value)
    return value


Day = Annotated[date, BeforeValidator(_to_date)]
Text = Annotated[
    str, BeforeValidator(_to_nfc), StringConstraints(strip_whitespace=True, min_length=1)
]
Slug = Annotated[str, StringConstraints(pattern=r"^[a-z0-9]+(?:-[a-z0-9]+)*$")]
TaskId = Annotated[str, StringConstraints(pattern=r"^[A-Z0-9]+(?:\.[A-Za-z0-9]+)*$")]
# A cell of the table as written ("Các phòng chuyên môn, UBND các xã, thị trấn"),
# or a list of such cells; each names one or more units.
UnitCell = Text | list[Text]


class _Model(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")


class Signer(_Model):
    """Who signed the decision."""

    name: Text
    title: Text
    on_behalf: Text | None = None


class Decision(_Model):
    """The decision that issued the plan ("Quyết định số .../QĐ-UBND")."""

    number: Text | None = None
    symbol: Text | None = None
    date: Day
    place: Text | None = None
    title: Text
    signer: Signer


class LegalBasis(_Model):
    """A document the decision is based on ("Căn cứ ...")."""

    kind: Text
    number: Text | None = None
    date: Day | None = None
    issuer: Text | None = None
    title: Text


class PlanInfo(_Model):
    """Plan metadata."""

    id: Slug
    title: Text
    year: int = Field(ge=1990, le=2100)
    timezone: Text = "Asia/Ho_Chi_Minh"
    issuer: Text
    decision: Decision
    legal_bases: list[LegalBasis] = []
    source: Text | None = None


class Reporting(_Model):
    """When periodic reports are due: day of the period's last month."""

    due_day: int = Field(default=16, ge=1, le=28)
    cutoff_day: int = Field(default=14, ge=1, le=28)


class UnitKind(StrEnum):
    """Kinds of unit."""

    OFFICE = "office"
    DEPARTMENT = "department"
    INSPECTORATE = "inspectorate"
    ONE_STOP = "one_stop"
    COMMUNE = "commune"
    TOWN = "town"
    DISTRICT = "district"
    PROVINCE = "province"
    OTHER = "other"
    GROUP = "group"


class Unit(_Model):
    """A responsible unit, or a named group of units."""

    id: Slug
    name: Text
    kind: UnitKind
    aliases: list[Text] = []
    parent: Slug | None = None
    members: list[Slug] = []
    open: bool = False
    code: Text | None = None
    successor: Slug | None = None


class InferredField(StrEnum):
    """Fields whose value may be filled in where the source cell is blank."""

    TITLE = "title"
    DELIVERABLE = "deliverable"
    LEAD = "lead"
    SUPPORT = "support"
    TIMEFRAME = "timeframe"
    REPORT_DUE_DAY = "report_due_day"


class Inferred(_Model):
    """A value not written in the source, and where it came from."""

    field: InferredField
    source: Text
    note: Text


class ExplicitDates(_Model):
    """Dates stated outright; they win over the timeframe text."""

    start: Day | None = None
    due: Day | None = None
    rrule: Text | None = None


class Task(_Model):
    """A row of the annex: Nhiệm vụ, Kết quả, Chủ trì, Phối hợp, Thời gian."""

    id: TaskId
    title: Text
    deliverable: Text | list[Text] | None = None
    lead: UnitCell | None = None
    support: UnitCell | None = None
    timeframe: Text
    dates: ExplicitDates | None = None
    report_due_day: int | None = Field(default=None, ge=1, le=28)
    inferred: list[Inferred] = []
    note: Text | None = None


class SectionPart(StrEnum):
    """Where in the plan a section comes from."""

    ANNEX = "annex"
    BODY = "body"


class Section(_Model):
    """A heading of the annex ("II. RÀ SOÁT, ĐÁNH GIÁ ...") and its tasks."""

    id: Annotated[str, StringConstraints(pattern=r"^[A-Z0-9]+$")]
    title: Text
    part: SectionPart = SectionPart.ANNEX
    tasks: list[Task]


class Comparison(StrEnum):
    """How a target's value is read."""

    AT_LEAST = "at_least"
    AT_MOST = "at_most"
    EXACTLY = "exactly"
    INCREASE_BY = "increase_by"
    INCREASE_AT_LEAST = "increase_at_least"


class TargetUnit(StrEnum):
    """Units of measure of a target."""

    PERCENT = "percent"
    PERCENT_PER_YEAR = "percent_per_year"
    DOSSIERS_PER_STAFF_PER_YEAR = "dossiers_per_staff_per_year"


class Level(StrEnum):
    """Administrative level a target applies to."""

    PROVINCE = "province"
    DISTRICT = "district"
    COMMUNE = "commune"


class Target(_Model):
    """A measurable target of a task (VII.4's rates and counts)."""

    id: Slug
    task: TaskId
    point: int | None = Field(default=None, ge=1)
    metric: Text
    comparison: Comparison
    value: float
    unit: TargetUnit
    until: float | None = None
    levels: list[Level]
    year: int | None = None


class Plan(_Model):
    """A whole plan file."""

    plan: PlanInfo
    reporting: Reporting = Reporting()
    units: list[Unit]
    sections: list[Section]
    targets: list[Target] = []

    def tasks(self) -> list[Task]:
        """Return every task, in file order."""
        return [task for section in self.sections for task in section.tasks]


class ProgressEvent(StrEnum):
    """What a progress record says happened."""

    DONE = "done"
    START = "start"
    REOPEN = "reopen"


class ProgressRecord(_Model):
    """One line of a unit's progress log: a task (occurrence) done, started or reopened."""

    task: TaskId
    event: ProgressEvent = ProgressEvent.DONE
    date: Day
    period: Text | None = None
    ref: Text | None = None
    note: Text | None = None
