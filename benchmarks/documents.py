"""Reports of the communes of the 2024 plan, as Word files, for timing `tthc intake`."""

from __future__ import annotations

from pathlib import Path

import docx

COMMUNES = ("Xã Nhân Cơ", "Xã Đắk Ru", "Xã Nhân Đạo", "Xã Đạo Nghĩa", "Xã Kiến Thành")


def reports(folder: Path, count: int = 50) -> Path:
    """Write `count` quarterly reports (Q1 and Q2, five communes) in the official form."""
    folder.mkdir(parents=True, exist_ok=True)
    for n in range(count):
        commune = COMMUNES[n % len(COMMUNES)]
        quarter, month = ("I", 4) if (n // len(COMMUNES)) % 2 == 0 else ("II", 7)
        document = docx.Document()
        table = document.add_table(rows=1, cols=2)
        table.cell(0, 0).text = f"ỦY BAN NHÂN DÂN\n{commune.upper()}\nSố: {n + 1}/BC-UBND"
        table.cell(0, 1).text = (
            "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc\n"
            f"{commune[3:]}, ngày 05 tháng {month} năm 2024"
        )
        document.add_paragraph("BÁO CÁO")
        document.add_paragraph(f"Kết quả kiểm soát thủ tục hành chính quý {quarter} năm 2024")
        document.add_paragraph(f"UBND {commune.lower()[:2]}{commune[2:]} báo cáo như sau:")
        document.save(str(folder / f"{n:02d}.docx"))
    return folder
