"""`tthc init` (and `tthc import --units`) copy a plan's whole registry however its key
is written, and a name with ": " stays one value.

A plan whose key was written `"units":` was not found: init fell back to one
unit written unquoted, and an office named "Văn phòng: HĐND ..." gave a YAML
error about the file init had just made; import dropped the registry. The plan
copied from is never written.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from tests.conftest import PLAN_2024, SOURCE
from tests.ordinary_user import tthc_here
from tthc_plan.store.yamlio import compose

OFFICE = "Văn phòng: HĐND và UBND huyện"


def _registry_plan(folder: Path, *, flow: bool = False) -> bytes:
    """plans/2024.yaml with `"units":` and an office whose name holds ": "."""
    text = PLAN_2024.read_text(encoding="utf-8")
    text = text.replace("\nunits:\n", '\n"units":\n', 1)
    text = text.replace("    name: Văn phòng HĐND và UBND huyện\n", f'    name: "{OFFICE}"\n', 1)
    if flow:  # the whole registry on one line, in flow style
        data = compose(text).data
        start = text.index('\n"units":\n') + 1
        end = text.index("\nsections:", start) + 1
        flat = json.dumps(data["units"], ensure_ascii=False)
        text = f'{text[:start]}"units": {flat}\n\n{text[end:]}'
    (folder / "plans").mkdir()
    (folder / "plans" / "2024.yaml").write_text(text, encoding="utf-8")
    return (folder / "plans" / "2024.yaml").read_bytes()


def _units(path: Path) -> list[dict[str, object]]:
    units: list[dict[str, object]] = compose(path.read_text(encoding="utf-8")).data["units"]
    return units


@pytest.mark.parametrize("flow", [False, True], ids=["block", "flow"])
def test_init_copies_a_registry_whose_key_is_quoted(tmp_path: Path, flow: bool) -> None:
    before = _registry_plan(tmp_path, flow=flow)
    shipped = _units(tmp_path / "plans" / "2024.yaml")
    assert len(shipped) == 27
    checked = tthc_here(tmp_path, "validate", "plans/2024.yaml")
    assert checked.returncode == 0, checked.stdout  # the plan copied from is valid
    done = tthc_here(tmp_path, "init", "--year", "2025")
    assert (done.returncode, done.stderr) == (0, "")
    assert done.stdout == "Đã tạo plans/2025.yaml. Kiểm tra: tthc validate plans/2025.yaml\n"
    assert _units(tmp_path / "plans" / "2025.yaml") == shipped  # all 27, names whole
    new = compose((tmp_path / "plans" / "2025.yaml").read_text(encoding="utf-8")).data
    assert new["sections"][0]["tasks"][0]["lead"] == OFFICE
    checked = tthc_here(tmp_path, "validate", "--format", "concise", "plans/2025.yaml")
    assert checked.returncode == 0, checked.stdout
    assert checked.stdout.endswith("Đã kiểm tra 1 tệp: 0 lỗi, 4 cảnh báo.\n")
    assert (tmp_path / "plans" / "2024.yaml").read_bytes() == before


def test_init_with_no_plan_quotes_the_one_unit_it_writes(tmp_path: Path) -> None:
    done = tthc_here(tmp_path, "init", "--year", "2026", "--unit", "Văn phòng: UBND xã A")
    assert (done.returncode, done.stderr) == (0, "")
    assert _units(tmp_path / "plans" / "2026.yaml") == [
        {"id": "don-vi", "name": "Văn phòng: UBND xã A", "kind": "other"}
    ]
    assert tthc_here(tmp_path, "validate", "plans/2026.yaml").returncode == 0


def test_import_keeps_a_registry_whose_key_is_quoted(tmp_path: Path) -> None:
    before = _registry_plan(tmp_path)
    shutil.copy(SOURCE, tmp_path / "x.txt")
    done = tthc_here(tmp_path, "import", "x.txt", "--units", "plans/2024.yaml",
                     "-o", "plans/moi.yaml", "--id", "moi-2024")  # fmt: skip
    assert done.returncode == 0, done.stdout + done.stderr
    assert done.stdout.splitlines()[-1].startswith("Đã kiểm tra 1 tệp: 0 lỗi, ")
    assert _units(tmp_path / "plans" / "moi.yaml") == _units(tmp_path / "plans" / "2024.yaml")
    assert (tmp_path / "plans" / "2024.yaml").read_bytes() == before
