"""tthc remind --email (issue 21): the weekly mail to each unit, sent to a real SMTP server.

The plan is a copy of the shipped one with a year of records
(tests/data/progress-2024/) and an address under .invalid for every unit
but Xã Đắk Sin (Phòng Tư pháp has two). On 25/09/2024, counted by hand from
those records (`tthc status --role all --today 2024-09-25`):

- overdue lead items: Phòng Tư pháp 3, Xã Đắk Ru 3 (XI.1 Q1 and Q2, II.3),
  the Office 2 (II.2, and XI.2 Q3, due 19/09: 6 days), Phòng GD-ĐT,
  Phòng NN-PTNT, Phòng Y tế, Xã Đắk Wer, Xã Nhân Cơ 1 each; nothing falls
  due in the next 14 days that is not done already;
- XI.2 Q3 is supported by the 21 other units, so each of them is told
  "Chủ trì: Văn phòng HĐND và UBND huyện — quá hạn 6 ngày" and gets a mail
  even with nothing of its own; the Office supports II.3, whose late leads
  it is shown; "Các đơn vị liên quan" (an open group) supports too, and is
  nobody to write to.

So 22 units owe something, 21 have an address: 21 messages, 22 recipients.
The server is aiosmtpd on 127.0.0.1, started by each test on a free port.
"""

from __future__ import annotations

import asyncio
import email
import email.policy
import json
import os
import re
import shutil
import socket
import subprocess
import sys
import threading
import zlib
from collections.abc import Iterator
from email.message import EmailMessage
from pathlib import Path

import pytest
from aiosmtpd.controller import Controller
from aiosmtpd.smtp import SMTP, AuthResult, Envelope, LoginPassword, Session
from click.testing import Result
from ruamel.yaml import YAML

from tests.conftest import PLAN_2024, PROGRESS_2024, ROOT, PlanCopy, TthcRunner
from tests.test_export_html import ARTIFACTS, _chromium, needs_chromium
from tthc_plan.cli import app
from tthc_plan.store import mailer

BIN = Path(sys.executable).parent
DAY = "2024-09-25"
DOMAIN = "tthc-test.invalid"
NO_ADDRESS = "xa-dak-sin"
SENDER = "Văn phòng HĐND và UBND huyện <vanphong@tthc-test.invalid>"
# Every unit of the 2024 plan that owes something on 25/09/2024, and its subject.
SUBJECTS = {
    "phong-gd-dt": "Phòng Giáo dục và Đào tạo: 1 việc quá hạn, 1 việc phối hợp",
    "phong-kt-ht": "Phòng Kinh tế và Hạ tầng: 1 việc phối hợp",
    "phong-ld-tb-xh": "Phòng Lao động - Thương binh và Xã hội: 1 việc phối hợp",
    "phong-noi-vu": "Phòng Nội vụ: 1 việc phối hợp",
    "phong-nn-ptnt": "Phòng Nông nghiệp và Phát triển nông thôn: 1 việc quá hạn, 1 việc phối hợp",
    "phong-tc-kh": "Phòng Tài chính - Kế hoạch: 1 việc phối hợp",
    "phong-tn-mt": "Phòng Tài nguyên và Môi trường: 1 việc phối hợp",
    "phong-tu-phap": "Phòng Tư pháp: 3 việc quá hạn, 1 việc phối hợp",
    "phong-vh-tt": "Phòng Văn hóa và Thông tin: 1 việc phối hợp",
    "phong-y-te": "Phòng Y tế: 1 việc quá hạn, 1 việc phối hợp",
    "tt-kien-duc": "Thị trấn Kiến Đức: 1 việc phối hợp",
    "vp-hdnd-ubnd": "Văn phòng HĐND và UBND huyện: 2 việc quá hạn, 1 việc phối hợp",
    "xa-dao-nghia": "Xã Đạo Nghĩa: 1 việc phối hợp",
    "xa-dak-ru": "Xã Đắk Ru: 3 việc quá hạn, 1 việc phối hợp",
    "xa-dak-sin": "Xã Đắk Sin: 1 việc phối hợp",
    "xa-dak-wer": "Xã Đắk Wer: 1 việc quá hạn, 1 việc phối hợp",
    "xa-hung-binh": "Xã Hưng Bình: 1 việc phối hợp",
    "xa-kien-thanh": "Xã Kiến Thành: 1 việc phối hợp",
    "xa-nghia-thang": "Xã Nghĩa Thắng: 1 việc phối hợp",
    "xa-nhan-co": "Xã Nhân Cơ: 1 việc quá hạn, 1 việc phối hợp",
    "xa-nhan-dao": "Xã Nhân Đạo: 1 việc phối hợp",
    "xa-quang-tin": "Xã Quảng Tín: 1 việc phối hợp",
}
NO_ADDRESS_WARNING = (
    "Cảnh báo: 1 đơn vị không có địa chỉ e-mail (thêm email: cho đơn vị trong danh mục units, "
    "hoặc gọi điện, gửi công văn): Xã Đắk Sin.\n"
)


def _addresses(unit: str) -> list[str]:
    if unit == NO_ADDRESS:
        return []
    if unit == "phong-tu-phap":
        return [f"{unit}@{DOMAIN}", f"vanthu.{unit}@{DOMAIN}"]
    return [f"{unit}@{DOMAIN}"]


def _with_addresses(text: str) -> str:
    """Give every unit of the registry (groups aside) its addresses, as a person would."""
    out: list[str] = []
    unit = None
    for line in text.split("\n"):
        out.append(line)
        if line.startswith("sections:"):
            unit = None
        if found := re.match(r"  - id: (\S+)$", line):
            unit = found.group(1)
        if unit and re.match(r"    kind: (?!group)", line) and (addresses := _addresses(unit)):
            shown = addresses[0] if len(addresses) == 1 else f"[{', '.join(addresses)}]"
            out.append(f"    email: {shown}")
    return "\n".join(out)


