"""The annex of a plan file: its sections and tasks, what a task carries besides its
columns (values filled in, stated dates, a correction, warnings reviewed), and the
measurable targets of tasks.
"""

from __future__ import annotations

from typing import Annotated

from pydantic import Field, StringConstraints

from tthc_plan.core.model import Comparison, InferredField, Level, SectionPart, TargetUnit
from tthc_plan.store.schema.fields import (
    Day,
    FileModel,
    LongText,
    ProblemCode,
    Slug,
    TaskId,
    Text,
    UnitCell,
)


class Inferred(FileModel):
    """A value not written in the source, and where it came from."""

    field: InferredField = Field(
        title="Trường",
        description=(
            "Trường được điền thêm: title, deliverable, lead, support, timeframe, report_due_day."
        ),
    )
    source: Text = Field(
        title="Lấy từ", description="Lấy từ đâu: mã nhiệm vụ khác, «title», «plan»..."
    )
    note: LongText = Field(
        title="Ghi chú", description="Vì sao điền như vậy, và có chắc chắn không."
    )


class ExplicitDates(FileModel):
    """Dates stated outright; they win over the timeframe text."""

    start: Day | None = Field(
        default=None, title="Ngày bắt đầu", description="Ngày bắt đầu, thay cho cách hiểu từ chữ."
    )
    due: Day | None = Field(
        default=None,
        title="Ngày cuối cùng",
        description="Ngày cuối cùng được phép (hạn chót), thay cho cách hiểu từ chữ.",
    )
    rrule: Text | None = Field(
        default=None,
        title="Quy tắc lặp",
        description=(
            "Quy tắc lặp theo RFC 5545, ví dụ «FREQ=MONTHLY;BYMONTH=3,6,9,12;BYMONTHDAY=16»."
        ),
    )


class Correction(FileModel):
    """A date the Office applies instead of the source's, with why and who decided."""

    due: Day = Field(
        title="Hạn áp dụng", description="Ngày cuối cùng mà Văn phòng áp dụng thay cho bản gốc."
    )
    start: Day | None = Field(
        default=None, title="Ngày bắt đầu", description="Ngày bắt đầu áp dụng, nếu có."
    )
    note: LongText = Field(title="Lý do", description="Vì sao bản gốc được hiểu khác chữ đã ghi.")
    by: Text = Field(
        title="Người quyết định", description="Ai quyết định đính chính (đơn vị, văn bản)."
    )


class Review(FileModel):
    """A warning about a task that people have checked against the source: it stands."""

    code: ProblemCode = Field(
        title="Mã cảnh báo", description="Mã của cảnh báo đã xem xét, ví dụ «LEAD_IS_SUPPORT»."
    )
    reason: LongText = Field(
        title="Lý do", description="Vì sao giữ nguyên (bản gốc ghi như vậy...)."
    )


class Task(FileModel):
    """A row of the annex: Nhiệm vụ, Kết quả, Chủ trì, Phối hợp, Thời gian."""

    id: TaskId = Field(
        title="Mã nhiệm vụ",
        description="Số thứ tự theo bản gốc: mục La Mã, dấu chấm, số, ví dụ «II.3».",
    )
    title: Text = Field(title="Nhiệm vụ", description="Cột «Nhiệm vụ», chép nguyên văn.")
    deliverable: LongText | list[LongText] | None = Field(
        default=None,
        title="Kết quả công việc",
        description="Cột «Kết quả công việc», nguyên văn; một danh sách nếu ô có nhiều ý.",
    )
    lead: UnitCell | None = Field(
        default=None,
        title="Đơn vị chủ trì",
        description="Cột «Đơn vị chủ trì» như bản gốc ghi; có thể gồm nhiều đơn vị, nhóm.",
    )
    support: UnitCell | None = Field(
        default=None, title="Đơn vị phối hợp", description="Cột «Đơn vị phối hợp» như bản gốc ghi."
    )
    timeframe: LongText = Field(
        title="Thời gian thực hiện",
        description="Cột «Thời gian thực hiện», nguyên văn, ví dụ «Trước 10/01/2024».",
    )
    dates: ExplicitDates | None = Field(
        default=None,
        title="Ngày cụ thể",
        description="Ngày ghi rõ (start, due, rrule); được ưu tiên hơn chữ ở timeframe.",
    )
    report_due_day: int | None = Field(
        default=None,
        ge=1,
        le=28,
        title="Ngày gửi báo cáo riêng",
        description="Ngày của tháng cuối kỳ phải gửi báo cáo, nếu khác lịch chung.",
    )
    inferred: list[Inferred] = Field(
        default=[],
        title="Điền thêm",
        description="Các giá trị không có trong bản gốc (ô trống do gộp ô) và nguồn của chúng.",
    )
    note: LongText | None = Field(default=None, title="Ghi chú", description="Ghi chú tự do.")
    correction: Correction | None = Field(
        default=None,
        title="Đính chính",
        description=(
            "Hạn Văn phòng áp dụng khi bản gốc ghi nhầm (giữ nguyên chữ ở timeframe), "
            "kèm lý do và người quyết định."
        ),
    )
    reviewed: list[Review] = Field(
        default=[],
        title="Cảnh báo đã xem xét",
        description="Các cảnh báo đã đối chiếu với bản gốc và giữ nguyên, kèm lý do.",
    )


class Section(FileModel):
    """A heading of the annex ("II. RÀ SOÁT, ĐÁNH GIÁ ...") and its tasks."""

    id: Annotated[str, StringConstraints(pattern=r"^[A-Z0-9]+(?:\.[A-Z0-9]+)*$")] = Field(
        title="Mã mục", description="Số La Mã của mục trong Phụ lục, ví dụ «II»."
    )
    title: Text = Field(title="Tên mục", description="Tên mục, chép nguyên văn.")
    part: SectionPart = Field(
        default=SectionPart.ANNEX,
        title="Phần",
        description="annex: mục của Phụ lục; body: việc giao trong thân kế hoạch.",
    )
    tasks: list[Task] = Field(title="Nhiệm vụ", description="Các nhiệm vụ của mục.")


class Target(FileModel):
    """A measurable target of a task (VII.4's rates and counts)."""

    id: Slug = Field(title="Mã chỉ tiêu", description="Mã không dấu, ví dụ «hai-long».")
    task: TaskId = Field(title="Nhiệm vụ", description="Mã nhiệm vụ nêu chỉ tiêu, ví dụ «VII.4».")
    point: int | None = Field(
        default=None,
        ge=1,
        title="Ý số",
        description="Số thứ tự ý trong «Kết quả công việc» của nhiệm vụ.",
    )
    metric: Text = Field(title="Chỉ số", description="Chỉ tiêu đo cái gì.")
    comparison: Comparison = Field(
        title="So sánh", description="at_least, at_most, exactly, increase_by, increase_at_least."
    )
    value: float = Field(title="Giá trị", description="Mức phải đạt.", allow_inf_nan=False)
    unit: TargetUnit = Field(
        title="Đơn vị đo", description="percent, percent_per_year, dossiers_per_staff_per_year."
    )
    until: float | None = Field(
        default=None, title="Đến mức", description="Mức trần của chỉ tiêu tăng dần, ví dụ 100 (%)."
    )
    levels: list[Level] = Field(
        title="Cấp", description="Cấp áp dụng: province, district, commune."
    )
    year: int | None = Field(
        default=None, title="Năm", description="Năm phải đạt, nếu bản gốc ghi."
    )
