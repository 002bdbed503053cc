"""Command-line interface: options, defaults from the environment, errors to exit codes."""

from __future__ import annotations

import os
import sys
from collections.abc import Callable
from datetime import UTC, date, datetime
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from tthc_plan import __version__
from tthc_plan.dates import format_date, local_date
from tthc_plan.errors import (
    EXIT_INTERRUPTED,
    EXIT_OK,
    EXIT_PROBLEMS,
    FileError,
    TthcError,
    UsageError,
)
from tthc_plan.formats import DEFAULT_WITHIN, ViewFormat
from tthc_plan.i18n import LANGUAGES, _, set_language
from tthc_plan.render_problems import ProblemFormat

if TYPE_CHECKING:
    from tthc_plan.workspace import Workspace

DEFAULT_TIMEZONE = "Asia/Ho_Chi_Minh"

app = typer.Typer(
    name="tthc",
    help="Theo dõi, đôn đốc kế hoạch kiểm soát thủ tục hành chính (tệp YAML trong git).",
    no_args_is_help=True,
    add_completion=True,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
)


class OutputFormat(StrEnum):
    """How a command prints its result."""

    TEXT = "text"
    JSON = "json"


PlanOpt = Annotated[
    list[Path] | None,
    typer.Option(
        "--plan",
        "-p",
        help="Tệp hoặc thư mục kế hoạch, ghi nhiều lần được (mặc định: $TTHC_PLAN, hoặc plans/).",
        show_default=False,
    ),
]
TodayOpt = Annotated[
    str | None,
    typer.Option(
        "--today",
        envvar="TTHC_TODAY",
        help="Xem như hôm nay là ngày này (YYYY-MM-DD hoặc DD/MM/YYYY); mặc định: hôm nay ở VN.",
        show_default=False,
    ),
]
WithinOpt = Annotated[
    int, typer.Option("--within", min=0, help="Số ngày nhìn trước để báo «sắp đến hạn».")
]
UnitOpt = Annotated[
    str | None,
    typer.Option("--unit", "-u", help="Tên đơn vị hoặc nhóm (không cần dấu).", show_default=False),
]
ViewFormatOpt = Annotated[
    ViewFormat, typer.Option("--format", "-f", help="Dạng kết quả: table, json, csv, md.")
]
PathsArg = Annotated[
    list[Path] | None,
    typer.Argument(
        help="Tệp hoặc thư mục kế hoạch (mặc định: $TTHC_PLAN, hoặc thư mục plans/).",
        show_default=False,
    ),
]
FormatOpt = Annotated[OutputFormat, typer.Option("--format", help="Dạng kết quả.")]


def _echo_error(message: str) -> None:
    typer.echo(message, err=True)


def _run(action: Callable[[], int]) -> None:
    """Run a command body; turn user errors into a message and an exit code."""
    try:
        code = action()
    except TthcError as error:
        _echo_error(_("Lỗi: {message}").format(message=error))
        if error.hint:
            _echo_error(error.hint)
        raise typer.Exit(error.exit_code) from None
    raise typer.Exit(code)


def _plan_paths(paths: list[Path] | None) -> list[Path]:
    from tthc_plan.plans import find_plan_files  # noqa: PLC0415 - keep start-up light

    if paths:
        return find_plan_files(paths)
    if env := os.environ.get("TTHC_PLAN"):
        return find_plan_files([Path(p) for p in env.split(os.pathsep) if p])
    return find_plan_files([Path("plans")])


def _now() -> datetime:
    """Return the current moment: the only place that reads the clock."""
    return datetime.now(UTC)


def _this_year() -> int:
    return local_date(_now(), DEFAULT_TIMEZONE).year


def _today(value: str | None, timezone: str) -> date:
    """Return the day given by --today or TTHC_TODAY, else today in the plan's time zone."""
    if value is None:
        return local_date(_now(), timezone)
    return _parse_day(value, "--today, TTHC_TODAY")


