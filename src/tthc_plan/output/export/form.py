"""What the official form (Nghị định 30/2020) writes the same in Word and Markdown.

The Word layout is `official.py`'s (python-docx); this module holds only the
words and the Markdown lines the report and the reminder letter share, so the
Markdown of either needs no Word library.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from tthc_plan.core.documents import Issuer, date_line
from tthc_plan.output.values import markdown_text

NATION = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"
MOTTO = "Độc lập - Tự do - Hạnh phúc"


def listed(names: Sequence[str]) -> list[str]:
    """Return names as a document lists them: each ending ";", the last "."."""
    last = len(names) - 1
    return [f"{name}{'.' if index == last else ';'}" for index, name in enumerate(names)]


def markdown_heading(issuer: Issuer, number: str, day: date) -> list[str]:
    """Return the heading lines: body and Quốc hiệu, then number, place and date."""
    parent = f"{markdown_text(issuer.parent)} / " if issuer.parent else ""
    body = markdown_text(" ".join(issuer.body))
    return [
        f"{parent}**{body}** — **{NATION}**, **{MOTTO}**",
        "",
        f"{markdown_text(number)} — *{markdown_text(date_line(issuer.place, day))}*",
        "",
    ]


def markdown_closing(issuer: Issuer, to: Sequence[str]) -> list[str]:
    """Return "Nơi nhận" and the signature block, as the last lines of a document."""
    return [
        "**Nơi nhận:**",
        "",
        *(f"- {markdown_text(name)}" for name in listed(to)),
        "",
        *(f"**{markdown_text(line)}**  " for line in issuer.signature),
        "",
        # no name known: the line stays empty for the signer to write it
        f"**{markdown_text(issuer.signer)}**" if issuer.signer else "",
        "",
    ]