@pytest.fixture
def office(plan_copy_with: PlanCopy) -> Path:
    """The plan with addresses and a year of records, as the current folder; no settings."""
    text = _with_addresses(PLAN_2024.read_text(encoding="utf-8"))
    return plan_copy_with(plan=text, progress=PROGRESS_2024)


@pytest.fixture
def pauses(monkeypatch: pytest.MonkeyPatch) -> list[float]:
    """The waits between attempts, recorded instead of slept."""
    waited: list[float] = []
    monkeypatch.setattr(mailer, "pause", waited.append)
    return waited


class Collector:
    """An aiosmtpd handler that keeps every message; `refuse` and `drop` break it on purpose."""

    def __init__(self, *, refuse: str | None = None, drops: int = 0) -> None:
        self.envelopes: list[Envelope] = []
        self.refuse = refuse
        self.drops = drops  # how many DATA commands to answer by closing the connection

    async def handle_RCPT(  # noqa: N802 - aiosmtpd's hook name
        self, server: SMTP, session: Session, envelope: Envelope, address: str, options: list[str]
    ) -> str:
        if address == self.refuse:
            return "550 5.1.1 <" + address + ">: Recipient address rejected: no such user"
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(  # noqa: N802
        self, server: SMTP, session: Session, envelope: Envelope
    ) -> str:
        if self.drops:
            self.drops -= 1
            assert isinstance(server.transport, asyncio.Transport)
            server.transport.abort()  # the connection drops before the server answers
            return "250 OK"
        self.envelopes.append(envelope)
        return "250 Message accepted for delivery"

    def messages(self) -> list[EmailMessage]:
        return [_parse(envelope.content) for envelope in self.envelopes]  # type: ignore[arg-type]


def _parse(raw: bytes) -> EmailMessage:
    """Read a message back with the standard library's parser, as a mail client would."""
    parsed = email.message_from_bytes(raw, _class=EmailMessage, policy=email.policy.default)
    assert isinstance(parsed, EmailMessage)
    return parsed


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@pytest.fixture
def smtp(monkeypatch: pytest.MonkeyPatch) -> Iterator[Collector]:
    yield from _server(monkeypatch, Collector())


def _server(monkeypatch: pytest.MonkeyPatch, handler: Collector) -> Iterator[Collector]:
    port = _free_port()
    controller = Controller(handler, hostname="127.0.0.1", port=port)
    controller.start()
    monkeypatch.setenv("TTHC_SMTP_HOST", "127.0.0.1")
    monkeypatch.setenv("TTHC_SMTP_PORT", str(port))
    monkeypatch.setenv("TTHC_SMTP_TLS", "none")
    monkeypatch.setenv("TTHC_SMTP_FROM", SENDER)
    try:
        yield handler
    finally:
        controller.stop()


def _remind(*args: str) -> Result:
    return TthcRunner().invoke(app, ["remind", "--email", "--today", DAY, *args])


def _recipients(handler: Collector) -> list[str]:
    return sorted(address for envelope in handler.envelopes for address in envelope.rcpt_tos)


ALL_RECIPIENTS = sorted(address for unit in SUBJECTS for address in _addresses(unit))


def test_each_unit_that_owes_gets_one_mail(office: Path, smtp: Collector) -> None:
    result = _remind()
    assert result.exit_code == 0, result.output
    assert result.stdout == "Đã gửi 21 thư, bỏ qua 0 (đã gửi hôm nay), lỗi 0.\n"
    assert result.stderr == NO_ADDRESS_WARNING
    assert len(ALL_RECIPIENTS) == 22
    assert _recipients(smtp) == ALL_RECIPIENTS
    messages = smtp.messages()
    expected = {f"[KSTTHC 2024] {text}" for unit, text in SUBJECTS.items() if unit != NO_ADDRESS}
    assert {message["Subject"] for message in messages} == expected
    assert all(message["From"] == SENDER for message in messages)
    tu_phap = next(m for m in messages if "Phòng Tư pháp" in m["Subject"])
    assert tu_phap["To"] == f"phong-tu-phap@{DOMAIN}, vanthu.phong-tu-phap@{DOMAIN}"


def _body(message: EmailMessage, kind: str) -> str:
    part = message.get_body((kind,))
    assert part is not None
    assert part.get_content_charset() == "utf-8"
    return str(part.get_content()).replace("\r\n", "\n")  # the wire form has CRLF


