"""A hostile or broken SMTP server can neither exhaust tthc's memory nor hold a run for ever.

Endless "220-" continuation lines drove `remind --email` to 8.8 GB in 30 s; a server
that sends one byte every 20 s never timed out (a socket timeout bounds each read, not
a reply). Each reply is now bounded in lines and bytes, and each message and the whole
run have a deadline. The flood runs in a fresh process with its address space bounded
(tests.fresh_process.MEMORY_LIMIT); the rest in this process (tests.in_process), each
with a time it must end in, and the shortest times tthc takes (1 and 2 s) so that the
waits cost the suite little.
"""

from __future__ import annotations

import json
import socket
import subprocess
import threading
import time
from collections.abc import Callable
from pathlib import Path

import pytest

from tests import fresh_process, in_process
from tests.mail_servers import DAY, DOMAIN, SocketServer, mail_env, office, socket_server

NO_ADDRESS = "Cảnh báo: 19 đơn vị không có địa chỉ e-mail"


def _flood(client: socket.socket, stopped: threading.Event) -> None:
    """Greet with continuation lines that never end."""
    lines = b"220-mail.example.invalid ESMTP\r\n" * 2000
    while not stopped.is_set():
        client.sendall(lines)


def _trickle(client: socket.socket, stopped: threading.Event) -> None:
    """Greet one byte every 20 seconds: each read is answered, the reply never ends."""
    for byte in b"220 mail.example.invalid ESMTP\r\n":
        client.sendall(bytes([byte]))
        if stopped.wait(20):
            return


def _lines(text: str) -> list[str]:
    return [line for line in text.splitlines() if not line.startswith(NO_ADDRESS)]


def _elapsed(server: SocketServer, root: Path, *args: str, limit: float,
             env: dict[str, str] | None = None,
             tthc: Callable[..., subprocess.CompletedProcess[str]] = in_process.tthc,
             ) -> tuple[float, list[str], str, int]:  # fmt: skip
    start = time.monotonic()
    environment = mail_env(server.port) | (env or {})
    done = tthc(root, "remind", "--email", "--today", DAY, *args, env=environment, timeout=limit)
    return time.monotonic() - start, _lines(done.stderr), done.stdout, done.returncode


def test_endless_continuation_lines_are_cut_short(tmp_path: Path) -> None:
    root = office(tmp_path)
    with socket_server(_flood) as server:
        took, errors, out, code = _elapsed(server, root, limit=60, tthc=fresh_process.tthc)
        clients = server.clients
    assert code == 1
    reason = (
        f"máy chủ 127.0.0.1:{server.port} trả lời dài quá 100 dòng hay 64 kB: đó không phải "
        "máy chủ thư, hoặc máy chủ đang hỏng; kiểm tra host và port."
    )
    assert errors == [
        f"Không gửi được thư cho «Phòng Y tế» (phong-y-te@{DOMAIN}) sau 1 lần thử: {reason}",
        f"Chưa gửi thư cho «Xã Đắk Ru» (xa-dak-ru@{DOMAIN}): {reason}",
        f"Chưa gửi thư cho «Xã Nhân Cơ» (xa-nhan-co@{DOMAIN}): {reason}",
    ]
    assert out == "Đã gửi 0 thư, bỏ qua 0 (đã gửi hôm nay), lỗi 3.\n"
    assert clients == 1  # stopped, not tried again for each unit
    assert took < 20  # it ran in a second; the address space was bounded to 512 MB
    assert not (root / "state" / "sent-log.json").exists()


@pytest.mark.slow  # waits out tthc's shortest message time, 1 s
def test_a_reply_a_byte_at_a_time_ends_with_the_message_time(tmp_path: Path) -> None:
    root = office(tmp_path)
    with socket_server(_trickle) as server:
        took, errors, out, code = _elapsed(server, root, limit=60, env={"TTHC_SMTP_TIMEOUT": "1"})
    assert code == 1
    reason = (
        "máy chủ không xong một thư trong 1 giây (timeout trong tthc.toml hoặc TTHC_SMTP_TIMEOUT)."
    )
    assert errors == [
        f"Không gửi được thư cho «Phòng Y tế» (phong-y-te@{DOMAIN}) sau 1 lần thử: {reason}",
        f"Chưa gửi thư cho «Xã Đắk Ru» (xa-dak-ru@{DOMAIN}): {reason}",
        f"Chưa gửi thư cho «Xã Nhân Cơ» (xa-nhan-co@{DOMAIN}): {reason}",
    ]
    assert out == "Đã gửi 0 thư, bỏ qua 0 (đã gửi hôm nay), lỗi 3.\n"
    assert 1 <= took < 15  # the socket's 30 s per read would never have ended it
    assert not (root / "state" / "sent-log.json").exists()


