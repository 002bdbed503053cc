"""Where the weekly mail is sent from: the SMTP settings, kept outside the plan and out of git.

`tthc.toml` (from `--settings PATH`, else `TTHC_SETTINGS`, else the user's
config folder, platformdirs' `user_config_dir("tthc")`) holds a `[smtp]`
table; the environment variables `TTHC_SMTP_HOST`, `TTHC_SMTP_PORT`,
`TTHC_SMTP_TLS`, `TTHC_SMTP_USER` and `TTHC_SMTP_FROM` override it. The
password comes only from `TTHC_SMTP_PASSWORD`, or from the system keyring
when one is installed and working (headless machines and CI have none): a
password written in the file is refused, since files get copied and
committed. Mail leaves encrypted (STARTTLS or SSL) except towards this very
machine (127.0.0.1, ::1, localhost), where a local relay or a test server
listens.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from enum import StrEnum
from pathlib import Path

from msgspec import Struct

from tthc_plan.core.address import address_problem
from tthc_plan.core.text import ENCODED_WORD, first_control
from tthc_plan.errors import FileError, UsageError
from tthc_plan.i18n import _
from tthc_plan.store.files import FileTooLargeError, NotRegularFileError, read_bounded

SETTINGS_NAME = "tthc.toml"
MAX_SETTINGS_BYTES = 64 * 1024
LOCAL_HOSTS = frozenset({"127.0.0.1", "::1", "localhost"})
KEYRING_SERVICE = "tthc-smtp"
_KEYS = ("host", "port", "tls", "user", "from", "timeout", "run_timeout")
_NUMBERS = ("port", "timeout", "run_timeout")
# How long one message may take (connecting, every answer, every attempt) and the whole
# run, in seconds: a server that trickles a byte every 20 s would hold it for ever.
DEFAULT_TIMEOUT = 60
DEFAULT_RUN_TIMEOUT = 30 * 60
MAX_SECONDS = 24 * 60 * 60
_SECRETS = ("password", "pass", "passwd", "secret")


class TlsMode(StrEnum):
    """How the connection to the SMTP server is encrypted."""

    STARTTLS = "starttls"  # port 587: plain, then upgraded before anything is said
    SSL = "ssl"  # port 465: encrypted from the first byte
    NONE = "none"  # only towards this machine


_DEFAULT_PORTS = {TlsMode.STARTTLS: 587, TlsMode.SSL: 465, TlsMode.NONE: 25}


class MailSettings(Struct, frozen=True, kw_only=True):
    """The SMTP server and the sender, checked."""

    host: str | None
    port: int
    tls: TlsMode
    user: str | None
    sender: str | None  # the From header: "Văn phòng <vanphong@example.gov.vn>"
    source: str  # where they came from, for messages: "tthc.toml, TTHC_SMTP_HOST"
    timeout: int = DEFAULT_TIMEOUT  # seconds for one message, all its attempts
    run_timeout: int = DEFAULT_RUN_TIMEOUT  # seconds for the whole run


def settings_path(option: Path | None, env: Mapping[str, str]) -> Path | None:
    """Return the settings file: --settings, else TTHC_SETTINGS, else the user's, if it exists."""
    if option is not None:
        return option
    if env.get("TTHC_SETTINGS"):
        return Path(env["TTHC_SETTINGS"])
    from platformdirs import user_config_dir  # noqa: PLC0415 - only --email needs it

    default = Path(user_config_dir("tthc", appauthor=False)) / SETTINGS_NAME
    return default if default.is_file() else None


def _line_of(text: str, key: str) -> int | None:
    """Return the 1-based line where `key` is set in TOML text (tomllib keeps no positions)."""
    pattern = re.compile(rf"^\s*(\w+\s*\.\s*)?[\"']?{re.escape(key)}[\"']?\s*=", re.IGNORECASE)
    for number, line in enumerate(text.splitlines(), start=1):
        if pattern.match(line):
            return number
    return None


def _where(path: Path, text: str, key: str) -> str:
    line = _line_of(text, key)
    return f"{path}:{line}" if line else str(path)