def _parse_day(value: str, option: str) -> date:
    from tthc_plan.dates import InvalidDateError, parse_date  # noqa: PLC0415

    try:
        return parse_date(value)
    except InvalidDateError:
        message = _("Ngày «{value}» ({option}) không hợp lệ: viết YYYY-MM-DD.")
        raise UsageError(message.format(value=value, option=option)) from None


def _workspace(plans: list[Path] | None, today: str | None) -> Workspace:
    """Load the plans and their progress as of --today (else today in the plans' zone)."""
    from tthc_plan.workspace import Workspace  # noqa: PLC0415 - keep start-up light

    return Workspace(_plan_paths(plans), lambda timezone: _today(today, timezone))


def _version(value: bool) -> None:
    if value:
        typer.echo(f"tthc {__version__}")
        raise typer.Exit(EXIT_OK)


@app.callback()
def _main(
    lang: Annotated[
        str,
        typer.Option(
            "--lang", envvar="TTHC_LANG", help="Ngôn ngữ thông báo: vi hoặc en.", show_default=True
        ),
    ] = "vi",
    version: Annotated[
        bool,
        typer.Option("--version", callback=_version, is_eager=True, help="In phiên bản rồi thoát."),
    ] = False,
) -> None:
    """Theo dõi, đôn đốc kế hoạch kiểm soát thủ tục hành chính."""
    if lang not in LANGUAGES:
        message = _("Ngôn ngữ «{lang}» chưa hỗ trợ; chọn một trong: {choices}.")
        raise typer.BadParameter(
            message.format(lang=lang, choices=", ".join(LANGUAGES)), param_hint="--lang"
        )
    set_language(lang)


@app.command()
def validate(
    paths: PathsArg = None,
    today: TodayOpt = None,
    strict: Annotated[
        bool, typer.Option("--strict", help="Coi cảnh báo là lỗi (thoát với mã 1).")
    ] = False,
    output: Annotated[
        ProblemFormat | None,
        typer.Option(
            "--format",
            "-f",
            help="human (mặc định), concise, github (tự chọn khi GITHUB_ACTIONS=true), json.",
            show_default=False,
        ),
    ] = None,
) -> None:
    """Kiểm tra tệp kế hoạch và tiến độ: cú pháp, mẫu, mã, đơn vị, thời hạn, ngày."""

    def action() -> int:
        from tthc_plan.plans import check_files  # noqa: PLC0415
        from tthc_plan.problems import Severity  # noqa: PLC0415 - keep start-up light
        from tthc_plan.render_problems import render_problems  # noqa: PLC0415
        from tthc_plan.source import source_line  # noqa: PLC0415

        fmt = output
        if fmt is None:
            in_actions = os.environ.get("GITHUB_ACTIONS") == "true"
            fmt = ProblemFormat.GITHUB if in_actions else ProblemFormat.HUMAN
        files = _plan_paths(paths)
        problems = check_files(files, today=_today(today, DEFAULT_TIMEZONE))
        typer.echo(render_problems(problems, len(files), fmt, source_line))
        failing = {Severity.ERROR, Severity.WARNING} if strict else {Severity.ERROR}
        return EXIT_PROBLEMS if any(p.severity in failing for p in problems) else EXIT_OK

    _run(action)


@app.command()
def timeframe(
    text: Annotated[str, typer.Argument(help="Cụm từ thời gian, ví dụ «Trước 10/01/2024».")],
    year: Annotated[
        int | None,
        typer.Option(help="Năm của kế hoạch, dùng cho ngày không ghi năm (mặc định: năm nay)."),
    ] = None,
    output: FormatOpt = OutputFormat.TEXT,
) -> None:
    """Cho biết một cụm từ thời gian được hiểu thế nào."""

    def action() -> int:
        from tthc_plan.render import dumps, render_timeframe, timeframe_json  # noqa: PLC0415
        from tthc_plan.timeframe import ReportingCalendar, parse_timeframe  # noqa: PLC0415

        parsed = parse_timeframe(text, year=year if year is not None else _this_year())
        calendar = ReportingCalendar()
        if output is OutputFormat.JSON:
            typer.echo(dumps(timeframe_json(parsed, calendar)))
        else:
            typer.echo(render_timeframe(parsed, calendar))
        return EXIT_OK

    _run(action)


