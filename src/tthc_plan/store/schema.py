"""The plan file's structure as Pydantic models: what is valid, and the JSON Schema.

Loading validates a file with these models, then turns the result into the plain
classes of model.py (`to_model`), which the rest of the program uses. No I/O, no clock.
"""

from __future__ import annotations

import unicodedata
from datetime import date
from functools import cache
from typing import Annotated, Any, TypeVar

from pydantic import (
    AfterValidator,
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    StringConstraints,
    TypeAdapter,
    WithJsonSchema,
)

from tthc_plan.core import PLAN_YEARS, model
from tthc_plan.core.address import MAX_ADDRESSES
from tthc_plan.core.dates import InvalidDateError, parse_date
from tthc_plan.core.model import (
    Comparison,
    InferredField,
    Level,
    ProgressEvent,
    SectionPart,
    TargetUnit,
    UnitKind,
)
from tthc_plan.core.problem import MessageError, msg, verbatim
from tthc_plan.core.text import first_control


def _to_date(value: Any) -> Any:  # noqa: ANN401 - a validator sees whatever YAML held
    if isinstance(value, str):
        try:
            return parse_date(value)
        except InvalidDateError as error:
            if error.well_formed:
                message = msg("«{value}» không phải là một ngày có thật.", value=value)
            else:
                message = msg(
                    "«{value}» không phải là ngày hợp lệ: viết DD/MM/YYYY hoặc YYYY-MM-DD.",
                    value=value,
                )
            raise MessageError(message) from None
    return value


def _to_nfc(value: Any) -> Any:  # noqa: ANN401 - a validator sees whatever YAML held
    if isinstance(value, str):
        return unicodedata.normalize("NFC", value)
    return value


# Dates are written YYYY-MM-DD or DD/MM/YYYY; the schema says so for editors.
_DATE_SCHEMA = {
    "type": "string",
    "pattern": r"^(\d{4}-\d{2}-\d{2}|\d{1,2}/\d{1,2}/\d{4})$",
    "examples": ["2024-01-09", "09/01/2024"],
}
Day = Annotated[date, BeforeValidator(_to_date), WithJsonSchema(_DATE_SCHEMA)]


def _no_control(value: str, *, lines: bool) -> str:
    """Refuse control characters (C0, C1) in a text value; tabs, and line feeds if `lines`."""
    char = first_control(value, lines=lines)
    if char is not None:
        where = msg("trường") if lines else msg("một trường chỉ ghi một dòng")
        message = msg(
            "Có ký tự điều khiển U+{code} ({name}) trong {where}.",
            code=f"{ord(char):04X}",
            name=_CONTROL_NAMES.get(char) or msg("ký tự ẩn"),
            where=where,
        )
        raise MessageError(message)
    return value


_CONTROL_NAMES = {
    "\n": msg("xuống dòng"),
    "\r": msg("về đầu dòng"),
    "\x1b": verbatim("ESC"),
    "\x00": verbatim("NUL"),
}


def _single_line(value: str) -> str:
    return _no_control(value, lines=False)


def _lines(value: str) -> str:
    return _no_control(value, lines=True)


# One line: names, ids, titles, references. A line break there could forge a
# record in a file tthc writes (issue 20); tabs are harmless text.
Text = Annotated[
    str,
    BeforeValidator(_to_nfc),
    StringConstraints(strip_whitespace=True, min_length=1),
    AfterValidator(_single_line),
]
# Several lines allowed: deliverables, timeframes, notes, reasons.
LongText = Annotated[
    str,
    BeforeValidator(_to_nfc),
    StringConstraints(strip_whitespace=True, min_length=1),
    AfterValidator(_lines),
]
Slug = Annotated[str, StringConstraints(pattern=r"^[a-z0-9]+(?:-[a-z0-9]+)*$")]


def _year_as_text(value: object) -> object:
    """Take a bare year as people type it (`period: 2024`, which YAML reads as a number)."""
    return str(value) if isinstance(value, int) and not isinstance(value, bool) else value


