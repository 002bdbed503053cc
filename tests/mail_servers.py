"""SMTP servers on 127.0.0.1 for the tests of `tthc remind --email` run in a fresh process
(tests.fresh_process): a real one (aiosmtpd) that keeps what it receives, and bare sockets
that misbehave on purpose. Also the plan they send from."""

from __future__ import annotations

import socket
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager, suppress
from pathlib import Path

from aiosmtpd.controller import Controller
from aiosmtpd.smtp import SMTP, Envelope, Session

from tests.conftest import PLAN_2024

DAY = "2024-09-25"  # every unit of the shipped plan, with no records, owes something
DOMAIN = "tthc-test.invalid"
SENDER = "Văn phòng HĐND và UBND huyện <vanphong@tthc-test.invalid>"
WRITTEN_TO = ("phong-y-te", "xa-dak-ru", "xa-nhan-co")  # the units given an address


def office(root: Path, *, edit: Callable[[str], str] = lambda text: text) -> Path:
    """Write the shipped plan, with an address for each unit of WRITTEN_TO, under `root`."""
    text = PLAN_2024.read_text(encoding="utf-8")
    for unit in WRITTEN_TO:
        line = f"  - id: {unit}\n"
        assert line in text
        text = text.replace(line, f"{line}    email: {unit}@{DOMAIN}\n", 1)
    (root / "plans").mkdir(parents=True, exist_ok=True)
    (root / "plans" / "2024.yaml").write_text(edit(text), encoding="utf-8")
    return root


def mail_env(port: int | None = None) -> dict[str, str]:
    """The sender, and the server on 127.0.0.1:`port` (plain SMTP, allowed only there)."""
    env = {"TTHC_SMTP_FROM": SENDER}
    if port is not None:
        env |= {"TTHC_SMTP_HOST": "127.0.0.1", "TTHC_SMTP_PORT": str(port), "TTHC_SMTP_TLS": "none"}
    return env


class Keeper:
    """An aiosmtpd handler that keeps each message as the server received it."""

    def __init__(self) -> None:
        self.received: list[tuple[list[str], bytes]] = []

    async def handle_DATA(  # noqa: N802 - aiosmtpd's hook name
        self, server: SMTP, session: Session, envelope: Envelope
    ) -> str:
        content = envelope.original_content or b""
        self.received.append((list(envelope.rcpt_tos), content))
        return "250 Message accepted for delivery"


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@contextmanager
def real_server() -> Iterator[tuple[int, Keeper]]:
    """A real SMTP server: its port, and what it received."""
    keeper = Keeper()
    port = _free_port()
    controller = Controller(keeper, hostname="127.0.0.1", port=port)
    controller.start()
    try:
        yield port, keeper
    finally:
        controller.stop()


Talk = Callable[[socket.socket, threading.Event], None]  # a client, and "the test is over"


class SocketServer:
    """A bare TCP server on 127.0.0.1 that talks to each client with `talk` in a thread."""

    def __init__(self, talk: Talk) -> None:
        self.listener = socket.create_server(("127.0.0.1", 0))
        self.port = int(self.listener.getsockname()[1])
        self.talk = talk
        self.clients = 0
        self.stopped = threading.Event()
        self.thread = threading.Thread(target=self._serve, daemon=True)
        self.thread.start()

    def _serve(self) -> None:
        while not self.stopped.is_set():
            try:
                client, _address = self.listener.accept()
            except OSError:
                return
            self.clients += 1
            threading.Thread(target=self._talk, args=(client,), daemon=True).start()

    def _talk(self, client: socket.socket) -> None:
        with client, suppress(OSError):  # the client hung up: what is tested
            self.talk(client, self.stopped)

    def close(self) -> None:
        self.stopped.set()
        self.listener.close()


@contextmanager
def socket_server(talk: Talk) -> Iterator[SocketServer]:
    server = SocketServer(talk)
    try:
        yield server
    finally:
        server.close()