@app.command()
def timeframes(paths: PathsArg = None, output: FormatOpt = OutputFormat.TEXT) -> None:
    """Liệt kê thời hạn của mọi nhiệm vụ và cách hiểu từng thời hạn."""

    def action() -> int:
        from tthc_plan.overview import plan_timeframes  # noqa: PLC0415 - keep start-up light

        typer.echo(plan_timeframes(_plan_paths(paths), json_output=output is OutputFormat.JSON))
        return EXIT_OK

    _run(action)


@app.command()
def status(
    unit: UnitOpt = None,
    today: TodayOpt = None,
    within: WithinOpt = DEFAULT_WITHIN,
    plan: PlanOpt = None,
    output: ViewFormatOpt = ViewFormat.TABLE,
) -> None:
    """Tình hình theo đơn vị: quá hạn, sắp đến hạn, đang làm... (--unit: việc của một đơn vị)."""

    def action() -> int:
        from tthc_plan.render_views import render_items, render_unit_counts  # noqa: PLC0415
        from tthc_plan.views import sort_items, unit_counts  # noqa: PLC0415

        space = _workspace(plan, today)
        day = space.today
        if unit is None:
            items = space.items(today=day, within=within)
            title = _("Tình hình thực hiện ngày {today}").format(today=format_date(day))
            typer.echo(render_unit_counts(unit_counts(items), items, day, output, title=title))
            return EXIT_OK
        chosen = space.unit_filter(unit)
        items = sort_items(space.items(today=day, within=within, unit=chosen))
        title = _("Việc của «{unit}» ngày {today}").format(unit=chosen.name, today=format_date(day))
        typer.echo(render_items(items, day, output, title=title, grouped=True))
        return EXIT_OK

    _run(action)


@app.command()
def overdue(
    unit: UnitOpt = None,
    today: TodayOpt = None,
    plan: PlanOpt = None,
    output: ViewFormatOpt = ViewFormat.TABLE,
    fail: Annotated[
        bool, typer.Option("--fail", help="Thoát với mã 1 nếu có việc quá hạn (cho cron, CI).")
    ] = False,
) -> None:
    """Việc quá hạn, trễ lâu nhất trước."""

    def action() -> int:
        from tthc_plan.render_views import render_items  # noqa: PLC0415
        from tthc_plan.views import overdue_items  # noqa: PLC0415

        space = _workspace(plan, today)
        day = space.today
        chosen = space.unit_filter(unit) if unit else None
        items = overdue_items(space.items(today=day, unit=chosen))
        title = _("Việc quá hạn ngày {today}").format(today=format_date(day))
        typer.echo(render_items(items, day, output, title=title, grouped=False, overdue=True))
        return EXIT_PROBLEMS if fail and items else EXIT_OK

    _run(action)


@app.command()
def upcoming(
    within: WithinOpt = DEFAULT_WITHIN,
    unit: UnitOpt = None,
    today: TodayOpt = None,
    plan: PlanOpt = None,
    output: ViewFormatOpt = ViewFormat.TABLE,
) -> None:
    """Việc đến hạn và việc bắt đầu trong N ngày tới."""

    def action() -> int:
        from tthc_plan.render_views import render_upcoming  # noqa: PLC0415
        from tthc_plan.views import upcoming_items  # noqa: PLC0415

        space = _workspace(plan, today)
        day = space.today
        chosen = space.unit_filter(unit) if unit else None
        found = upcoming_items(
            space.items(today=day, within=within, unit=chosen), today=day, within=within
        )
        title = _("Trong {days} ngày tới, từ {today}").format(days=within, today=format_date(day))
        typer.echo(render_upcoming(found, day, within, output, title=title))
        return EXIT_OK

    _run(action)


