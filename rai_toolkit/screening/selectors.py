from __future__ import annotations

from rai_toolkit.register.models import AISystem
from rai_toolkit.screening.models import Screening
from rai_toolkit.screening.rules import Result


def result_of(screening: Screening) -> Result:
    return Result.from_json(screening.result)


def latest_result(system: AISystem) -> Result | None:
    found = Screening.objects.filter(system=system).first()
    return None if found is None else result_of(found)


def requires(result: Result, artefact: str) -> bool:
    return any(d.artefact == artefact for d in result.duties)
