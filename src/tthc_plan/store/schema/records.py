"""The files tthc writes beside a plan: a unit's progress log, a target's measurements."""

from __future__ import annotations

from typing import Annotated

from pydantic import Field, StringConstraints

from tthc_plan.core.model import ProgressEvent
from tthc_plan.store.schema.fields import Day, FileModel, LongText, PeriodText, Slug, TaskId, Text


class Source(FileModel):
    """The document a record was taken in from (tthc intake)."""

    file: Text = Field(title="Tệp", description="Tên tệp văn bản đã đọc, ví dụ «bc-q1.pdf».")
    sha256: Annotated[str, StringConstraints(pattern=r"^[0-9a-f]{64}$")] = Field(
        title="Mã băm",
        description="SHA-256 của nội dung tệp: cùng tệp thì không ghi lần thứ hai.",
    )


class ProgressRecord(FileModel):
    """One line of a unit's progress log: a task (occurrence) done, started or reopened."""

    task: TaskId = Field(title="Nhiệm vụ", description="Mã nhiệm vụ, ví dụ «II.1».")
    event: ProgressEvent = Field(
        default=ProgressEvent.DONE,
        title="Việc ghi",
        description="done: đã xong; start: bắt đầu làm; reopen: rút lại việc đã ghi là xong.",
    )
    date: Day = Field(title="Ngày", description="Ngày xảy ra (YYYY-MM-DD hoặc DD/MM/YYYY).")
    period: PeriodText | None = Field(
        default=None, title="Kỳ", description="Kỳ của việc định kỳ, ví dụ «2024-Q1»."
    )
    ref: Text | None = Field(
        default=None,
        title="Văn bản",
        description="Văn bản làm căn cứ, ví dụ «Số 05/KH-UBND ngày 08/01/2024».",
    )
    note: LongText | None = Field(default=None, title="Ghi chú", description="Ghi chú tự do.")
    correction: bool = Field(
        default=False,
        title="Đính chính",
        description="true: lần ghi này thay cho lần đã ghi trước (tthc done --correct).",
    )
    source: Source | None = Field(
        default=None,
        title="Văn bản nguồn",
        description="Tệp văn bản mà tthc intake đọc để ghi mục này.",
    )


class Measurement(FileModel):
    """A measured value of a target for a period (in progress/<plan>/_targets.yaml)."""

    target: Slug = Field(title="Chỉ tiêu", description="Mã chỉ tiêu, ví dụ «truc-tuyen».")
    period: PeriodText = Field(title="Kỳ", description="Kỳ đo, ví dụ «2024» hoặc «2024-Q2».")
    value: float = Field(
        allow_inf_nan=False,  # .nan and .inf are YAML floats, not measurements
        title="Giá trị đo",
        description="Giá trị đo được, cùng đơn vị với chỉ tiêu.",
    )
    date: Day = Field(title="Ngày", description="Ngày có số liệu.")
    ref: Text | None = Field(
        default=None, title="Văn bản", description="Báo cáo hoặc văn bản nêu số liệu."
    )
    note: LongText | None = Field(default=None, title="Ghi chú", description="Ghi chú tự do.")