def test_the_bodies_say_what_is_owed_and_to_whom_to_report(office: Path, smtp: Collector) -> None:
    assert _remind().exit_code == 0
    messages = {m["To"]: m for m in smtp.messages()}
    dak_ru = messages[f"xa-dak-ru@{DOMAIN}"]
    assert dak_ru.is_multipart()
    assert [part.get_content_type() for part in dak_ru.iter_parts()] == ["text/plain", "text/html"]
    text = _body(dak_ru, "plain").splitlines()
    assert text[:2] == ["Kính gửi: UBND xã Đắk Ru", ""]
    assert text[2].endswith("tình hình của đơn vị đến ngày 25/09/2024:")
    late = text.index("VIỆC ĐÃ QUÁ HẠN, CHƯA HOÀN THÀNH (3)")
    assert [line.rpartition(": ")[2] for line in text[late + 1 : late + 4]] == [
        "hạn 16/03/2024, quá hạn 193 ngày.",  # XI.1 Q1, worst first
        "hạn 16/06/2024, quá hạn 101 ngày.",  # XI.1 Q2
        "hạn 30/06/2024, quá hạn 87 ngày.",  # II.3
    ]
    assert text[late + 1].startswith("- XI.1 (quý I/2024). Báo cáo thường kỳ, đột xuất")
    assert text[late + 3].startswith("- II.3. Triển khai, thực hiện rà soát, đánh giá TTHC")
    support = text.index("VIỆC ĐƠN VỊ PHỐI HỢP, ĐƠN VỊ CHỦ TRÌ CHỊU TRÁCH NHIỆM VỀ HẠN (1)")
    assert text[support + 1].startswith("- XI.2 (quý III/2024). Tổng hợp báo cáo thường kỳ")
    assert text[support + 1].endswith(": hạn 19/09/2024.")
    assert text[support + 2] == "  Chủ trì: Văn phòng HĐND và UBND huyện — quá hạn 6 ngày"
    assert "CÁCH BÁO HOÀN THÀNH" in text
    assert (
        "Khi hoàn thành một việc, đề nghị đơn vị gửi văn bản, báo cáo kết quả (ghi rõ số, ngày "
        "của văn bản) về Văn phòng HĐND và UBND huyện để cập nhật tiến độ thực hiện Kế hoạch."
    ) in text
    html = _body(dak_ru, "html")
    assert html.startswith('<!DOCTYPE html>\n<html lang="vi">')
    assert "Chủ trì: Văn phòng HĐND và UBND huyện — quá hạn 6 ngày" in html
    assert re.search(r"<img|<script|<link|https?://|src=|url\(", html) is None  # nothing remote
    # A supporter with nothing of its own is written to because its lead is late.
    noi_vu = _body(messages[f"phong-noi-vu@{DOMAIN}"], "plain")
    assert "VIỆC ĐÃ QUÁ HẠN" not in noi_vu
    assert "  Chủ trì: Văn phòng HĐND và UBND huyện — quá hạn 6 ngày\n" in noi_vu
    # The Office records its own work; it is not told to write to itself.
    own = _body(messages[f"vp-hdnd-ubnd@{DOMAIN}"], "plain")
    assert "ghi nhận vào Kế hoạch (tthc done" in own
    assert "về Văn phòng HĐND và UBND huyện để cập nhật" not in own
    date = dak_ru["Date"]
    assert date.endswith("+0700")
    assert re.fullmatch(r"<[^@>]+@tthc-test\.invalid>", dak_ru["Message-ID"])
    assert dak_ru["Auto-Submitted"] == "auto-generated"


def test_the_second_run_of_the_day_sends_nothing(office: Path, smtp: Collector) -> None:
    assert _remind().exit_code == 0
    again = _remind()
    assert again.exit_code == 0
    assert again.stdout == "Đã gửi 0 thư, bỏ qua 21 (đã gửi hôm nay), lỗi 0.\n"
    assert len(smtp.envelopes) == 21
    log = json.loads((office / "state" / "sent-log.json").read_text(encoding="utf-8"))
    assert len(log["sent"]) == 21
    assert {entry["date"] for entry in log["sent"]} == {DAY}
    assert {entry["plan"] for entry in log["sent"]} == {"dak-rlap-kstthc-2024"}
    # Another day is another message.
    later = TthcRunner().invoke(app, ["remind", "--email", "--today", "2024-09-26"])
    assert later.stdout == "Đã gửi 21 thư, bỏ qua 0 (đã gửi hôm nay), lỗi 0.\n"


def test_a_refused_recipient_is_reported_not_retried(
    office: Path, monkeypatch: pytest.MonkeyPatch, pauses: list[float]
) -> None:
    for handler in _server(monkeypatch, Collector(refuse=f"xa-nhan-co@{DOMAIN}")):
        result = _remind()
        assert result.exit_code == 1
        assert result.stdout == "Đã gửi 20 thư, bỏ qua 0 (đã gửi hôm nay), lỗi 1.\n"
        assert result.stderr == (
            f"Không gửi được thư cho «Xã Nhân Cơ» (xa-nhan-co@{DOMAIN}) sau 1 lần thử: "
            f"xa-nhan-co@{DOMAIN}: 550 5.1.1 <xa-nhan-co@{DOMAIN}>: Recipient address rejected: "
            "no such user.\n" + NO_ADDRESS_WARNING
        )
        assert pauses == []
        assert _recipients(handler) == [a for a in ALL_RECIPIENTS if not a.startswith("xa-nhan-co")]


def test_a_dropped_connection_is_retried(
    office: Path, monkeypatch: pytest.MonkeyPatch, pauses: list[float]
) -> None:
    for handler in _server(monkeypatch, Collector(drops=1)):
        result = _remind("--unit", "Xã Đắk Ru")
        assert result.exit_code == 0, result.output
        assert result.stdout == "Đã gửi 1 thư, bỏ qua 0 (đã gửi hôm nay), lỗi 0.\n"
        assert pauses == [1.0]
        assert _recipients(handler) == [f"xa-dak-ru@{DOMAIN}"]


def test_a_server_that_always_drops_fails_after_three_attempts(
    office: Path, monkeypatch: pytest.MonkeyPatch, pauses: list[float]
) -> None:
    for handler in _server(monkeypatch, Collector(drops=1000)):
        result = _remind("--unit", "Xã Đắk Ru")
        assert result.exit_code == 1
        assert result.stdout == "Đã gửi 0 thư, bỏ qua 0 (đã gửi hôm nay), lỗi 1.\n"
        assert result.stderr == (
            f"Không gửi được thư cho «Xã Đắk Ru» (xa-dak-ru@{DOMAIN}) sau 3 lần thử: "
            "máy chủ đóng kết nối.\n"
        )
        assert pauses == [1.0, 2.0]
        assert handler.envelopes == []
    # Nothing was sent, nothing is logged: the next run tries again.
    assert not (office / "state" / "sent-log.json").exists()