class _SlowServer:
    """A working SMTP server that takes `delay` seconds to accept each message."""

    def __init__(self, delay: float) -> None:
        self.delay = delay
        self.received: list[bytes] = []

    def __call__(self, client: socket.socket, stopped: threading.Event) -> None:
        reader = client.makefile("rb")
        client.sendall(b"220 mail.example.invalid ESMTP\r\n")
        data: list[bytes] | None = None
        for line in reader:
            if data is not None:
                if line != b".\r\n":
                    data.append(line)
                    continue
                self.received.append(b"".join(data))
                data = None
                if stopped.wait(self.delay):
                    return
                client.sendall(b"250 2.0.0 queued\r\n")
                continue
            word = line[:4].upper()
            if word == b"EHLO":
                client.sendall(b"250-mail.example.invalid\r\n250 8BITMIME\r\n")
            elif word == b"DATA":
                client.sendall(b"354 end with .\r\n")
                data = []
            elif word == b"QUIT":
                client.sendall(b"221 bye\r\n")
                return
            else:
                client.sendall(b"250 OK\r\n")


@pytest.mark.slow  # waits out tthc's shortest run time, 2 s
def test_a_slow_server_holds_the_run_no_longer_than_its_time(tmp_path: Path) -> None:
    """Each message takes 1 s, the run may take 2: the first goes, the rest wait for
    the next run, and only what was sent is in the sent-log."""
    root = office(tmp_path)
    slow = _SlowServer(delay=1)
    with socket_server(slow) as server:
        took, errors, out, code = _elapsed(server, root, limit=60,
                                           env={"TTHC_SMTP_RUN_TIMEOUT": "2"})  # fmt: skip
    assert code == 1
    reason = (
        "đã hết 2 giây dành cho cả lần gửi (run_timeout trong tthc.toml hoặc "
        "TTHC_SMTP_RUN_TIMEOUT); chạy lại để gửi nốt."
    )
    units = [("Phòng Y tế", "phong-y-te"), ("Xã Đắk Ru", "xa-dak-ru"), ("Xã Nhân Cơ", "xa-nhan-co")]
    sent = int(out.removeprefix("Đã gửi ").split(" ", 1)[0])
    assert out == f"Đã gửi {sent} thư, bỏ qua 0 (đã gửi hôm nay), lỗi {3 - sent}.\n"
    assert sent in (0, 1)  # 1 but on a machine so busy that 1 s took 2
    expected = [
        f"Không gửi được thư cho «{name}» ({unit}@{DOMAIN}) sau 1 lần thử: {reason}"
        if index == sent
        else f"Chưa gửi thư cho «{name}» ({unit}@{DOMAIN}): {reason}"
        for index, (name, unit) in enumerate(units)
        if index >= sent
    ]
    assert errors == expected
    assert took < 2 + 10  # its 2 s, and then some on a busy machine
    log = json.loads((root / "state" / "sent-log.json").read_text(encoding="utf-8")) if sent else {}
    assert [entry["unit"] for entry in log.get("sent", [])] == [unit for _n, unit in units][:sent]
    assert len(slow.received) in (sent, sent + 1)  # the one cut short may have arrived


@pytest.mark.parametrize(
    ("env", "message"),
    [
        ({"TTHC_SMTP_TIMEOUT": "0"},
         "Lỗi: TTHC_SMTP_TIMEOUT: «timeout» «0» không hợp lệ: một số giây từ 1 đến 86400 "
         "(mặc định: timeout = 60 cho một thư, run_timeout = 1800 cho cả lần gửi).\n"),
        ({"TTHC_SMTP_RUN_TIMEOUT": "mãi mãi"},
         "Lỗi: TTHC_SMTP_RUN_TIMEOUT: «run_timeout» «mãi mãi» không hợp lệ: một số giây từ 1 "
         "đến 86400 (mặc định: timeout = 60 cho một thư, run_timeout = 1800 cho cả lần gửi).\n"),
    ],
)  # fmt: skip
def test_the_times_are_checked_with_their_place(
    tmp_path: Path, env: dict[str, str], message: str
) -> None:
    root = office(tmp_path)
    with socket_server(_flood) as server:
        done = in_process.tthc(
            root, "remind", "--email", "--today", DAY, env=mail_env(server.port) | env
        )
        clients = server.clients
    assert done.returncode == 2
    assert done.stderr == message
    assert clients == 0
