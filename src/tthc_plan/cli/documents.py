"""The documents an Office signs and sends: the periodic report and the reminder letter."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from tthc_plan.cli import complete
from tthc_plan.cli.common import (
    AllPlansOpt,
    ForceOpt,
    PlanIdOpt,
    PlanOpt,
    TodayOpt,
    UnitOpt,
    WithinOpt,
    app,
    catch_errors,
    plain_text,
    write_output,
)
from tthc_plan.cli.plain import echo_error, open_workspace, parse_day
from tthc_plan.core import DEFAULT_WITHIN
from tthc_plan.errors import EXIT_OK, UsageError
from tthc_plan.i18n import _

if TYPE_CHECKING:
    from tthc_plan.core.documents import Issuer
    from tthc_plan.core.model import Unit
    from tthc_plan.store.workspace import LoadedView


class ReportFormat(StrEnum):
    """Formats of the periodic report."""

    DOCX = "docx"
    MD = "md"


DocumentOutputOpt = Annotated[
    Path | None,
    typer.Option(
        "--output",
        "-o",
        help=_(
            "Tệp ghi ra (mặc định: tệp .docx mang tên kỳ hoặc ngày; với --format md: màn hình)."
        ),
        show_default=False,
    ),
]
DocumentFormatOpt = Annotated[ReportFormat, typer.Option("--format", "-f", help=_("docx hoặc md."))]
SignerOpt = Annotated[
    str | None,
    typer.Option(
        "--signer",
        help=_("Họ tên người ký (mặc định: theo kế hoạch hoặc danh mục đơn vị)."),
        show_default=False,
    ),
]
SignerTitleOpt = Annotated[
    str | None,
    typer.Option(
        "--signer-title",
        help=_("Chức vụ người ký, ví dụ «Phó Chủ tịch», «Phó Trưởng phòng» (tự thêm KT., TM.)."),
        show_default=False,
    ),
]


def document_issuer(
    view: LoadedView, unit: str | None, signer: str | None, signer_title: str | None
) -> tuple[Issuer, Unit | None]:
    """Return who issues a document: the plan's issuer, or the unit named (not a group)."""
    from tthc_plan.core.documents import issuer_of  # noqa: PLC0415

    signer = " ".join((plain_text(signer, "--signer") or "").split()) or None
    signer_title = " ".join((plain_text(signer_title, "--signer-title") or "").split()) or None
    chosen = view.registry.resolve(unit) if unit else None
    issuer = issuer_of(view.plan, chosen, signer=signer, signer_title=signer_title)
    for field in issuer.missing:  # the document leaves the decree's blank there
        message = _("Thiếu {field} trong «{path}»: văn bản để trống chỗ ấy để điền tay; "
                    "ghi vào tệp kế hoạch để lần sau có sẵn.")  # fmt: skip
        echo_error(message.format(field=field, path=view.path))
    return issuer, chosen


@app.command(help=_("Dự thảo báo cáo định kỳ theo thể thức Nghị định 30/2020 (Word, Markdown)."))
@catch_errors
def report(
    period: Annotated[
        str,
        typer.Option(
            "--period",
            help=_("Kỳ báo cáo: 2024-Q1, 2024-H1, 2024-03, 2024."),
            autocompletion=complete.periods,
        ),
    ],
    unit: UnitOpt = None,
    today: TodayOpt = None,
    plan: PlanOpt = None,
    plan_id: PlanIdOpt = None,
    output: DocumentOutputOpt = None,
    fmt: DocumentFormatOpt = ReportFormat.DOCX,
    signer: SignerOpt = None,
    signer_title: SignerTitleOpt = None,
    force: ForceOpt = False,
) -> int:
    from tthc_plan.core.documents import recipients  # noqa: PLC0415
    from tthc_plan.core.report import build_report, reporting_period  # noqa: PLC0415
    from tthc_plan.core.schedule import Role  # noqa: PLC0415
    from tthc_plan.output.export.report_doc import report_docx, report_markdown  # noqa: PLC0415

    space = open_workspace(plan, today, plan_id)
    view = space.single_view()
    issuer, chosen = document_issuer(view, unit, signer, signer_title)
    # A report counts the lead units' items: supporting units answer to their lead.
    view, items = space.plan_items(unit, frozenset({Role.LEAD}))
    cutoff = view.plan.reporting.cutoff_day
    window = reporting_period(period, cutoff)
    data = build_report(view.plan, items, window, as_of=space.today, cutoff_day=cutoff)
    to = recipients(view.plan, chosen, extra=list(view.plan.plan.documents.report_to))
    _write(
        fmt,
        lambda: report_markdown(data, issuer, to, own=chosen is not None),
        lambda: report_docx(data, issuer, to, own=chosen is not None),
        output,
        Path(f"bao-cao-{window.label}.docx"),
        force=force,
    )
    return EXIT_OK


EmailOpt = Annotated[
    bool,
    typer.Option(
        "--email",
        help=_(
            "Gửi mỗi đơn vị có việc quá hạn hoặc sắp đến hạn một thư e-mail thay vì soạn "
            "công văn (máy chủ SMTP: tthc.toml hoặc biến TTHC_SMTP_*, xem README)."
        ),
    ),
]
MailDryRunOpt = Annotated[
    bool,
    typer.Option(
        "--dry-run",
        help=_("Với --email: chỉ xem trước các thư (với --outbox: ghi tệp .eml), không gửi."),
    ),
]
OutboxOpt = Annotated[
    Path | None,
    typer.Option(
        "--outbox",
        help=_("Với --email --dry-run: thư mục ghi mỗi thư thành một tệp .eml."),
        show_default=False,
    ),
]
SettingsOpt = Annotated[
    Path | None,
    typer.Option(
        "--settings",
        help=_("Tệp cấu hình gửi thư tthc.toml (mặc định: $TTHC_SETTINGS, rồi thư mục cấu hình)."),
        show_default=False,
    ),
]