def test_a_server_nobody_listens_on(office: Path, monkeypatch: pytest.MonkeyPatch,
                                    pauses: list[float]) -> None:  # fmt: skip
    monkeypatch.setenv("TTHC_SMTP_HOST", "127.0.0.1")
    monkeypatch.setenv("TTHC_SMTP_PORT", str(_free_port()))
    monkeypatch.setenv("TTHC_SMTP_TLS", "none")
    monkeypatch.setenv("TTHC_SMTP_FROM", SENDER)
    result = _remind("--unit", "Phòng Nội vụ")
    assert result.exit_code == 1
    assert result.stderr == (
        f"Không gửi được thư cho «Phòng Nội vụ» (phong-noi-vu@{DOMAIN}) sau 3 lần thử: "
        "máy chủ không nhận kết nối.\n"
    )


def test_a_corrupt_sent_log_is_started_afresh(office: Path, smtp: Collector) -> None:
    (office / "state").mkdir()
    (office / "state" / "sent-log.json").write_text('{"sent": [{"date": 3', encoding="utf-8")
    result = _remind("--unit", "Phòng Y tế")
    assert result.exit_code == 0
    assert result.stderr == (
        f"Nhật ký thư đã gửi «{office / 'state' / 'sent-log.json'}» bị hỏng: bắt đầu nhật ký mới.\n"
    )
    assert result.stdout == "Đã gửi 1 thư, bỏ qua 0 (đã gửi hôm nay), lỗi 0.\n"
    log = json.loads((office / "state" / "sent-log.json").read_text(encoding="utf-8"))
    assert [entry["unit"] for entry in log["sent"]] == ["phong-y-te"]


