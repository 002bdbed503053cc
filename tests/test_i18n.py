"""Messages: Vietnamese by default, English from a complete, compiled catalogue."""

from __future__ import annotations

import gettext
import io
from pathlib import Path

import pytest
from babel.messages.extract import extract_from_dir
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po
from typer.testing import CliRunner

from tests.conftest import ROOT, TthcRunner
from tthc_plan.cli import app
from tthc_plan.i18n import LOCALE_DIR

PO = LOCALE_DIR / "en" / "LC_MESSAGES" / "tthc.po"
MO = PO.with_suffix(".mo")


def _catalog() -> dict[str, str]:
    with PO.open("rb") as handle:
        return {m.id: m.string for m in read_po(handle) if m.id and not m.fuzzy}  # type: ignore[misc]


def test_every_message_in_the_code_has_an_english_translation() -> None:
    package = Path(LOCALE_DIR).parent
    found = {
        message
        for _file, _line, message, _comments, _context in extract_from_dir(
            str(package), keywords={"_": None, "N_": None, "msg": None}
        )
    }
    catalog = _catalog()
    assert sorted(m for m in found if not catalog.get(str(m))) == []


def test_compiled_catalogue_matches_the_po_file() -> None:
    with PO.open("rb") as handle:
        expected = io.BytesIO()
        write_mo(expected, read_po(handle))
    compiled = gettext.GNUTranslations(io.BytesIO(expected.getvalue()))
    with MO.open("rb") as handle:
        committed = gettext.GNUTranslations(handle)
    for message, translation in _catalog().items():
        assert committed.gettext(message) == compiled.gettext(message) == translation


def test_english_output(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(ROOT)
    result = TthcRunner().invoke(
        app, ["--lang", "en", "validate", "-f", "concise", "tests/data/broken.yaml"]
    )
    lines = result.stdout.splitlines()
    assert lines[0] == (
        "tests/data/broken.yaml:7:13: error INVALID_VALUE Time zone «Asia/Ha_Noi» does not exist."
    )
    assert lines[-1] == "1 file(s) checked: 13 error(s), 4 warning(s)."


def test_english_from_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("TTHC_LANG", "en")
    result = TthcRunner().invoke(app, ["timeframe", "Sắp tới"])
    assert result.exit_code == 1
    assert result.stderr.startswith(
        "Error: Cannot understand «Sắp tới» in the timeframe «Sắp tới».\n"
        "Accepted forms: «Thường xuyên»;"
    )


CLICK_PO = LOCALE_DIR / "vi" / "LC_MESSAGES" / "click.po"


def test_the_parser_s_vietnamese_is_compiled() -> None:
    with CLICK_PO.open("rb") as handle:
        catalog = read_po(handle)
    with CLICK_PO.with_suffix(".mo").open("rb") as handle:
        committed = gettext.GNUTranslations(handle)
    for message in catalog:
        if message.id and isinstance(message.id, str):
            assert committed.gettext(message.id) == message.string


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["status", "--bogus"], "Lỗi: Không có tùy chọn '--bogus'."),
        (["status", "--within", "abc"],
         "Lỗi: Giá trị của '--within' không hợp lệ: 'abc' không phải là một số hợp lệ."),
        (["show"], "Lỗi: Thiếu tham số 'ID'."),
        (["statu"], "Lỗi: Không có lệnh 'statu'. (Có phải ý bạn là: 'start', 'status'?)"),
    ],
)  # fmt: skip
def test_usage_errors_are_in_the_language_of_the_run(
    runner: CliRunner, args: list[str], message: str
) -> None:
    result = runner.invoke(app, args)
    assert result.exit_code == 2
    lines = result.stderr.splitlines()
    assert lines[0].startswith("Cách dùng: tthc ")
    assert lines[1].startswith("Xem hướng dẫn: 'tthc ")
    assert lines[-1] == message
    english = runner.invoke(app, ["--lang", "en", *args])
    assert english.stderr.splitlines()[0].startswith("Usage: tthc ")
    assert english.stderr.splitlines()[-1].startswith("Error: ")


def test_help_headings_are_in_the_language_of_the_run(runner: CliRunner) -> None:
    shown = runner.invoke(app, ["report", "--help"]).stdout
    assert shown.startswith("Cách dùng: tthc report [OPTIONS]\n")
    assert "\nTùy chọn:\n" in shown
    assert "[bắt buộc]" in " ".join(shown.split())
    assert "Options" not in shown


@pytest.mark.parametrize("how", ["option", "environment"])
def test_help_is_in_the_language_of_the_run(how: str, tmp_path: Path) -> None:
    import os  # noqa: PLC0415
    import subprocess  # noqa: PLC0415
    import sys  # noqa: PLC0415

    env = os.environ | {"TTHC_CACHE_DIR": str(tmp_path)}
    args = [sys.executable, "-m", "tthc_plan"]
    if how == "option":
        args += ["--lang", "en"]
    else:
        env["TTHC_LANG"] = "en"
    shown = subprocess.run([*args, "status", "--help"], capture_output=True, text=True,
                           env=env, encoding="utf-8", check=True).stdout  # fmt: skip
    assert shown.startswith("Usage: ")
    assert "Status per unit: overdue, due soon, in progress..." in shown
    assert "A unit or group name (accents optional)." in shown
    assert "Tên đơn vị" not in shown
