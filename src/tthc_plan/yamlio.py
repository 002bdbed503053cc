"""The one place that configures ruamel.yaml."""

from __future__ import annotations

from typing import Any

from ruamel.yaml import YAML
from ruamel.yaml.constructor import RoundTripConstructor
from ruamel.yaml.nodes import ScalarNode
from ruamel.yaml.representer import RoundTripRepresenter


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


def round_trip() -> YAML:
    """Return a round-trip YAML that keeps comments, quotes and layout."""
    yaml = YAML(typ="rt")
    yaml.Constructor = _Constructor
    yaml.Representer = _Representer
    yaml.preserve_quotes = True
    yaml.width = 4096
    yaml.indent(mapping=2, sequence=4, offset=2)
    return yaml


def load_round_trip(text: str) -> Any:  # noqa: ANN401 - YAML can hold anything
    """Parse YAML text into ruamel's commented containers (with line numbers)."""
    return round_trip().load(text)


def block_list() -> YAML:
    """Return a YAML that writes a top-level list flush left ("- task: II.1")."""
    yaml = round_trip()
    yaml.indent(mapping=2, sequence=2, offset=0)
    return yaml
