"""What a plan holds, as plain frozen structs: the vocabulary of the whole program.

A plan file is checked by the pydantic models of store/schema/, which turn into these
classes once valid (`schema.to_model`). Everything after loading (views, exports,
edits, the cache of checked plans) works on these, so that a plan read back from
the cache never imports pydantic (about 80 ms at every start on a slow PC).
Field names and meanings are those of store/schema/; a test keeps the two in step.
"""

from __future__ import annotations

from datetime import date
from enum import StrEnum
from typing import Any

from msgspec import Struct, field, to_builtins

from tthc_plan.core import DEFAULT_TIMEZONE


class UnitKind(StrEnum):
    """Kinds of unit."""

    OFFICE = "office"
    DEPARTMENT = "department"  # Phòng
    INSPECTORATE = "inspectorate"
    ONE_STOP = "one_stop"
    AGENCY = "agency"  # Sở
    BOARD = "board"  # Ban
    CENTER = "center"  # Trung tâm
    BRANCH = "branch"  # Chi cục
    POLICE = "police"  # Công an
    ENTERPRISE = "enterprise"  # doanh nghiệp
    COMMUNE = "commune"
    TOWN = "town"
    DISTRICT = "district"
    PROVINCE = "province"
    OTHER = "other"
    GROUP = "group"


class InferredField(StrEnum):
    """Fields whose value may be filled in where the source cell is blank."""

    TITLE = "title"
    DELIVERABLE = "deliverable"
    LEAD = "lead"
    SUPPORT = "support"
    TIMEFRAME = "timeframe"
    REPORT_DUE_DAY = "report_due_day"


class SectionPart(StrEnum):
    """Where in the plan a section comes from."""

    ANNEX = "annex"
    BODY = "body"


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


class ProgressEvent(StrEnum):
    """What a progress record says happened."""

    DONE = "done"
    START = "start"
    REOPEN = "reopen"


# A cell of the table as written ("Các phòng chuyên môn, UBND các xã, thị trấn"),
# or a list of such cells; each names one or more units.
UnitCell = str | list[str]


class Signer(Struct, frozen=True, kw_only=True):
    """Who signs: None where the source does not say (a document leaves the space blank)."""

    name: str | None = None
    title: str | None = None
    on_behalf: str | None = None


class Decision(Struct, frozen=True, kw_only=True):
    """The document that issued the plan: a decision ("Quyết định số .../QĐ-UBND"), or
    the plan itself ("Kế hoạch số 552/KH-UBND"). None where the source does not say."""

    kind: str | None = None  # "Quyết định", "Kế hoạch"; None: a decision
    number: str | None = None
    symbol: str | None = None
    date: date | None = None
    place: str | None = None
    title: str | None = None
    signer: Signer = field(default_factory=Signer)


class Documents(Struct, frozen=True, kw_only=True):
    """How the documents tthc drafts are headed and signed (report, reminder letter)."""

    parent: str | None = None  # the issuer's direct parent body, shown above it
    report_symbol: str | None = None  # default: BC-UBND for a People's Committee
    letter_symbol: str | None = None  # default: UBND-VP for a People's Committee
    signer: Signer | None = None  # default: the decision's signer
    report_to: list[str] = field(default_factory=list)  # "Nơi nhận" of the report
    letter_to: list[str] = field(default_factory=list)  # "Nơi nhận" of a letter, after "Như trên"


class LegalBasis(Struct, frozen=True, kw_only=True):
    """A document the decision is based on ("Căn cứ ...")."""

    kind: str
    number: str | None = None
    date: date | None = None
    issuer: str | None = None
    title: str


class Review(Struct, frozen=True, kw_only=True):
    """A warning that people have checked against the source: it stands."""

    code: str
    reason: str


class PlanInfo(Struct, frozen=True, kw_only=True):
    """Plan metadata."""

    id: str
    title: str | None  # None where the source's title could not be read
    year: int
    timezone: str = DEFAULT_TIMEZONE
    issuer: str | None  # None where the source does not say
    decision: Decision = field(default_factory=Decision)
    legal_bases: list[LegalBasis] = field(default_factory=list)
    source: str | None = None
    documents: Documents = field(default_factory=Documents)
    reviewed: list[Review] = field(default_factory=list)  # particulars checked against the source

    @property
    def name(self) -> str:
        """Return how the plan is named on a screen: its title, else its id."""
        return self.title or self.id

    @property
    def earliest(self) -> date:
        """Return the first day a record of the plan may bear: its decision's date, or
        1 January of the year before the plan's, when the date is not known."""
        return self.decision.date or date(self.year - 1, 1, 1)


