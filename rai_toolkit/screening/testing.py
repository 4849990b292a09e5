"""Helpers for tests (and benchmarks) that need screened AI systems."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from rai_toolkit.accounts.models import User
from rai_toolkit.agencies.models import Agency
from rai_toolkit.register.models import AISystem
from rai_toolkit.register.testing import make_system
from rai_toolkit.screening import services as screening
from rai_toolkit.screening.answers import posted
from rai_toolkit.screening.models import Screening
from rai_toolkit.screening.rules import load_rules

# Answers for the retrospective face search of register.testing.SYSTEM.
ANSWERS: dict[str, Any] = {
    "is_ai_system": "true",
    "exclusive_purpose": "none",
    "substantially_modified": "false",
    "biometric_function": ["identification"],
    "verification_only": "false",
    "untargeted_scraping": "false",
    "le_uses": [],
    "emergency_dispatch": "false",
    "profiling": "false",
    "art6_3_condition": "none",
    "public_interaction": "none",
    "monitors_staff": "false",
    "decision_effect": "significant",
    "solely_automated": "false",
}


@dataclass(frozen=True)
class Screened:
    system: AISystem
    screening: Screening


def screened_system(
    agency: Agency, by: User, answers: dict[str, Any] | None = None, **overrides: Any
) -> Screened:
    system = make_system(agency, by, **overrides)
    outcome = screening.evaluate(system, load_rules(), posted(answers or ANSWERS))
    assert outcome.result is not None, (outcome.errors, outcome.conflicts, outcome.problems)
    return Screened(system, screening.save(system=system, outcome=outcome, by=by))
