"""Files, YAML, the schema, the cache: the only layer that touches the disk."""

from __future__ import annotations
