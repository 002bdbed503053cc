"""Problems found in a plan file, each with its place, its code and its message.

A message is kept as its Vietnamese template (the gettext key) and its
arguments, and translated only when shown: a problem found once (and kept in
the cache) reads in whatever language the person asking chose.
"""

from __future__ import annotations

from enum import StrEnum

from msgspec import Struct

from tthc_plan.core.source_map import Position
from tthc_plan.i18n import _


class Severity(StrEnum):
    """How bad a problem is: errors fail validation, warnings only with --strict."""

    ERROR = "error"
    WARNING = "warning"


class Message(Struct, frozen=True, array_like=True):
    """A message template in Vietnamese and the values of its blanks, hashable.

    An argument may be a message itself ("Mã mục", a reason), translated with it.
    """

    template: str
    args: tuple[tuple[str, str | int | Message], ...] = ()
    translated: bool = True  # False: a text shown as it is (a parser's own words)

    @classmethod
    def of(cls, template: str, /, **args: object) -> Message:
        """Return the message `template` with `args`, each kept as text, number or message."""
        # A str subclass (a YAML scalar, a path), a bool or anything else becomes its text.
        plain = tuple(
            (key, value if type(value) in {str, int} or isinstance(value, Message) else str(value))
            for key, value in args.items()
        )
        return cls(template, plain)  # type: ignore[arg-type]

    def __str__(self) -> str:
        """Return the message in the chosen language."""
        text = _(self.template) if self.translated else self.template
        if not self.args:
            return text
        return text.format_map({k: v if isinstance(v, int) else str(v) for k, v in self.args})

    def then(self, more: Message) -> Message:
        """Return this message followed by `more`, a space between."""
        return Message("{first} {more}", (("first", self), ("more", more)), translated=False)


class MessageError(ValueError):
    """A value refused with a message translated when shown (from the schema's validators)."""

    def __init__(self, message: Message) -> None:
        """Refuse a value, saying `message`."""
        super().__init__(str(message))
        self.message = message


def msg(template: str, /, **args: str | int | Message) -> Message:
    """Return the message `template` (Vietnamese, extracted for translation) with `args`."""
    return Message.of(template, **args)


def verbatim(text: str) -> Message:
    """Return a text shown as it is, never translated (a parser's own words)."""
    return Message(text, translated=False)


class Problem(Struct, frozen=True):
    """One problem: where (1-based line and column), what and how to fix it."""

    path: str
    line: int
    col: int
    severity: Severity
    code: str
    what: Message
    fix: Message | None = None

    @property
    def message(self) -> str:
        """Return what is wrong, in the chosen language."""
        return str(self.what)

    @property
    def hint(self) -> str | None:
        """Return how to fix it, in the chosen language, if known."""
        return None if self.fix is None else str(self.fix)

    def sort_key(self) -> tuple[str, int, int, str]:
        """Order problems by file, then position."""
        return (self.path, self.line, self.col, self.code)


class ProblemReport:
    """Collects the problems of one file, each at a position."""

    def __init__(self, path: str) -> None:
        """Collect problems of the file at `path`."""
        self.path = path
        self.items: list[Problem] = []

    def add(
        self,
        severity: Severity,
        where: Position,
        code: str,
        what: Message,
        fix: Message | None = None,
    ) -> None:
        """Record a problem at `where` (1-based line and column)."""
        self.items.append(Problem(self.path, where[0], where[1], severity, code, what, fix))

    def error(self, where: Position, code: str, what: Message, fix: Message | None = None) -> None:
        """Record an error at `where`."""
        self.add(Severity.ERROR, where, code, what, fix)

    def warning(
        self, where: Position, code: str, what: Message, fix: Message | None = None
    ) -> None:
        """Record a warning at `where`."""
        self.add(Severity.WARNING, where, code, what, fix)