def _read_file(path: Path) -> dict[str, tuple[object, str]]:
    """Return the [smtp] table of a settings file, every key checked against the format."""
    import tomllib  # noqa: PLC0415 - only --email reads settings

    try:
        data = read_bounded(path, MAX_SETTINGS_BYTES)
    except FileNotFoundError:
        message = _("Không có tệp cấu hình «{path}» (--settings hoặc TTHC_SETTINGS).")
        raise UsageError(message.format(path=path)) from None
    except FileTooLargeError:
        message = _("Tệp cấu hình «{path}» lớn quá {limit} kB: đây không phải tệp tthc.toml.")
        raise UsageError(message.format(path=path, limit=MAX_SETTINGS_BYTES // 1024)) from None
    except NotRegularFileError as error:
        raise error.refusal() from None
    except OSError as error:
        message = _("Không đọc được tệp cấu hình «{path}»: {reason}.")
        raise FileError(message.format(path=path, reason=error.strerror or error)) from None
    try:
        text = data.decode("utf-8-sig")
        table = tomllib.loads(text)
    except UnicodeDecodeError:
        message = _("Tệp cấu hình «{path}» không phải UTF-8: lưu lại dưới dạng UTF-8.")
        raise UsageError(message.format(path=path)) from None
    except tomllib.TOMLDecodeError as error:
        message = _("Tệp cấu hình «{path}» viết sai cú pháp TOML: {reason}.")
        raise UsageError(message.format(path=path, reason=error)) from None
    for key in _SECRETS:
        found = key in table or key in _table(table.get("smtp"))
        if found:
            message = _(
                "{where}: không ghi mật khẩu trong tệp cấu hình (tệp dễ bị chép, đưa lên git). "
                "Xóa dòng này; đặt mật khẩu bằng biến môi trường TTHC_SMTP_PASSWORD "
                "(trong CI: một secret) hoặc lưu trong keyring của hệ thống."
            )
            raise UsageError(message.format(where=_where(path, text, key)))
    unknown = [key for key in table if key != "smtp"]
    unknown += [key for key in _table(table.get("smtp")) if key not in _KEYS]
    if unknown:
        message = _("{where}: khóa «{key}» không có trong cấu hình; các khóa của [smtp]: {keys}.")
        key = unknown[0]
        raise UsageError(
            message.format(where=_where(path, text, key), key=key, keys=", ".join(_KEYS))
        )
    if "smtp" in table and not isinstance(table["smtp"], dict):
        message = _("{where}: «smtp» phải là một bảng [smtp].")
        raise UsageError(message.format(where=_where(path, text, "smtp")))
    smtp = _table(table.get("smtp"))
    return {key: (value, _where(path, text, key)) for key, value in smtp.items()}


def _table(value: object) -> dict[str, object]:
    return value if isinstance(value, dict) else {}


def _text(value: object, where: str, key: str) -> str:
    if not isinstance(value, str) or not value.strip():
        message = _("{where}: «{key}» phải là một chuỗi chữ không rỗng.")
        raise UsageError(message.format(where=where, key=key))
    char = first_control(value)
    if char is not None:  # a line break in a header would let a value forge another header
        message = _("{where}: «{key}» có ký tự điều khiển U+{code:04X}.")
        raise UsageError(message.format(where=where, key=key, code=ord(char)))
    return value.strip()


def load_settings(path: Path | None, env: Mapping[str, str]) -> MailSettings:
    """Return the SMTP settings of the file `path` (if any) and the environment, checked."""
    found: dict[str, tuple[object, str]] = {}
    sources: list[str] = []
    if path is not None:
        found.update(_read_file(path))
        sources.append(str(path))
    for key in _KEYS:
        name = f"TTHC_SMTP_{key.upper()}"
        if env.get(name):
            found[key] = (env[name], name)
            sources.append(name)
    values = {key: (_text(v, where, key) if key not in _NUMBERS else v, where)
              for key, (v, where) in found.items()}  # fmt: skip
    tls = TlsMode.STARTTLS
    if "tls" in values:
        text, where = values["tls"]
        try:
            tls = TlsMode(str(text).lower())
        except ValueError:
            message = _("{where}: tls «{value}» không hợp lệ; chọn starttls, ssl hoặc none.")
            raise UsageError(message.format(where=where, value=text)) from None
    port = _DEFAULT_PORTS[tls]
    if "port" in values:
        port = _port(*values["port"])
    host = str(values["host"][0]) if "host" in values else None
    if host is not None and tls is TlsMode.NONE and host.lower() not in LOCAL_HOSTS:
        message = _(
            "{where}: tls = none chỉ dùng được với máy chủ trên chính máy này (127.0.0.1, "
            "localhost); với «{host}» chọn starttls (cổng 587) hoặc ssl (cổng 465): thư và "
            "mật khẩu không được đi qua mạng mà không mã hóa."
        )
        raise UsageError(message.format(where=values["tls"][1], host=host))
    sender = str(values["from"][0]) if "from" in values else None
    if sender is not None:
        _check_sender(sender, values["from"][1])
    return MailSettings(
        host=host,
        port=port,
        tls=tls,
        user=str(values["user"][0]) if "user" in values else None,
        sender=sender,
        source=", ".join(sources) or _("(không có)"),
        timeout=_seconds(*values["timeout"], "timeout") if "timeout" in values else DEFAULT_TIMEOUT,
        run_timeout=(
            _seconds(*values["run_timeout"], "run_timeout")
            if "run_timeout" in values
            else DEFAULT_RUN_TIMEOUT
        ),
    )


def _port(value: object, where: str) -> int:
    number = value
    if isinstance(value, str) and value.strip().isdigit():
        number = int(value)
    if not isinstance(number, int) or isinstance(number, bool) or not 0 < number < 65536:
        message = _("{where}: cổng «{value}» không hợp lệ: một số từ 1 đến 65535 (587, 465).")
        raise UsageError(message.format(where=where, value=value))
    return number


def _seconds(value: object, where: str, key: str) -> int:
    number = value
    if isinstance(value, str) and value.strip().isdigit():
        number = int(value)
    if not isinstance(number, int) or isinstance(number, bool) or not 0 < number <= MAX_SECONDS:
        message = _(
            "{where}: «{key}» «{value}» không hợp lệ: một số giây từ 1 đến {limit} "
            "(mặc định: timeout = {timeout} cho một thư, run_timeout = {run} cho cả lần gửi)."
        )
        defaults = {"timeout": DEFAULT_TIMEOUT, "run": DEFAULT_RUN_TIMEOUT}
        said = message.format(where=where, key=key, value=value, limit=MAX_SECONDS, **defaults)
        raise UsageError(said)
    return number


def _check_sender(sender: str, where: str) -> None:
    from email.utils import getaddresses, parseaddr  # noqa: PLC0415

    address = parseaddr(sender)[1]
    problem = address_problem(address) if "@" in address else None
    reason: str | None = None if problem is None else str(problem)
    if "@" not in address:
        reason = _("không đọc được địa chỉ") if "@" in sender else _("thiếu «@»")
    if "," in sender and len(getaddresses([sender])) > 1:  # "a@x.vn, b@y.vn": one sender
        reason = _("chỉ một người gửi; tên có dấu phẩy thì đặt trong ngoặc kép")
    if ENCODED_WORD in sender:  # decoded in the From header, line breaks and all
        reason = _("có «=?», mở đầu một đoạn mã hóa (RFC 2047); ghi tên có dấu như thường, "
                   "tthc tự mã hóa")  # fmt: skip
    if reason is not None:
        message = _(
            "{where}: người gửi «{sender}» không hợp lệ: {reason}. Viết «ten@mien.gov.vn» "
            "hoặc «Tên cơ quan <ten@mien.gov.vn>»."
        )
        raise UsageError(message.format(where=where, sender=sender, reason=reason))


def require_server(settings: MailSettings) -> tuple[str, str]:
    """Return the host and the sender, which sending needs; say where to set a missing one."""
    missing = [
        name
        for name, value in (("host", settings.host), ("from", settings.sender))
        if value is None
    ]
    if missing or settings.host is None or settings.sender is None:
        message = _(
            "Chưa cấu hình gửi thư: thiếu {keys}. Ghi trong bảng [smtp] của tệp tthc.toml "
            "(--settings, TTHC_SETTINGS) hoặc đặt biến môi trường {variables} (xem README)."
        )
        variables = ", ".join(f"TTHC_SMTP_{key.upper()}" for key in missing)
        raise UsageError(message.format(keys=", ".join(missing), variables=variables))
    return settings.host, settings.sender


def password(settings: MailSettings, env: Mapping[str, str]) -> str | None:
    """Return the SMTP password: TTHC_SMTP_PASSWORD, else the keyring's; None without a user."""
    if settings.user is None:
        if env.get("TTHC_SMTP_PASSWORD"):
            message = _(
                "Có TTHC_SMTP_PASSWORD nhưng chưa có tên đăng nhập: đặt TTHC_SMTP_USER (hoặc user "
                "trong tthc.toml), hoặc bỏ mật khẩu nếu máy chủ không cần đăng nhập."
            )
            raise UsageError(message)
        return None
    if env.get("TTHC_SMTP_PASSWORD"):
        return env["TTHC_SMTP_PASSWORD"]
    stored = _from_keyring(settings.user)
    if stored:
        return stored
    message = _(
        "Chưa có mật khẩu SMTP cho «{user}»: đặt biến môi trường TTHC_SMTP_PASSWORD (trong "
        "CI: một secret), hoặc lưu vào keyring: keyring set {service} {user}."
    )
    raise UsageError(message.format(user=settings.user, service=KEYRING_SERVICE))


def _from_keyring(user: str) -> str | None:
    """Return the password the system keyring keeps for `user`, if a keyring is there at all."""
    import importlib  # noqa: PLC0415
    import importlib.util  # noqa: PLC0415

    if importlib.util.find_spec("keyring") is None:
        return None
    try:
        # Optional, and not a dependency: imported by name, so that type checks pass
        # with or without it installed.
        keyring = importlib.import_module("keyring")
        found = keyring.get_password(KEYRING_SERVICE, user)
    except Exception:  # no backend on a headless machine, a locked keyring, a broken one...
        return None
    return found if isinstance(found, str) else None
