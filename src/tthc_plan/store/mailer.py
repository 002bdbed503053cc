"""Send the reminders over SMTP, carefully: retried, never twice a day, every failure named.

One connection serves every message and is opened again after a failure.
A message that fails for a reason that may pass (the connection dropped, a
timeout, a 4xx answer) is tried again after `DELAYS` seconds; one refused
for good (a 5xx answer: a mailbox that does not exist, a sender refused) is
not. A rejected login stops the run: trying it again for each message could
lock the account. What was sent is recorded in the sent-log at once, so a
run stopped half-way and started again sends only the rest.

A server is not trusted to end what it says or to say it in time (issue 30):
each reply is read with a bound on its lines and bytes, and against two
deadlines, the message's (`timeout`) and the run's (`run_timeout`). Before
each read and each write the socket is given the time left, and a reply read
a byte at a time is stopped when that time is up.
"""

from __future__ import annotations

import base64
import io
import smtplib
import ssl
import time
from collections.abc import Callable, Sequence
from datetime import datetime
from email.message import EmailMessage
from enum import StrEnum
from typing import TYPE_CHECKING, Any

from msgspec import Struct

from tthc_plan.errors import TthcError
from tthc_plan.i18n import _
from tthc_plan.store.mail_settings import MailSettings, TlsMode
from tthc_plan.store.sent_log import Key, SentLog

if TYPE_CHECKING:
    from _typeshed import ReadableBuffer, WriteableBuffer

DELAYS = (1.0, 2.0)  # seconds before the second and the third attempt
TIMEOUT = 30.0  # seconds one read or write may wait, at most
# A reply: RFC 5321 lines are 512 bytes, and an EHLO answer a dozen lines. Endless
# "220-" lines once took 8.8 GB in 30 s.
MAX_LINE = 8192  # smtplib's own bound on one line
MAX_REPLY_LINES = 100
MAX_REPLY_BYTES = 64 * 1024


def pause(seconds: float) -> None:
    """Wait between two attempts (tests replace it so they do not wait)."""
    time.sleep(seconds)


class Outgoing(Struct, frozen=True):
    """A message to send, the unit it is for and its key in the sent-log."""

    unit: str  # the unit's name, for the report
    key: Key
    message: EmailMessage


class Status(StrEnum):
    """What became of one message."""

    SENT = "sent"
    SKIPPED = "skipped"  # sent earlier today, the same content to the same addresses
    FAILED = "failed"


class Outcome(Struct, frozen=True):
    """What became of one message, after how many attempts, and why it failed."""

    unit: str
    status: Status
    attempts: int = 0
    reason: str = ""
    delivered: bool = False  # the server took it (for some of its addresses at least): logged


class _Transient(Exception):  # noqa: N818 - a signal inside this module, not an error
    """A 4xx answer: the same message may pass later."""


class _Permanent(Exception):  # noqa: N818
    """A refusal that another attempt would not change."""


class _Fatal(Exception):  # noqa: N818
    """A refusal that holds for every message (the login): stop the run."""


class _TooLong(smtplib.SMTPException):
    """A reply of more lines or bytes than any server sends: not a mail server, or a broken one."""


class _OutOfTime(smtplib.SMTPException):
    """The message's time, or the run's, is up."""


class Deadlines:
    """The end of the run and of the message being sent, on the monotonic clock."""

    def __init__(self, settings: MailSettings, clock: Callable[[], float] = time.monotonic) -> None:
        self.settings = settings
        self.clock = clock
        self.run_end = clock() + settings.run_timeout
        self.message_end = self.run_end

    def start_message(self) -> None:
        """Give the next message its time, within the run's."""
        self.message_end = min(self.clock() + self.settings.timeout, self.run_end)

    def left(self) -> float:
        """Return the seconds left for the message being sent."""
        return self.message_end - self.clock()

    def run_over(self) -> bool:
        return self.run_end - self.clock() <= 0

    def reason(self) -> str:
        """Say which time is up: the run's, or the message's."""
        if self.run_over():
            message = _(
                "đã hết {seconds} giây dành cho cả lần gửi (run_timeout trong tthc.toml hoặc "
                "TTHC_SMTP_RUN_TIMEOUT); chạy lại để gửi nốt"
            )
            return message.format(seconds=self.settings.run_timeout)
        message = _(
            "máy chủ không xong một thư trong {seconds} giây (timeout trong tthc.toml hoặc "
            "TTHC_SMTP_TIMEOUT)"
        )
        return message.format(seconds=self.settings.timeout)