@app.command()
def show(
    task_id: Annotated[str, typer.Argument(metavar="ID", help="Mã nhiệm vụ, ví dụ II.1.")],
    today: TodayOpt = None,
    within: WithinOpt = DEFAULT_WITHIN,
    plan: PlanOpt = None,
    output: ViewFormatOpt = ViewFormat.TABLE,
) -> None:
    """Một nhiệm vụ đầy đủ: nguyên văn, cách hiểu thời hạn, từng phần việc."""

    def action() -> int:
        from tthc_plan.render_views import render_task  # noqa: PLC0415
        from tthc_plan.schedule import build_items  # noqa: PLC0415
        from tthc_plan.views import sort_items  # noqa: PLC0415

        space = _workspace(plan, today)
        day = space.today
        view, task = space.task(task_id)
        loaded = view.plan
        progress = view.progress.index(as_of=day)
        items = build_items(
            loaded, view.registry, today=day, within=within, tasks=[task], progress=progress
        )
        typer.echo(render_task(loaded, task, sort_items(items), today=day, fmt=output))
        return EXIT_OK

    _run(action)


@app.command()
def units(
    today: TodayOpt = None,
    plan: PlanOpt = None,
    output: ViewFormatOpt = ViewFormat.TABLE,
) -> None:
    """Danh mục đơn vị, với số việc chủ trì, phối hợp và quá hạn của mỗi đơn vị."""

    def action() -> int:
        from tthc_plan.render_views import render_registry  # noqa: PLC0415
        from tthc_plan.views import registry_rows  # noqa: PLC0415

        space = _workspace(plan, today)
        day = space.today
        items = space.items(today=day)
        rows = [
            row
            for view in space.views
            for row in registry_rows(view.plan.plan.id, view.plan.units, items)
        ]
        typer.echo(render_registry(rows, day, output))
        return EXIT_OK

    _run(action)


@app.command()
def schema() -> None:
    """In JSON Schema của tệp kế hoạch (cho trình soạn thảo, check-jsonschema)."""

    def action() -> int:
        import json  # noqa: PLC0415

        from tthc_plan.model import plan_json_schema  # noqa: PLC0415

        typer.echo(json.dumps(plan_json_schema(), ensure_ascii=False, indent=2))
        return EXIT_OK

    _run(action)


@app.command()
def init(
    year: Annotated[int, typer.Option("--year", min=1990, max=2100, help="Năm của kế hoạch mới.")],
    unit: Annotated[
        str | None,
        typer.Option("--unit", "-u", help="Đơn vị ban hành (lấy từ danh mục của kế hoạch cũ)."),
    ] = None,
    source: Annotated[
        Path | None,
        typer.Option("--from", help="Kế hoạch lấy danh mục đơn vị (mặc định: kế hoạch mới nhất)."),
    ] = None,
    output: Annotated[
        Path | None, typer.Option("--output", "-o", help="Tệp mới (mặc định plans/<năm>.yaml).")
    ] = None,
) -> None:
    """Tạo tệp kế hoạch mới cho năm khác hoặc đơn vị khác, kèm ví dụ mọi cách ghi thời hạn."""

    def action() -> int:
        from tthc_plan.plans import create_plan  # noqa: PLC0415 - keep start-up light

        target = output or Path("plans") / f"{year}.yaml"
        created = create_plan(target, year=year, unit_name=unit, source=source)
        typer.echo(_("Đã tạo {path}. Kiểm tra: tthc validate {path}").format(path=created))
        return EXIT_OK

    _run(action)


