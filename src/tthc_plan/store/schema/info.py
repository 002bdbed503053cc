"""The plan-wide blocks of a plan file: `plan:` (who issued it, on what basis, how
tthc's documents are headed and signed), `reporting:`, `closed:`, `calendar:`, and
the units of `units:`.
"""

from __future__ import annotations

from pydantic import Field

from tthc_plan.core import PLAN_YEARS
from tthc_plan.core.model import UnitKind
from tthc_plan.store.schema.fields import (
    Addresses,
    Day,
    FileModel,
    HeaderText,
    LongText,
    Slug,
    SlugRef,
    Text,
)
from tthc_plan.store.schema.tasks import Review


class Signer(FileModel):
    """Who signs: the decision, a report, a letter."""

    name: Text | None = Field(
        default=None,
        title="Họ và tên",
        description="Họ tên người ký, ví dụ «Trần Công Dũng»; null nếu chưa biết.",
    )
    title: Text | None = Field(
        default=None,
        title="Chức vụ",
        description="Chức vụ người ký, ví dụ «Phó Chủ tịch»; null nếu chưa biết.",
    )
    on_behalf: Text | None = Field(
        default=None,
        title="Ký thay mặt",
        description="Thể thức ký, ví dụ «TM. Ủy ban nhân dân, KT. Chủ tịch».",
    )


class Documents(FileModel):
    """How the documents tthc drafts are headed and signed."""

    parent: Text | None = Field(
        default=None,
        title="Cơ quan chủ quản",
        description="Cơ quan cấp trên trực tiếp, ghi trên tên cơ quan ban hành (nếu có).",
    )
    report_symbol: Text | None = Field(
        default=None,
        title="Ký hiệu báo cáo",
        description="Ký hiệu sau số của báo cáo định kỳ; mặc định «BC-UBND» cho UBND.",
    )
    letter_symbol: Text | None = Field(
        default=None,
        title="Ký hiệu công văn",
        description="Ký hiệu sau số của công văn đôn đốc; mặc định «UBND-VP» cho UBND.",
    )
    signer: Signer | None = Field(
        default=None,
        title="Người ký",
        description="Người ký báo cáo và công văn; mặc định là người ký quyết định.",
    )
    report_to: list[Text] = Field(
        default=[],
        title="Nơi nhận báo cáo",
        description="Ví dụ «UBND tỉnh (b/c)»; tthc thêm «Lưu: VT».",
    )
    letter_to: list[Text] = Field(
        default=[],
        title="Nơi nhận công văn",
        description="Ngoài «Như trên», ví dụ «CT, các PCT UBND huyện»; tthc thêm «Lưu: VT».",
    )


class Decision(FileModel):
    """The document that issued the plan: a decision, or the plan itself."""

    kind: Text | None = Field(
        default=None,
        title="Loại văn bản",
        description=(
            "«Quyết định» (mặc định: kế hoạch ban hành kèm theo quyết định) hoặc «Kế hoạch» "
            "(kế hoạch ban hành trực tiếp, ví dụ «Kế hoạch số 552/KH-UBND»)."
        ),
    )
    number: Text | None = Field(
        default=None,
        title="Số quyết định",
        description="Số của quyết định ban hành kế hoạch; để null nếu bản gốc để trống.",
    )
    symbol: Text | None = Field(
        default=None, title="Ký hiệu", description="Ký hiệu văn bản, ví dụ «QĐ-UBND»."
    )
    date: Day | None = Field(
        default=None,
        title="Ngày ban hành",
        description="Ngày ký văn bản (YYYY-MM-DD hoặc DD/MM/YYYY); null nếu chưa biết.",
    )
    place: Text | None = Field(
        default=None, title="Địa danh", description="Địa danh ghi ở đầu văn bản."
    )
    title: Text | None = Field(
        default=None,
        title="Trích yếu",
        description="Trích yếu nội dung văn bản («Về việc ...»); null nếu chưa biết.",
    )
    signer: Signer = Field(
        default=Signer.model_construct(),  # no validator built at import time
        title="Người ký",
        description="Người ký văn bản.",
    )


class LegalBasis(FileModel):
    """A document the decision is based on ("Căn cứ ...")."""

    kind: Text = Field(title="Loại văn bản", description="Luật, Nghị định, Thông tư, Quyết định...")
    number: Text | None = Field(
        default=None,
        title="Số, ký hiệu",
        description="Số và ký hiệu, ví dụ «45/2020/NĐ-CP»; null nếu văn bản không ghi.",
    )
    date: Day | None = Field(
        default=None, title="Ngày ban hành", description="Ngày ban hành văn bản căn cứ."
    )
    issuer: Text | None = Field(
        default=None,
        title="Cơ quan ban hành",
        description="Ví dụ «Chính phủ», «Văn phòng Chính phủ».",
    )
    title: Text = Field(title="Trích yếu", description="Tên hoặc trích yếu của văn bản căn cứ.")


