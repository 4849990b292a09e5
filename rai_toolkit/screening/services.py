"""Screening a system: its register facts and the answers, checked, classified by the rules and
kept as a new entry in the system's history."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.http import HttpRequest
from django.utils.translation import gettext as _

from rai_toolkit.accounts.models import User
from rai_toolkit.audit.models import Action
from rai_toolkit.audit.services import record
from rai_toolkit.register.models import AISystem
from rai_toolkit.screening import answers as screening_answers
from rai_toolkit.screening.models import Screening
from rai_toolkit.screening.rules import Contradiction, Result, Rules, check_facts, contradictions
from rai_toolkit.screening.rules import screen as run_rules


@dataclass
class Outcome:
    """What the posted answers amount to: a result, or what is wrong with them."""

    answers: dict[str, Any]
    facts: dict[str, Any]
    errors: dict[str, list[str]] = field(default_factory=dict)
    conflicts: list[Contradiction] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)
    result: Result | None = None
    hidden: list[str] = field(default_factory=list)


def evaluate(system: AISystem, rules: Rules, posted: Any) -> Outcome:
    parsed = screening_answers.parse(rules, posted)
    facts = system.facts()
    answers = screening_answers.shown_answers(rules, facts, parsed.answers)
    everything = {**facts, **answers}
    shown = screening_answers.visible(rules, everything)
    outcome = Outcome(answers, everything, errors=parsed.errors)
    outcome.hidden = [name for name, yes in shown.items() if not yes]
    for question in screening_answers.questions(rules):
        needed = shown.get(question.name) and question.required(everything)
        if needed and question.name not in answers and question.name not in outcome.errors:
            outcome.errors[question.name] = [_("Answer this question.")]
    if parsed.errors:
        return outcome
    outcome.problems = check_facts(everything, rules)
    outcome.conflicts = contradictions(everything, rules)
    if not outcome.problems and not outcome.conflicts:
        outcome.result = run_rules(everything, rules)
    return outcome


def save(
    *, system: AISystem, outcome: Outcome, by: User, request: HttpRequest | None = None
) -> Screening:
    if outcome.result is None:
        raise ValidationError(_("The answers contradict each other or are incomplete."))
    result = outcome.result
    with transaction.atomic():
        screening = Screening.objects.create(
            agency=system.agency,
            system=system,
            answers=outcome.answers,
            facts=outcome.facts,
            result=result.as_json(),
            eu_class=result.eu_class,
            rules_hash=result.rules_hash,
            created_by=by,
        )
        AISystem.objects.filter(pk=system.pk).update(regulatory_class=result.eu_class)
        record(
            Action.SYSTEM_SCREENED,
            request=request,
            actor=by,
            agency=system.agency,
            target=system,
            changes={"regulatory_class": (system.regulatory_class, result.eu_class)},
            context={"outcomes": [f.id for f in result.outcomes][:40]},
        )
    system.regulatory_class = result.eu_class
    return screening