class Reporting(Struct, frozen=True, kw_only=True):
    """When periodic reports are due: day of the period's last month."""

    due_day: int = 16
    cutoff_day: int = 14


class Closed(Struct, frozen=True, kw_only=True):
    """A plan the Office has closed: its year is over, its views step aside."""

    date: date
    note: str | None = None


class Calendar(Struct, frozen=True, kw_only=True):
    """The plan's changes to Viet Nam's calendar of days off (for counts of working days)."""

    days_off: list[date] = field(default_factory=list)
    working_days: list[date] = field(default_factory=list)


class Unit(Struct, frozen=True, kw_only=True):
    """A responsible unit, or a named group of units."""

    id: str
    name: str
    kind: UnitKind
    aliases: list[str] = field(default_factory=list)
    parent: str | None = None
    members: list[str] = field(default_factory=list)
    open: bool = False
    code: str | None = None
    successor: str | None = None
    symbol: str | None = None  # its abbreviation in document numbers: "PTP" in "BC-PTP"
    signer: Signer | None = None  # who signs what the unit issues
    email: str | list[str] | None = None  # where `tthc remind --email` writes to it


class Inferred(Struct, frozen=True, kw_only=True):
    """A value not written in the source, and where it came from."""

    field: InferredField
    source: str
    note: str


class ExplicitDates(Struct, frozen=True, kw_only=True):
    """Dates stated outright; they win over the timeframe text."""

    start: date | None = None
    due: date | None = None
    rrule: str | None = None


class Correction(Struct, frozen=True, kw_only=True):
    """A date the Office applies instead of the source's, with why and who decided."""

    due: date
    start: date | None = None
    note: str
    by: str


class Task(Struct, frozen=True, kw_only=True):
    """A row of the annex: Nhiệm vụ, Kết quả, Chủ trì, Phối hợp, Thời gian."""

    id: str
    title: str
    deliverable: str | list[str] | None = None
    lead: UnitCell | None = None
    support: UnitCell | None = None
    timeframe: str
    dates: ExplicitDates | None = None
    report_due_day: int | None = None
    inferred: list[Inferred] = field(default_factory=list)
    note: str | None = None
    correction: Correction | None = None
    reviewed: list[Review] = field(default_factory=list)


class Section(Struct, frozen=True, kw_only=True):
    """A heading of the annex ("II. RÀ SOÁT, ĐÁNH GIÁ ...") and its tasks."""

    id: str
    title: str
    part: SectionPart = SectionPart.ANNEX
    tasks: list[Task]


class Target(Struct, frozen=True, kw_only=True):
    """A measurable target of a task (VII.4's rates and counts)."""

    id: str
    task: str
    point: int | None = None
    metric: str
    comparison: Comparison
    value: float
    unit: TargetUnit
    until: float | None = None
    levels: list[Level]
    year: int | None = None


class Plan(Struct, frozen=True, kw_only=True):
    """A whole plan file."""

    plan: PlanInfo
    reporting: Reporting = field(default_factory=Reporting)
    calendar: Calendar = field(default_factory=Calendar)
    closed: Closed | None = None
    units: list[Unit]
    sections: list[Section]
    targets: list[Target] = field(default_factory=list)

    def tasks(self) -> list[Task]:
        """Return every task, in file order."""
        return [task for section in self.sections for task in section.tasks]


class Source(Struct, frozen=True, kw_only=True):
    """The document a record was taken in from (tthc intake): its file name and hash."""

    file: str
    sha256: str


class ProgressRecord(Struct, frozen=True, kw_only=True):
    """One line of a unit's progress log: a task (occurrence) done, started or reopened."""

    task: str
    event: ProgressEvent = ProgressEvent.DONE
    date: date
    period: str | None = None
    ref: str | None = None
    note: str | None = None
    correction: bool = False  # a later record that replaces what was recorded before
    source: Source | None = None


class Measurement(Struct, frozen=True, kw_only=True):
    """A measured value of a target for a period (in progress/<plan>/_targets.yaml)."""

    target: str
    period: str
    value: float
    date: date
    ref: str | None = None
    note: str | None = None


def to_json_data(value: object) -> Any:  # noqa: ANN401 - JSON-ready data of any shape
    """Return a model object as JSON-ready data: dicts in field order, enums and dates as text."""
    return to_builtins(value)