@app.command(help=_("Dự thảo công văn đôn đốc các đơn vị có việc quá hạn (Word, Markdown)."))
@catch_errors
def remind(
    unit: UnitOpt = None,
    today: TodayOpt = None,
    plan: PlanOpt = None,
    plan_id: PlanIdOpt = None,
    all_plans: AllPlansOpt = False,
    output: DocumentOutputOpt = None,
    by: Annotated[
        str | None,
        typer.Option(
            "--by",
            help=_("Hạn gửi kết quả ghi trong công văn (DD/MM/YYYY); bỏ trống: để dấu chấm."),
            show_default=False,
        ),
    ] = None,
    within: WithinOpt = DEFAULT_WITHIN,
    fmt: DocumentFormatOpt = ReportFormat.DOCX,
    signer: SignerOpt = None,
    signer_title: SignerTitleOpt = None,
    force: ForceOpt = False,
    email: EmailOpt = False,
    dry_run: MailDryRunOpt = False,
    outbox: OutboxOpt = None,
    settings: SettingsOpt = None,
) -> int:
    from tthc_plan.core.documents import follow_up_office, recipients  # noqa: PLC0415
    from tthc_plan.core.reminders import addressees, late_units  # noqa: PLC0415
    from tthc_plan.core.schedule import Role  # noqa: PLC0415
    from tthc_plan.output.export.letter_doc import build, letter_docx, letter_markdown  # noqa: PLC0415

    _email_options(
        email,
        letter={"-o": output is not None, "--format": fmt is not ReportFormat.DOCX,
                "--signer": signer is not None, "--signer-title": signer_title is not None,
                "--force": force},
        mail={"--dry-run": dry_run, "--outbox": outbox is not None,
              "--settings": settings is not None},
    )  # fmt: skip
    space = open_workspace(plan, today, plan_id, all_plans=all_plans)
    view = space.single_view()
    deadline = _deadline(by, space.today)
    if email:
        from tthc_plan.cli.mail import remind_by_email  # noqa: PLC0415

        return remind_by_email(
            space,
            unit,
            within=within,
            by=deadline,
            dry_run=dry_run,
            outbox=outbox,
            settings_file=settings,
        )
    # The letter comes from the plan's issuer; --unit chooses whom it chases.
    issuer, _nobody = document_issuer(view, None, signer, signer_title)
    view, items = space.plan_items(unit, frozenset({Role.LEAD}))
    # The office that drafts the letter is not written to: its own late work is listed apart.
    office = follow_up_office(view.plan)
    owed, own = addressees(late_units(items, within=within), office)
    if not owed:
        if own is None:
            message = _("Không có đơn vị nào quá hạn ngày {day}: không soạn công văn.")
        else:
            message = _(
                "Ngày {day} chỉ {office}, đơn vị soạn công văn, còn việc quá hạn: "
                "không soạn công văn gửi chính mình (xem «tthc overdue»)."
            )
        echo_error(message.format(day=f"{space.today:%d/%m/%Y}", office=office))
        return EXIT_OK
    letter = build(view.plan, owed, issuer, today=space.today, by=deadline, within=within, own=own)
    extra = ["Như trên", *view.plan.plan.documents.letter_to]
    to = recipients(view.plan, None, extra=extra)
    _write(
        fmt,
        lambda: letter_markdown(letter, issuer, to, space.today),
        lambda: letter_docx(letter, issuer, to, space.today),
        output,
        Path(f"cong-van-don-doc-{space.today:%Y-%m-%d}.docx"),
        force=force,
    )
    return EXIT_OK


def _email_options(email: bool, *, letter: dict[str, bool], mail: dict[str, bool]) -> None:
    """Refuse the letter's options given with --email, and the mail's given without it."""
    if email and (wrong := [name for name, given in letter.items() if given]):
        message = _("{options} dùng cho công văn (Word), không dùng với --email.")
        raise UsageError(message.format(options=", ".join(wrong)))
    if not email and (wrong := [name for name, given in mail.items() if given]):
        message = _("{options} chỉ dùng với --email.")
        raise UsageError(message.format(options=", ".join(wrong)))


def _write(
    fmt: ReportFormat,
    markdown: Callable[[], str],
    word: Callable[[], bytes],
    output: Path | None,
    default: Path,
    *,
    force: bool,
) -> None:
    """Print the Markdown or write it to -o; write the Word file to -o or its default name.

    The default name is the document's own (its period, its day): a re-run
    refreshes its own draft; any other existing file needs --force.
    """
    if fmt is ReportFormat.MD:
        write_output(markdown().encode("utf-8"), output, replace=force)
    else:
        write_output(word(), output or default, replace=force or output is None)


def _deadline(value: str | None, today: date) -> date | None:
    """Return --by as a day, refusing one already past."""
    if value is None:
        return None
    day = parse_day(value, "--by")
    if day < today:
        message = _("--by {day} đã qua (hôm nay {today}): chọn một ngày từ hôm nay trở đi.")
        raise UsageError(message.format(day=f"{day:%d/%m/%Y}", today=f"{today:%d/%m/%Y}"))
    return day
