"""Every kind of command-line mistake: its documented exit code, a message, no traceback.

0 ok, 1 plan problems, 2 usage, 3 a file or folder cannot be read (README, "Commands").
"""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.conftest import TthcRunner
from tthc_plan.cli import app

# (arguments, exit code, the start of what stderr says, when it matters)
MISTAKES: list[tuple[list[str], int, str | None]] = [
    ([], 2, None),
    (["status", "--nope"], 2, None),
    (["validate", "--nope"], 2, None),
    (["--lang", "xx", "validate"], 2, None),
    (["--lang", "fr", "status"], 2, None),
    (["timeframe"], 2, None),
    (["overdue", "--today", "32/01/2024"], 2, None),
    (["upcoming", "--today", "hôm nay"], 2, None),
    (
        ["status", "--today", "31/02/2024"],
        2,
        "Lỗi: Ngày «31/02/2024» (--today, TTHC_TODAY) không có thật trên lịch.",
    ),
    (["status", "--today", "hôm qua"], 2, "Lỗi: Ngày «hôm qua» (--today, TTHC_TODAY)"),
    (["status", "--unit", "Đơn vị không có"], 2, None),
    (
        ["status", "--unit", "Thanh tra tinh", "--today", "2024-01-12"],
        2,
        "Lỗi: Không có đơn vị nào tên «Thanh tra tinh». Gần giống: «Thanh tra huyện»",
    ),
    (
        ["overdue", "--unit", "Đắk"],
        2,
        "Lỗi: Tên đơn vị «Đắk» chưa rõ: có thể là «Xã Đắk Wer», «Xã Đắk Sin», «Xã Đắk Ru».",
    ),
    (["show", "XX.9"], 2, None),
    (
        ["show", "II.9", "--today", "2024-01-12"],
        2,
        "Lỗi: Không có nhiệm vụ nào mã «II.9». Gần giống: II.5, II.4, II.3.\n",
    ),
    (["done", "XX.9"], 2, None),
    (["done", "II.1", "--unit", "Thanh tra huyện"], 2, None),
    (["start", "XI.1", "--period", "2024-Q9"], 2, None),
    (["report", "--period", "quý 1"], 2, None),
    (["export", "ics", "--remind", "sớm"], 2, None),
    (["export", "xlsx", "--unit", "không có"], 2, None),
    (["target", "record", "khong-co", "--value", "1", "--period", "2024"], 2, None),
    (["init", "--year", "1800"], 2, None),
    (["upcoming", "--within", "-1"], 2, None),
    (["validate", "--format", "xml"], 2, None),
    (["status", "--format", "pdf"], 2, None),
    (["timeframe", "Sắp tới"], 1, "Lỗi: Không hiểu «Sắp tới» trong thời hạn «Sắp tới».\n"),
    (["timeframe", "Trước 10/01/24"], 1, None),
    (["timeframe", "Trước 29/02/2023"], 1, None),
    (
        ["timeframe", "Trước 30/02/2024"],
        1,
        "Lỗi: «30/02/2024» không phải là một ngày có thật (trong «Trước 30/02/2024»).\n",
    ),
    (["validate", "ghi-chu.py"], 1, None),
    (["validate", "khong-co.yaml"], 3, "Lỗi: Không tìm thấy tệp «khong-co.yaml».\n"),
    (["status", "--plan", "thu-muc-rong"], 3, None),
    (
        ["validate", "thu-muc-rong"],
        3,
        "Lỗi: Thư mục «thu-muc-rong» không có tệp kế hoạch nào (*.yaml).\n",
    ),
]


@pytest.mark.parametrize(
    ("args", "code", "message"), MISTAKES, ids=[" ".join(a) or "(nothing)" for a, _, _ in MISTAKES]
)
def test_a_mistake_gives_its_exit_code_and_says_what_is_wrong(
    plan_copy: Path, args: list[str], code: int, message: str | None
) -> None:
    (plan_copy / "thu-muc-rong").mkdir()
    (plan_copy / "ghi-chu.py").write_text("x = 1\n", encoding="utf-8")
    result = TthcRunner().invoke(app, args)
    assert result.exit_code == code, result.output
    # CliRunner catches an exception and prints none: the exception itself is the check
    assert result.exception is None or isinstance(result.exception, SystemExit)
    if message is not None:
        assert result.stderr.startswith(message)
    elif code != 0:
        assert result.output.strip()  # validate says it on stdout, the rest on stderr