def test_dry_run_writes_one_eml_per_message_and_sends_nothing(
    office: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("TTHC_SMTP_FROM", SENDER)
    result = _remind("--dry-run", "--outbox", "hop-thu")
    assert result.exit_code == 0, result.output
    files = sorted(path.name for path in (office / "hop-thu").iterdir())
    assert len(files) == 22  # Xã Đắk Sin's too, without a To: the Office may print it
    assert files[:3] == [
        "01-phong-giao-duc-va-dao-tao.eml",
        "02-phong-kinh-te-va-ha-tang.eml",
        "03-phong-lao-dong-thuong-binh-va-xa-hoi.eml",
    ]
    assert all(re.fullmatch(r"\d\d-[a-z0-9-]+\.eml", name) for name in files)
    lines = result.stdout.splitlines()
    assert lines[-1] == "Xem trước 22 thư: không gửi, không ghi nhật ký thư đã gửi."
    assert f"{Path('hop-thu') / '15-xa-dak-sin.eml'}  (không có địa chỉ): [KSTTHC 2024] " in (
        result.stdout
    )
    assert "(không có địa chỉ): [KSTTHC 2024] Xã Đắk Sin: 1 việc phối hợp" in result.stdout
    assert result.stderr == NO_ADDRESS_WARNING
    raw = (office / "hop-thu" / "14-xa-dak-ru.eml").read_bytes()
    assert raw.isascii()  # every header and body encoded: any server, any client
    assert b"\r\n" in raw
    parsed = _parse(raw)
    assert parsed["Subject"] == f"[KSTTHC 2024] {SUBJECTS['xa-dak-ru']}"
    assert parsed["To"] == f"xa-dak-ru@{DOMAIN}"
    assert _body(parsed, "plain").startswith("Kính gửi: UBND xã Đắk Ru\n")
    assert not (office / "state").exists()  # a dry run never touches the sent-log


def test_nothing_owed_no_mail(office: Path, smtp: Collector) -> None:
    result = TthcRunner().invoke(app, ["remind", "--email", "--today", "2023-11-01"])
    assert result.exit_code == 0
    assert result.stdout == (
        "Ngày 01/11/2023 không đơn vị nào có việc quá hạn hay sắp đến hạn: không gửi thư.\n"
    )
    assert smtp.envelopes == []


def test_within_decides_what_is_due_soon(office: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # 10/06/2024: XI.1 Q2 is due 16/06 (6 days), XI.2 Q2 (the Office leads) 19/06 (9 days).
    monkeypatch.setenv("TTHC_SMTP_FROM", SENDER)
    args = ["remind", "--email", "--dry-run", "--today", "2024-06-10", "--unit", "Phòng Y tế"]
    wide = TthcRunner().invoke(app, [*args, "--within", "14"])
    both = "Phòng Y tế: 1 việc sắp đến hạn, 1 việc phối hợp"
    assert f"phong-y-te@{DOMAIN}: [KSTTHC 2024] {both}\n" in wide.stdout
    # A unit with only an upcoming item is written to as well.
    narrow = TthcRunner().invoke(app, [*args, "--within", "7"])
    assert f"phong-y-te@{DOMAIN}: [KSTTHC 2024] Phòng Y tế: 1 việc sắp đến hạn\n" in narrow.stdout
    nothing = TthcRunner().invoke(app, [*args, "--within", "3"])
    assert nothing.stdout.startswith("Ngày 10/06/2024 không đơn vị nào")  # fmt: skip


@pytest.mark.parametrize(
    ("toml", "env", "message"),
    [
        ('[smtp]\nhost = "mail.example.invalid"\npassword = "bí mật"\n', {},
         "Lỗi: {path}:3: không ghi mật khẩu trong tệp cấu hình (tệp dễ bị chép, đưa lên git). "
         "Xóa dòng này; đặt mật khẩu bằng biến môi trường TTHC_SMTP_PASSWORD (trong CI: một "
         "secret) hoặc lưu trong keyring của hệ thống.\n"),
        ('[smtp]\nhost = "mail.example.invalid"\ntls = "none"\n', {},
         "Lỗi: {path}:3: tls = none chỉ dùng được với máy chủ trên chính máy này (127.0.0.1, "
         "localhost); với «mail.example.invalid» chọn starttls (cổng 587) hoặc ssl (cổng 465): "
         "thư và mật khẩu không được đi qua mạng mà không mã hóa.\n"),
        ('[smtp]\nhost = "mail.example.invalid"\n', {"TTHC_SMTP_TLS": "none"},
         "Lỗi: TTHC_SMTP_TLS: tls = none chỉ dùng được với máy chủ trên chính máy này "
         "(127.0.0.1, localhost); với «mail.example.invalid» chọn starttls (cổng 587) hoặc ssl "
         "(cổng 465): thư và mật khẩu không được đi qua mạng mà không mã hóa.\n"),
        ('[smtp]\nhost = "mail.example.invalid"\nprot = 587\n', {},
         "Lỗi: {path}:3: khóa «prot» không có trong cấu hình; các khóa của [smtp]: host, port, "
         "tls, user, from, timeout, run_timeout.\n"),
        ('[smtp]\nport = 99999\n', {},
         "Lỗi: {path}:2: cổng «99999» không hợp lệ: một số từ 1 đến 65535 (587, 465).\n"),
        ('[smtp]\nhost = "a"\nfrom = "Văn phòng"\n', {},
         "Lỗi: {path}:3: người gửi «Văn phòng» không hợp lệ: thiếu «@». Viết «ten@mien.gov.vn» "
         "hoặc «Tên cơ quan <ten@mien.gov.vn>».\n"),
        ('[smtp]\nhost = "a"\nfrom = "vp@example.invalid, khac@example.invalid"\n', {},
         "Lỗi: {path}:3: người gửi «vp@example.invalid, khac@example.invalid» không hợp lệ: "
         "chỉ một người gửi; tên có dấu phẩy thì đặt trong ngoặc kép. Viết «ten@mien.gov.vn» "
         "hoặc «Tên cơ quan <ten@mien.gov.vn>».\n"),
        ('[smtp\nhost = "a"\n', {},
         "Lỗi: Tệp cấu hình «{path}» viết sai cú pháp TOML: Expected ']' at the end of a table "
         "declaration (at line 1, column 6).\n"),
        ('[smtp]\nfrom = "vanphong@example.invalid"\n', {},
         "Lỗi: Chưa cấu hình gửi thư: thiếu host. Ghi trong bảng [smtp] của tệp tthc.toml "
         "(--settings, TTHC_SETTINGS) hoặc đặt biến môi trường TTHC_SMTP_HOST (xem README).\n"),
        ('[smtp]\nhost = "mail.example.invalid"\nuser = "vanphong"\nfrom = "vp@example.invalid"\n',
         {},
         "Lỗi: Chưa có mật khẩu SMTP cho «vanphong»: đặt biến môi trường TTHC_SMTP_PASSWORD "
         "(trong CI: một secret), hoặc lưu vào keyring: keyring set tthc-smtp vanphong.\n"),
    ],
)  # fmt: skip
def test_settings_are_checked_with_their_place(
    office: Path, monkeypatch: pytest.MonkeyPatch, toml: str, env: dict[str, str], message: str
) -> None:
    path = office / "tthc.toml"
    path.write_text(toml, encoding="utf-8")
    for name, value in env.items():
        monkeypatch.setenv(name, value)
    result = _remind("--settings", "tthc.toml", "--unit", "Phòng Y tế")
    assert result.exit_code == 2
    assert result.stderr == message.format(path="tthc.toml")


def test_settings_from_the_file_named_by_the_environment(
    office: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    handler = Collector()
    port = _free_port()
    controller = Controller(handler, hostname="127.0.0.1", port=port)
    controller.start()
    try:
        settings = office / "elsewhere" / "tthc.toml"
        settings.parent.mkdir()
        settings.write_text(
            f'[smtp]\nhost = "localhost"\nport = {port}\ntls = "none"\nfrom = "{SENDER}"\n',
            encoding="utf-8",
        )
        monkeypatch.setenv("TTHC_SETTINGS", str(settings))
        result = _remind("--unit", "Phòng Y tế")
    finally:
        controller.stop()
    assert result.exit_code == 0, result.output
    assert _recipients(handler) == [f"phong-y-te@{DOMAIN}"]


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--email", "-o", "x.docx"],
         "Lỗi: -o dùng cho công văn (Word), không dùng với --email.\n"),
        (["--email", "--format", "md", "--signer", "A"],
         "Lỗi: --format, --signer dùng cho công văn (Word), không dùng với --email.\n"),
        (["--dry-run"], "Lỗi: --dry-run chỉ dùng với --email.\n"),
        (["--outbox", "o"], "Lỗi: --outbox chỉ dùng với --email.\n"),
        (["--email", "--outbox", "o"],
         "Lỗi: --outbox chỉ dùng với --dry-run (xem trước, không gửi).\n"),
    ],
)  # fmt: skip
def test_options_of_the_letter_and_of_the_mail_do_not_mix(
    office: Path, args: list[str], message: str
) -> None:
    result = TthcRunner().invoke(app, ["remind", "--today", DAY, *args])
    assert result.exit_code == 2
    assert result.stderr == message
    assert not (office / "o").exists()


def test_validate_checks_the_addresses(office: Path) -> None:
    path = office / "plans" / "2024.yaml"
    text = path.read_text(encoding="utf-8")
    text = text.replace(f"email: phong-y-te@{DOMAIN}", "email: [yte@, Phòng Y tế <yte@x.vn>]")
    path.write_text(text, encoding="utf-8")
    line = text.splitlines().index("    email: [yte@, Phòng Y tế <yte@x.vn>]") + 1
    result = TthcRunner().invoke(app, ["validate", "--format", "concise", "plans/"])
    assert result.exit_code == 1
    assert result.stdout.splitlines()[:2] == [
        f"plans/2024.yaml:{line}:13: error INVALID_EMAIL «yte@» (e-mail của «Phòng Y tế») không "
        "phải địa chỉ e-mail hợp lệ: tên miền sau «@» không hợp lệ (ví dụ đúng: mien.gov.vn).",
        f"plans/2024.yaml:{line}:19: error INVALID_EMAIL «Phòng Y tế <yte@x.vn>» (e-mail của "
        "«Phòng Y tế») không phải địa chỉ e-mail hợp lệ: chỉ ghi địa chỉ (ten@mien.gov.vn), "
        "không ghi tên người nhận.",
    ]