class _Reader(io.RawIOBase):
    """The socket of a session as a file: each read waits only for the time left."""

    def __init__(self, smtp: _BoundedSMTP) -> None:
        super().__init__()
        self.smtp = smtp

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: WriteableBuffer, /) -> int:
        sock = self.smtp.sock
        if sock is None:
            return 0
        sock.settimeout(self.smtp.budget())
        return sock.recv_into(buffer)


class _BoundedSMTP(smtplib.SMTP):
    """smtplib's session, with each reply bounded in lines, bytes and time.

    smtplib reads a reply's lines until one is not a continuation ("250-..."),
    however many come, and a socket timeout bounds each read, not the reply.
    """

    def __init__(self, host: str, port: int, *, deadlines: Deadlines, **options: Any) -> None:  # noqa: ANN401
        self.deadlines = deadlines  # before connecting: the greeting is a reply too
        super().__init__(host, port, timeout=self.budget(), **options)

    def budget(self) -> float:
        """Return how long the next read or write may wait; raise _OutOfTime when none."""
        left = self.deadlines.left()
        if left <= 0:
            raise _OutOfTime(self.deadlines.reason())
        return min(TIMEOUT, left)

    def send(self, s: ReadableBuffer | str) -> None:
        if self.sock is not None:
            self.sock.settimeout(self.budget())  # sendall: the timeout bounds the whole write
        super().send(s)

    def getreply(self) -> tuple[int, bytes]:
        if self.file is None:
            self.file = io.BufferedReader(_Reader(self))
        lines: list[bytes] = []
        size = 0
        while True:
            try:
                line: bytes = self.file.readline(MAX_LINE + 1)
            except _OutOfTime:
                self.close()
                raise
            except OSError as error:
                self.close()
                if self.deadlines.left() <= 0:
                    raise _OutOfTime(self.deadlines.reason()) from None
                text = f"Connection unexpectedly closed: {error}"
                raise smtplib.SMTPServerDisconnected(text) from None
            if not line:
                self.close()
                raise smtplib.SMTPServerDisconnected("Connection unexpectedly closed")
            size += len(line)
            if len(line) > MAX_LINE or len(lines) >= MAX_REPLY_LINES or size > MAX_REPLY_BYTES:
                self.close()
                raise _TooLong
            lines.append(line[4:].strip(b" \t\r\n"))
            try:
                code = int(line[:3])
            except ValueError:
                return -1, b"\n".join(lines)
            if line[3:4] != b"-":
                return code, b"\n".join(lines)


class _BoundedSSL(_BoundedSMTP, smtplib.SMTP_SSL):
    """The same, encrypted from the first byte (port 465)."""


class _Connection:
    """One SMTP session, opened when first needed and again after a failure."""

    def __init__(
        self, settings: MailSettings, host: str, password: str | None, deadlines: Deadlines
    ) -> None:
        self.settings = settings
        self.host = host
        self.password = password
        self.deadlines = deadlines
        self.smtp: smtplib.SMTP | None = None
        self.ever_opened = False

    def _open(self) -> smtplib.SMTP:
        settings = self.settings
        smtp: smtplib.SMTP
        if settings.tls is TlsMode.SSL:
            context = ssl.create_default_context()
            smtp = _BoundedSSL(self.host, settings.port, deadlines=self.deadlines, context=context)
        else:
            smtp = _BoundedSMTP(self.host, settings.port, deadlines=self.deadlines)
        try:
            smtp.ehlo()
            if settings.tls is TlsMode.STARTTLS:
                if not smtp.has_extn("starttls"):
                    message = _(
                        "máy chủ {host}:{port} không hỗ trợ STARTTLS; chọn tls = ssl (cổng 465) "
                        "hoặc một máy chủ khác"
                    )
                    raise _Fatal(message.format(host=self.host, port=settings.port))
                # The system's certificates are loaded only for TLS (about 30 ms).
                smtp.starttls(context=ssl.create_default_context())
                smtp.ehlo()
            if settings.user is not None and self.password is not None:
                _login(smtp, settings.user, self.password)
        except BaseException:
            _close(smtp)
            raise
        return smtp

    def send(self, message: EmailMessage) -> dict[str, tuple[int, bytes]]:
        if self.smtp is None:
            self.smtp = self._open()
            self.ever_opened = True
        return self.smtp.send_message(message)

    def drop(self) -> None:
        if self.smtp is not None:
            _close(self.smtp)
            self.smtp = None

    def abandon(self) -> None:
        """Close without a word: the server is out of time, or says too much, already."""
        if self.smtp is not None:
            self.smtp.close()
            self.smtp = None


