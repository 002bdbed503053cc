"""Daily use in the field (issue 17): any folder, several plans, the people's words."""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from tthc_plan.cli import app


def _invoke(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(app, list(args))
    return result.exit_code, result.stdout, result.stderr


@pytest.mark.parametrize(
    "folder", [".", "plans", "plans/progress/dak-rlap-kstthc-2024", "plans/source"]
)
def test_a_command_finds_the_plan_from_any_subfolder(
    plan_copy: Path, monkeypatch: pytest.MonkeyPatch, folder: str
) -> None:
    assert _invoke("done", "II.1", "--unit", "Xã Nhân Cơ", "--date", "08/01/2024",
                   "--today", "2024-01-12")[0] == 0  # fmt: skip
    (plan_copy / "plans" / "source").mkdir()
    code, expected, _err = _invoke("overdue", "--today", "2024-01-12")
    assert code == 0
    monkeypatch.chdir(plan_copy / folder)
    code, seen, err = _invoke("overdue", "--today", "2024-01-12")
    assert (code, err) == (0, "")
    assert seen == expected
    # The record written beside the plan counts: Nhân Cơ's II.1 is not late.
    assert not [line for line in seen.splitlines() if "│ II.1 " in line and "Nhân Cơ" in line]
    assert [line for line in seen.splitlines() if "│ II.1 " in line and "Nhân Đạo" in line]


def test_a_plan_named_by_option_or_environment_comes_first(
    plan_copy: Path, monkeypatch: pytest.MonkeyPatch, tmp_path_factory: pytest.TempPathFactory
) -> None:
    elsewhere = tmp_path_factory.mktemp("elsewhere")
    (elsewhere / ".git").mkdir()
    monkeypatch.chdir(elsewhere)
    plan = str(plan_copy / "plans" / "2024.yaml")
    assert _invoke("show", "II.2", "--plan", plan, "--today", "2024-01-12")[0] == 0
    monkeypatch.setenv("TTHC_PLAN", plan)
    assert _invoke("show", "II.2", "--today", "2024-01-12")[0] == 0


def test_no_plan_found_says_where_it_looked_and_what_to_do(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / ".git").mkdir()  # the repository's root: the search stops here
    (tmp_path / "docs" / "notes").mkdir(parents=True)
    monkeypatch.chdir(tmp_path / "docs" / "notes")
    monkeypatch.delenv("TTHC_PLAN", raising=False)
    code, out, err = _invoke("overdue")
    assert (code, out) == (3, "")
    start = (tmp_path / "docs" / "notes").resolve()
    assert err == (
        f"Lỗi: Không tìm thấy thư mục «plans» ở {start} hay ở thư mục cha nào "
        f"(đã tìm đến {tmp_path.resolve()}).\n"
        "Chạy lệnh trong thư mục có «plans/» (hoặc một thư mục con của nó), hoặc chỉ rõ tệp "
        "kế hoạch: --plan plans/2024.yaml, hoặc biến môi trường TTHC_PLAN.\n"
    )
