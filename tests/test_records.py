"""Records that cannot drift: no second completion, no impossible or far-off date, no 145%."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.conftest import PlanCopy, invoke, tthc

PROGRESS = Path("plans") / "progress" / "dak-rlap-kstthc-2024"
OFFICE_FILE = PROGRESS / "vp-hdnd-ubnd.yaml"
XI2_Q1 = ("done", "XI.2", "--period", "2024-Q1")


def _record_xi2_on_time() -> bytes:
    code, _out, err = invoke(*XI2_Q1, "--date", "18/03/2024", "--today", "2024-03-18")
    assert code == 0, err
    return OFFICE_FILE.read_bytes()


def test_a_second_done_is_refused_and_the_file_is_unchanged(plan_copy: Path) -> None:
    before = _record_xi2_on_time()
    code, _out, err = invoke(*XI2_Q1, "--date", "18/03/2024", "--today", "2024-03-20")
    assert code == 1
    assert err == (
        "Lỗi: XI.2 (2024-Q1) đã được ghi là xong cho «Văn phòng HĐND và UBND huyện» ngày "
        "18/03/2024; không ghi thêm lần nữa. Nếu lần ghi đó sai: chạy «tthc reopen XI.2 "
        '--period 2024-Q1 --unit "Văn phòng HĐND và UBND huyện"» rồi ghi lại, hoặc thêm '
        "--correct để ghi một lần đính chính thay cho lần trước.\n"
    )
    assert OFFICE_FILE.read_bytes() == before


def test_a_later_date_cannot_turn_an_on_time_item_late(plan_copy: Path) -> None:
    before = _record_xi2_on_time()
    code, _out, err = invoke(*XI2_Q1, "--date", "25/03/2024", "--today", "2024-03-25")
    assert code == 1
    assert "đã được ghi là xong" in err
    assert OFFICE_FILE.read_bytes() == before
    overdue = invoke("overdue", "--today", "2024-03-25", "--format", "json")[1]
    assert [i for i in json.loads(overdue)["items"] if i["task"] == "XI.2"] == []


def test_correct_records_a_correction_that_show_displays(plan_copy: Path) -> None:
    before = _record_xi2_on_time()
    code, _out, err = invoke(*XI2_Q1, "--date", "20/03/2024", "--today", "2024-03-25", "--correct")
    assert code == 0, err
    assert OFFICE_FILE.read_bytes() == before + (
        b"- task: XI.2\n  event: done\n  date: 2024-03-20\n  period: 2024-Q1\n  correction: true\n"
    )
    shown = json.loads(invoke("show", "XI.2", "--today", "2024-03-25", "--format", "json")[1])
    office = next(i for i in shown["items"] if i["period"] == "2024-Q1" and i["role"] == "lead")
    assert office["done"]["date"] == "2024-03-20"
    assert office["done"]["correction"] is True
    assert office["days_late"] == 1
    table = invoke("show", "XI.2", "--today", "2024-03-25")[1]
    assert "trễ 1 ngày, đã đính chính" in table
    check = invoke("validate", "-f", "concise", "plans/")[1]
    assert check.splitlines()[-1] == "Đã kiểm tra 1 tệp: 0 lỗi, 0 cảnh báo."


def test_validate_warns_of_a_completion_written_twice_by_hand(plan_copy: Path) -> None:
    _record_xi2_on_time()
    with OFFICE_FILE.open("a", encoding="utf-8") as log:
        log.write("- task: XI.2\n  period: 2024-Q1\n  date: 2024-03-19\n")
    code, out, _err = invoke("validate", "-f", "concise", "plans/")
    assert code == 0
    assert out.splitlines() == [
        f"{OFFICE_FILE.as_posix()}:9:3: warning DUPLICATE_RECORD XI.2 (2024-Q1) đã được ghi là "
        "xong ở một mục trước; mục này ghi thêm lần nữa.",
        "Đã kiểm tra 1 tệp: 0 lỗi, 1 cảnh báo.",
    ]


def test_reopen_then_done_is_the_way_to_change_a_date(plan_copy: Path) -> None:
    _record_xi2_on_time()
    assert invoke("reopen", *XI2_Q1[1:], "--date", "25/03/2024", "--today", "2024-03-25")[0] == 0
    assert invoke(*XI2_Q1, "--date", "25/03/2024", "--today", "2024-03-25")[0] == 0
    overdue = json.loads(invoke("show", "XI.2", "--today", "2024-03-26", "--format", "json")[1])
    office = next(i for i in overdue["items"] if i["period"] == "2024-Q1" and i["role"] == "lead")
    assert (office["state"], office["days_late"]) == ("done", 6)


def test_dates_that_cannot_be_right_are_refused(plan_copy: Path) -> None:
    code, _out, err = invoke("done", "II.2", "--date", "31/04/2024", "--today", "2024-05-01")
    assert (code, err) == (
        2,
        "Lỗi: Ngày «31/04/2024» (--date) không có thật trên lịch.\n",
    )
    code, _out, err = invoke("done", "II.2", "--date", "14/01/2022", "--today", "2024-05-01")
    assert (code, err) == (
        2,
        "Lỗi: Ngày 14/01/2022 sớm hơn ngày ban hành kế hoạch (29/12/2023) hơn một năm: "
        "kiểm tra lại năm của --date.\n",
    )
    code, _out, err = invoke("done", "II.2", "--date", "02/05/2024", "--today", "2024-05-01")
    assert (code, err) == (
        2,
        "Lỗi: Ngày 02/05/2024 còn ở tương lai (hôm nay 01/05/2024): kiểm tra lại --date.\n",
    )
    code, _out, err = invoke("done", "II.2", "--date", "13/13/2024", "--today", "2024-05-01")
    assert (code, err) == (2, "Lỗi: Ngày «13/13/2024» (--date) không có thật trên lịch.\n")
    assert not PROGRESS.exists() or list(PROGRESS.glob("*.yaml")) == []


def test_the_progress_checker_says_a_day_does_not_exist(plan_copy: Path) -> None:
    PROGRESS.mkdir(parents=True)
    OFFICE_FILE.write_text("- task: II.2\n  date: 2024-04-31\n", encoding="utf-8")
    out = invoke("validate", "-f", "concise", "plans/")[1]
    assert out.splitlines()[0] == (
        f"{OFFICE_FILE.as_posix()}:2:9: error INVALID_VALUE «2024-04-31» không phải là một "
        "ngày có thật."
    )


def test_a_percentage_above_100_is_refused_by_record_and_by_validate(plan_copy: Path) -> None:
    args = ("target", "record", "truc-tuyen", "--period", "2024", "--today", "2024-12-31")
    code, _out, err = invoke(*args, "--value", "145")
    assert code == 1
    assert err.endswith(
        "VALUE_OUT_OF_RANGE Giá trị 145 của chỉ tiêu «truc-tuyen» phải từ 0 đến 100.\n"
    )
    assert not (PROGRESS / "_targets.yaml").exists()
    assert invoke(*args, "--value", "100")[0] == 0
    targets = PROGRESS / "_targets.yaml"
    targets.write_text(
        targets.read_text(encoding="utf-8").replace("value: 100", "value: 145"), encoding="utf-8"
    )
    out = invoke("validate", "-f", "concise", "plans/")[1]
    assert "VALUE_OUT_OF_RANGE Giá trị 145 của chỉ tiêu «truc-tuyen» phải từ 0 đến 100." in out


def test_a_duplicate_written_by_hand_does_not_replace_the_first_record(plan_copy: Path) -> None:
    _record_xi2_on_time()
    with OFFICE_FILE.open("a", encoding="utf-8") as log:
        log.write("- task: XI.2\n  period: 2024-Q1\n  date: 2024-03-25\n")
    shown = json.loads(invoke("show", "XI.2", "--today", "2024-03-26", "--format", "json")[1])
    office = next(i for i in shown["items"] if i["period"] == "2024-Q1" and i["role"] == "lead")
    assert (office["done"]["date"], office["days_late"]) == ("2024-03-18", 0)


def test_a_group_records_for_its_members_not_done_yet_and_names_the_others(
    plan_copy: Path,
) -> None:
    day = ("--date", "08/01/2024", "--today", "2024-01-12")
    assert invoke("done", "II.1", "--unit", "Xã Nhân Cơ", *day)[0] == 0
    code, out, err = invoke("done", "II.1", "--unit", "UBND các xã, thị trấn", *day)
    assert code == 0, err
    assert out.splitlines()[0] == "Đã ghi II.1 «xong» ngày 08/01/2024 cho 10 đơn vị:"
    assert out.splitlines()[-1] == "Bỏ qua 1 đơn vị đã ghi xong từ trước: «Xã Nhân Cơ»."
    code, _out, err = invoke("done", "II.1", "--unit", "UBND các xã, thị trấn", *day)
    assert code == 1  # every member done already
    assert err.startswith("Lỗi: II.1 đã được ghi là xong cho «Thị trấn Kiến Đức» ngày 08/01/2024")
    code, _out, err = invoke("done", "II.4", "--unit", "nhan co", *day, "--correct")
    assert (code, err) == (
        2,
        "Lỗi: --correct chỉ dùng cho việc đã ghi xong; chưa ghi xong: «Xã Nhân Cơ».\n",
    )


def test_a_correction_must_replace_one_deadline(plan_copy: Path) -> None:
    plan = plan_copy / "plans" / "2024.yaml"
    text = plan.read_text(encoding="utf-8")
    start = text.index("      - id: XI.1")
    at = text.index("        timeframe:", start)
    line_end = text.index("\n", at) + 1
    text = (
        text[:line_end]
        + "        correction:\n          due: 2024-03-20\n          note: thử\n          by: thử\n"
        + text[line_end:]
    )
    plan.write_text(text, encoding="utf-8")
    out = invoke("validate", "-f", "concise", "plans/")[1].splitlines()
    assert [line.split(" ", 3)[1:3] for line in out[:-1]] == [["error", "INVALID_CORRECTION"]]


def test_the_web_page_counts_what_was_asked_for(plan_copy: Path) -> None:
    invoke("done", "XI.2", "--unit", "Xã Nhân Cơ", "--period", "2024-Q1",
           "--date", "10/03/2024", "--today", "2024-03-18")  # fmt: skip
    page = invoke("export", "html", "--role", "support", "--today", "2024-03-25")[1]
    assert (
        '<li data-state="done"><span class="state" style="color:#1e8449">✓ Đã xong</span>: <b>1</b>'
        in page
    )
    assert "Việc quá hạn (0)" in page


def test_a_line_break_in_a_unit_name_cannot_forge_a_record(plan_copy_with: PlanCopy) -> None:
    plans = plan_copy_with(today="2024-01-12")
    plan = plans / "plans" / "2024.yaml"
    text = plan.read_text(encoding="utf-8").replace(
        "    name: Xã Nhân Cơ\n",
        '    name: "Xã Nhân Cơ\\n- task: II.1\\n  event: done\\n  date: 2024-01-08"\n',
        1,
    )
    plan.write_text(text, encoding="utf-8")
    done = tthc("validate", "-f", "concise", "plans/")
    assert done.exit_code == 1
    assert done.stdout.splitlines()[0].endswith(
        "error INVALID_VALUE Có ký tự điều khiển U+000A (xuống dòng) trong một trường chỉ ghi "
        "một dòng."
    )
    start = tthc("start", "II.3", "--unit", "nhan co", "--date", "2024-01-10")
    assert start.exit_code == 1
    assert not (plans / PROGRESS).exists() or not list((plans / PROGRESS).glob("*.yaml"))


@pytest.mark.parametrize(
    ("option", "value"),
    [("--ref", "x\x1b]0;pwn\x07"), ("--ref", "a\nb"), ("--note", "\x1b]52;c;ZWNobw==\x07"),
     ("--ref", "\x85")],
)  # fmt: skip
def test_control_characters_in_options_are_refused(
    plan_copy_with: PlanCopy, option: str, value: str
) -> None:
    plans = plan_copy_with(today="2024-01-12")
    done = tthc("done", "II.2", "--date", "2024-01-10", option, value)
    assert done.exit_code == 2
    assert done.stderr.startswith(f"Lỗi: {option} có ký tự điều khiển U+")
    assert not (plans / PROGRESS).exists()


def test_a_note_may_hold_a_line_break(plan_copy_with: PlanCopy) -> None:
    plan_copy_with(today="2024-01-12")
    done = tthc("done", "II.2", "--date", "2024-01-10", "--note", "dòng 1\ndòng 2")
    assert done.exit_code == 0, done.stderr
    check = tthc("validate", "-f", "concise", "plans/")
    assert check.stdout == "Đã kiểm tra 1 tệp: 0 lỗi, 0 cảnh báo.\n"
