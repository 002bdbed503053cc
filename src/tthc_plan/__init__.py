"""Follow up Vietnamese administrative-procedure control plans kept as YAML."""

from __future__ import annotations

__version__ = "0.1.0"
