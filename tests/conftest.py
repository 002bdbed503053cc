"""Shared fixtures: the shipped plan and its source document."""

from __future__ import annotations

import os
from datetime import date
from pathlib import Path

import pytest
from hypothesis import settings

from tthc_plan.i18n import set_language

ROOT = Path(__file__).resolve().parent.parent
PLAN_2024 = ROOT / "plans" / "2024.yaml"
SOURCE = ROOT / "plans" / "source" / "ke-hoach-kiem-soat-tthc-2024-dak-rlap.txt"
# "Today" for tests that do not ask for a particular day: the end of the plan year.
TODAY = date(2024, 12, 31)

settings.register_profile("ci", derandomize=True, max_examples=200, deadline=None)
settings.register_profile("dev", max_examples=100, deadline=None)
settings.register_profile("fuzz", max_examples=5000, deadline=None)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "ci"))


@pytest.fixture(autouse=True)
def _vietnamese() -> None:
    """Every test starts in Vietnamese, whatever an earlier test chose."""
    set_language("vi")
