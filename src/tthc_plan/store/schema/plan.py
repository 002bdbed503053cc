"""A whole plan file, and its JSON Schema for editors."""

from __future__ import annotations

from typing import Any

from pydantic import Field

from tthc_plan.store.schema.fields import FileModel
from tthc_plan.store.schema.info import Calendar, Closed, PlanInfo, Reporting, Unit
from tthc_plan.store.schema.tasks import Section, Target, Task


class Plan(FileModel):
    """A whole plan file."""

    plan: PlanInfo = Field(
        title="Thông tin kế hoạch", description="Cơ quan, quyết định, năm, múi giờ, căn cứ."
    )
    reporting: Reporting = Field(
        default=Reporting.model_construct(),  # no validator built at import time
        title="Lịch báo cáo",
        description="Ngày gửi báo cáo định kỳ và ngày chốt số liệu.",
    )
    calendar: Calendar = Field(
        default=Calendar.model_construct(),  # no validator built at import time
        title="Lịch nghỉ",
        description="Ngày nghỉ, ngày làm bù mà kế hoạch thêm vào lịch nghỉ của Việt Nam.",
    )
    closed: Closed | None = Field(
        default=None,
        title="Đã đóng",
        description=(
            "Kế hoạch đã xong năm: các màn hình theo dõi và thư nhắc bỏ qua nó (tthc close)."
        ),
    )
    units: list[Unit] = Field(
        title="Danh mục đơn vị", description="Mọi đơn vị, nhóm mà kế hoạch nêu tên."
    )
    sections: list[Section] = Field(
        title="Các mục", description="Các mục của Phụ lục và các việc giao trong thân kế hoạch."
    )
    targets: list[Target] = Field(default=[], title="Chỉ tiêu", description="Các chỉ tiêu đo được.")

    def tasks(self) -> list[Task]:
        """Return every task, in file order."""
        return [task for section in self.sections for task in section.tasks]


_DEFINITIONS = {
    "Comparison": ("So sánh", "Cách đọc giá trị của chỉ tiêu."),
    "Correction": ("Đính chính", "Hạn áp dụng thay cho bản gốc ghi nhầm, kèm lý do."),
    "Decision": ("Quyết định", "Quyết định ban hành kế hoạch."),
    "Documents": ("Văn bản tthc soạn", "Thể thức báo cáo và công văn đôn đốc."),
    "ExplicitDates": ("Ngày cụ thể", "Ngày ghi rõ, được ưu tiên hơn chữ ở timeframe."),
    "Inferred": ("Điền thêm", "Một giá trị không có trong bản gốc, và nguồn của nó."),
    "InferredField": ("Trường điền thêm", "Trường có thể được điền khi ô bản gốc để trống."),
    "LegalBasis": ("Căn cứ", "Một văn bản được nêu ở phần «Căn cứ ...»."),
    "Level": ("Cấp", "Cấp hành chính áp dụng chỉ tiêu."),
    "PlanInfo": ("Thông tin kế hoạch", "Cơ quan, quyết định, năm, múi giờ, căn cứ."),
    "Review": ("Cảnh báo đã xem xét", "Một cảnh báo giữ nguyên vì bản gốc ghi như vậy."),
    "Reporting": ("Lịch báo cáo", "Hạn gửi báo cáo định kỳ: ngày của tháng cuối kỳ."),
    "Section": ("Mục", "Một mục của Phụ lục (I, II, ...) và các nhiệm vụ của nó."),
    "SectionPart": ("Phần", "Mục thuộc Phụ lục hay thân kế hoạch."),
    "Signer": ("Người ký", "Người ký quyết định."),
    "Target": ("Chỉ tiêu", "Một chỉ tiêu đo được của nhiệm vụ."),
    "TargetUnit": ("Đơn vị đo", "Đơn vị đo của chỉ tiêu."),
    "Task": ("Nhiệm vụ", "Một dòng của Phụ lục: nhiệm vụ, kết quả, chủ trì, phối hợp, thời gian."),
    "Unit": ("Đơn vị", "Một đơn vị thực hiện, hoặc một nhóm đơn vị."),
    "UnitKind": ("Loại đơn vị", "Loại đơn vị."),
}


def plan_json_schema() -> dict[str, Any]:
    """Return the JSON Schema of a plan file, for editors and other checkers."""
    schema = Plan.model_json_schema(mode="validation")
    for name, (title, description) in _DEFINITIONS.items():
        schema["$defs"][name] |= {"title": title, "description": description}
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    schema["title"] = "Kế hoạch kiểm soát thủ tục hành chính (tthc)"
    schema["description"] = (
        "Tệp kế hoạch của tthc: thông tin kế hoạch, lịch báo cáo, danh mục đơn vị, "
        "các mục và nhiệm vụ, chỉ tiêu."
    )
    return schema
