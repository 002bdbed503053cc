"""A unit `tthc import` adds gets an id no unit has: not the registry's, not another new one's.

"Phòng TC/KH" slugs to phong-tc-kh, which the shipped registry already gives
Phòng Tài chính - Kế hoạch: the import wrote a second unit with that id
(DUPLICATE_ID, exit 1). Run against plans/2024.yaml.
"""

from __future__ import annotations

import shutil
from collections import Counter
from pathlib import Path

from tests.conftest import PLAN_2024
from tests.ordinary_user import tthc_here
from tthc_plan.store.yamlio import compose

ANNEX = [
    "KẾ HOẠCH",
    "Hoạt động kiểm soát thủ tục hành chính năm 2025",
    "",
    "STT\tNhiệm vụ\tKết quả công việc\tĐơn vị chủ trì\tĐơn vị phối hợp\tThời gian thực hiện",
    "I\tCÔNG TÁC CHỈ ĐẠO\t\t\t\t",
    "1\tXây dựng kế hoạch\tKế hoạch\tPhòng TC/KH\tPhòng Nội vụ\tTháng 1/2025",
    "2\tBáo cáo quý\tBáo cáo\tPhòng Tư pháp\tPhòng TC/KH\tQuý I/2025",
    "3\tRà soát\tBáo cáo\tTổ công tác\tPhòng TC + KH\tQuý II/2025",
]


def test_a_new_unit_never_takes_an_id_the_registry_has(tmp_path: Path) -> None:
    (tmp_path / "plans").mkdir()
    shutil.copy(PLAN_2024, tmp_path / "plans" / "2024.yaml")
    (tmp_path / "phu-luc.txt").write_text("\n".join(ANNEX) + "\n", encoding="utf-8")
    done = tthc_here(tmp_path, "import", "phu-luc.txt", "--units", "plans/2024.yaml",
                     "--year", "2025", "-o", "plans/2025.yaml", "--id", "nam-2025",
                     "--today", "2025-01-05")  # fmt: skip
    assert (done.returncode, done.stderr) == (0, ""), done.stdout
    assert "Đơn vị mới, cần xem lại trong units: «Phòng TC/KH»" in done.stdout.splitlines()
    # the title and year are read; the issuer, number, date and signer the text does not say
    assert done.stdout.endswith("Đã kiểm tra 1 tệp: 0 lỗi, 5 cảnh báo.\n")
    units = compose((tmp_path / "plans" / "2025.yaml").read_text(encoding="utf-8")).data["units"]
    ids = Counter(unit["id"] for unit in units)
    assert [unit_id for unit_id, count in ids.items() if count > 1] == []
    by_id = {unit["id"]: unit for unit in units}
    assert by_id["phong-tc-kh"]["name"] == "Phòng Tài chính - Kế hoạch"  # the registry's, as it was
    assert by_id["phong-tc-kh-2"]["name"] == "Phòng TC/KH"
    assert by_id["phong-tc-kh-2"]["aliases"] == ["Phòng TC + KH"]  # one body, two spellings
    tasks = compose((tmp_path / "plans" / "2025.yaml").read_text(encoding="utf-8")).data
    assert [task["lead"] for task in tasks["sections"][0]["tasks"]] == [
        "Phòng TC/KH", "Phòng Tư pháp", "Tổ công tác"
    ]  # fmt: skip
    # The registry's plan is read, never written.
    assert (tmp_path / "plans" / "2024.yaml").read_bytes() == PLAN_2024.read_bytes()
    # And the new unit is a unit of its own: its records go to its own file.
    recorded = tthc_here(tmp_path, "done", "I.1", "--date", "2025-01-20", "--today", "2025-02-01",
                         "-p", "plans/2025.yaml")  # fmt: skip
    assert (recorded.returncode, recorded.stderr) == (0, "")
    assert (tmp_path / "plans" / "progress" / "nam-2025" / "phong-tc-kh-2.yaml").is_file()


def test_new_units_with_no_registry_keep_one_id_per_body(tmp_path: Path) -> None:
    """With no --units, the same: every id written once, each body its own unit."""
    (tmp_path / "phu-luc.txt").write_text("\n".join(ANNEX) + "\n", encoding="utf-8")
    done = tthc_here(tmp_path, "import", "phu-luc.txt", "--year", "2025", "--today", "2025-01-05")
    assert done.returncode == 0, done.stdout + done.stderr
    units = compose((tmp_path / "plans" / "2025.yaml").read_text(encoding="utf-8")).data["units"]
    assert len({unit["id"] for unit in units}) == len(units)
