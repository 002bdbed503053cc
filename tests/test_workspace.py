"""Daily use in the field (issue 17): any folder, several plans, the people's words."""

from __future__ import annotations

import csv
import io
import json
import re
import shutil
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


@pytest.mark.parametrize(
    "view",
    [["status"], ["status", "--unit", "Xã Nhân Cơ"], ["overdue"], ["upcoming", "--within", "400"],
     ["show", "II.1"], ["units"], ["targets"]],
)  # fmt: skip
def test_csv_columns_are_flat_and_typed(plan_copy: Path, view: list[str]) -> None:
    assert _invoke("done", "II.1", "--unit", "Xã Nhân Cơ", "--date", "08/01/2024",
                   "--ref", "Số 05/KH-UBND ngày 08/01/2024", "--note", "gửi qua\nhệ thống",
                   "--today", "2024-01-12")[0] == 0  # fmt: skip
    code, out, _err = _invoke(*view, "--today", "2024-01-12", "--format", "csv")
    assert code == 0
    assert out.startswith("\ufeff")  # Excel and LibreOffice read it as UTF-8
    rows = list(csv.DictReader(io.StringIO(out[1:])))
    assert rows
    for row in rows:
        assert not [v for v in row.values() if v.startswith(("{", "["))], row
    if view[0] in {"show", "status"} and len(view) > 1:
        nhan_co = next(r for r in rows if r["task"] == "II.1" and r["unit"] == "Xã Nhân Cơ")
        assert {k: nhan_co[k] for k in ("state", "days_late", "due", "done_date", "done_ref",
                                        "done_note", "done_correction")} == {
            "state": "done", "days_late": "0", "due": "2024-01-09", "done_date": "2024-01-08",
            "done_ref": "Số 05/KH-UBND ngày 08/01/2024", "done_note": "gửi qua\nhệ thống",
            "done_correction": "false",
        }  # fmt: skip


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
    code, out, _err = _invoke("status", "--today", "2024-01-12")
    assert code == 0
    titles = [line.strip() for line in out.splitlines() if line.startswith("Tình hình")]
    assert titles == [
        "Tình hình thực hiện ngày 12/01/2024 — dak-rlap-kstthc-2024",
        "Tình hình thực hiện ngày 12/01/2024 — xa-nhan-co-kstthc-2024",
    ]
    code, only, _err = _invoke(
        "status", "--today", "2024-01-12", "--plan-id", "dak-rlap-kstthc-2024"
    )
    assert only.splitlines()[0].strip() == "Tình hình thực hiện ngày 12/01/2024"


@pytest.mark.parametrize("view", ["overdue", "units"])
def test_with_several_plans_every_row_says_whose_it_is(two_plans: Path, view: str) -> None:
    code, out, _err = _invoke(view, "--today", "2024-01-12")
    assert code == 0
    header = next(line for line in out.splitlines() if "Kế hoạch" in line)
    assert header.split("┃")[1].strip() == "Kế hoạch"
    assert set(_first_cells(out)) >= {"dak-rlap-kstthc-2024", "xa-nhan-co-kstthc-2024"}
    code, only, _err = _invoke(view, "--today", "2024-01-12", "--plan-id", "xa-nhan-co-kstthc-2024")
    assert code == 0
    header = next(line for line in only.splitlines() if (line.startswith("┃") and "Đơn vị" in line)
                  or "Tên" in line)  # fmt: skip
    assert "Kế hoạch" not in header  # one plan: no column to say it
    assert "dak-rlap-kstthc-2024" not in only


def test_plan_id_chooses_the_plan_of_a_single_plan_command(two_plans: Path) -> None:
    code, _out, err = _invoke("targets", "--today", "2024-01-12")
    assert code == 2
    assert err == (
        "Lỗi: Có nhiều kế hoạch (plans/2024.yaml, plans/nhan-co.yaml); chọn một bằng "
        "--plan-id hoặc --plan.\n"
    )
    assert _invoke("targets", "--today", "2024-01-12", "--plan-id", "dak-rlap-kstthc-2024")[0] == 0
    code, out, _err = _invoke("report", "--period", "2024-Q1", "--today", "2024-04-01",
                              "--plan-id", "xa-nhan-co-kstthc-2024", "-f", "md")  # fmt: skip
    assert code == 0
    assert "## Tình hình, kết quả thực hiện" in out
    code, _out, err = _invoke("overdue", "--plan-id", "khong-co")
    assert code == 2
    assert err == (
        "Lỗi: Không có kế hoạch nào mã «khong-co»; các mã: dak-rlap-kstthc-2024, "
        "xa-nhan-co-kstthc-2024.\n"
    )