@app.command("import")
def import_command(
    source: Annotated[Path, typer.Argument(help="Tệp .docx của kế hoạch, hoặc bản xuất văn bản.")],
    output: Annotated[
        Path | None,
        typer.Option("--output", "-o", help="Tệp kế hoạch mới (mặc định plans/<năm>.yaml)."),
    ] = None,
    units: Annotated[
        Path | None,
        typer.Option(
            "--units", help="Kế hoạch lấy danh mục đơn vị (mặc định: mới nhất trong plans/)."
        ),
    ] = None,
    year: Annotated[
        int | None, typer.Option("--year", help="Năm kế hoạch (mặc định: đọc từ văn bản).")
    ] = None,
    plan_id: Annotated[str | None, typer.Option("--id", help="Mã kế hoạch mới.")] = None,
    today: TodayOpt = None,
) -> None:
    """Nhập Phụ lục của một kế hoạch (Word hoặc văn bản) thành tệp kế hoạch YAML."""

    def action() -> int:
        from tthc_plan.plans import import_source  # noqa: PLC0415
        from tthc_plan.problems import Severity  # noqa: PLC0415
        from tthc_plan.render_problems import render_concise, render_summary  # noqa: PLC0415

        target = output or Path("plans") / f"{year or 'moi'}.yaml"
        day = _today(today, DEFAULT_TIMEZONE)
        path, new_units, unread, problems = import_source(
            source, target, units_from=units, year=year, plan_id=plan_id, today=day
        )
        typer.echo(_("Đã tạo {path}.").format(path=path))
        for name in new_units:
            typer.echo(_("Đơn vị mới, cần xem lại trong units: «{name}»").format(name=name))
        for task, message in unread:
            typer.echo(_("{id}: thời hạn chưa hiểu: {message}").format(id=task, message=message))
        for problem in problems:
            typer.echo(render_concise(problem))
        typer.echo(render_summary(problems, 1))
        errors = any(p.severity is Severity.ERROR for p in problems)
        return EXIT_PROBLEMS if errors else EXIT_OK

    _run(action)


RecordUnitOpt = Annotated[
    str | None,
    typer.Option(
        "--unit",
        "-u",
        help="Đơn vị hoặc nhóm (mặc định: mọi đơn vị chủ trì và phối hợp của nhiệm vụ).",
        show_default=False,
    ),
]
PeriodOpt = Annotated[
    str | None,
    typer.Option("--period", help="Kỳ của việc định kỳ, ví dụ 2024-Q1.", show_default=False),
]
DateOpt = Annotated[
    str | None,
    typer.Option(
        "--date", help="Ngày (YYYY-MM-DD hoặc DD/MM/YYYY); mặc định hôm nay.", show_default=False
    ),
]
RefOpt = Annotated[
    str | None,
    typer.Option(
        "--ref", help="Văn bản, ví dụ «Số 05/KH-UBND ngày 08/01/2024».", show_default=False
    ),
]
NoteOpt = Annotated[str | None, typer.Option("--note", help="Ghi chú.", show_default=False)]
DryRunOpt = Annotated[
    bool, typer.Option("--dry-run", help="Chỉ in ra phần sẽ thay đổi, không ghi gì.")
]
TaskArg = Annotated[str, typer.Argument(metavar="ID", help="Mã nhiệm vụ, ví dụ II.1.")]


def _record(
    event: str,
    task_id: str,
    *,
    unit: str | None,
    period: str | None,
    on: str | None,
    ref: str | None,
    note: str | None,
    today: str | None,
    plan: list[Path] | None,
    dry_run: bool,
) -> None:
    def action() -> int:
        from tthc_plan.edit import make_request, record  # noqa: PLC0415 - only writes need it
        from tthc_plan.model import ProgressEvent  # noqa: PLC0415
        from tthc_plan.render_views import render_changes  # noqa: PLC0415

        space = _workspace(plan, today)
        view, task = space.task(task_id)
        chosen = view.registry.resolve(unit) if unit else None
        day = _parse_day(on, "--date") if on else space.today
        request = make_request(
            view.plan,
            view.registry,
            task,
            unit=chosen,
            period=period,
            event=ProgressEvent(event),
            on=day,
            ref=ref,
            note=note,
        )
        changes = record(
            view.path, view.plan, view.registry, request, today=space.today, dry_run=dry_run
        )
        typer.echo(render_changes(request, changes, dry_run=dry_run))
        return EXIT_OK

    _run(action)