@pytest.mark.parametrize(
    ("written", "code", "message"),
    [
        ("email: 42", "INVALID_VALUE",
         "«email» là một địa chỉ, hoặc một danh sách địa chỉ [a@mien.vn, b@mien.vn]."),
        ("email: [a@x.invalid, '']", "INVALID_VALUE",
         "«email» có địa chỉ để trống: điền địa chỉ, hoặc xóa dòng email."),
        ("email: [" + ", ".join(f"a{n}@x.invalid" for n in range(21)) + "]", "INVALID_VALUE",
         "«email» có 21 địa chỉ, nhiều quá 20: dùng một hộp thư chung của đơn vị."),
        ("email: [yte@x.invalid, YTE@X.invalid]", "DUPLICATE_EMAIL",
         "«YTE@X.invalid» đã có trong email của «Phòng Y tế»."),
    ],
)  # fmt: skip
def test_an_email_of_the_wrong_shape_is_said_in_words(
    office: Path, written: str, code: str, message: str
) -> None:
    path = office / "plans" / "2024.yaml"
    text = path.read_text(encoding="utf-8").replace(f"email: phong-y-te@{DOMAIN}", written)
    path.write_text(text, encoding="utf-8")
    result = TthcRunner().invoke(app, ["validate", "--format", "concise", "plans/"])
    found = [line for line in result.stdout.splitlines() if f" {code} " in line]
    assert found, result.stdout
    assert found[0].endswith(f" {code} {message}")


def _png_colours(path: Path) -> int:
    """Return how many different bytes the image's rows hold (1: a blank page)."""
    data = path.read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    chunks, offset = b"", 8
    while offset < len(data):
        length = int.from_bytes(data[offset : offset + 4], "big")
        kind = data[offset + 4 : offset + 8]
        if kind == b"IDAT":
            chunks += data[offset + 8 : offset + 8 + length]
        offset += 12 + length
    return len(set(zlib.decompress(chunks)))


