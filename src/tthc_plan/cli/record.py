"""Commands that write: done, start, reopen, target record."""

from __future__ import annotations

import math
from collections.abc import Callable
from pathlib import Path
from typing import Annotated

import typer
from msgspec.structs import replace

from tthc_plan.cli.common import (
    DateOpt,
    DryRunOpt,
    NoteOpt,
    PeriodOpt,
    PlanOpt,
    RecordUnitOpt,
    RefOpt,
    TaskArg,
    TodayOpt,
    app,
    catch_errors,
    plain_text,
)
from tthc_plan.cli.plain import echo_line, open_workspace, parse_day
from tthc_plan.errors import (
    EXIT_OK,
    UsageError,
)
from tthc_plan.i18n import _


@catch_errors
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
    every_lead: bool = False,
    correction: bool = False,
) -> int:
    from tthc_plan.core.model import ProgressEvent  # noqa: PLC0415
    from tthc_plan.output.records import render_changes  # noqa: PLC0415
    from tthc_plan.store.edit import make_request, record  # noqa: PLC0415 - only writes need it

    plain_text(ref, "--ref")
    plain_text(note, "--note", lines=True)
    if correction and event != "done":
        raise UsageError(_("--correct chỉ dùng với «tthc done»."))
    if every_lead and unit:
        raise UsageError(_("Chọn một trong hai: --unit (một đơn vị, nhóm) hoặc --all."))
    space = open_workspace(plan, today)
    view, task = space.task(task_id)
    chosen = view.registry.resolve(unit) if unit else None
    day = parse_day(on, "--date") if on else space.today
    request = make_request(
        view.checked,
        task,
        unit=chosen,
        period=period,
        event=ProgressEvent(event),
        on=day,
        ref=ref,
        note=note,
        every_lead=every_lead,
        correction=correction,
        today=space.today,
    )
    request = replace(request, named=space.qualified(view, task))
    recorded = record(view.path, view.checked, request, today=space.today, dry_run=dry_run)
    for warning in request.warnings:
        typer.echo(warning, err=True)
    typer.echo(render_changes(request, recorded, dry_run=dry_run))
    return EXIT_OK


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
        every_lead: Annotated[
            bool, typer.Option("--all", help=_("Ghi cho mọi đơn vị chủ trì (không gồm phối hợp)."))
        ] = False,
        correction: Annotated[
            bool,
            typer.Option(
                "--correct", help=_("Chỉ với done: ghi một lần đính chính thay cho lần đã ghi.")
            ),
        ] = False,
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
            every_lead=every_lead,
            correction=correction,
        )

    command.__doc__ = doc
    return command


app.command("done")(
    _recorder(
        "done",
        _(
            "Ghi là đã xong (mặc định: đơn vị chủ trì duy nhất; --unit: một đơn vị, nhóm; "
            "--all: mọi đơn vị chủ trì)."
        ),
    )
)
app.command("start")(_recorder("start", _("Ghi là đã bắt đầu làm.")))
app.command("reopen")(_recorder("reopen", _("Rút lại việc đã ghi là xong (lịch sử vẫn giữ).")))


target_app = typer.Typer(help=_("Ghi số đo của các chỉ tiêu."), no_args_is_help=True)
app.add_typer(target_app, name="target")


@target_app.command(
    "record", help=_("Ghi một số đo của chỉ tiêu (vào progress/<kế hoạch>/_targets.yaml).")
)
@catch_errors
def target_record(
    target_id: Annotated[
        str, typer.Argument(metavar="ID", help=_("Mã chỉ tiêu, ví dụ truc-tuyen."))
    ],
    value: Annotated[float, typer.Option("--value", help=_("Giá trị đo được."))],
    period: Annotated[str, typer.Option("--period", help=_("Kỳ đo: 2024, 2024-Q2, 2024-H1..."))],
    on: DateOpt = None,
    ref: RefOpt = None,
    note: NoteOpt = None,
    today: TodayOpt = None,
    plan: PlanOpt = None,
    dry_run: DryRunOpt = False,
) -> int:
    plain_text(ref, "--ref")
    plain_text(note, "--note", lines=True)
    from tthc_plan.core.model import Measurement  # noqa: PLC0415
    from tthc_plan.core.timeframe.period import label_problem  # noqa: PLC0415
    from tthc_plan.output.records import change_diff  # noqa: PLC0415
    from tthc_plan.store.edit import record_measurement  # noqa: PLC0415

    if not math.isfinite(value):
        message = _("--value {value} không phải là một số có thật: ghi một số, ví dụ 85.")
        raise UsageError(message.format(value=value))
    if (wrong := label_problem(period)) is not None:
        raise UsageError(str(wrong))
    space = open_workspace(plan, today)
    view = space.single_view()
    if target_id not in {t.id for t in view.plan.targets}:
        known = ", ".join(t.id for t in view.plan.targets)
        message = _("Không có chỉ tiêu «{id}»; các chỉ tiêu: {known}.")
        raise UsageError(message.format(id=target_id, known=known))
    day = parse_day(on, "--date") if on else space.today
    measurement = Measurement(
        target=target_id, period=period, value=value, date=day, ref=ref, note=note
    )
    change = record_measurement(
        view.path, view.plan, measurement, today=space.today, dry_run=dry_run
    )
    if dry_run:
        typer.echo(change_diff(change), nl=False)
    else:
        echo_line(_("Đã ghi {path}").format(path=change.path))
    return EXIT_OK


@app.command(help=_("Đóng một kế hoạch đã xong năm: màn hình theo dõi và thư nhắc bỏ qua nó."))
@catch_errors
def close(
    plan_id: Annotated[str, typer.Argument(help=_("Mã kế hoạch (plan.id)."), show_default=False)],
    on: DateOpt = None,
    note: NoteOpt = None,
    today: TodayOpt = None,
    plan: PlanOpt = None,
    dry_run: DryRunOpt = False,
) -> int:
    plain_text(note, "--note", lines=True)
    from tthc_plan.core.dates import format_date  # noqa: PLC0415
    from tthc_plan.store.closing import close_plan  # noqa: PLC0415 - only writes need it

    space = open_workspace(plan, today, plan_id)
    view = space.single_view()
    day = parse_day(on, "--date") if on else space.today
    added = close_plan(view.path, view.checked, day, note, dry_run=dry_run)
    echo_line(added)
    if dry_run:
        echo_line(_("(--dry-run: chưa ghi gì)"))
    else:
        message = _("Đã đóng kế hoạch {id} từ ngày {date} trong «{path}»; xem lại: --all-plans.")
        echo_line(message.format(id=plan_id, date=format_date(day), path=view.path))
    return EXIT_OK
