"""tthc init: a new plan for any level of government and year, valid from the start."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from tests.conftest import clear_environment, invoke


@pytest.fixture
def folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """An empty current folder, with nothing of conftest.ENVIRONMENT set."""
    monkeypatch.chdir(tmp_path)
    clear_environment(monkeypatch)
    return tmp_path


@pytest.mark.parametrize("level", ["district", "commune", "ward", "special-zone", "province"])
def test_every_level_and_year_starts_a_plan_that_asks_only_for_its_particulars(
    folder: Path, level: str
) -> None:
    for year in range(2025, 2031):
        target = f"plans/{level}-{year}.yaml"
        code, _out, err = invoke("init", "--year", str(year), "--level", level,
                                 "--name", "UBND xã Quảng Tín", "-o", target)  # fmt: skip
        assert code == 0, err
        code, out, _err = invoke("validate", "-f", "concise", target)
        # No error; a warning for each particular only the signed decision can give.
        codes = [line.split()[2] for line in out.splitlines()[:-1]]
        assert codes == ["NO_DECISION_NUMBER", "NO_DECISION_DATE", "NO_SIGNER_NAME",
                         "NO_SIGNER_TITLE"]  # fmt: skip
        assert (code, out.splitlines()[-1]) == (0, "Đã kiểm tra 1 tệp: 0 lỗi, 4 cảnh báo.")
        text = (folder / target).read_text(encoding="utf-8")
        # The examples and the task speak of the plan's own year (legal references
        # such as Nghị định 118/2025 keep theirs).
        dated = [line for line in text.splitlines()
                 if re.search(r"(timeframe|title|deliverable|date):", line)]  # fmt: skip
        years = {int(y) for line in dated for y in re.findall(r"\b20\d\d\b", line)}
        assert years <= {year - 1, year, year + 1}, (level, year, sorted(years))


def test_a_commune_plan_has_the_commune_s_own_units(folder: Path) -> None:
    assert invoke("init", "--year", "2026", "--level", "commune",
                  "--name", "UBND xã Quảng Tín")[0] == 0  # fmt: skip
    code, out, _err = invoke("units", "--today", "2026-01-05", "-f", "json")
    assert code == 0
    names = [unit["unit"] for unit in json.loads(out)["units"]]
    assert names == [
        "Văn phòng HĐND và UBND xã", "Phòng Kinh tế", "Phòng Văn hóa - Xã hội",
        "Trung tâm Phục vụ hành chính công", "Các phòng chuyên môn", "Các thôn, bon",
    ]  # fmt: skip
    plan = (folder / "plans" / "2026.yaml").read_text(encoding="utf-8")
    assert "  id: xa-quang-tin-kstthc-2026\n" in plan
    assert "huyện" not in plan  # nothing of the district's
    code, out, _err = invoke("init", "--year", "2026", "--level", "ward", "--name",
                             "UBND phường Bắc Gia Nghĩa", "-o", "plans/p.yaml")  # fmt: skip
    assert "name: Phòng Kinh tế, Hạ tầng và Đô thị" in (folder / "plans" / "p.yaml").read_text(
        encoding="utf-8"
    )
    code, _out, err = invoke("init", "--year", "2026", "--level", "commune", "-o", "x.yaml")
    assert code == 2
    assert err.startswith("Lỗi: --level cần --name (tên cơ quan ban hành")


def test_an_authority_s_name_is_written_safely_into_the_new_plan(folder: Path) -> None:
    for number, name in enumerate(["UBND xã A #1", "UBND xã A: B", "- UBND", "@x"]):
        target = f"plans/{number}.yaml"
        code, _out, err = invoke("init", "--year", "2026", "--level", "commune",
                                 "--name", name, "-o", target)  # fmt: skip
        assert code == 0, err
        assert _plan_issuer(folder / target) == name


def _plan_issuer(path: Path) -> str | None:
    from tthc_plan.store.loader import load_plan_file  # noqa: PLC0415

    info = load_plan_file(path).parts.info
    assert info is not None
    return info.issuer
