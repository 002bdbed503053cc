"""No text of a plan or of the settings can add a header or a body to the weekly mail.

Python's email package decodes an encoded word it is given ("=?us-ascii?q?=0D=0A?=" is
a line break) and, before 3.11.10 and 3.12.5, writes the line break out as it is
(CVE-2024-6923): a unit's name forged a Reply-To: and the start of the body, both in the
message a server received and in the .eml of a preview. tthc refuses "=?" in every text
that reaches a header, and checks each header it wrote, whatever the interpreter.
"""

from __future__ import annotations

import email
import email.policy
from datetime import UTC, datetime
from email.message import EmailMessage
from pathlib import Path

import pytest

from tests.in_process import tthc
from tests.mail_servers import DAY, DOMAIN, SENDER, mail_env, office, real_server
from tthc_plan.core.model import Unit, UnitKind
from tthc_plan.output.export.mail import Mail, MailHeaderError, mail_message

FORGING = (
    "Xa Nhan Co =?us-ascii?q?=0D=0AReply-To=3A_boss=40attacker=2Einvalid=0D=0A=0D=0AFORGED_BODY?="
)
HEADERS = ["Subject", "From", "To", "Date", "Message-ID", "Auto-Submitted", "MIME-Version",
           "Content-Type", "Content-Language"]  # fmt: skip


def _renamed(name: str) -> str:
    return f'    name: "{name}"\n'


def _line_of(path: Path, text: str) -> int:
    lines = path.read_text(encoding="utf-8").splitlines()
    return next(number for number, line in enumerate(lines, start=1) if text in line)


def _parse(raw: bytes) -> EmailMessage:
    parsed = email.message_from_bytes(raw, _class=EmailMessage, policy=email.policy.default)
    assert isinstance(parsed, EmailMessage)
    return parsed


def test_an_encoded_word_in_a_unit_name_sends_and_writes_nothing(tmp_path: Path) -> None:
    root = office(tmp_path, edit=lambda t: t.replace("    name: Xã Nhân Cơ\n", _renamed(FORGING)))
    line = _line_of(root / "plans" / "2024.yaml", "Reply-To")
    checked = tthc(root, "validate", "-f", "concise", "plans/")
    assert checked.returncode == 1
    refusal = (
        "Có «=?» trong trường: thư nhắc việc (tthc remind --email) ghi giá trị này vào tiêu đề "
        "thư, nơi «=?...?=» là một đoạn mã hóa (RFC 2047) có thể giả thêm dòng tiêu đề "
        "(Reply-To:) hay nội dung thư. Bỏ «=?» (viết «= ?» nếu thật cần)."
    )
    assert checked.stdout.splitlines()[0] == (
        f"plans/2024.yaml:{line}:11: error INVALID_VALUE {refusal}"
    )
    with real_server() as (port, keeper):
        sent = tthc(root, "remind", "--email", "--today", DAY, env=mail_env(port))
        preview = tthc(root, "remind", "--email", "--today", DAY, "--dry-run", "--outbox", "hop",
                       env=mail_env())  # fmt: skip
    for done in (sent, preview):
        assert done.returncode == 1
        assert done.stderr.startswith(
            f"Lỗi: Tệp kế hoạch có 2 lỗi, ví dụ plans/2024.yaml:{line}:11: {refusal} "
        )
        assert "Traceback" not in done.stderr
    assert keeper.received == []  # nothing reached the server
    assert not (root / "hop").exists()  # no .eml
    assert not (root / "state" / "sent-log.json").exists()


def test_equals_and_question_marks_apart_reach_the_headers_as_written(tmp_path: Path) -> None:
    """ "?=" or "A=B?" is no encoded word: the name goes out unchanged, and no other header."""
    name = "Xã Nhân Cơ ?= A=B? (thí điểm)"
    root = office(tmp_path, edit=lambda t: t.replace("    name: Xã Nhân Cơ\n", _renamed(name)))
    with real_server() as (port, keeper):
        sent = tthc(root, "remind", "--email", "--today", DAY, "--unit", "xa-nhan-co",
                    env=mail_env(port))  # fmt: skip
    assert sent.returncode == 0, sent.stderr
    assert sent.stdout == "Đã gửi 1 thư, bỏ qua 0 (đã gửi hôm nay), lỗi 0.\n"
    preview = tthc(root, "remind", "--email", "--today", DAY, "--unit", "xa-nhan-co",
                   "--dry-run", "--outbox", "hop", env=mail_env())  # fmt: skip
    assert preview.returncode == 0, preview.stderr
    [(recipients, raw)] = keeper.received
    assert recipients == [f"xa-nhan-co@{DOMAIN}"]
    eml = (root / "hop" / "01-xa-nhan-co-a-b-thi-diem.eml").read_bytes()
    subject = f"[KSTTHC 2024] {name}: 7 việc quá hạn, 4 việc phối hợp"
    for message in (_parse(raw), _parse(eml)):
        assert list(message.keys()) == HEADERS
        assert message["Subject"] == subject
        assert message["From"] == SENDER
        assert _body(message).startswith("Kính gửi: UBND xã Nhân Cơ ?= A=B? (thí điểm)\n")