def _recorder(event: str, doc: str) -> Callable[..., None]:
    """Make the command for one kind of progress record; done, start and reopen share options."""

    def command(
        task_id: TaskArg,
        unit: RecordUnitOpt = None,
        period: PeriodOpt = None,
        on: DateOpt = None,
        ref: RefOpt = None,
        note: NoteOpt = None,
        today: TodayOpt = None,
        plan: PlanOpt = None,
        dry_run: DryRunOpt = False,
    ) -> None:
        _record(
            event,
            task_id,
            unit=unit,
            period=period,
            on=on,
            ref=ref,
            note=note,
            today=today,
            plan=plan,
            dry_run=dry_run,
        )

    command.__doc__ = doc
    return command


app.command("done")(
    _recorder(
        "done", "Ghi là đã xong (mặc định: mọi đơn vị của nhiệm vụ; --unit: một đơn vị, nhóm)."
    )
)
app.command("start")(_recorder("start", "Ghi là đã bắt đầu làm."))
app.command("reopen")(_recorder("reopen", "Rút lại việc đã ghi là xong (lịch sử vẫn giữ)."))


export_app = typer.Typer(
    help="Xuất ra lịch (ics), bảng Excel (xlsx), trang web (html), Markdown, CSV, JSON.",
    no_args_is_help=True,
)
app.add_typer(export_app, name="export")
OutputOpt = Annotated[
    Path | None,
    typer.Option(
        "--output", "-o", help="Tệp ghi ra (mặc định: in ra màn hình).", show_default=False
    ),
]


def _write_output(data: bytes, output: Path | None) -> None:
    if output is None:
        typer.echo(data.decode("utf-8"), nl=False)
        return
    try:
        output.write_bytes(data)
    except OSError as error:
        message = _("Không ghi được «{path}»: {reason}.")
        raise FileError(message.format(path=output, reason=error.strerror)) from None
    _echo_error(_("Đã ghi {path}").format(path=output))


def _parse_remind(value: str) -> int | None:
    text = value.strip().lower()
    if text in {"0", "none", "khong", "không"}:
        return None
    units = {"d": 1, "w": 7}
    if text[:-1].isdigit() and text[-1] in units:
        return int(text[:-1]) * units[text[-1]]
    if text.isdigit():
        return int(text)
    message = _("--remind «{value}» không hợp lệ: viết 3d (3 ngày), 1w (1 tuần) hoặc 0.")
    raise UsageError(message.format(value=value))


@export_app.command("ics")
def export_ics(
    unit: UnitOpt = None,
    remind: Annotated[
        str, typer.Option("--remind", help="Nhắc trước ngày cuối cùng: 3d, 1w, hoặc 0.")
    ] = "3d",
    pending: Annotated[bool, typer.Option("--pending", help="Bỏ các việc đã xong.")] = False,
    today: TodayOpt = None,
    plan: PlanOpt = None,
    output: OutputOpt = None,
) -> None:
    """Lịch các hạn chót (mỗi đơn vị, mỗi kỳ một sự kiện cả ngày), kèm lời nhắc."""

    def action() -> int:
        from tthc_plan.export.ics import build_calendar  # noqa: PLC0415 - icalendar is slow

        days = _parse_remind(remind)
        space = _workspace(plan, today)
        chosen = space.unit_filter(unit) if unit else None
        items = space.items(unit=chosen)
        title = space.views[0].plan.plan.title
        name = f"{title} — {chosen.name}" if chosen else title
        data = build_calendar(
            items, name=name, today=space.today, remind_days=days, pending=pending
        )
        _write_output(data, output)
        return EXIT_OK

    _run(action)