class PlanInfo(FileModel):
    """Plan metadata."""

    id: Slug = Field(
        title="Mã kế hoạch",
        description=(
            "Mã không dấu, viết thường, nối bằng «-», ví dụ «dak-rlap-kstthc-2024»; "
            "dùng làm tên thư mục tiến độ."
        ),
    )
    title: HeaderText | None = Field(
        title="Tên kế hoạch", description="Tên đầy đủ của kế hoạch; null nếu chưa đọc được."
    )
    year: int = Field(
        ge=PLAN_YEARS[0],
        le=PLAN_YEARS[1],
        title="Năm kế hoạch",
        description="Năm dùng cho ngày không ghi năm và cho các kỳ báo cáo.",
    )
    timezone: Text = Field(
        default="Asia/Ho_Chi_Minh",
        title="Múi giờ",
        description="Tên IANA của múi giờ, mặc định «Asia/Ho_Chi_Minh».",
    )
    issuer: HeaderText | None = Field(
        title="Cơ quan ban hành",
        description="Ví dụ «UBND huyện Đắk R'lấp»; null nếu chưa biết.",
    )
    decision: Decision = Field(
        default=Decision.model_construct(),  # no validator built at import time
        title="Quyết định ban hành",
        description="Văn bản ban hành kế hoạch: quyết định, hoặc chính kế hoạch.",
    )
    legal_bases: list[LegalBasis] = Field(
        default=[], title="Căn cứ", description="Các văn bản được nêu ở phần «Căn cứ ...»."
    )
    source: Text | None = Field(
        default=None,
        title="Văn bản gốc",
        description="Đường dẫn (so với tệp kế hoạch) tới bản sao văn bản gốc.",
    )
    documents: Documents = Field(
        default=Documents(),
        title="Văn bản tthc soạn",
        description="Cơ quan chủ quản, ký hiệu, người ký, nơi nhận của báo cáo và công văn.",
    )
    reviewed: list[Review] = Field(
        default=[],
        title="Cảnh báo đã xem xét",
        description=(
            "Các cảnh báo về thông tin văn bản đã đối chiếu với bản gốc và giữ nguyên, kèm lý do "
            "(ví dụ bản gốc để trống số quyết định)."
        ),
    )


class Reporting(FileModel):
    """When periodic reports are due: day of the period's last month."""

    due_day: int = Field(
        default=16,
        ge=1,
        le=28,
        title="Ngày gửi báo cáo",
        description="Ngày của tháng cuối kỳ phải gửi báo cáo định kỳ (1-28), mặc định 16.",
    )
    cutoff_day: int = Field(
        default=14,
        ge=1,
        le=28,
        title="Ngày chốt số liệu",
        description="Ngày chốt số liệu của tháng cuối kỳ (Nghị định 09/2019/NĐ-CP: ngày 14).",
    )


class Closed(FileModel):
    """A plan closed by the Office (tthc close)."""

    date: Day = Field(title="Ngày đóng", description="Từ ngày này, kế hoạch không còn theo dõi.")
    note: LongText | None = Field(
        default=None, title="Ghi chú", description="Vì sao đóng, ví dụ «Đã tổng kết năm 2024»."
    )


class Calendar(FileModel):
    """The plan's changes to Viet Nam's calendar of days off."""

    days_off: list[Day] = Field(
        default=[],
        max_length=366,
        title="Ngày nghỉ thêm",
        description=(
            "Ngày nghỉ mà lịch của tthc chưa có (ví dụ ngày nghỉ bù do Thủ tướng quyết định),"
            " dùng khi đếm ngày làm việc."
        ),
    )
    working_days: list[Day] = Field(
        default=[],
        max_length=366,
        title="Ngày làm việc bù",
        description="Thứ Bảy, Chủ nhật đi làm bù (ví dụ 04/5/2024), dùng khi đếm ngày làm việc.",
    )


class Unit(FileModel):
    """A responsible unit, or a named group of units."""

    id: Slug = Field(
        title="Mã đơn vị",
        description=(
            "Mã không dấu, viết thường, nối bằng «-», ví dụ «xa-nhan-co»; dùng làm tên tệp tiến độ."
        ),
    )
    name: HeaderText = Field(title="Tên chính thức", description="Tên đơn vị, ví dụ «Xã Nhân Cơ».")
    kind: UnitKind = Field(
        title="Loại đơn vị",
        description=(
            "office (Văn phòng), department (Phòng), inspectorate (Thanh tra), one_stop, "
            "agency (Sở), board (Ban), center (Trung tâm), branch (Chi cục), police (Công an), "
            "enterprise (doanh nghiệp), commune, town, district, province, other, group."
        ),
    )
    aliases: list[Text] = Field(
        default=[],
        title="Tên gọi khác",
        description="Các cách viết khác của tên, để khớp với chữ trong kế hoạch.",
    )
    parent: SlugRef | None = Field(
        default=None,
        title="Thuộc đơn vị",
        description="Mã đơn vị cấp trên trực tiếp (bộ phận một cửa thuộc Văn phòng).",
    )
    members: list[SlugRef] = Field(
        default=[],
        title="Thành viên",
        description="Mã các đơn vị trong nhóm (chỉ với kind: group).",
    )
    open: bool = Field(
        default=False,
        title="Nhóm mở",
        description="true nếu kế hoạch không nói rõ nhóm gồm những ai («Các đơn vị liên quan»).",
    )
    code: Text | None = Field(
        default=None,
        title="Mã thống kê",
        description="Mã đơn vị hành chính của Tổng cục Thống kê, nếu có.",
    )
    successor: SlugRef | None = Field(
        default=None,
        title="Đơn vị kế thừa",
        description="Mã đơn vị tiếp nhận nhiệm vụ khi đơn vị này thay đổi hoặc giải thể.",
    )
    symbol: Text | None = Field(
        default=None,
        title="Chữ viết tắt",
        description="Chữ viết tắt trong ký hiệu văn bản của đơn vị, ví dụ «PTP» trong «BC-PTP».",
    )
    signer: Signer | None = Field(
        default=None,
        title="Người ký",
        description="Người ký văn bản của đơn vị (báo cáo của riêng đơn vị).",
    )
    email: Addresses = Field(
        default=None,
        title="Địa chỉ e-mail",
        description=(
            "Một hoặc nhiều địa chỉ nhận thư nhắc việc hằng tuần (tthc remind --email), "
            "ví dụ «vanthu@xanhanco.example.gov.vn»; tthc validate kiểm tra cách viết."
        ),
    )
