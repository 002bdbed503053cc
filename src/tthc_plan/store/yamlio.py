"""The one place that configures ruamel.yaml."""

from __future__ import annotations

import io
import re
from typing import Any

from msgspec import Struct
from ruamel.yaml import YAML
from ruamel.yaml.constructor import RoundTripConstructor, SafeConstructor
from ruamel.yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode
from ruamel.yaml.representer import RoundTripRepresenter
from ruamel.yaml.resolver import VersionedResolver
from ruamel.yaml.tag import Tag


class DateText(str):
    """A date as written in the file (2024-01-09); written back unquoted."""

    __slots__ = ()


class _Constructor(RoundTripConstructor):
    """Keep dates as the text written, so pydantic checks them and reports their line.

    ruamel.yaml would otherwise build `date` objects itself and stop the whole
    load with a bare ValueError on an impossible date such as 2024-02-30.
    """

    def construct_date_text(self, node: object) -> DateText:
        return DateText(self.construct_scalar(node))


_Constructor.add_constructor("tag:yaml.org,2002:timestamp", _Constructor.construct_date_text)


class _Representer(RoundTripRepresenter):
    """Write None as `null`, as people write it, not as an empty value."""

    def represent_none(self, data: None) -> ScalarNode:
        return self.represent_scalar("tag:yaml.org,2002:null", "null")

    def represent_date_text(self, data: DateText) -> ScalarNode:
        return self.represent_scalar("tag:yaml.org,2002:timestamp", str(data))


_Representer.add_representer(type(None), _Representer.represent_none)
_Representer.add_representer(DateText, _Representer.represent_date_text)


_NEVER_FOLD = 1_000_000_000


def round_trip() -> YAML:
    """Return a round-trip YAML that keeps comments, quotes and layout."""
    yaml = YAML(typ="rt")
    yaml.Constructor = _Constructor
    yaml.Representer = _Representer
    yaml.preserve_quotes = True
    # Never fold a line: a folded value goes on at the next line's margin, which is a
    # new key when the value was dumped alone (round_trip_scalar) and set after "key: ";
    # ruamel also folded a long double-quoted value wrongly after a tab. One value, one line.
    yaml.width = _NEVER_FOLD
    yaml.indent(mapping=2, sequence=4, offset=2)
    return yaml


def block_list() -> YAML:
    """Return a YAML that writes a top-level list flush left ("- task: II.1")."""
    yaml = round_trip()
    yaml.indent(mapping=2, sequence=2, offset=0)
    return yaml


# Reading: the C parser (ruamel.yaml.clib) composes the node tree about ten
# times faster than the pure-Python round-trip loader, and its nodes carry the
# line and column of every value. Scalars are built by a safe constructor.
_MAX_NODES = 200_000  # aliases can make a tiny file expand without end
_MAX_DEPTH = 64  # a plan is a few levels deep; "[[[[..." must not exhaust the stack


class DuplicateKeyError(Exception):
    """A key written twice in one mapping."""

    def __init__(self, key: str, line: int, column: int, first_line: int) -> None:
        super().__init__(key)
        self.key = key
        self.line = line
        self.column = column
        self.first_line = first_line


class TooLargeError(Exception):
    """A document that expands beyond any plan's size (an alias bomb), or nests too deep."""

    def __init__(self, line: int = 0, column: int = 0) -> None:
        super().__init__(line, column)
        self.line = line  # 0-based, where it is seen to go too deep (0, 0: the whole file)
        self.column = column


# The C composer recurses once a level and crashes the process (a segmentation
# fault, no exception) somewhere past 10,000 levels, flow ("[[[[") or block
# ("- - - -"). A plan is a few levels deep: a cheap scan refuses anything that
# could be deeper than this before the composer sees it.
_MAX_NESTING = 1000
_DEEP_BLOCK = re.compile(f"^[ ?-]{{{_MAX_NESTING // 2},}}", re.MULTILINE)


