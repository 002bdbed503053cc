"""`tthc validate`: every class of problem, at its exact line and column."""

from __future__ import annotations

import unicodedata
from pathlib import Path

import pytest

from tests.conftest import PLAN_2024, TODAY, TthcRunner
from tthc_plan.cli import app
from tthc_plan.store.loader import load_plan_file
from tthc_plan.store.plans import check_files

BROKEN = Path(__file__).parent / "data" / "broken.yaml"


def _summary(path: Path) -> list[tuple[int, int, str, str]]:
    return [(p.line, p.col, p.severity.value, p.code) for p in check_files([path], today=TODAY)]


def test_broken_fixture_reports_every_problem_at_once() -> None:
    assert _summary(BROKEN) == [
        (7, 13, "error", "INVALID_VALUE"),  # time zone that does not exist
        (9, 3, "warning", "NO_DECISION_NUMBER"),  # the decision: block has no number
        (20, 13, "error", "UNKNOWN_UNIT"),  # parent id not in the registry
        (35, 20, "error", "TIMEFRAME"),  # 31/02/2024
        (38, 32, "error", "UNKNOWN_UNIT"),  # "Phòng Ngoại vụ", column of the name
        (40, 13, "error", "DUPLICATE_ID"),  # I.1 again
        (47, 18, "warning", "LEAD_IS_SUPPORT"),
        (48, 34, "error", "TIMEFRAME"),  # column of "mai mốt"
        (49, 13, "warning", "NO_LEAD"),
        (51, 20, "warning", "DEADLINE_BEFORE_ISSUE"),
        (54, 15, "error", "UNKNOWN_UNIT"),
        (56, 16, "error", "WINDOW_ORDER"),
        (57, 9, "error", "MISSING_FIELD"),
        (58, 9, "error", "UNKNOWN_FIELD"),  # "titel"
        (61, 9, "error", "MISSING_FIELD"),
        (68, 22, "error", "INVALID_VALUE"),  # 30/02/2024
        (71, 11, "error", "UNKNOWN_TASK"),
    ]


def test_broken_fixture_messages() -> None:
    messages = {(p.line, p.code): p.message for p in check_files([BROKEN], today=TODAY)}
    assert messages[(35, "TIMEFRAME")] == (
        "«31/02/2024» không phải là một ngày có thật (trong «Trước 31/02/2024»)."
    )
    assert messages[(38, "UNKNOWN_UNIT")] == "Không có đơn vị nào tên «Phòng Ngoại vụ»."
    assert messages[(40, "DUPLICATE_ID")] == "Mã nhiệm vụ «I.1» bị trùng (đã có ở dòng 32)."
    assert messages[(51, "DEADLINE_BEFORE_ISSUE")] == (
        "Hạn 09/01/2023 của I.5 sớm hơn ngày ban hành kế hoạch 29/12/2023."
    )
    assert messages[(58, "UNKNOWN_FIELD")] == "Trường «titel» không có trong mẫu kế hoạch."
    assert messages[(61, "MISSING_FIELD")] == "Thiếu trường bắt buộc «title»."
    assert messages[(68, "INVALID_VALUE")] == ("«30/02/2024» không phải là một ngày có thật.")


def _write(tmp_path: Path, content: bytes | str, name: str = "plan.yaml") -> Path:
    path = tmp_path / name
    path.write_bytes(content.encode("utf-8") if isinstance(content, str) else content)
    return path


def test_not_utf8(tmp_path: Path) -> None:
    windows_1258 = b"plan:\n  title: K\xea\xec hoa\xf2ch\n"  # "Kế hoạch" as Windows-1258
    path = _write(tmp_path, windows_1258)
    problems = check_files([path], today=TODAY)
    assert [(p.line, p.col, p.code) for p in problems] == [(2, 11, "ENCODING")]
    assert problems[0].hint is not None
    assert "UTF-8" in problems[0].hint


def test_tab_in_indentation(tmp_path: Path) -> None:
    path = _write(tmp_path, "plan:\n\tid: x\nunits: []\n\t\tsections: []\n")
    assert _summary(path) == [(2, 1, "error", "TAB_INDENT"), (4, 1, "error", "TAB_INDENT")]


@pytest.mark.parametrize("content", ["", "\n\n", "# chỉ có chú thích\n"])
def test_empty_file(tmp_path: Path, content: str) -> None:
    assert _summary(_write(tmp_path, content)) == [(1, 1, "error", "EMPTY_FILE")]


def test_duplicate_key(tmp_path: Path) -> None:
    path = _write(tmp_path, "plan:\n  id: a\n  id: b\nunits: []\nsections: []\n")
    assert _summary(path) == [(3, 3, "error", "DUPLICATE_KEY")]


@pytest.mark.parametrize(
    ("content", "line", "col", "message"),
    [
        (
            "plan:\n  title: 'chưa đóng nháy\nunits: []\n",
            4,
            1,
            "Lỗi cú pháp YAML: tệp kết thúc giữa chừng, có thể thiếu dấu nháy đóng"
            " (bắt đầu từ dòng 2, cột 10).",
        ),
        (
            "plan:\n  title: Ghi chú: chưa có\n",
            2,
            17,
            "Lỗi cú pháp YAML: không được có «: » ở đây; giá trị có «: » phải đặt trong dấu nháy.",
        ),
    ],
)
def test_yaml_syntax_error(tmp_path: Path, content: str, line: int, col: int, message: str) -> None:
    problems = check_files([_write(tmp_path, content)], today=TODAY)
    assert [(p.line, p.col, p.code, p.message) for p in problems] == [
        (line, col, "YAML_SYNTAX", message)
    ]


