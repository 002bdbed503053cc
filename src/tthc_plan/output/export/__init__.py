"""Exports to the tools people already use: calendars, spreadsheets, web pages."""

from __future__ import annotations
