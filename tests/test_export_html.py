"""tthc export html, opened in a real browser (headless Chromium)."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
from pathlib import Path

import pytest

from tests.conftest import ROOT, PlanCopy, TthcRunner, invoke
from tthc_plan.cli import app

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
ARTIFACTS = Path(os.environ.get("TTHC_ARTIFACTS", ROOT / "test-artifacts"))
needs_chromium = pytest.mark.skipif(
    CHROMIUM is None, reason="Chromium is not installed (.ci/run installs Debian's chromium)"
)


def _chromium(page: Path, profile: Path, *extra: str) -> subprocess.CompletedProcess[str]:
    assert CHROMIUM is not None
    return subprocess.run(
        [
            CHROMIUM, "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic",
            "--no-first-run", "--disable-background-networking", "--disable-component-update",
            "--disable-sync", f"--user-data-dir={profile}", "--enable-logging=stderr", "--v=0",
            *extra, page.as_uri(),
        ],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )  # fmt: skip


def _console(stderr: str) -> list[str]:
    return [line for line in stderr.splitlines() if ":CONSOLE" in line]


@pytest.fixture
def page(plan_copy_with: PlanCopy) -> Path:
    tmp_path = plan_copy_with(
        done=[
            ["II.1", "--unit", unit, "--date", "2024-01-08", "--today", "2024-01-12"]
            for unit in ("Xã Nhân Cơ", "Phòng Tư pháp")
        ]
    )
    result = TthcRunner().invoke(
        app, ["export", "html", "--today", "2024-03-20", "-o", "status.html"]
    )
    assert result.exit_code == 0, result.output
    return tmp_path / "status.html"


def test_page_is_self_contained(page: Path) -> None:
    html = page.read_text(encoding="utf-8")
    assert html.startswith('<!doctype html>\n<html lang="vi">')
    assert re.search(r"<script|<link|https?://|src=", html) is None
    assert "<title>Kế hoạch hoạt động kiểm soát thủ tục hành chính năm 2024" in html
    assert '<time datetime="2024-03-20">20/03/2024</time>' in html
    assert "@media print" in html
    assert "size: A4 landscape" in html
    assert '<meta name="viewport" content="width=device-width, initial-scale=1">' in html
    assert ".timeline svg { min-width: 980px; }" in html  # a phone scrolls the year sideways


@needs_chromium
@pytest.mark.slow
def test_page_in_a_real_browser(page: Path, tmp_path: Path) -> None:
    dom = _chromium(page, tmp_path / "profile", "--dump-dom")
    assert dom.returncode == 0, dom.stderr[-2000:]
    assert _console(dom.stderr) == []
    text = dom.stdout
    for element in ('id="totals"', 'id="units"', 'id="overdue"', 'id="timeline"', 'id="today"',
                    'id="legend"'):  # fmt: skip
        assert element in text, element
    # Lead items late on 20/03/2024: II.1 (21 leads, two now done), TCTH.1 (11), I.1,
    # II.2, XI.1 Q1 (21 leads) and XI.2 Q1 (the Office, due 19/03): 19 + 11 + 1 + 1 + 21 + 1.
    assert "Việc quá hạn (54)" in text
    assert text.count('<g class="task"') == 31
    assert (
        '<li data-state="done"><span class="state" style="color:#1e8449">✓ Đã xong</span>: <b>2</b>'
        in text
    )
    # done, per unit, with its share of dated work
    assert re.search(r"<td>Xã Nhân Cơ</td>.*?aria-label=\"(\d+)% đã xong\"", text)
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    shot = ARTIFACTS / "export-html.png"
    screenshot = _chromium(
        page, tmp_path / "profile2", f"--screenshot={shot}", "--window-size=1200,2400"
    )
    assert screenshot.returncode == 0
    assert shot.stat().st_size > 10_000
    phone = ARTIFACTS / "export-html-phone.png"
    small = _chromium(page, tmp_path / "profile3", f"--screenshot={phone}", "--window-size=390,844")
    assert small.returncode == 0
    # The whole page at a phone's 375 px, the year's timeline included (issue 27): the
    # timeline keeps a readable size and scrolls sideways, under a hint that says so.
    whole = ARTIFACTS / "export-html-phone-whole.png"
    tall = _chromium(page, tmp_path / "profile4", f"--screenshot={whole}", "--window-size=375,5200")
    assert tall.returncode == 0
    assert '<div class="scroll timeline"><svg id="timeline"' in text
    assert "Vuốt ngang để xem cả năm." in text


@needs_chromium
@pytest.mark.slow
def test_console_errors_would_be_caught(tmp_path: Path) -> None:
    """The check above can fail: a page with a script error is caught."""
    bad = tmp_path / "bad.html"
    bad.write_text('<!doctype html><script>console.error("lỗi"); nope();</script>', "utf-8")
    result = _chromium(bad, tmp_path / "profile", "--dump-dom")
    assert len(_console(result.stderr)) == 2


def test_the_web_page_groups_late_units_by_task(plan_copy: Path) -> None:
    code, _out, _err = invoke("export", "html", "--today", "2024-03-20", "-o", "trang.html")
    assert code == 0
    html = (plan_copy / "trang.html").read_text(encoding="utf-8")
    table = html.split('<table id="overdue">')[1].split("</table>")[0]
    assert table.count("<tr>") == 1 + 6  # the header and six tasks, not 55 rows
    ii1 = next(row for row in table.split("<tr>") if row.startswith("<td>II.1</td>"))
    assert '<td class="num">21</td>' in ii1
    assert "Xã Nhân Cơ" in ii1


def test_the_timeline_marks_today_only_inside_the_plan_s_year(plan_copy: Path) -> None:
    for day, marked in (("2024-03-20", True), ("2023-12-01", False), ("2025-03-01", False)):
        code, out, _err = invoke("export", "html", "--today", day)
        assert code == 0
        timeline = out.split('id="timeline"')[1].split("</svg>")[0]
        assert ('<line id="today"' in timeline) is marked, day
