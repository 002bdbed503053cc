"""`tthc intake`: record progress from the documents units send (.docx, PDF)."""

from __future__ import annotations

from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer

from tthc_plan.cli.common import DryRunOpt, PlanIdOpt, PlanOpt, TodayOpt, app, catch_errors
from tthc_plan.cli.plain import echo_line, open_workspace
from tthc_plan.errors import EXIT_OK, EXIT_PROBLEMS
from tthc_plan.i18n import _


class IntakeFormat(StrEnum):
    """Output formats of `tthc intake`."""

    TABLE = "table"
    JSON = "json"


@app.command(
    help=_(
        "Đọc văn bản đơn vị gửi (.docx, PDF có chữ), tìm nhiệm vụ, kỳ và ghi là đã xong "
        "(như tthc done). Văn bản chưa rõ được liệt kê, không ghi. Mã thoát 1 nếu có tệp "
        "cần người xem."
    )
)
@catch_errors
def intake(
    paths: Annotated[
        list[Path],
        typer.Argument(metavar="TỆP|THƯ_MỤC...", help=_("Tệp văn bản, hoặc thư mục chứa chúng.")),
    ],
    dry_run: DryRunOpt = False,
    output: Annotated[
        IntakeFormat, typer.Option("--format", "-f", help=_("Dạng kết quả: table, json."))
    ] = IntakeFormat.TABLE,
    today: TodayOpt = None,
    plan: PlanOpt = None,
    plan_id: PlanIdOpt = None,
) -> int:
    from tthc_plan.output.intake import outcomes_json, render_outcomes  # noqa: PLC0415
    from tthc_plan.store.intake import documents_in, take_in  # noqa: PLC0415 - only intake

    space = open_workspace(plan, today, plan_id)
    view = space.single_view()
    outcomes = take_in(documents_in(paths), view, today=space.today, dry_run=dry_run)
    if output is IntakeFormat.JSON:
        echo_line(outcomes_json(outcomes))
    else:
        echo_line(render_outcomes(outcomes))
    settled = {"recorded", "would_record", "already_recorded"}
    return EXIT_OK if all(o.status in settled for o in outcomes) else EXIT_PROBLEMS
