"""The units registry: resolve the names people write to units.

Names are compared as token sequences of folded text (lower case, no
diacritics, đ -> d), where "-", "–", "&" and "và" are the same joiner and
commas inside a name are optional: "Văn phòng HĐND - UBND huyện",
"VP HĐND&UBND huyện" and "van phong hdnd va ubnd huyen" read alike.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable, Sequence
from typing import NamedTuple

from msgspec import Struct

from tthc_plan.core.model import Unit, UnitKind
from tthc_plan.core.text import fold, nfc
from tthc_plan.errors import UsageError
from tthc_plan.i18n import _

_TOKENS = r"[a-z0-9']+|[(),;/]|[-–&]"  # compiled when first used (re keeps it)
_JOINERS = frozenset({"-", "–", "&", "va"})
_JOINER = "va"
_SEPARATORS = frozenset({",", ";", "/", _JOINER})
_COMMUNE_PREFIXES = (("xa",), ("thi", "tran"), ("phuong",))

Key = tuple[str, ...]


class _Token(Struct, frozen=True):
    text: str
    start: int
    end: int


@functools.lru_cache(maxsize=16384)
def _tokens(text: str) -> tuple[_Token, ...]:
    folded = fold(text)
    found: list[_Token] = []
    for match in re.finditer(_TOKENS, folded):
        word = _JOINER if match.group() in _JOINERS else match.group()
        found.append(_Token(word, match.start(), match.end()))
    return tuple(found)


@functools.lru_cache(maxsize=16384)
def name_key(name: str) -> Key:
    """Return the comparison key of a unit name."""
    return tuple(t.text for t in _tokens(name) if t.text != ",")


def _auto_aliases(unit: Unit) -> Iterable[Key]:
    """Yield the short forms of a commune's name: "Nhân Cơ", "UBND xã Nhân Cơ"."""
    key = name_key(unit.name)
    yield ("ubnd", *key)
    if unit.kind in (UnitKind.COMMUNE, UnitKind.TOWN):
        for prefix in _COMMUNE_PREFIXES:
            if key[: len(prefix)] == prefix and len(key) > len(prefix):
                yield key[len(prefix) :]


def _loose(key: Key) -> Key:
    """Return a key without its joiners: "văn hóa - xã hội" is "văn hóa xã hội"."""
    return tuple(word for word in key if word != _JOINER)


def _spelled(key: Key) -> str:
    """Return a key as one string: tokens hold no spaces, so it reads back by split()."""
    return " ".join(key)


def _name_index(units: Sequence[Unit]) -> dict[str, list[str]]:
    """Return the ids of the units each name key (spelled) answers to."""
    by_key: dict[str, list[str]] = {}
    for unit in units:
        keys = [name_key(unit.name), *(name_key(a) for a in unit.aliases)]
        for key in dict.fromkeys([*keys, *_auto_aliases(unit)]):
            ids = by_key.setdefault(_spelled(key), [])
            if unit.id not in ids:
                ids.append(unit.id)
    return by_key


class CellMatch(Struct, frozen=True):
    """A unit found in a table cell, with its span in the cell's NFC text."""

    unit: Unit
    start: int
    end: int


class UnknownName(Struct, frozen=True):
    """A part of a cell that names no unit, with its span in the cell's NFC text."""

    text: str
    start: int
    end: int


class UnitLookupError(UsageError):
    """A name that matches no unit, or several."""

    def __init__(self, message: str, name: str, suggestions: Sequence[str]) -> None:
        super().__init__(message)
        self.name = name
        self.suggestions = tuple(suggestions)


class RegistryWork(NamedTuple):
    """What a registry has worked out, units given by id, to be given to a new one.

    Rebuilding a registry folds every name again; taking this back does not.
    """

    by_key: dict[str, list[str]]  # name keys, words joined by a space -> unit ids
    longest: int  # words in the longest name
    cells: dict[str, tuple[list[tuple[str, int, int]], list[UnknownName]]]  # cell -> matches
    members: dict[str, list[str]]  # group id -> member ids