# A period: "2024", "2024-Q1", "2024-H1", "2024-03"; a bare year may be written unquoted.
PeriodText = Annotated[
    str,
    BeforeValidator(_year_as_text),
    WithJsonSchema({"type": ["string", "integer"], "examples": ["2024-Q1", 2024]}),
    BeforeValidator(_to_nfc),
    StringConstraints(strip_whitespace=True, min_length=1),
    AfterValidator(_single_line),
]
TaskId = Annotated[str, StringConstraints(pattern=r"^[A-Z0-9]+(?:\.[A-Za-z0-9]+)*$")]
ProblemCode = Annotated[
    str,
    BeforeValidator(lambda v: v.upper() if isinstance(v, str) else v),
    StringConstraints(pattern=r"^[A-Z]+(?:_[A-Z]+)*$"),
]
# A cell of the table as written ("Các phòng chuyên môn, UBND các xã, thị trấn"),
# or a list of such cells; each names one or more units.
UnitCell = Text | list[Text]


class _Model(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid", defer_build=True)


class Signer(_Model):
    """Who signs: the decision, a report, a letter."""

    name: Text = Field(title="Họ và tên", description="Họ tên người ký, ví dụ «Trần Công Dũng».")
    title: Text = Field(title="Chức vụ", description="Chức vụ người ký, ví dụ «Phó Chủ tịch».")
    on_behalf: Text | None = Field(
        default=None,
        title="Ký thay mặt",
        description="Thể thức ký, ví dụ «TM. Ủy ban nhân dân, KT. Chủ tịch».",
    )


class Documents(_Model):
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


class Decision(_Model):
    """The decision that issued the plan ("Quyết định số .../QĐ-UBND")."""

    number: Text | None = Field(
        default=None,
        title="Số quyết định",
        description="Số của quyết định ban hành kế hoạch; để null nếu bản gốc để trống.",
    )
    symbol: Text | None = Field(
        default=None, title="Ký hiệu", description="Ký hiệu văn bản, ví dụ «QĐ-UBND»."
    )
    date: Day = Field(
        title="Ngày ban hành", description="Ngày ký quyết định (YYYY-MM-DD hoặc DD/MM/YYYY)."
    )
    place: Text | None = Field(
        default=None, title="Địa danh", description="Địa danh ghi ở đầu văn bản."
    )
    title: Text = Field(
        title="Trích yếu", description="Trích yếu nội dung quyết định («Về việc ...»)."
    )
    signer: Signer = Field(title="Người ký", description="Người ký quyết định.")


class LegalBasis(_Model):
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


class PlanInfo(_Model):
    """Plan metadata."""

    id: Slug = Field(
        title="Mã kế hoạch",
        description=(
            "Mã không dấu, viết thường, nối bằng «-», ví dụ «dak-rlap-kstthc-2024»; "
            "dùng làm tên thư mục tiến độ."
        ),
    )
    title: Text = Field(title="Tên kế hoạch", description="Tên đầy đủ của kế hoạch.")
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
    issuer: Text = Field(title="Cơ quan ban hành", description="Ví dụ «UBND huyện Đắk R'lấp».")
    decision: Decision = Field(
        title="Quyết định ban hành", description="Quyết định ban hành kế hoạch."
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


class Reporting(_Model):
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


class Closed(_Model):
    """A plan closed by the Office (tthc close)."""

    date: Day = Field(title="Ngày đóng", description="Từ ngày này, kế hoạch không còn theo dõi.")
    note: LongText | None = Field(
        default=None, title="Ghi chú", description="Vì sao đóng, ví dụ «Đã tổng kết năm 2024»."
    )


class Calendar(_Model):
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


class Unit(_Model):
    """A responsible unit, or a named group of units."""

    id: Slug = Field(
        title="Mã đơn vị",
        description=(
            "Mã không dấu, viết thường, nối bằng «-», ví dụ «xa-nhan-co»; dùng làm tên tệp tiến độ."
        ),
    )
    name: Text = Field(title="Tên chính thức", description="Tên đơn vị, ví dụ «Xã Nhân Cơ».")
    kind: UnitKind = Field(
        title="Loại đơn vị",
        description=(
            "office, department, inspectorate, one_stop, commune, town, district, "
            "province, other, group."
        ),
    )
    aliases: list[Text] = Field(
        default=[],
        title="Tên gọi khác",
        description="Các cách viết khác của tên, để khớp với chữ trong kế hoạch.",
    )
    parent: Slug | None = Field(
        default=None,
        title="Thuộc đơn vị",
        description="Mã đơn vị cấp trên trực tiếp (bộ phận một cửa thuộc Văn phòng).",
    )
    members: list[Slug] = Field(
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
    successor: Slug | None = Field(
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
    email: Annotated[Text | list[Text] | None, BeforeValidator(_addresses_shape)] = Field(
        default=None,
        title="Địa chỉ e-mail",
        description=(
            "Một hoặc nhiều địa chỉ nhận thư nhắc việc hằng tuần (tthc remind --email), "
            "ví dụ «vanthu@xanhanco.example.gov.vn»; tthc validate kiểm tra cách viết."
        ),
    )


def _addresses_shape(value: object) -> object:
    """Refuse an `email:` of the wrong shape in words, before the union's own errors."""
    if value is None:
        return value
    items = value if isinstance(value, list) else [value]
    if not all(isinstance(item, str) for item in items):
        message = msg("«email» là một địa chỉ, hoặc một danh sách địa chỉ [a@mien.vn, b@mien.vn].")
        raise MessageError(message)
    if any(not str(item).strip() for item in items) or not items:
        raise MessageError(msg("«email» có địa chỉ để trống: điền địa chỉ, hoặc xóa dòng email."))
    if len(items) > MAX_ADDRESSES:
        message = msg(
            "«email» có {count} địa chỉ, nhiều quá {limit}: dùng một hộp thư chung của đơn vị.",
            count=len(items),
            limit=MAX_ADDRESSES,
        )
        raise MessageError(message)
    return value


class Inferred(_Model):
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


class ExplicitDates(_Model):
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


class Correction(_Model):
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


class Review(_Model):
    """A warning about a task that people have checked against the source: it stands."""

    code: ProblemCode = Field(
        title="Mã cảnh báo", description="Mã của cảnh báo đã xem xét, ví dụ «LEAD_IS_SUPPORT»."
    )
    reason: LongText = Field(
        title="Lý do", description="Vì sao giữ nguyên (bản gốc ghi như vậy...)."
    )


class Task(_Model):
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


class Section(_Model):
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


class Target(_Model):
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


class Plan(_Model):
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


class ProgressRecord(_Model):
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


class Measurement(_Model):
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


# Each pydantic model and the plain core.model class it turns into, once valid.
PLAIN_CLASSES: dict[type[BaseModel], type] = {
    Signer: model.Signer,
    Documents: model.Documents,
    Decision: model.Decision,
    LegalBasis: model.LegalBasis,
    PlanInfo: model.PlanInfo,
    Reporting: model.Reporting,
    Calendar: model.Calendar,
    Closed: model.Closed,
    Unit: model.Unit,
    Inferred: model.Inferred,
    Correction: model.Correction,
    Review: model.Review,
    ExplicitDates: model.ExplicitDates,
    Task: model.Task,
    Section: model.Section,
    Target: model.Target,
    Plan: model.Plan,
    ProgressRecord: model.ProgressRecord,
    Measurement: model.Measurement,
}
_VALIDATORS: dict[type, type[BaseModel]] = {plain: valid for valid, plain in PLAIN_CLASSES.items()}

_Plain = TypeVar("_Plain")


def validate(kind: type[_Plain], data: object) -> _Plain:
    """Validate `data` as the core.model class `kind`; raise pydantic's ValidationError."""
    return to_model(_VALIDATORS[kind].model_validate(data), kind)


def validate_list(kind: type[_Plain], data: object) -> list[_Plain]:
    """Validate `data` as a list of the core.model class `kind` (a progress log, measurements)."""
    adapter = _list_adapter(_VALIDATORS[kind])
    return [to_model(value, kind) for value in adapter.validate_python(data)]


@cache
def _list_adapter(item: type[BaseModel]) -> TypeAdapter[list[Any]]:
    # Built on first use, once per class. mypy cannot check a class chosen at run time.
    return TypeAdapter(list[item])  # type: ignore[valid-type]


def to_model(value: BaseModel, kind: type[_Plain]) -> _Plain:
    """Return the plain core.model object of a validated one (kind: its core.model class)."""
    plain = _plain(value)
    if not isinstance(plain, kind):
        raise TypeError(f"{type(value).__name__} is not a {kind.__name__}")
    return plain


def _plain(value: object) -> object:
    if type(value) is list:
        return [_plain(item) for item in value]
    target = PLAIN_CLASSES.get(type(value))  # type: ignore[arg-type]
    if target is None:
        return value  # text, numbers, dates, enums
    # A validated model holds exactly its fields, in order, in its __dict__.
    return target(**{name: _plain(item) for name, item in vars(value).items()})