def _login(smtp: smtplib.SMTP, user: str, password: str) -> None:
    """Log in once, with one method the server offers; any refusal stops the run.

    smtplib's `login` tries each method in turn: a server that hangs up after a
    refused login then shows "disconnected", and the real answer (535) is lost.
    A name or password beyond ASCII goes as UTF-8 in AUTH PLAIN (RFC 4616), which
    smtplib would refuse to encode.
    """
    offered = smtp.esmtp_features.get("auth", "").upper().split()
    mechanism = next((m for m in ("PLAIN", "LOGIN", "CRAM-MD5") if m in offered), None)
    if mechanism is None:
        text = _("máy chủ không nhận đăng nhập (AUTH); bỏ TTHC_SMTP_USER nếu không cần")
        raise _Fatal(text)
    fail = _("đăng nhập máy chủ không được ({reason}); kiểm tra TTHC_SMTP_USER và mật khẩu")
    try:
        if (user + password).isascii():
            smtp.user, smtp.password = user, password
            method = getattr(smtp, "auth_" + mechanism.lower().replace("-", "_"))
            smtp.auth(mechanism, method, initial_response_ok=True)
            return
        if mechanism != "PLAIN":
            text = _(
                "tên đăng nhập hoặc mật khẩu có ký tự ngoài ASCII, mà máy chủ không nhận AUTH PLAIN"
            )
            raise _Fatal(text)
        token = base64.b64encode(b"\0" + user.encode() + b"\0" + password.encode()).decode()
        code, answer = smtp.docmd("AUTH", f"PLAIN {token}")
        if code != 235:  # "authentication succeeded"
            raise _Fatal(fail.format(reason=_answer(code, answer)))
    except (_OutOfTime, _TooLong):
        raise  # the server's fault, not the password's
    except smtplib.SMTPResponseException as error:
        raise _Fatal(fail.format(reason=_answer(error.smtp_code, error.smtp_error))) from None
    except (smtplib.SMTPException, OSError) as error:
        raise _Fatal(fail.format(reason=_reason(error))) from None


def _close(smtp: smtplib.SMTP) -> None:
    try:
        smtp.quit()
    except (smtplib.SMTPException, OSError):
        smtp.close()


def _answer(code: int, text: bytes | str) -> str:
    words = text.decode("utf-8", "replace") if isinstance(text, bytes) else text
    return f"{code} {' '.join(words.split())}"


def _try_once(connection: _Connection, message: EmailMessage) -> str:
    """Send `message` once; return the recipients refused ("" if none); raise on failure.

    Raises _Permanent, _Fatal, or _Transient, SMTPException or OSError for a failure worth
    retrying.
    """
    try:
        refused = connection.send(message)
    except _OutOfTime:
        connection.abandon()
        raise
    except _TooLong:
        connection.abandon()
        text = _(
            "máy chủ {host}:{port} trả lời dài quá {lines} dòng hay {size} kB: đó không phải "
            "máy chủ thư, hoặc máy chủ đang hỏng; kiểm tra host và port"
        )
        port, size = connection.settings.port, MAX_REPLY_BYTES // 1024
        said = text.format(host=connection.host, port=port, lines=MAX_REPLY_LINES, size=size)
        raise _Fatal(said) from None
    except smtplib.SMTPAuthenticationError as error:
        connection.drop()
        text = _("máy chủ từ chối đăng nhập ({answer}); kiểm tra TTHC_SMTP_USER và mật khẩu")
        raise _Fatal(text.format(answer=_answer(error.smtp_code, error.smtp_error))) from None
    except smtplib.SMTPNotSupportedError as error:
        connection.drop()
        raise _Fatal(str(error)) from None
    except smtplib.SMTPRecipientsRefused as error:
        answers = "; ".join(f"{who}: {_answer(*why)}" for who, why in error.recipients.items())
        if all(code >= 500 for code, _why in error.recipients.values()):
            raise _Permanent(answers) from None
        raise _Transient(answers) from None  # a 4xx: the mailbox may be back later
    except smtplib.SMTPResponseException as error:  # sender or data refused, 421 on connect
        connection.drop()
        answer = _answer(error.smtp_code, error.smtp_error)
        if error.smtp_code >= 500:
            raise _Permanent(answer) from None
        raise _Transient(answer) from None
    except (smtplib.SMTPException, OSError):
        connection.drop()  # dropped, timed out, refused, TLS failed: a new session next time
        raise
    except UnicodeError:  # the host name cannot be a name on the network ("mail..gov.vn")
        connection.drop()
        text = _("tên máy chủ «{host}» không hợp lệ; sửa host trong tthc.toml hoặc TTHC_SMTP_HOST")
        raise _Fatal(text.format(host=connection.host)) from None
    return "; ".join(f"{who}: {_answer(*why)}" for who, why in refused.items())