class UnitRegistry:
    """The units of a plan, searchable by any of their names."""

    def __init__(self, units: Sequence[Unit], work: RegistryWork | None = None) -> None:
        """Index `units` by name; `work` (of a registry of the same units) skips the work."""
        self.units: dict[str, Unit] = {unit.id: unit for unit in units}
        # A plan names the same few cells again and again: read each once.
        self._cells: dict[str, tuple[list[CellMatch], list[UnknownName]]] = {}
        self._members: dict[str, list[Unit]] = {}
        if work is None:
            self._by_key = _name_index(units)
            self._longest = max((len(k.split()) for k in self._by_key), default=0)
        else:
            self._restore(work)

    def work(self) -> RegistryWork:
        """Return what this registry has worked out, to be given to a new one."""
        cells = {
            cell: ([(m.unit.id, m.start, m.end) for m in found], unknown)
            for cell, (found, unknown) in self._cells.items()
        }
        members = {group: [u.id for u in units] for group, units in self._members.items()}
        return RegistryWork(self._by_key, self._longest, cells, members)

    def _restore(self, work: RegistryWork) -> None:
        units = self.units
        self._by_key = work.by_key
        self._longest = work.longest
        for cell, (found, unknown) in work.cells.items():
            matches = [CellMatch(units[unit_id], start, end) for unit_id, start, end in found]
            self._cells[cell] = (matches, unknown)
        for group, ids in work.members.items():
            self._members[group] = [units[unit_id] for unit_id in ids]

    def clashes(self) -> list[tuple[Key, list[Unit]]]:
        """Return the name keys that more than one unit answers to, and those units."""
        return [
            (tuple(key.split()), [self.units[i] for i in ids])
            for key, ids in self._by_key.items()
            if len(ids) > 1
        ]

    def members(self, unit: Unit) -> list[Unit]:
        """Return the units a name stands for: a group's members, or the unit itself."""
        if unit.kind is not UnitKind.GROUP or not unit.members:
            return [unit]
        if unit.id not in self._members:
            self._members[unit.id] = self._expand(unit)
        return list(self._members[unit.id])

    def covered(self, unit: Unit) -> list[Unit]:
        """Return the unit, its members if a group, and the units under it (its one-stop desk)."""
        covered = [unit, *self.members(unit)]
        changed = True
        while changed:
            changed = False
            for candidate in self.units.values():
                if candidate.parent in {u.id for u in covered} and candidate not in covered:
                    covered.append(candidate)
                    changed = True
        return covered

    def _expand(self, unit: Unit, visiting: frozenset[str] = frozenset()) -> list[Unit]:
        """Return a group's members, flattened; a group that contains itself stops there."""
        found: dict[str, Unit] = {}
        for member_id in unit.members:
            member = self.units.get(member_id)
            if member is None or member.id in visiting or member.id == unit.id:
                continue
            if member.kind is UnitKind.GROUP and member.members:
                inner = self._expand(member, visiting | {unit.id})
            else:
                inner = [member]
            found.update((m.id, m) for m in inner if m.id not in found)
        return list(found.values())

    def _match_at(self, tokens: Sequence[_Token], index: int) -> tuple[Unit, int] | None:
        """Return the unit whose longest name starts at `index`, and the index after it."""
        best: tuple[Unit, int] | None = None
        words: list[str] = []
        position = index
        while position < len(tokens) and len(words) < self._longest:
            if tokens[position].text != "," or not words:
                words.append(tokens[position].text)
            position += 1
            ids = self._by_key.get(" ".join(words))
            if ids is not None and len(ids) == 1 and tokens[position - 1].text != ",":
                best = (self.units[ids[0]], position)
        return best

    def split_cell(self, cell: str) -> tuple[list[CellMatch], list[UnknownName]]:
        """Find every unit a table cell names, and the parts that name none."""
        if cell not in self._cells:
            self._cells[cell] = self._split(cell)
        found, unknown = self._cells[cell]
        return list(found), list(unknown)

    def _split(self, cell: str) -> tuple[list[CellMatch], list[UnknownName]]:
        text = nfc(cell)
        tokens = _tokens(text)
        found: list[CellMatch] = []
        unknown: list[UnknownName] = []
        index = 0
        while index < len(tokens):
            if tokens[index].text in _SEPARATORS:
                index += 1
                continue
            match = self._match_at(tokens, index)
            if match is not None:
                unit, after = match
                found.append(CellMatch(unit, tokens[index].start, tokens[after - 1].end))
                index = after
                continue
            end = index
            while end + 1 < len(tokens) and tokens[end + 1].text not in {",", ";"}:
                end += 1
            start_char, end_char = tokens[index].start, tokens[end].end
            unknown.append(UnknownName(text[start_char:end_char], start_char, end_char))
            index = end + 1
        return found, unknown

    def resolve(self, name: str) -> Unit:
        """Return the one unit `name` means, or raise UnitLookupError with the closest names."""
        if name in self.units:
            return self.units[name]
        key = name_key(name)
        ids = self._by_key.get(_spelled(key), [])
        if len(ids) == 1:
            return self.units[ids[0]]
        if not ids and key:
            ids = self._containing(key)
            if len(ids) == 1:
                return self.units[ids[0]]
        if not ids and key:
            # "phong van hoa xa hoi" for "Phòng Văn hóa - Xã hội": the words, without joiners
            ids = self._containing(_loose(key), loose=True)
            if len(ids) == 1:
                return self.units[ids[0]]
        if ids:
            names = [self.units[i].name for i in ids]
            message = _("Tên đơn vị «{name}» chưa rõ: có thể là {names}. Hãy ghi đầy đủ hơn.")
            raise UnitLookupError(
                message.format(name=name, names=", ".join(f"«{n}»" for n in names)), name, names
            )
        suggestions = self._closest(key)
        message = _("Không có đơn vị nào tên «{name}».").format(name=name)
        if suggestions:
            message += " " + _("Gần giống: {names}.").format(
                names=", ".join(f"«{n}»" for n in suggestions)
            )
        raise UnitLookupError(message, name, suggestions)

    def suggest(self, name: str) -> list[str]:
        """Return the official names closest to `name`."""
        return self._closest(name_key(name))

    def _containing(self, key: Key, *, loose: bool = False) -> list[str]:
        """Return the units whose name holds the words of `key` in a row (`loose`: the
        joiners "-", "&", "và" left out of both)."""
        size = len(key)
        ids: list[str] = []
        for spelled, unit_ids in self._by_key.items():
            candidate = tuple(spelled.split())
            if loose:
                candidate = _loose(candidate)
            windows = (candidate[i : i + size] for i in range(len(candidate) - size + 1))
            if key in windows:
                ids.extend(i for i in unit_ids if i not in ids)
        return ids

    def _closest(self, key: Key, limit: int = 3) -> list[str]:
        import difflib  # noqa: PLC0415 - only for a name no unit has

        spelled = list(self._by_key)
        close = difflib.get_close_matches(_spelled(key), spelled, n=limit * 3, cutoff=0.5)
        names = [self.units[self._by_key[c][0]].name for c in close]
        return list(dict.fromkeys(names))[:limit]
