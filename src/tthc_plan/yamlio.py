"""The one place that configures ruamel.yaml."""

from __future__ import annotations

from typing import Any

from ruamel.yaml import YAML
from ruamel.yaml.constructor import RoundTripConstructor


class _Constructor(RoundTripConstructor):  # type: ignore[misc]
    """Keep dates as the text written, so pydantic checks them and reports their line.

    ruamel.yaml would otherwise build `date` objects itself and stop the whole
    load with a bare ValueError on an impossible date such as 2024-02-30.
    """


_Constructor.add_constructor("tag:yaml.org,2002:timestamp", _Constructor.construct_yaml_str)


def round_trip() -> YAML:
    """Return a round-trip YAML that keeps comments, quotes and layout."""
    yaml = YAML(typ="rt")
    yaml.Constructor = _Constructor
    yaml.preserve_quotes = True
    yaml.width = 4096
    yaml.indent(mapping=2, sequence=4, offset=2)
    return yaml


def load_round_trip(text: str) -> Any:  # noqa: ANN401 - YAML can hold anything
    """Parse YAML text into ruamel's commented containers (with line numbers)."""
    return round_trip().load(text)