@export_app.command("xlsx")
def export_xlsx(
    unit: UnitOpt = None,
    today: TodayOpt = None,
    plan: PlanOpt = None,
    output: OutputOpt = None,
) -> None:
    """Bảng Excel: Phụ lục theo mẫu (tình trạng, hạn, số ngày trễ, minh chứng) và từng đơn vị."""

    def action() -> int:
        from tthc_plan.export.xlsx import build_workbook  # noqa: PLC0415 - openpyxl is slow

        space = _workspace(plan, today)
        view = space.single_view()
        chosen = space.unit_filter(unit) if unit else None
        items = [i for i in space.items(unit=chosen) if i.plan == view.plan.plan.id]
        target = output or Path(f"{view.plan.plan.id}.xlsx")
        _write_output(build_workbook(view.plan, items, today=space.today), target)
        return EXIT_OK

    _run(action)


@export_app.command("html")
def export_html(
    unit: UnitOpt = None,
    today: TodayOpt = None,
    plan: PlanOpt = None,
    output: OutputOpt = None,
) -> None:
    """Một trang HTML tự chứa (không cần mạng): tổng hợp theo đơn vị, việc quá hạn, tiến độ năm."""

    def action() -> int:
        from tthc_plan.export.html import build_page  # noqa: PLC0415

        space = _workspace(plan, today)
        view = space.single_view()
        chosen = space.unit_filter(unit) if unit else None
        items = [i for i in space.items(unit=chosen) if i.plan == view.plan.plan.id]
        page = build_page(view.plan, items, today=space.today)
        _write_output(page.encode("utf-8"), output)
        return EXIT_OK

    _run(action)


class AnnexFormat(StrEnum):
    """Formats of the whole-plan export."""

    MD = "md"
    CSV = "csv"
    JSON = "json"


def _export_annex(
    fmt: AnnexFormat, today: str | None, plan: list[Path] | None, output: Path | None
) -> None:
    def action() -> int:
        from tthc_plan.export.annex import annex_csv, annex_markdown, plan_json  # noqa: PLC0415

        space = _workspace(plan, today)
        view = space.single_view()
        items = [i for i in space.items() if i.plan == view.plan.plan.id]
        match fmt:
            case AnnexFormat.MD:
                text = annex_markdown(view.plan, items, today=space.today)
            case AnnexFormat.CSV:
                text = annex_csv(view.plan, items)
            case AnnexFormat.JSON:
                text = plan_json(view.plan, items, today=space.today)
        _write_output(text.encode("utf-8"), output)
        return EXIT_OK

    _run(action)


def _annex_command(fmt: AnnexFormat, doc: str) -> Callable[..., None]:
    def command(today: TodayOpt = None, plan: PlanOpt = None, output: OutputOpt = None) -> None:
        _export_annex(fmt, today, plan, output)

    command.__doc__ = doc
    return command


export_app.command("md")(
    _annex_command(
        AnnexFormat.MD, "Cả kế hoạch thành bảng Markdown theo mẫu Phụ lục (kèm tình trạng)."
    )
)
export_app.command("csv")(
    _annex_command(
        AnnexFormat.CSV, "Cả kế hoạch thành CSV theo mẫu Phụ lục (UTF-8 có BOM cho Excel)."
    )
)
export_app.command("json")(
    _annex_command(AnnexFormat.JSON, "Toàn bộ kế hoạch và tình trạng từng phần việc, dạng JSON.")
)


@app.command()
def targets(
    today: TodayOpt = None,
    plan: PlanOpt = None,
    output: ViewFormatOpt = ViewFormat.TABLE,
) -> None:
    """Các chỉ tiêu: yêu cầu đến hạn nào, số đo gần nhất, đạt, đúng tiến độ hay chậm."""

    def action() -> int:
        from tthc_plan.render_views import render_targets  # noqa: PLC0415
        from tthc_plan.targets import targets_status  # noqa: PLC0415

        space = _workspace(plan, today)
        view = space.single_view()
        statuses = targets_status(view.plan, view.progress.measurements, today=space.today)
        typer.echo(render_targets(statuses, space.today, output))
        return EXIT_OK

    _run(action)


