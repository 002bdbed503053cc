"""Every number, date and period a user gives has a range, and the error names it.

Values once reached the date arithmetic unchecked and ended in a traceback:
`upcoming --within 99999999`, `report --period 9999-Q4` (also `0001`,
`0000-03`), `--today 9999-12-31`, `export ics --remind 999999999999999999d`,
and `import` of a document whose title says "năm 0001" wrote a plan of the
year 1 (its decision dated 0001-01-08 then broke `done`). Each is now refused
with its range: days ahead 0-3660 (`MAX_WITHIN`), a plan's years 1990-2100
(`PLAN_YEARS`, also a period's year), any date 1900-2200 (`DATE_YEARS`: on
the command line, in a plan, a progress file, a document's heading or
reference), an alarm 0-366 days before a deadline.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import click
import docx
import pytest
import typer

from tests.conftest import PLAN_2024, SOURCE, TthcRunner
from tests.fresh_process import PROGRESS, plan_folder, snapshot
from tests.in_process import tthc
from tthc_plan.cli import app
from tthc_plan.core import DATE_YEARS, MAX_WITHIN, PLAN_YEARS

TODAY = ("--today", "2024-06-01")


def _refused(folder: Path, *args: str, message: str, code: int = 2) -> None:
    """tthc exits `code` with the one-line `message`, and writes nothing."""
    before = snapshot(folder)
    done = tthc(folder, *args)
    assert done.returncode == code, done.stderr
    assert done.stderr.splitlines()[-1] == message
    assert "Traceback" not in done.stderr
    assert snapshot(folder) == before


@pytest.mark.parametrize("command", ["upcoming", "status", "show II.1", "remind"])
def test_days_ahead_are_at_most_ten_years(tmp_path: Path, command: str) -> None:
    _refused(
        plan_folder(tmp_path),
        *command.split(),
        "--within",
        "99999999",
        *TODAY,
        message="Lỗi: Giá trị của '--within' không hợp lệ: 99999999 nằm ngoài khoảng cho phép "
        f"0<=x<={MAX_WITHIN}.",
    )


@pytest.mark.parametrize(("period", "year"), [("9999-Q4", 9999), ("0001", 1), ("0000-03", 0)])
def test_a_report_period_is_of_a_plan_year(tmp_path: Path, period: str, year: int) -> None:
    _refused(
        plan_folder(tmp_path),
        "report",
        "--period",
        period,
        *TODAY,
        message=f"Lỗi: Kỳ «{period}» có năm {year}, ngoài các năm 1990–2100 của một kế hoạch.",
    )


def test_a_report_of_the_last_plan_year_still_names_its_next_period(tmp_path: Path) -> None:
    folder = plan_folder(tmp_path)
    done = tthc(folder, "report", "--period", "2100-Q4", "-f", "md", *TODAY)
    assert done.returncode == 0, done.stderr
    assert "NHIỆM VỤ TRỌNG TÂM QUÝ I NĂM 2101" in done.stdout


@pytest.mark.parametrize(
    ("args", "option", "value"),
    [
        (("upcoming", "--today", "9999-12-31"), "--today, TTHC_TODAY", "9999-12-31"),
        (("overdue", "--today", "01/01/0001"), "--today, TTHC_TODAY", "01/01/0001"),
        (("status", "--today", "1899-12-31"), "--today, TTHC_TODAY", "1899-12-31"),
        (("done", "II.1", "--unit", "xa-nhan-co", "--date", "2201-01-01", *TODAY), "--date",
         "2201-01-01"),
        (("remind", "--by", "9999-12-31", *TODAY), "--by", "9999-12-31"),
        (("target", "record", "so-hoa-100", "--value", "50", "--period", "2024",
          "--date", "0001-01-01", *TODAY), "--date", "0001-01-01"),
        (("close", "dak-rlap-kstthc-2024", "--date", "0001-01-01", *TODAY), "--date",
         "0001-01-01"),
    ],
)  # fmt: skip
def test_a_date_option_is_within_the_years_of_dates(
    tmp_path: Path, args: tuple[str, ...], option: str, value: str
) -> None:
    _refused(
        plan_folder(tmp_path),
        *args,
        message=f"Lỗi: Ngày «{value}» ({option}) ngoài các năm "
        f"{DATE_YEARS[0]}–{DATE_YEARS[1]}: kiểm tra lại năm.",
    )


def test_today_from_the_environment_is_within_the_years_of_dates(tmp_path: Path) -> None:
    folder = plan_folder(tmp_path)
    done = tthc(folder, "overdue", env={"TTHC_TODAY": "9999-12-31"})
    assert done.returncode == 2
    assert done.stderr == (
        "Lỗi: Ngày «9999-12-31» (--today, TTHC_TODAY) ngoài các năm 1900–2200: kiểm tra lại năm.\n"
    )


@pytest.mark.parametrize(
    ("remind", "message"),
    [
        (
            "999999999999999999d",
            "ngoài khoảng 0–366 ngày: nhắc trước ngày cuối cùng nhiều nhất 366 ngày (52w).",
        ),
        ("53w", "ngoài khoảng 0–366 ngày: nhắc trước ngày cuối cùng nhiều nhất 366 ngày (52w)."),
        ("²d", "không hợp lệ: viết 3d (3 ngày), 1w (1 tuần) hoặc 0."),
    ],
)
def test_a_calendar_alarm_is_at_most_a_year_early(
    tmp_path: Path, remind: str, message: str
) -> None:
    _refused(
        plan_folder(tmp_path),
        "export", "ics", "--remind", remind, "-o", "lich.ics", *TODAY,
        message=f"Lỗi: --remind «{remind}» {message}",
    )  # fmt: skip


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("--value", "nan", "--period", "2024"),
         "Lỗi: --value nan không phải là một số có thật: ghi một số, ví dụ 85."),
        (("--value", "inf", "--period", "2024"),
         "Lỗi: --value inf không phải là một số có thật: ghi một số, ví dụ 85."),
        (("--value", "50", "--period", "9999-Q4"),
         "Lỗi: Kỳ «9999-Q4» có năm 9999, ngoài các năm 1990–2100 của một kế hoạch."),
        (("--value", "50", "--period", "0000"),
         "Lỗi: Kỳ «0000» có năm 0, ngoài các năm 1990–2100 của một kế hoạch."),
    ],
)  # fmt: skip
def test_a_measured_value_is_a_number_of_a_plan_period(
    tmp_path: Path, args: tuple[str, ...], message: str
) -> None:
    _refused(
        plan_folder(tmp_path), "target", "record", "so-hoa-100", *args, *TODAY, message=message
    )


def test_a_measured_value_out_of_its_unit_names_the_file_it_would_go_to(tmp_path: Path) -> None:
    """The range of a value is its target's unit; the problem is said of the real file,
    not of the scratch copy checked (once a temporary folder's name)."""
    folder = plan_folder(tmp_path)
    plan = snapshot(folder)
    done = tthc(folder, "target", "record", "so-hoa-100", "--value", "500", "--period", "2024",
                *TODAY)  # fmt: skip
    assert done.returncode == 1
    assert done.stderr == (
        "Lỗi: Không ghi vì kết quả sẽ có lỗi:\n"
        f"{(PROGRESS / '_targets.yaml').as_posix()}:5:10: VALUE_OUT_OF_RANGE Giá trị 500 của "
        "chỉ tiêu «so-hoa-100» phải từ 0 đến 100.\n"
    )
    assert not (folder / PROGRESS / "_targets.yaml").exists()
    assert {name: snapshot(folder)[name] for name in plan} == plan


def _title_text(folder: Path, year: str) -> str:
    text = SOURCE.read_text(encoding="utf-8").replace("năm 2024", f"năm {year}")
    (folder / "ke-hoach.txt").write_text(text, encoding="utf-8")
    return "ke-hoach.txt"


def _title_word(folder: Path, year: str) -> str:
    document = docx.Document()
    heading = document.add_table(rows=2, cols=2)
    heading.cell(0, 0).text = "ỦY BAN NHÂN DÂN\nTỈNH QUẢNG NGÃI"
    heading.cell(0, 1).text = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc"
    heading.cell(1, 0).text = "Số: 31/KH-UBND"
    heading.cell(1, 1).text = "Quảng Ngãi, ngày 08 tháng 01 năm 2026"
    for line in ("KẾ HOẠCH", f"Kiểm soát thủ tục hành chính năm {year}", "II. NHIỆM VỤ CỤ THỂ",
                 "1. Tập huấn nghiệp vụ", "Đơn vị chủ trì: Sở Tư pháp",
                 "Thời hạn hoàn thành: Quý III/2026"):  # fmt: skip
        document.add_paragraph(line)
    document.save(str(folder / "ke-hoach.docx"))
    return "ke-hoach.docx"


@pytest.mark.parametrize("make", [_title_text, _title_word], ids=["text", "word"])
@pytest.mark.parametrize(("written", "year"), [("0001", 1), ("9999", 9999), ("1989", 1989)])
def test_an_import_refuses_a_title_year_outside_a_plan_s_years(
    tmp_path: Path, make: Callable[[Path, str], str], written: str, year: int
) -> None:
    folder = plan_folder(tmp_path)
    source = make(folder, written)
    _refused(
        folder,
        "import", source, "--today", "2026-02-10",
        message=f"Lỗi: Tên kế hoạch trong «{source}» ghi năm {year}, ngoài các năm 1990–2100 "
        "của một kế hoạch: ghi năm đúng bằng --year, ví dụ --year 2026.",
    )  # fmt: skip
    assert not (folder / "plans" / "moi.yaml").exists()


def test_an_import_given_the_year_reads_the_rest(tmp_path: Path) -> None:
    """--year wins over the title."""
    folder = plan_folder(tmp_path)
    _title_word(folder, "0001")
    done = tthc(folder, "import", "ke-hoach.docx", "--year", "2026", "--today", "2026-02-10")
    assert done.returncode == 0, done.stderr
    assert done.stdout.splitlines()[0] == "Đã tạo plans/2026.yaml."
    assert "  year: 2026\n" in (folder / "plans" / "2026.yaml").read_text(encoding="utf-8")


def test_a_heading_dated_in_year_one_is_left_blank(tmp_path: Path) -> None:
    folder = plan_folder(tmp_path)
    _title_word(folder, "2026")
    path = folder / "ke-hoach.docx"
    document = docx.Document(str(path))
    document.tables[0].cell(1, 1).text = "Quảng Ngãi, ngày 08 tháng 01 năm 0001"
    document.save(str(path))
    done = tthc(folder, "import", "ke-hoach.docx", "--today", "2026-02-10")
    assert done.returncode == 0, done.stderr
    text = (folder / "plans" / "moi.yaml").read_text(encoding="utf-8")
    assert "    date: null  # không đọc được trong văn bản: điền theo bản gốc\n" in text


def test_a_plan_decided_in_year_one_is_refused_where_it_says_so(tmp_path: Path) -> None:
    """The decision's date was subtracted from ("a record a year before the plan")."""
    text = PLAN_2024.read_text(encoding="utf-8")
    assert text.count("    date: 2023-12-29\n") == 1
    text = text.replace("    date: 2023-12-29\n", "    date: 0001-12-29\n")
    folder = plan_folder(tmp_path, text)
    line = text.splitlines().index("    date: 0001-12-29") + 1
    done = tthc(folder, "validate", "-f", "concise")
    assert done.returncode == 1
    assert done.stdout.splitlines()[0] == (
        f"plans/2024.yaml:{line}:11: error INVALID_VALUE «0001-12-29» ngoài các năm 1900–2200: "
        "kiểm tra lại năm."
    )
    _refused(
        folder,
        "done", "II.1", "--unit", "xa-nhan-co", "--date", "2024-01-08", *TODAY,
        message=f"Lỗi: Tệp kế hoạch có 1 lỗi, ví dụ plans/2024.yaml:{line}:11: «0001-12-29» "
        "ngoài các năm 1900–2200: kiểm tra lại năm. Chạy «tthc validate plans/2024.yaml».",
        code=1,
    )  # fmt: skip


def test_a_progress_record_of_year_one_is_refused_where_it_says_so(tmp_path: Path) -> None:
    folder = plan_folder(tmp_path)
    (folder / PROGRESS).mkdir(parents=True)
    (folder / PROGRESS / "xa-nhan-co.yaml").write_text(
        "- task: II.1\n  event: done\n  date: 0001-01-08\n", encoding="utf-8"
    )
    (folder / PROGRESS / "xa-quang-tin.yaml").write_text(
        "- task: II.1\n  event: done\n  date: 2024-01-08\n  ref: Số 05/KH-UBND ngày 08/01/0001\n",
        encoding="utf-8",
    )
    before = snapshot(folder)
    done = tthc(folder, "validate", "-f", "concise", *TODAY)
    assert done.returncode == 1
    where = PROGRESS.as_posix()
    assert done.stdout.splitlines()[:2] == [
        f"{where}/xa-nhan-co.yaml:3:9: error INVALID_VALUE «0001-01-08» ngoài các năm "
        "1900–2200: kiểm tra lại năm.",
        f"{where}/xa-quang-tin.yaml:4:8: error INVALID_VALUE Văn bản «Số 05/KH-UBND ngày "
        "08/01/0001» ghi ngày «08/01/0001», ngoài các năm 1900–2200.",
    ]
    assert snapshot(folder) == before


def _value_options() -> list[tuple[str, str, click.Parameter]]:
    """Every option of every command that takes a number, a date or a period."""
    found = []

    def walk(group: click.Group, prefix: str) -> None:
        for name, command in sorted(group.commands.items()):
            if isinstance(command, click.Group):
                walk(command, f"{prefix}{name} ")
                continue
            for param in command.params:
                takes = isinstance(
                    param.type, click.types.IntParamType | click.types.FloatParamType
                )
                named = param.name in {"today", "on", "by", "period", "remind", "within", "year"}
                if takes or (named and isinstance(param, click.Option)):
                    found.append((f"{prefix}{name}", param.opts[0], param))

    command = typer.main.get_command(app)
    assert isinstance(command, click.Group)
    walk(command, "")
    return found


def test_every_number_option_has_both_ends() -> None:
    numbers = [(c, o, p) for c, o, p in _value_options() if isinstance(p.type, click.IntRange)]
    assert {o for _, o, _ in numbers} == {"--within", "--year"}
    for command, option, param in numbers:
        assert isinstance(param.type, click.IntRange)
        assert (param.type.min, param.type.max) in {(0, MAX_WITHIN), PLAN_YEARS}, (command, option)
    floats = [
        (c, o) for c, o, p in _value_options() if isinstance(p.type, click.types.FloatParamType)
    ]
    assert floats == [("target record", "--value")]  # its range: the target's unit


_TOO_FAR = {
    "--today": "9999-12-31",
    "--date": "0001-01-01",
    "--by": "9999-12-31",
    "--period": "9999-Q4",
    "--remind": "99999999999999999999d",
    "--within": "99999999999999999999",
    "--year": "99999999999999999999",
    "--value": "nan",
}
_ARGUMENTS = {
    "close": ["dak-rlap-kstthc-2024"],
    "done": ["XI.1", "--unit", "xa-nhan-co"],
    "reopen": ["XI.1", "--unit", "xa-nhan-co"],
    "start": ["XI.1", "--unit", "xa-nhan-co"],
    "show": ["XI.1"],
    "target record": ["so-hoa-100", "--value", "50", "--period", "2024"],
    "timeframe": ["Quý I"],
    "import": [str(SOURCE), "-o", "plans/moi.yaml"],
    "intake": [str(SOURCE)],
    "report": ["--period", "2024-Q1"],
}


_TAKES = [(c, o) for c, o, _ in _value_options()]


@pytest.mark.parametrize(("command", "option"), _TAKES, ids=[f"{c} {o}" for c, o in _TAKES])
def test_every_value_option_refuses_what_is_out_of_its_range(
    plan_copy: Path, command: str, option: str
) -> None:
    """Each option of each command, given a value far out of its range: exit 2, a message
    naming the option or the range, no exception, nothing written."""
    before = snapshot(plan_copy)
    args = [*command.split(), *_ARGUMENTS.get(command, []), option, _TOO_FAR[option]]
    if option != "--today" and (command, "--today") in _TAKES:
        args += ["--today", "2024-06-01"]
    result = TthcRunner().invoke(app, args)  # as `tthc` runs it, each command built once
    assert result.exception is None or isinstance(result.exception, SystemExit), args
    assert result.exit_code == 2, (args, result.output)
    words = result.stderr.splitlines()[-1]
    assert option in words or "kỳ «9999-q4»" in words.casefold(), (args, words)
    assert snapshot(plan_copy) == before
