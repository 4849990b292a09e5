"""Helpers for tests (and benchmarks) that need AI systems."""

from __future__ import annotations

from typing import Any

from rai_toolkit.accounts.models import User
from rai_toolkit.agencies.models import Agency
from rai_toolkit.register import services
from rai_toolkit.register.models import AISystem

# A retrospective facial-recognition search tool bought from a vendor.
SYSTEM: dict[str, Any] = {
    "name": "Retrospective face search",
    "purpose": "Compare images of unknown suspects with the custody image database.",
    "use_case": "use-case/facial-recognition-retrospective",
    "family": "image-and-video",
    "role": "tool",
    "stage": "deploy",
    "sourcing": "vendor",
    "vendor": "Example Vision Ltd",
    "product": "FaceSearch",
    "model_name": "fs-net",
    "model_version": "4.2",
    "data_categories": ["personal", "biometric"],
    "timing": "after_the_fact",
    "public_space": False,
    "output_effect": "recommends",
    "affected_groups": "People in custody images; suspects in investigations.",
    "jurisdictions": ["eu"],
}


def make_system(agency: Agency, by: User, **overrides: Any) -> AISystem:
    return services.register(agency=agency, data={**SYSTEM, **overrides}, by=by)