target_app = typer.Typer(help="Ghi số đo của các chỉ tiêu.", no_args_is_help=True)
app.add_typer(target_app, name="target")


@target_app.command("record")
def target_record(
    target_id: Annotated[str, typer.Argument(metavar="ID", help="Mã chỉ tiêu, ví dụ truc-tuyen.")],
    value: Annotated[float, typer.Option("--value", help="Giá trị đo được.")],
    period: Annotated[str, typer.Option("--period", help="Kỳ đo: 2024, 2024-Q2, 2024-H1...")],
    on: DateOpt = None,
    ref: RefOpt = None,
    note: NoteOpt = None,
    today: TodayOpt = None,
    plan: PlanOpt = None,
    dry_run: DryRunOpt = False,
) -> None:
    """Ghi một số đo của chỉ tiêu (vào progress/<kế hoạch>/_targets.yaml)."""

    def action() -> int:
        from tthc_plan.edit import record_measurement  # noqa: PLC0415
        from tthc_plan.model import Measurement  # noqa: PLC0415

        space = _workspace(plan, today)
        view = space.single_view()
        if target_id not in {t.id for t in view.plan.targets}:
            known = ", ".join(t.id for t in view.plan.targets)
            message = _("Không có chỉ tiêu «{id}»; các chỉ tiêu: {known}.")
            raise UsageError(message.format(id=target_id, known=known))
        day = _parse_day(on, "--date") if on else space.today
        measurement = Measurement(
            target=target_id, period=period, value=value, date=day, ref=ref, note=note
        )
        change = record_measurement(
            view.path, view.plan, measurement, today=space.today, dry_run=dry_run
        )
        if dry_run:
            typer.echo(change.diff(), nl=False)
        else:
            typer.echo(_("Đã ghi {path}").format(path=change.path))
        return EXIT_OK

    _run(action)


class ReportFormat(StrEnum):
    """Formats of the periodic report."""

    DOCX = "docx"
    MD = "md"


@app.command()
def report(
    period: Annotated[
        str, typer.Option("--period", help="Kỳ báo cáo: 2024-Q1, 2024-H1, 2024-03, 2024.")
    ],
    unit: UnitOpt = None,
    today: TodayOpt = None,
    plan: PlanOpt = None,
    output: OutputOpt = None,
    fmt: Annotated[
        ReportFormat, typer.Option("--format", "-f", help="docx hoặc md.")
    ] = ReportFormat.DOCX,
) -> None:
    """Dự thảo báo cáo định kỳ (Word, Markdown): việc đến hạn trong kỳ, đúng hạn, trễ, quá hạn."""

    def action() -> int:
        from tthc_plan.export.report_doc import report_docx, report_markdown  # noqa: PLC0415
        from tthc_plan.report import build_report, reporting_period  # noqa: PLC0415

        space = _workspace(plan, today)
        view = space.single_view()
        window = reporting_period(period, view.plan.reporting.cutoff_day)
        chosen = space.unit_filter(unit) if unit else None
        items = [i for i in space.items(unit=chosen) if i.plan == view.plan.plan.id]
        data = build_report(view.plan, items, window, as_of=space.today)
        if fmt is ReportFormat.MD:
            _write_output(report_markdown(data).encode("utf-8"), output)
        else:
            target = output or Path(f"bao-cao-{window.label}.docx")
            _write_output(report_docx(data), target)
        return EXIT_OK

    _run(action)


def main() -> None:
    """Run the `tthc` command."""
    try:
        app()
    except KeyboardInterrupt:
        _echo_error(_("Đã dừng."))
        sys.exit(EXIT_INTERRUPTED)