def check_nesting(text: str) -> None:
    """Raise TooLargeError at the first place the text could nest past _MAX_NESTING.

    An upper bound, not a parse: every "[" or "{" opens a level until its
    closing bracket (quotes are not followed, so brackets in text count too),
    and a line's indentation and leading "- " or "? " each count as one.
    """
    # The common case in C: fewer brackets than the limit, and no run of spaces,
    # dashes and question marks (indentation, "- - -") as long as the limit.
    if text.count("[") + text.count("{") <= _MAX_NESTING // 2 and not _DEEP_BLOCK.search(text):
        return
    flow = 0
    for number, line in enumerate(text.split("\n")):
        rest = line.lstrip(" ")
        block = len(line) - len(rest)
        while rest[:2] in {"- ", "? "} or rest in {"-", "?"}:
            block += 1
            rest = rest[2:].lstrip(" ")
        if block + flow > _MAX_NESTING:
            raise TooLargeError(number, 0)
        if "[" not in line and "{" not in line and not flow:
            continue  # most lines of a plan: nothing to follow character by character
        for column, char in enumerate(line):
            if char in "[{":
                flow += 1
                if block + flow > _MAX_NESTING:
                    raise TooLargeError(number, column)
            elif char in "]}" and flow:
                flow -= 1


class _SafeDates(SafeConstructor):
    def construct_date_text(self, node: ScalarNode) -> DateText:
        return DateText(self.construct_scalar(node))


_SafeDates.add_constructor("tag:yaml.org,2002:timestamp", _SafeDates.construct_date_text)


class _Resolver(VersionedResolver):
    """ruamel's resolver of implicit types (YAML 1.2), with its table looked up once.

    ruamel looks its table up again for every scalar, through a failing
    attribute lookup when the C parser is used: a third of the time of reading
    a plan. With the C parser the YAML version cannot change within a parse,
    and tthc sets no path resolvers; the rules are ruamel's own.
    """

    def resolve(self, kind: Any, value: Any, implicit: Any) -> Any:  # noqa: ANN401 - ruamel's
        if kind is not ScalarNode:
            return super().resolve(kind, value, implicit)
        if implicit[0]:
            table = self.__dict__.get("_table")
            if table is None:
                table = self._table = self.versioned_resolver
            for tag, regexp in table.get(value[:1], ()):
                if regexp.match(value):
                    return Tag(suffix=tag)
        return self.DEFAULT_SCALAR_TAG


_STR = "tag:yaml.org,2002:str"

# Where a value was written: 0-based line, 0-based column, whether it was quoted.
Mark = tuple[int, int, bool]


class Composed(Struct):
    """Plain data (dicts, lists, scalars) and where every value and key was written."""

    data: Any
    values: dict[tuple[str | int, ...], Mark]
    keys: dict[tuple[str | int, ...], Mark]


def compose(text: str) -> Composed:
    """Parse one YAML document; raise ruamel's MarkedYAMLError or the errors above."""
    check_nesting(text)  # before the C composer, which would crash on it
    yaml = YAML(typ="safe", pure=False)
    yaml.Constructor = _SafeDates
    yaml.Resolver = _Resolver
    root = yaml.compose(text)
    constructor = yaml.constructor
    out = Composed(None, {}, {})
    budget = [_MAX_NODES]

    def build(node: Node, path: tuple[str | int, ...]) -> Any:  # noqa: ANN401 - YAML data
        budget[0] -= 1
        if budget[0] < 0 or len(path) > _MAX_DEPTH:
            raise TooLargeError
        quoted = isinstance(node, ScalarNode) and node.style in {"'", '"'}
        mark = node.start_mark
        out.values[path] = (mark.line, mark.column, quoted)
        if isinstance(node, MappingNode):
            result: dict[Any, Any] = {}
            first: dict[Any, int] = {}
            for key_node, value_node in node.value:
                key = build_key(key_node)
                if key in first:
                    mark = key_node.start_mark
                    raise DuplicateKeyError(str(key), mark.line, mark.column, first[key])
                first[key] = key_node.start_mark.line
                out.keys[(*path, key)] = (
                    key_node.start_mark.line,
                    key_node.start_mark.column,
                    False,
                )
                result[key] = build(value_node, (*path, key))
            return result
        if isinstance(node, SequenceNode):
            return [build(item, (*path, index)) for index, item in enumerate(node.value)]
        return scalar(node)

    def scalar(node: Node) -> Any:  # noqa: ANN401 - YAML data
        if node.tag == _STR:  # most of a plan: text, as written
            return node.value
        return constructor.construct_object(node, deep=True)

    def build_key(node: Node) -> Any:  # noqa: ANN401 - YAML data
        if isinstance(node, ScalarNode):
            return scalar(node)
        return repr(node.value)  # a complex key: never a plan field, reported as unknown

    if root is not None:
        out.data = build(root, ())
    return out


def round_trip_scalar(text: str) -> str:
    """Return `text` as a YAML scalar, quoted only when it must be ("#", ": ", "- "...)."""
    out = io.StringIO()
    round_trip().dump(text, out)
    return out.getvalue().removesuffix("\n...\n").strip()