def _reason(error: BaseException) -> str:
    if isinstance(error, smtplib.SMTPResponseException):
        return _answer(error.smtp_code, error.smtp_error)
    if isinstance(error, TimeoutError) or "timed out" in str(error):
        return _("hết thời gian chờ máy chủ")
    if isinstance(error, smtplib.SMTPServerDisconnected):
        return _("máy chủ đóng kết nối")
    if isinstance(error, ConnectionRefusedError):
        return _("máy chủ không nhận kết nối")
    if isinstance(error, OSError) and error.strerror:
        return error.strerror
    return str(error) or type(error).__name__


def send_all(
    outgoing: Sequence[Outgoing],
    settings: MailSettings,
    *,
    host: str,
    password: str | None,
    log: SentLog,
    now: Callable[[], datetime],
    warn: Callable[[str], None],
    sleep: Callable[[float], None] | None = None,
) -> list[Outcome]:
    """Send each message not yet in `log`, retrying; return what became of each, in order."""
    wait = sleep or pause
    deadlines = Deadlines(settings)
    connection = _Connection(settings, host, password, deadlines)
    outcomes: list[Outcome] = []
    stopped: str | None = None
    log_failed = False
    try:
        for item in outgoing:
            if item.key in log:
                outcomes.append(Outcome(item.unit, Status.SKIPPED))
                continue
            if stopped is None and deadlines.run_over():
                stopped = deadlines.reason()
            if stopped is not None:
                outcomes.append(Outcome(item.unit, Status.FAILED, 0, stopped))
                continue
            deadlines.start_message()
            try:
                outcome = _send_one(connection, item, wait)
            except _Fatal as error:
                stopped = str(error)
                outcome = Outcome(item.unit, Status.FAILED, 1, stopped)
            if not connection.ever_opened and outcome.status is Status.FAILED:
                # Never reached after every try: the next messages would wait as long.
                stopped = outcome.reason
            if outcome.delivered:
                try:
                    log.add(item.key, at=now())
                except TthcError as error:
                    if not log_failed:
                        warn(_("Không ghi được nhật ký thư đã gửi: {error}").format(error=error))
                    log_failed = True
            outcomes.append(outcome)
    finally:
        connection.drop()
    return outcomes


def _send_one(connection: _Connection, item: Outgoing, wait: Callable[[float], None]) -> Outcome:
    """Send one message, again after each failure that may pass; raise _Fatal to stop the run."""
    attempts = len(DELAYS) + 1
    reason = ""
    deadlines = connection.deadlines
    for attempt in range(1, attempts + 1):
        try:
            refused = _try_once(connection, item.message)
        except _Permanent as error:
            return Outcome(item.unit, Status.FAILED, attempt, str(error))
        except _OutOfTime:
            return Outcome(item.unit, Status.FAILED, attempt, deadlines.reason())
        except (_Transient, smtplib.SMTPException, OSError) as error:
            reason = _reason(error)
            if attempt < attempts:
                if deadlines.left() <= DELAYS[attempt - 1]:  # no time for another attempt
                    return Outcome(item.unit, Status.FAILED, attempt, reason)
                wait(DELAYS[attempt - 1])
            continue
        if refused:  # the others got it: logged, and the refused addresses reported
            return Outcome(item.unit, Status.FAILED, attempt, refused, delivered=True)
        return Outcome(item.unit, Status.SENT, attempt, delivered=True)
    return Outcome(item.unit, Status.FAILED, attempts, reason)
