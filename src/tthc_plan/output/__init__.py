"""Text and bytes made from core values: tables, JSON/CSV/Markdown, exports."""

from __future__ import annotations
