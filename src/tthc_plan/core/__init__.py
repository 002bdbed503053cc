"""Pure values and rules: read no file, clock or environment; no I/O or framework library."""

from __future__ import annotations
