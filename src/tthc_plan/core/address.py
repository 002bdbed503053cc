"""E-mail addresses of units: what a plan may hold, checked before any mail is sent (pure).

An address is the plain `local@domain` of RFC 5321 that every mail server
takes: a dot-atom before the "@" (no quoted strings, no comments, no display
name) and a host name after it (ASCII labels; a Vietnamese domain is written
in its "xn--" form). It is deliberately narrower than RFC 5322 allows: an
address a server might refuse is better found by `tthc validate` than by a
weekly run at 07:30.
"""

from __future__ import annotations

import re

from tthc_plan.core.model import Unit
from tthc_plan.core.problem import Message, msg
from tthc_plan.core.text import ENCODED_WORD

MAX_ADDRESS = 254  # RFC 5321, 4.5.3.1.3: a path of 256 octets, its brackets included
MAX_LOCAL = 64
MAX_LABEL = 63
_ATOM = re.compile(r"[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+")
_LABEL = re.compile(r"[A-Za-z0-9]([A-Za-z0-9-]*[A-Za-z0-9])?")


MAX_ADDRESSES = 20  # a unit's list; more is a mailing list's job (one shared mailbox)


def addresses(unit: Unit) -> list[str]:
    """Return a unit's e-mail addresses as its registry gives them (none, one or several),
    each once: "a@x.vn" and "A@X.vn" are one mailbox to write to."""
    if unit.email is None:
        return []
    written = [unit.email] if isinstance(unit.email, str) else unit.email
    first: dict[str, str] = {}
    for address in written:
        first.setdefault(address.casefold(), address)
    return list(first.values())


def address_problem(text: str) -> Message | None:
    """Return why `text` is not an e-mail address tthc sends to, or None when it is one."""
    if "<" in text or ">" in text:
        return msg("chỉ ghi địa chỉ (ten@mien.gov.vn), không ghi tên người nhận")
    if not text.isascii():
        return msg(
            "có chữ có dấu hoặc ký tự ngoài ASCII; tên miền tiếng Việt viết ở dạng «xn--...»"
        )
    if any(char.isspace() or not char.isprintable() for char in text):
        return msg("có khoảng trắng hoặc ký tự ẩn; mỗi địa chỉ ghi riêng một mục")
    if len(text) > MAX_ADDRESS:
        return msg("dài quá {limit} ký tự", limit=MAX_ADDRESS)
    if ENCODED_WORD in text:  # decoded in a header, line breaks and all (CVE-2024-6923)
        return msg("có «=?», mở đầu một đoạn mã hóa trong tiêu đề thư (RFC 2047)")
    local, at, domain = text.rpartition("@")
    if not at:
        return msg("thiếu «@»")
    if "@" in local:
        return msg("có nhiều hơn một «@»")
    if not local or len(local) > MAX_LOCAL:
        return msg("phần trước «@» trống hoặc dài quá {limit} ký tự", limit=MAX_LOCAL)
    if not all(_ATOM.fullmatch(atom) for atom in local.split(".")):
        return msg("phần trước «@» có ký tự không dùng được hoặc dấu chấm ở đầu, cuối, liền nhau")
    labels = domain.split(".")
    if len(labels) < 2 or not all(
        len(label) <= MAX_LABEL and _LABEL.fullmatch(label) for label in labels
    ):
        return msg("tên miền sau «@» không hợp lệ (ví dụ đúng: mien.gov.vn)")
    if labels[-1].isdigit():
        return msg("tên miền sau «@» không được kết thúc bằng số")
    return None
