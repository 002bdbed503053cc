"""Which plans a command reads (issue 17): plans/ found from any subfolder, --plan and
TTHC_PLAN first, several plans at once (a plan column, --plan-id, a copied id refused)."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from tests.conftest import invoke


@pytest.mark.parametrize(
    "folder", [".", "plans", "plans/progress/dak-rlap-kstthc-2024", "plans/source"]
)
def test_a_command_finds_the_plan_from_any_subfolder(
    plan_copy: Path, monkeypatch: pytest.MonkeyPatch, folder: str
) -> None:
    assert invoke("done", "II.1", "--unit", "Xã Nhân Cơ", "--date", "08/01/2024",
                  "--today", "2024-01-12")[0] == 0  # fmt: skip
    (plan_copy / "plans" / "source").mkdir()
    code, expected, _err = invoke("overdue", "--today", "2024-01-12")
    assert code == 0
    monkeypatch.chdir(plan_copy / folder)
    code, seen, err = invoke("overdue", "--today", "2024-01-12")
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
    assert invoke("show", "II.2", "--plan", plan, "--today", "2024-01-12")[0] == 0
    monkeypatch.setenv("TTHC_PLAN", plan)
    assert invoke("show", "II.2", "--today", "2024-01-12")[0] == 0


def test_no_plan_found_says_where_it_looked_and_what_to_do(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / ".git").mkdir()  # the repository's root: the search stops here
    (tmp_path / "docs" / "notes").mkdir(parents=True)
    monkeypatch.chdir(tmp_path / "docs" / "notes")
    monkeypatch.delenv("TTHC_PLAN", raising=False)
    code, out, err = invoke("overdue")
    assert (code, out) == (3, "")
    start = (tmp_path / "docs" / "notes").resolve()
    assert err == (
        f"Lỗi: Không tìm thấy thư mục «plans» ở {start} hay ở thư mục cha nào "
        f"(đã tìm đến {tmp_path.resolve()}).\n"
        "Chạy lệnh trong thư mục có «plans/» (hoặc một thư mục con của nó), hoặc chỉ rõ tệp "
        "kế hoạch: --plan plans/2024.yaml, hoặc biến môi trường TTHC_PLAN.\n"
    )


@pytest.fixture
def two_plans(plan_copy: Path) -> Path:
    """The shipped plan and a copy with another id: two authorities' plans, one workspace."""
    text = (plan_copy / "plans" / "2024.yaml").read_text(encoding="utf-8")
    other = text.replace("id: dak-rlap-kstthc-2024\n", "id: xa-nhan-co-kstthc-2024\n", 1)
    (plan_copy / "plans" / "nhan-co.yaml").write_text(other, encoding="utf-8")
    return plan_copy


def _first_cells(table: str) -> list[str]:
    return [line.split("│")[1].strip() for line in table.splitlines() if line.startswith("│")]


def test_with_several_plans_the_summary_has_one_table_per_plan(two_plans: Path) -> None:
    code, out, _err = invoke("status", "--today", "2024-01-12")
    assert code == 0
    titles = [line.strip() for line in out.splitlines() if line.startswith("Tình hình")]
    assert titles == [
        "Tình hình thực hiện ngày 12/01/2024 — dak-rlap-kstthc-2024",
        "Tình hình thực hiện ngày 12/01/2024 — xa-nhan-co-kstthc-2024",
    ]
    code, only, _err = invoke(
        "status", "--today", "2024-01-12", "--plan-id", "dak-rlap-kstthc-2024"
    )
    assert only.splitlines()[0].strip() == "Tình hình thực hiện ngày 12/01/2024"


@pytest.mark.parametrize("view", ["overdue", "units"])
def test_with_several_plans_every_row_says_whose_it_is(two_plans: Path, view: str) -> None:
    code, out, _err = invoke(view, "--today", "2024-01-12")
    assert code == 0
    header = next(line for line in out.splitlines() if "Kế hoạch" in line)
    assert header.split("┃")[1].strip() == "Kế hoạch"
    assert set(_first_cells(out)) >= {"dak-rlap-kstthc-2024", "xa-nhan-co-kstthc-2024"}
    code, only, _err = invoke(view, "--today", "2024-01-12", "--plan-id", "xa-nhan-co-kstthc-2024")
    assert code == 0
    header = next(line for line in only.splitlines() if (line.startswith("┃") and "Đơn vị" in line)
                  or "Tên" in line)  # fmt: skip
    assert "Kế hoạch" not in header  # one plan: no column to say it
    assert "dak-rlap-kstthc-2024" not in only


def test_plan_id_chooses_the_plan_of_a_single_plan_command(two_plans: Path) -> None:
    code, _out, err = invoke("targets", "--today", "2024-01-12")
    assert code == 2
    assert err == (
        "Lỗi: Có nhiều kế hoạch (plans/2024.yaml, plans/nhan-co.yaml); chọn một bằng "
        "--plan-id hoặc --plan.\n"
    )
    assert invoke("targets", "--today", "2024-01-12", "--plan-id", "dak-rlap-kstthc-2024")[0] == 0
    code, out, _err = invoke("report", "--period", "2024-Q1", "--today", "2024-04-01",
                             "--plan-id", "xa-nhan-co-kstthc-2024", "-f", "md")  # fmt: skip
    assert code == 0
    assert "## Tình hình, kết quả thực hiện" in out
    code, _out, err = invoke("overdue", "--plan-id", "khong-co")
    assert code == 2
    assert err == (
        "Lỗi: Không có kế hoạch nào mã «khong-co»; các mã: dak-rlap-kstthc-2024, "
        "xa-nhan-co-kstthc-2024.\n"
    )


def test_a_calendar_of_several_plans_names_the_plan_in_each_title(two_plans: Path) -> None:
    code, out, _err = invoke("export", "ics", "--today", "2024-01-12", "--unit", "Xã Nhân Cơ")
    assert code == 0
    titles = [line for line in out.splitlines() if line.startswith("SUMMARY:[")]
    assert any(t.startswith("SUMMARY:[dak-rlap-kstthc-2024 · II.1]") for t in titles)
    assert any(t.startswith("SUMMARY:[xa-nhan-co-kstthc-2024 · II.1]") for t in titles)


def test_a_copied_plan_that_kept_its_id_is_an_error_not_double_counts(plan_copy: Path) -> None:
    shutil.copy(plan_copy / "plans" / "2024.yaml", plan_copy / "plans" / "copy.yaml")
    code, out, _err = invoke("validate", "-f", "concise", "plans/")
    assert code == 1
    assert "plans/copy.yaml:15:1: error DUPLICATE_PLAN_ID" in out
    code, _out, err = invoke("overdue", "--today", "2024-01-12")
    assert code == 2
    assert err.startswith("Lỗi: Hai tệp kế hoạch cùng mã «dak-rlap-kstthc-2024»")