@needs_chromium
@pytest.mark.slow
def test_the_html_part_reads_in_a_real_browser(
    office: Path, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.setenv("TTHC_SMTP_FROM", SENDER)
    assert _remind("--dry-run", "--outbox", "hop-thu", "--unit", "Xã Đắk Ru").exit_code == 0
    raw = (office / "hop-thu" / "01-xa-dak-ru.eml").read_bytes()
    parsed = _parse(raw)
    page = tmp_path / "mail.html"
    page.write_text(_body(parsed, "html"), encoding="utf-8")
    dom = _chromium(page, tmp_path / "profile", "--dump-dom")
    assert dom.returncode == 0, dom.stderr[-2000:]
    assert "Chủ trì: Văn phòng HĐND và UBND huyện — quá hạn 6 ngày" in dom.stdout
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    for name, size in (("mail-html.png", "800,1100"), ("mail-html-phone.png", "390,844")):
        shot = ARTIFACTS / name
        shot.unlink(missing_ok=True)
        taken = _chromium(page, tmp_path / name, f"--screenshot={shot}", f"--window-size={size}")
        assert taken.returncode == 0, taken.stderr[-2000:]
        assert _png_colours(shot) > 10  # text drawn, not a blank page


TEMPLATES = ROOT / "templates" / "ci"


def test_the_ci_templates_run_every_monday_with_their_secrets(
    office: Path, smtp: Collector
) -> None:
    github = YAML(typ="safe").load((TEMPLATES / "github-actions-remind.yml").read_text("utf-8"))
    assert github["on"]["schedule"] == [{"cron": "30 0 * * 1"}]  # 07:30 in Vietnam (UTC+7)
    steps = github["jobs"]["remind"]["steps"]
    restore = next(step for step in steps if step.get("uses") == "actions/cache/restore@v4")
    save = steps[-1]  # saved even when a message failed: what went is not sent again
    assert (save["uses"], save["if"]) == ("actions/cache/save@v4", "always()")
    assert restore["with"]["path"] == save["with"]["path"] == ".tthc-state"
    assert github["env"]["TTHC_STATE_DIR"] == "${{ github.workspace }}/.tthc-state"
    assert github["concurrency"]["group"] == "tthc-remind"
    send = steps[-2]
    keys = ("HOST", "PORT", "TLS", "USER", "FROM", "PASSWORD")
    assert sorted(send["env"]) == sorted(f"TTHC_SMTP_{key}" for key in keys)
    assert all(value.startswith("${{ secrets.") for value in send["env"].values())
    gitlab = YAML(typ="safe").load((TEMPLATES / "gitlab-ci-remind.yml").read_text("utf-8"))
    job = gitlab["tthc-remind"]
    assert job["variables"]["TTHC_STATE_DIR"] == "$CI_PROJECT_DIR/.tthc-state"
    assert job["cache"]["paths"] == [".tthc-state/"]
    assert job["cache"]["when"] == "always"
    assert "30 7 * * 1" in (TEMPLATES / "gitlab-ci-remind.yml").read_text("utf-8")
    # Both run the same command; here it sends to the test server as of a pinned day.
    command = 'tthc remind --email ${TTHC_PLAN_ID:+--plan-id "$TTHC_PLAN_ID"}'
    assert send["run"] == job["script"][-1] == command
    environment = os.environ | {"PATH": f"{BIN}{os.pathsep}{os.environ['PATH']}",
                                "TTHC_TODAY": DAY}  # fmt: skip
    done = subprocess.run(
        send["run"], shell=True, cwd=office, env=environment, capture_output=True, text=True,
        check=False,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    assert done.stdout == "Đã gửi 21 thư, bỏ qua 0 (đã gửi hôm nay), lỗi 0.\n"
    assert len(smtp.envelopes) == 21


def test_the_readme_example_runs_as_written(tmp_path: Path) -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    block = readme.split("hoạch mẫu:\n\n```\n", 1)[1].split("```", 1)[0]
    lines = block.splitlines()
    command = (lines[0] + lines[1]).removeprefix("$ ").replace("\\", " ")
    (tmp_path / "plans").mkdir()
    shutil.copy(PLAN_2024, tmp_path / "plans" / "2024.yaml")
    environment = {k: v for k, v in os.environ.items() if not k.startswith("TTHC_")}
    environment |= {"PATH": f"{BIN}{os.pathsep}{os.environ['PATH']}",
                    "TTHC_STATE_DIR": str(tmp_path / "state")}  # fmt: skip
    done = subprocess.run(
        command, shell=True, cwd=tmp_path, env=environment, capture_output=True, text=True,
        check=False,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    shown = lines[2:5]
    assert done.stdout.splitlines() == [shown[0], shown[2]]
    assert done.stderr.splitlines() == [shown[1]]
    eml = (tmp_path / "hop-thu" / "01-xa-nhan-co.eml").read_bytes().decode("ascii")
    head = lines[6:22]
    assert lines[5] == "$ head -16 hop-thu/01-xa-nhan-co.eml"
    produced = eml.split("\r\n")[:16]
    for written, made in zip(head, produced, strict=True):
        if written.startswith(("Date:", "Message-ID:", "--=====")) or "boundary=" in written:
            # the run's own: its time, its id, its boundary
            assert made.split(":")[0].split("=")[0] == written.split(":")[0].split("=")[0]
            if "boundary=" in written:
                assert made.partition("boundary=")[0] == written.partition("boundary=")[0]
        else:
            assert made == written
    assert not (tmp_path / "state").exists()


class _Logins:
    """An aiosmtpd authenticator that takes one user and password, and counts the attempts."""

    def __init__(self) -> None:
        self.attempts: list[tuple[str, str]] = []

    def __call__(
        self, server: SMTP, session: Session, envelope: Envelope, mechanism: str, data: object
    ) -> AuthResult:
        assert isinstance(data, LoginPassword)
        login, password = data.login.decode(), data.password.decode()
        self.attempts.append((login, password))
        return AuthResult(success=(login, password) == ("vanphong", "mật-khẩu-đúng"))


def test_the_password_from_the_keyring_logs_in_as_utf8(
    office: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A keyring is used when one is installed; a Vietnamese password goes as UTF-8."""
    fake = office / "fake-keyring"
    fake.mkdir()
    (fake / "keyring.py").write_text(
        "def get_password(service, user):\n"
        "    return 'mật-khẩu-đúng' if (service, user) == ('tthc-smtp', 'vanphong') else None\n",
        encoding="utf-8",
    )
    monkeypatch.syspath_prepend(str(fake))
    monkeypatch.delitem(sys.modules, "keyring", raising=False)
    logins = _Logins()
    handler = Collector()
    port = _free_port()
    controller = Controller(handler, hostname="127.0.0.1", port=port, authenticator=logins,
                            auth_require_tls=False)  # fmt: skip
    controller.start()
    for name, value in (("HOST", "127.0.0.1"), ("PORT", str(port)), ("TLS", "none"),
                        ("FROM", SENDER), ("USER", "vanphong")):  # fmt: skip
        monkeypatch.setenv(f"TTHC_SMTP_{name}", value)
    try:
        result = _remind("--unit", "UBND các xã, thị trấn")  # 10 communes with an address
    finally:
        controller.stop()
        # tthc imported the fake: it must not answer for the tests that follow in this
        # process (monkeypatch puts back a real keyring module, if one was imported).
        sys.modules.pop("keyring", None)
    assert result.exit_code == 0, result.output
    assert result.stdout == "Đã gửi 10 thư, bỏ qua 0 (đã gửi hôm nay), lỗi 0.\n"
    assert logins.attempts == [("vanphong", "mật-khẩu-đúng")]  # one session for all ten


# Four days of the year in make test, the one with the most mail in make check.
@pytest.mark.parametrize(
    "day",
    [
        pytest.param("2024-01-08", marks=pytest.mark.slow),
        pytest.param("2024-06-10", marks=pytest.mark.slow),
        "2024-09-25",
        pytest.param("2024-12-30", marks=pytest.mark.slow),
    ],
)
def test_every_subject_reads_back_exactly_in_a_mail_reader(
    office: Path, monkeypatch: pytest.MonkeyPatch, day: str
) -> None:
    """Python before 3.13 folds a long encoded subject losing a space ("quáhạn"):
    every subject of the year, parsed back as a reader does, is the one printed."""
    monkeypatch.setenv("TTHC_SMTP_FROM", SENDER)
    outbox = office / f"hop-thu-{day}"
    arguments = ["remind", "--email", "--today", day, "--dry-run", "--outbox", str(outbox)]
    result = TthcRunner().invoke(app, arguments)
    assert result.exit_code == 0, result.output
    printed = {
        Path(line.split("  ", 1)[0]).name: line.split(": ", 1)[1]
        for line in result.stdout.splitlines()
        if line.startswith(str(outbox))
    }
    assert printed
    for name, subject in printed.items():
        parsed = _parse((outbox / name).read_bytes())
        assert parsed["Subject"] == subject, name
        assert all(len(line) <= 998 for line in (outbox / name).read_bytes().split(b"\r\n"))


class _RefusingLogin:
    """A bare SMTP server on 127.0.0.1 that refuses every login with 535, then hangs up
    (as many do): smtplib would go on with its next method on the dead socket."""

    def __init__(self) -> None:
        self.listener = socket.create_server(("127.0.0.1", 0))
        self.port = self.listener.getsockname()[1]
        self.logins = 0
        self.thread = threading.Thread(target=self._serve, daemon=True)
        self.thread.start()

    def _serve(self) -> None:
        self.listener.settimeout(10)
        while True:
            try:
                client, _address = self.listener.accept()
            except OSError:
                return
            with client, client.makefile("rb") as lines:
                client.sendall(b"220 test ESMTP\r\n")
                for line in lines:
                    word = line.split(b" ", 1)[0].strip().upper()
                    if word == b"EHLO":
                        client.sendall(b"250-test\r\n250 AUTH PLAIN LOGIN\r\n")
                    elif word == b"AUTH":
                        self.logins += 1
                        client.sendall(b"535 5.7.8 Authentication credentials invalid\r\n")
                        break
                    else:
                        client.sendall(b"250 OK\r\n")

    def close(self) -> None:
        self.listener.close()


def test_a_refused_login_is_tried_once_and_stops_the_run(
    office: Path, monkeypatch: pytest.MonkeyPatch, pauses: list[float]
) -> None:
    server = _RefusingLogin()
    try:
        settings = {"HOST": "127.0.0.1", "PORT": str(server.port), "TLS": "none",
                    "FROM": SENDER, "USER": "vanphong", "PASSWORD": "sai"}  # fmt: skip
        for name, value in settings.items():
            monkeypatch.setenv(f"TTHC_SMTP_{name}", value)
        result = _remind()
    finally:
        server.close()
    assert result.exit_code == 1
    assert server.logins == 1  # not one per message: that could lock the account
    lines = result.stderr.splitlines()
    assert lines[0].startswith("Không gửi được thư cho «Phòng Giáo dục và Đào tạo»")
    assert lines[0].endswith(
        "sau 1 lần thử: đăng nhập máy chủ không được (535 5.7.8 Authentication credentials "
        "invalid); kiểm tra TTHC_SMTP_USER và mật khẩu."
    )
    assert lines[1].startswith("Chưa gửi thư cho «Phòng Kinh tế và Hạ tầng»")
    assert pauses == []


def test_a_server_never_reached_is_not_tried_for_every_unit(
    office: Path, monkeypatch: pytest.MonkeyPatch, pauses: list[float]
) -> None:
    monkeypatch.setenv("TTHC_SMTP_HOST", "127.0.0.1")
    monkeypatch.setenv("TTHC_SMTP_PORT", str(_free_port()))
    monkeypatch.setenv("TTHC_SMTP_TLS", "none")
    monkeypatch.setenv("TTHC_SMTP_FROM", SENDER)
    result = _remind()
    assert result.exit_code == 1
    assert pauses == [1, 2]  # three tries for the first message, none for the 20 others
    assert result.stderr.count("Chưa gửi thư cho") == 20
    assert result.stdout.endswith("Đã gửi 0 thư, bỏ qua 0 (đã gửi hôm nay), lỗi 21.\n")


def test_a_run_that_waited_for_another_sees_what_it_sent(tmp_path: Path) -> None:
    """The log is read once it is held: two runs at once do not both send."""
    from datetime import date, datetime  # noqa: PLC0415

    from tthc_plan.store.sent_log import SentLog  # noqa: PLC0415

    key = ("2024-09-25", "dak-rlap-kstthc-2024", "xa-dak-ru", "ab" * 32)
    first = SentLog(tmp_path, today=date(2024, 9, 25), warn=print)
    second = SentLog(tmp_path, today=date(2024, 9, 25), warn=print)  # started meanwhile
    with first.locked():
        first.add(key, at=datetime(2024, 9, 25, 7, 30))
    with second.locked():
        assert key in second


def test_a_host_name_that_cannot_be_one_is_an_error_not_a_traceback(
    office: Path, monkeypatch: pytest.MonkeyPatch, pauses: list[float]
) -> None:
    monkeypatch.setenv("TTHC_SMTP_HOST", "mail..example.gov.vn")
    monkeypatch.setenv("TTHC_SMTP_FROM", SENDER)
    monkeypatch.setenv("TTHC_SMTP_PASSWORD", "x")
    monkeypatch.setenv("TTHC_SMTP_USER", "vanphong")
    result = _remind("--unit", "Phòng Nội vụ")
    assert result.exit_code == 1
    assert result.stderr == (
        f"Không gửi được thư cho «Phòng Nội vụ» (phong-noi-vu@{DOMAIN}) sau 1 lần thử: "
        "tên máy chủ «mail..example.gov.vn» không hợp lệ; sửa host trong tthc.toml hoặc "
        "TTHC_SMTP_HOST.\n"
    )


def test_a_sent_log_that_is_a_folder_stops_before_sending(office: Path, smtp: Collector) -> None:
    """Sent but not recorded, every run would send again: nothing goes."""
    (office / "state" / "sent-log.json").mkdir(parents=True)
    result = _remind()
    assert result.exit_code == 3
    assert "không phải là một tệp: không ghi được nhật ký thư đã gửi" in result.stderr
    assert smtp.envelopes == []


def test_a_password_without_a_user_is_said(office: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("TTHC_SMTP_HOST", "mail.example.invalid")
    monkeypatch.setenv("TTHC_SMTP_FROM", SENDER)
    monkeypatch.setenv("TTHC_SMTP_PASSWORD", "bi-mat")
    result = _remind()
    assert result.exit_code == 2
    assert "Có TTHC_SMTP_PASSWORD nhưng chưa có tên đăng nhập: đặt TTHC_SMTP_USER" in result.stderr


def test_older_previews_in_the_outbox_are_named_not_deleted(
    office: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("TTHC_SMTP_FROM", SENDER)
    (office / "hop-thu").mkdir()
    (office / "hop-thu" / "07-xa-cu.eml").write_text("cũ", encoding="utf-8")
    result = _remind("--dry-run", "--outbox", "hop-thu", "--unit", "Xã Đắk Ru")
    assert result.exit_code == 0
    assert "Trong «hop-thu» còn 1 thư xem trước của lần trước: 07-xa-cu.eml." in result.stderr
    assert (office / "hop-thu" / "07-xa-cu.eml").exists()