def _body(message: EmailMessage) -> str:
    part = message.get_body(("plain",))
    assert part is not None
    return str(part.get_content()).replace("\r\n", "\n")


def test_an_encoded_word_in_the_sender_is_refused(tmp_path: Path) -> None:
    root = office(tmp_path)
    sender = f"Văn phòng =?us-ascii?q?=0D=0AReply-To=3A_boss=40attacker=2Einvalid?= <vp@{DOMAIN}>"
    with real_server() as (port, keeper):
        sent = tthc(root, "remind", "--email", "--today", DAY,
                    env=mail_env(port) | {"TTHC_SMTP_FROM": sender})  # fmt: skip
        preview = tthc(root, "remind", "--email", "--today", DAY, "--dry-run", "--outbox", "hop",
                       env={"TTHC_SMTP_FROM": sender})  # fmt: skip
    for done in (sent, preview):
        assert done.returncode == 2
        assert done.stderr == (
            f"Lỗi: TTHC_SMTP_FROM: người gửi «{sender}» không hợp lệ: có «=?», mở đầu một đoạn "
            "mã hóa (RFC 2047); ghi tên có dấu như thường, tthc tự mã hóa. Viết "
            "«ten@mien.gov.vn» hoặc «Tên cơ quan <ten@mien.gov.vn>».\n"
        )
    assert keeper.received == []
    assert not (root / "hop").exists()
    assert not (root / "state" / "sent-log.json").exists()


def test_an_encoded_word_in_an_address_is_refused(tmp_path: Path) -> None:
    """Python decodes one even in the part before "@": a line break, and a traceback."""
    address = f"=?us-ascii?q?x=0D=0AReply-To=3A_a=40b.c?=@{DOMAIN}"
    written = f'email: "{address}"'
    root = office(tmp_path, edit=lambda t: t.replace(f"email: xa-nhan-co@{DOMAIN}", written))
    line = _line_of(root / "plans" / "2024.yaml", "Reply-To")
    checked = tthc(root, "validate", "-f", "concise", "plans/")
    assert checked.returncode == 1
    assert checked.stdout.splitlines()[0] == (
        f"plans/2024.yaml:{line}:12: error INVALID_EMAIL «{address}» (e-mail của «Xã Nhân Cơ») "
        "không phải địa chỉ e-mail hợp lệ: có «=?», mở đầu một đoạn mã hóa trong tiêu đề thư "
        "(RFC 2047)."
    )
    with real_server() as (port, keeper):
        sent = tthc(root, "remind", "--email", "--today", DAY, env=mail_env(port))
    assert sent.returncode == 1
    assert sent.stderr.startswith("Lỗi: Tệp kế hoạch có 1 lỗi, ví dụ plans/2024.yaml:")
    assert "Traceback" not in sent.stderr
    assert keeper.received == []


def _mail(subject: str, to: tuple[str, ...] = (f"xa-nhan-co@{DOMAIN}",)) -> Mail:
    unit = Unit(id="xa-nhan-co", name="Xã Nhân Cơ", kind=UnitKind.COMMUNE)
    return Mail(unit, to, subject, "Kính gửi\n", "<p>Kính gửi</p>\n")


@pytest.mark.parametrize(
    ("subject", "sender", "header", "what"),
    [
        (f"[KSTTHC 2024] {FORGING}: 1 việc quá hạn", SENDER, "Subject", "«=?»"),
        ("[KSTTHC 2024] Xã Nhân Cơ\u2028Reply-To: boss@attacker.invalid", SENDER, "Subject",
         "U+2028"),
        ("[KSTTHC 2024] Xã Nhân Cơ", f"VP\r\nReply-To: boss@attacker.invalid <vp@{DOMAIN}>",
         "From", "U+000D"),
    ],
)  # fmt: skip
def test_a_header_text_is_checked_whatever_the_interpreter(
    subject: str, sender: str, header: str, what: str
) -> None:
    """What reaches the mail by another way than a checked plan is refused where it is made."""
    now = datetime(2024, 9, 25, tzinfo=UTC)
    with pytest.raises(MailHeaderError) as refused:
        mail_message(_mail(subject), sender=sender, now=now, timezone="Asia/Ho_Chi_Minh")
    assert str(refused.value) == (
        f"Không soạn thư cho «Xã Nhân Cơ»: dòng {header}: của thư sẽ có {what}, có thể giả "
        "thêm dòng tiêu đề hay nội dung thư. Sửa giá trị ấy trong kế hoạch hoặc trong cấu hình "
        "gửi thư (tthc validate chỉ ra chỗ)."
    )
