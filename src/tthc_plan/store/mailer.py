"""Send the reminders over SMTP, carefully: retried, never twice a day, every failure named.

One connection serves every message and is opened again after a failure.
A message that fails for a reason that may pass (the connection dropped, a
timeout, a 4xx answer) is tried again after `DELAYS` seconds; one refused
for good (a 5xx answer: a mailbox that does not exist, a sender refused) is
not. A rejected login stops the run: trying it again for each message could
lock the account. What was sent is recorded in the sent-log at once, so a
run stopped half-way and started again sends only the rest.
"""

from __future__ import annotations

import base64
import smtplib
import ssl
import time
from collections.abc import Callable, Sequence
from datetime import datetime
from email.message import EmailMessage
from enum import StrEnum

from msgspec import Struct

from tthc_plan.errors import TthcError
from tthc_plan.i18n import _
from tthc_plan.store.mail_settings import MailSettings, TlsMode
from tthc_plan.store.sent_log import Key, SentLog

DELAYS = (1.0, 2.0)  # seconds before the second and the third attempt
TIMEOUT = 30.0


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


class _Connection:
    """One SMTP session, opened when first needed and again after a failure."""

    def __init__(self, settings: MailSettings, host: str, password: str | None) -> None:
        self.settings = settings
        self.host = host
        self.password = password
        self.smtp: smtplib.SMTP | None = None
        self.ever_opened = False

    def _open(self) -> smtplib.SMTP:
        settings = self.settings
        context = ssl.create_default_context()
        if settings.tls is TlsMode.SSL:
            smtp: smtplib.SMTP = smtplib.SMTP_SSL(
                self.host, settings.port, timeout=TIMEOUT, context=context
            )
        else:
            smtp = smtplib.SMTP(self.host, settings.port, timeout=TIMEOUT)
        try:
            smtp.ehlo()
            if settings.tls is TlsMode.STARTTLS:
                if not smtp.has_extn("starttls"):
                    message = _(
                        "máy chủ {host}:{port} không hỗ trợ STARTTLS; chọn tls = ssl (cổng 465) "
                        "hoặc một máy chủ khác"
                    )
                    raise _Fatal(message.format(host=self.host, port=settings.port))
                smtp.starttls(context=context)
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
    connection = _Connection(settings, host, password)
    outcomes: list[Outcome] = []
    stopped: str | None = None
    log_failed = False
    try:
        for item in outgoing:
            if item.key in log:
                outcomes.append(Outcome(item.unit, Status.SKIPPED))
                continue
            if stopped is not None:
                outcomes.append(Outcome(item.unit, Status.FAILED, 0, stopped))
                continue
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
    for attempt in range(1, attempts + 1):
        try:
            refused = _try_once(connection, item.message)
        except _Permanent as error:
            return Outcome(item.unit, Status.FAILED, attempt, str(error))
        except (_Transient, smtplib.SMTPException, OSError) as error:
            reason = _reason(error)
            if attempt < attempts:
                wait(DELAYS[attempt - 1])
            continue
        if refused:  # the others got it: logged, and the refused addresses reported
            return Outcome(item.unit, Status.FAILED, attempt, refused, delivered=True)
        return Outcome(item.unit, Status.SENT, attempt, delivered=True)
    return Outcome(item.unit, Status.FAILED, attempts, reason)
