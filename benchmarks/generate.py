"""Generate a synthetic province: N tasks spread over M plan files, with progress records.

    python benchmarks/generate.py OUT_DIR --tasks 10000 --files 300 [--seed 1]

Each file is a valid plan: the shipped units registry (groups included), sections
of realistic Vietnamese tasks with the timeframe forms of the 2024 plan, and a
progress folder with records for a share of the items.
"""

from __future__ import annotations

import argparse
import random
import re
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SOURCE = ROOT / "plans" / "2024.yaml"
TIMEFRAMES = [
    "Trước 10/01/2024",
    "Tháng 7/2024",
    "Từ tháng 02/2024 - 6/2024",
    "Thường xuyên",
    "Trong năm 2024",
    "Quý II/2024",
    "Báo cáo quý, BC năm; BC đột xuất theo yêu cầu của UBND tỉnh",
    "Theo yêu cầu",
    "Chậm nhất ngày 15/11/2024",
]
LEADS = [
    "Văn phòng HĐND - UBND huyện",
    "Các phòng chuyên môn, UBND các xã, thị trấn",
    "Thanh tra huyện",
    "Phòng Nội vụ, Văn phòng HĐND - UBND huyện",
    "Xã Nhân Cơ",
]
VERBS = ["Rà soát", "Tổng hợp", "Kiểm tra", "Tuyên truyền", "Công khai", "Báo cáo", "Tập huấn"]
OBJECTS = [
    "thủ tục hành chính thuộc lĩnh vực đất đai",
    "kết quả giải quyết hồ sơ tại Bộ phận Một cửa",
    "phản ánh, kiến nghị về quy định hành chính",
    "dịch vụ công trực tuyến toàn trình",
    "việc niêm yết công khai thủ tục hành chính",
]
UNIT_FILES = ["xa-nhan-co", "phong-tu-phap", "thanh-tra-huyen", "vp-hdnd-ubnd"]


def _units_block() -> str:
    text = SOURCE.read_text(encoding="utf-8")
    start = text.index("\nunits:\n") + 1
    return text[start : text.index("\nsections:\n") + 1]


def _plan(index: int, tasks: int, rng: random.Random, units: str) -> str:
    lines = [
        "plan:",
        f"  id: tinh-bench-{index:04d}",
        f"  title: Kế hoạch kiểm soát thủ tục hành chính năm 2024 số {index}",
        "  year: 2024",
        "  timezone: Asia/Ho_Chi_Minh",
        "  issuer: UBND huyện",
        "  decision:",
        "    date: 2023-12-29",
        "    title: Về việc ban hành kế hoạch",
        "    signer: {name: Nguyễn Văn A, title: Chủ tịch}",
        units.rstrip("\n"),
        "sections:",
    ]
    per_section = 10
    for section in range(0, tasks, per_section):
        roman = f"S{section // per_section + 1}"
        lines += [f"  - id: {roman}", "    title: MỤC THỬ NGHIỆM", "    tasks:"]
        for number in range(1, min(per_section, tasks - section) + 1):
            title = f"{rng.choice(VERBS)} {rng.choice(OBJECTS)} (việc {section + number})"
            lines += [
                f"      - id: {roman}.{number}",
                f"        title: {title}",
                "        deliverable: Báo cáo kết quả",
                f"        lead: {rng.choice(LEADS)}",
                "        support: Các đơn vị liên quan",
                f"        timeframe: {rng.choice(TIMEFRAMES)}",
            ]
    return "\n".join(lines) + "\n"


_TASK = re.compile(
    r"- id: (?P<id>S\d+\.\d+)\n.*\n.*\n        lead: Các phòng.*\n.*\n        timeframe: (?P<tf>.*)"
)


def _progress(plan_text: str, rng: random.Random) -> dict[str, str]:
    ids = [m["id"] for m in _TASK.finditer(plan_text) if not m["tf"].startswith("Báo cáo")]
    records: dict[str, list[str]] = {unit: [] for unit in UNIT_FILES[:2]}
    for task in ids:
        if rng.random() < 0.3:
            unit = rng.choice(list(records))
            records[unit].append(
                f"- task: {task}\n  date: 2024-0{rng.randint(1, 9)}-1{rng.randint(0, 9)}\n"
            )
    return {unit: "".join(lines) for unit, lines in records.items() if lines}


def generate(out: Path, *, tasks: int, files: int, seed: int) -> None:
    """Write `files` plan files holding `tasks` tasks in all, with progress."""
    rng = random.Random(seed)  # noqa: S311 - benchmark data, not secrets
    units = _units_block()
    out.mkdir(parents=True, exist_ok=True)
    base, extra = divmod(tasks, files)
    for index in range(files):
        count = base + (1 if index < extra else 0)
        text = _plan(index, count, rng, units)
        (out / f"plan-{index:04d}.yaml").write_text(text, encoding="utf-8")
        folder = out / "progress" / f"tinh-bench-{index:04d}"
        for unit, records in _progress(text, rng).items():
            folder.mkdir(parents=True, exist_ok=True)
            (folder / f"{unit}.yaml").write_text(records, encoding="utf-8")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out", type=Path)
    parser.add_argument("--tasks", type=int, default=10_000)
    parser.add_argument("--files", type=int, default=300)
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    generate(args.out, tasks=args.tasks, files=args.files, seed=args.seed)


if __name__ == "__main__":
    main()