def test_one_alias_for_two_units(tmp_path: Path) -> None:
    text = PLAN_2024.read_text(encoding="utf-8").replace(
        "      - Bộ phận Một cửa\n", "      - Bộ phận Một cửa\n      - Phòng TC-KH\n", 1
    )
    lines = text.splitlines()
    line = lines.index("    aliases: [Phòng TC-KH]") + 1
    errors = [
        p for p in check_files([_write(tmp_path, text)], today=TODAY) if p.severity == "error"
    ]
    assert [(p.line, p.col, p.code, p.message) for p in errors] == [
        (
            line,
            15,
            "AMBIGUOUS_UNIT",
            "Tên «Phòng TC-KH» dùng cho nhiều đơn vị: «Bộ phận tiếp nhận và trả kết quả»,"
            " «Phòng Tài chính - Kế hoạch».",
        )
    ]


@pytest.mark.parametrize("content", ["- a\n- b\n", "name: x\nversion: 1\n", "chỉ một dòng chữ\n"])
def test_not_a_plan(tmp_path: Path, content: str) -> None:
    assert _summary(_write(tmp_path, content)) == [(1, 1, "error", "NOT_A_PLAN")]


def test_several_documents(tmp_path: Path) -> None:
    path = _write(tmp_path, "plan: 1\n---\nplan: 2\n")
    assert _summary(path) == [(2, 1, "error", "MULTIPLE_DOCUMENTS")]


def test_nfd_crlf_and_bom_are_accepted_and_normalised(tmp_path: Path) -> None:
    text = PLAN_2024.read_text(encoding="utf-8")
    nfd = unicodedata.normalize("NFD", text).replace("\n", "\r\n")
    path = _write(tmp_path, b"\xef\xbb\xbf" + nfd.encode("utf-8"))
    loaded = load_plan_file(path)
    assert loaded.problems == []
    assert loaded.parts.plan is not None
    first = loaded.parts.plan.tasks()[0]
    assert first.title == "Xây dựng Kế hoạch Kiểm soát TTHC năm 2024"
    assert unicodedata.is_normalized("NFC", first.title)
    shipped = [(p.line, p.code) for p in check_files([PLAN_2024], today=TODAY)]
    assert [(p.line, p.code) for p in check_files([path], today=TODAY)] == shipped


def test_numeric_id_is_a_located_error(tmp_path: Path) -> None:
    text = PLAN_2024.read_text(encoding="utf-8").replace("      - id: I.2\n", "      - id: 1.2\n")
    path = _write(tmp_path, text)
    line = text.splitlines().index("      - id: 1.2") + 1
    problems = check_files([path], today=TODAY)
    assert [(p.line, p.col, p.code, p.message) for p in problems if p.severity == "error"] == [
        (line, 13, "INVALID_VALUE", "«id» phải là chữ (văn bản).")
    ]


def test_control_character_is_a_located_error(tmp_path: Path) -> None:
    """Found by the mutation property test: NUL made ruamel raise a ReaderError."""
    path = _write(tmp_path, "plan:\n  id: a\x00b\n")
    problems = check_files([path], today=TODAY)
    assert [(p.line, p.col, p.code, p.message) for p in problems] == [
        (2, 8, "YAML_SYNTAX", "Tệp có ký tự điều khiển (mã U+0000) mà YAML không cho phép.")
    ]


def test_the_shipped_plan_has_no_problem_left_and_a_new_warning_still_shows(
    plan_copy: Path,
) -> None:
    runner = TthcRunner()
    shipped = runner.invoke(app, ["validate", "-f", "concise", "plans/"])
    assert shipped.stdout == "Đã kiểm tra 1 tệp: 0 lỗi, 0 cảnh báo.\n"
    plan = plan_copy / "plans" / "2024.yaml"
    text = plan.read_text(encoding="utf-8")
    # II.5's lead also named as a supporter: a warning nobody has reviewed.
    text = text.replace(
        "        lead: Văn phòng HĐND - UBND huyện\n        support: Các phòng chuyên môn, UBND",
        "        lead: Văn phòng HĐND - UBND huyện\n        support: Văn phòng HĐND và UBND "
        "huyện, Các phòng chuyên môn, UBND",
        1,
    )
    plan.write_text(text, encoding="utf-8")
    found = runner.invoke(app, ["validate", "-f", "concise", "plans/"]).stdout.splitlines()
    assert [line.split(": ", 1)[1].split(" ", 2)[:2] for line in found[:-1]] == [
        ["warning", "LEAD_IS_SUPPORT"]
    ]
    assert found[-1] == "Đã kiểm tra 1 tệp: 0 lỗi, 1 cảnh báo."


def test_a_review_that_matches_no_warning_is_itself_a_warning(plan_copy: Path) -> None:
    plan = plan_copy / "plans" / "2024.yaml"
    text = plan.read_text(encoding="utf-8").replace(
        "        timeframe: Tháng 8/2024\n",
        "        timeframe: Tháng 8/2024\n        reviewed:\n          - code: NO_LEAD\n"
        "            reason: thử\n",
        1,
    )
    plan.write_text(text, encoding="utf-8")
    found = TthcRunner().invoke(app, ["validate", "-f", "concise", "plans/"]).stdout.splitlines()
    assert found[0].endswith(
        "warning UNUSED_REVIEW II.5 ghi cảnh báo NO_LEAD là đã xem xét, nhưng không có cảnh báo đó."
    )