def test_group_task_gives_one_row_per_task_with_its_units(
    plan_copy: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("COLUMNS", "200")
    assert _invoke("done", "II.1", "--unit", "Xã Nhân Cơ", "--date", "08/01/2024",
                   "--today", "2024-01-12")[0] == 0  # fmt: skip
    code, out, _err = _invoke("overdue", "--today", "2024-03-20", "--group", "task", "-f", "md")
    assert code == 0
    rows = [line for line in out.splitlines() if line.startswith("| ") and "Mã" not in line]
    assert [row.split(" | ")[1] for row in rows] == ["I.1", "II.1", "TCTH.1", "II.2", "XI.1",
                                                     "XI.2"]  # fmt: skip
    ii1 = rows[1].split(" | ")
    assert ii1[0] == "| 71"  # days late
    assert ii1[-2] == "20"  # 21 leads, Nhân Cơ done
    assert ii1[-1].startswith("Phòng Giáo dục và Đào tạo, Phòng Kinh tế và Hạ tầng, ")
    assert "Xã Nhân Cơ" not in ii1[-1]
    assert ii1[-1].endswith("Xã Nhân Đạo, Xã Quảng Tín |")
    code, out, _err = _invoke("status", "--today", "2024-03-20", "--group", "task")
    assert code == 0
    assert "Quá hạn (55)" in out
    assert out.count("│ II.1 ") == 2  # one row late (20 units), one row done (Nhân Cơ)
    code, out, _err = _invoke("status", "--unit", "UBND các xã, thị trấn", "--today", "2024-03-20",
                              "--group", "task", "-f", "md")  # fmt: skip
    assert code == 0
    assert "| TCTH.1 | Trên cơ sở kế hoạch" in out


def test_the_web_page_groups_late_units_by_task(plan_copy: Path) -> None:
    code, _out, _err = _invoke("export", "html", "--today", "2024-03-20", "-o", "trang.html")
    assert code == 0
    html = (plan_copy / "trang.html").read_text(encoding="utf-8")
    table = html.split('<table id="overdue">')[1].split("</table>")[0]
    assert table.count("<tr>") == 1 + 6  # the header and six tasks, not 55 rows
    ii1 = next(row for row in table.split("<tr>") if row.startswith("<td>II.1</td>"))
    assert '<td class="num">21</td>' in ii1
    assert "Xã Nhân Cơ" in ii1


@pytest.mark.parametrize("level", ["district", "commune", "ward", "special-zone", "province"])
def test_every_level_and_year_starts_a_plan_with_no_problem(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, level: str
) -> None:
    monkeypatch.chdir(tmp_path)
    for year in range(2025, 2031):
        target = f"plans/{level}-{year}.yaml"
        code, _out, err = _invoke("init", "--year", str(year), "--level", level,
                                  "--name", "UBND xã Quảng Tín", "-o", target)  # fmt: skip
        assert code == 0, err
        code, out, _err = _invoke("validate", target)
        assert (code, out.splitlines()[-1]) == (0, "Đã kiểm tra 1 tệp: 0 lỗi, 0 cảnh báo.")
        text = (tmp_path / target).read_text(encoding="utf-8")
        # The examples and the task speak of the plan's own year (legal references
        # such as Nghị định 118/2025 keep theirs).
        dated = [line for line in text.splitlines()
                 if re.search(r"(timeframe|title|deliverable|date):", line)]  # fmt: skip
        years = {int(y) for line in dated for y in re.findall(r"\b20\d\d\b", line)}
        assert years <= {year - 1, year, year + 1}, (level, year, sorted(years))


def test_a_commune_plan_has_the_commune_s_own_units(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    assert _invoke("init", "--year", "2026", "--level", "commune",
                   "--name", "UBND xã Quảng Tín")[0] == 0  # fmt: skip
    code, out, _err = _invoke("units", "--today", "2026-01-05", "-f", "json")
    assert code == 0
    names = [unit["unit"] for unit in json.loads(out)["units"]]
    assert names == [
        "Văn phòng HĐND và UBND xã", "Phòng Kinh tế", "Phòng Văn hóa - Xã hội",
        "Trung tâm Phục vụ hành chính công", "Các phòng chuyên môn", "Các thôn, bon",
    ]  # fmt: skip
    plan = (tmp_path / "plans" / "2026.yaml").read_text(encoding="utf-8")
    assert "  id: xa-quang-tin-kstthc-2026\n" in plan
    assert "huyện" not in plan  # nothing of the district's
    code, out, _err = _invoke("init", "--year", "2026", "--level", "ward", "--name",
                              "UBND phường Bắc Gia Nghĩa", "-o", "plans/p.yaml")  # fmt: skip
    assert "name: Phòng Kinh tế, Hạ tầng và Đô thị" in (tmp_path / "plans" / "p.yaml").read_text(
        encoding="utf-8"
    )
    code, _out, err = _invoke("init", "--year", "2026", "--level", "commune", "-o", "x.yaml")
    assert code == 2
    assert err.startswith("Lỗi: --level cần --name (tên cơ quan ban hành")


def _complete(words: str) -> list[str]:
    env = {"_TTHC_COMPLETE": "complete_bash", "COMP_WORDS": words,
           "COMP_CWORD": str(len(words.split()) - (0 if words.endswith(" ") else 1))}  # fmt: skip
    result = CliRunner().invoke(app, [], env=env, prog_name="tthc")
    return [line for line in result.stdout.splitlines() if line]


def test_the_shell_completes_task_ids_units_and_periods(plan_copy: Path) -> None:
    assert _complete("tthc show XI.") == ["XI.1", "XI.2"]
    assert _complete("tthc done ii.") == ["ii.1", "ii.2", "ii.3", "ii.4", "ii.5"]
    assert _complete("tthc report --period 2024-H") == ["2024-H1", "2024-H2"]
    # After a task, its own periods (XI.1's quarters and year; II.1 has none).
    assert _complete("tthc done XI.1 --period 2024") == [
        "2024-Q1", "2024-Q2", "2024-Q3", "2024-Q4", "2024",
    ]  # fmt: skip
    assert _complete("tthc done II.1 --period 2024") == []
    # Accents optional: what was typed is continued in the same form, and tthc reads it;
    # bash gets the spaces escaped, or the name would end at the first one.
    assert {"nhan\\ co", "nhan\\ dao"} <= set(_complete("tthc status --unit nhan"))
    assert _complete("tthc status --unit thanh") == ["thanh\\ tra\\ huyen"]
    assert _complete("tthc overdue -u Thị") == [r"Thị\ trấn\ Kiến\ Đức"]
    assert _invoke("status", "--unit", "nhan co", "--today", "2024-01-12")[0] == 0


def test_a_calendar_of_several_plans_names_the_plan_in_each_title(two_plans: Path) -> None:
    code, out, _err = _invoke("export", "ics", "--today", "2024-01-12", "--unit", "Xã Nhân Cơ")
    assert code == 0
    titles = [line for line in out.splitlines() if line.startswith("SUMMARY:[")]
    assert any(t.startswith("SUMMARY:[dak-rlap-kstthc-2024 · II.1]") for t in titles)
    assert any(t.startswith("SUMMARY:[xa-nhan-co-kstthc-2024 · II.1]") for t in titles)


def test_a_copied_plan_that_kept_its_id_is_an_error_not_double_counts(plan_copy: Path) -> None:
    shutil.copy(plan_copy / "plans" / "2024.yaml", plan_copy / "plans" / "copy.yaml")
    code, out, _err = _invoke("validate", "-f", "concise", "plans/")
    assert code == 1
    assert "plans/copy.yaml:15:1: error DUPLICATE_PLAN_ID" in out
    code, _out, err = _invoke("overdue", "--today", "2024-01-12")
    assert code == 2
    assert err.startswith("Lỗi: Hai tệp kế hoạch cùng mã «dak-rlap-kstthc-2024»")


def test_an_authority_s_name_is_written_safely_into_the_new_plan(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    for number, name in enumerate(["UBND xã A #1", "UBND xã A: B", "- UBND", "@x"]):
        target = f"plans/{number}.yaml"
        code, _out, err = _invoke("init", "--year", "2026", "--level", "commune",
                                  "--name", name, "-o", target)  # fmt: skip
        assert code == 0, err
        assert _plan_issuer(tmp_path / target) == name


def _plan_issuer(path: Path) -> str:
    from tthc_plan.store.loader import load_plan_file  # noqa: PLC0415

    info = load_plan_file(path).parts.info
    assert info is not None
    return info.issuer


def test_a_long_heading_wraps_and_a_zero_width_is_ignored(
    plan_copy: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("COLUMNS", "40")
    code, out, _err = _invoke("status", "--unit", "Phòng Lao động - Thương binh và Xã hội",
                              "--today", "2024-06-20")  # fmt: skip
    assert code == 0
    assert out.splitlines()[:2] == [
        "Việc của «Phòng Lao động - Thương binh",
        "và Xã hội» ngày 20/06/2024",
    ]
    monkeypatch.setenv("COLUMNS", "0")  # "not known": the default width, not blank lines
    code, out, _err = _invoke("overdue", "--today", "2024-01-12")
    assert max(len(line) for line in out.splitlines()) == 80
