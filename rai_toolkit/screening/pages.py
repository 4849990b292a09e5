"""What the screening pages show: each question with its answer, and a result explained."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.db import models
from django.utils import timezone
from django.utils.translation import get_language, gettext_lazy
from django.utils.translation import gettext as _

from rai_toolkit.agencies.access import AgencyAccess
from rai_toolkit.agencies.models import Agency
from rai_toolkit.questionnaires.definition import Question, text_in
from rai_toolkit.register.models import (
    AISystem,
    DataCategory,
    Family,
    Jurisdiction,
    OutputEffect,
    RegulatoryClass,
    Sourcing,
    Stage,
    SystemRole,
    Timing,
)
from rai_toolkit.screening import answers as screening_answers
from rai_toolkit.screening import texts
from rai_toolkit.screening.models import Screening
from rai_toolkit.screening.rules import Finding, Result, Rules, load_rules
from rai_toolkit.screening.selectors import result_of
from rai_toolkit.screening.services import Outcome, evaluate


@dataclass
class QuestionState:
    question: Question
    chosen: set[str]
    text: str
    hidden: bool
    errors: list[str]


def _states(
    rules: Rules,
    facts: dict[str, Any],
    answers: dict[str, Any],
    posted: Any,
    outcome: Outcome | None,
) -> list[QuestionState]:
    hidden = (
        set(outcome.hidden)
        if outcome
        else {
            n
            for n, shown in screening_answers.visible(rules, {**facts, **answers}).items()
            if not shown
        }
    )
    states = []
    for question in screening_answers.questions(rules):
        name = question.name
        if posted is not None:
            chosen = {str(v) for v in posted.getlist(f"{name}-value")}
            text = str(posted.get(f"{name}-value", ""))
        else:
            value = answers.get(name)
            chosen = {_plain(v) for v in (value if isinstance(value, list) else [value])}
            text = "" if value is None else str(value)
        errors = outcome.errors.get(name, []) if outcome else []
        states.append(QuestionState(question, chosen, text, name in hidden, errors))
    return states


def _plain(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    return "" if value is None else str(value)


def form_context(
    access: AgencyAccess,
    system: AISystem,
    rules: Rules,
    outcome: Outcome | None,
    posted: Any = None,
) -> dict[str, Any]:
    latest = Screening.objects.filter(system=system).first()
    answers = dict(latest.answers) if latest else {}
    facts = system.facts()
    if outcome is None and latest is not None:  # show what the stored answers give today
        outcome = evaluate(system, rules, screening_answers.posted(answers))
    return {
        "access": access,
        "system": system,
        "states": _states(rules, facts, answers, posted, outcome),
        "outcome": outcome,
        "hidden": " ".join(outcome.hidden) if outcome else "",
        "findings": grouped(outcome.result) if outcome and outcome.result else None,
        "conflicts": [
            texts.text(f"contradictions.{c.id}.message", c.message)
            for c in (outcome.conflicts if outcome else [])
        ],
        "latest": latest,
    }


# Register attributes shown with the labels of the register's own fields and choices.
REGISTER_CHOICES: dict[str, tuple[str, type[models.TextChoices] | None]] = {
    "family": ("family", Family),
    "system_role": ("role", SystemRole),
    "stage": ("stage", Stage),
    "sourcing": ("sourcing", Sourcing),
    "data_categories": ("data_categories", DataCategory),
    "timing": ("timing", Timing),
    "public_space": ("public_space", None),
    "output_effect": ("output_effect", OutputEffect),
    "jurisdictions": ("jurisdictions", Jurisdiction),
    "agency_kind": ("", Agency.Kind),
}


def _yes_no(value: Any) -> str:
    return str(_("Yes") if value else _("No"))


def fact_label(name: str, value: Any, rules: Rules) -> tuple[str, str]:
    """A fact as the assessor knows it: the register field or the question, with its choices."""
    values = list(value) if isinstance(value, list | tuple) else [value]
    if name in REGISTER_CHOICES:
        field_name, choices = REGISTER_CHOICES[name]
        label = (
            str(AISystem._meta.get_field(field_name).verbose_name)  # type: ignore[union-attr]
            if field_name
            else str(_("Agency type"))
        )
        shown = [
            _yes_no(v)
            if isinstance(v, bool)
            else str(choices(v).label)
            if choices and v in choices.values
            else str(v)
            for v in values
        ]
        return label, ", ".join(shown) or "—"
    if name == "eu_class":
        return str(_("AI Act class")), ", ".join(str(RegulatoryClass(v).label) for v in values)
    if name == "matched":
        titles = {rule.id: f"{rule.article}" for rule in rules.outcomes}
        return str(_("Because it matched")), ", ".join(titles.get(str(v), str(v)) for v in values)
    language = get_language() or "en"
    question = screening_answers.definition(rules).questions.get(name)
    if question is None:
        return name.replace("_", " "), ", ".join(str(v) for v in values)
    shown = []
    for item in values:
        choice = None if isinstance(item, bool) else question.choice(item)
        if isinstance(item, bool):
            shown.append(_yes_no(item))
        else:
            shown.append(text_in(choice.text, language) if choice else str(item))
    return text_in(question.title, language), ", ".join(shown) or "—"


DUTY_KINDS = {
    "assessment": gettext_lazy("Assessment"),
    "authorisation": gettext_lazy("Authorisation"),
    "registration": gettext_lazy("Registration"),
    "notification": gettext_lazy("Notification"),
    "control": gettext_lazy("Control"),
    "transparency": gettext_lazy("Transparency"),
    "documentation": gettext_lazy("Documentation"),
    "recommended": gettext_lazy("Recommended"),
}


@dataclass
class Shown:
    finding: Finding
    facts: list[tuple[str, str]]
    applies_now: bool
    # In force by the original text, but an amendment moved its date to a later one.
    postponed: bool = False
    section: str = "outcomes"

    def _text(self, field: str, default: str) -> str:
        return texts.text(f"{self.section}.{self.finding.id}.{field}", default)

    @property
    def title(self) -> str:
        return self._text("title", self.finding.title)

    @property
    def reason(self) -> str:
        return self._text("reason", self.finding.reason)

    @property
    def amended_note(self) -> str:
        return self._text("amended_note", self.finding.applies_from.amended_note)

    @property
    def regulation_title(self) -> str:
        regulation = self.finding.regulation
        return texts.text(f"regulations.{regulation.id}.title", regulation.title)

    @property
    def kind_label(self) -> str:
        kind = self.finding.kind
        if kind in RegulatoryClass.values:
            return str(RegulatoryClass(kind).label)
        return str(DUTY_KINDS.get(kind, kind))


def grouped(result: Result) -> dict[str, list[Shown]]:
    rules = load_rules()
    today = timezone.localdate()

    def shown(finding: Finding, section: str) -> Shown:
        facts = [fact_label(name, value, rules) for name, value in finding.facts]
        amended = finding.applies_from.amended
        postponed = finding.applies_on(today) and amended is not None and amended > today
        return Shown(finding, facts, finding.applies_on(today), postponed, section)

    return {
        "outcomes": [shown(f, "outcomes") for f in result.outcomes],
        "duties": [shown(f, "duties") for f in result.duties],
    }


def result_context(access: AgencyAccess, system: AISystem, screening: Screening) -> dict[str, Any]:
    result = result_of(screening)
    rules = load_rules()
    answers = [fact_label(name, value, rules) for name, value in screening.answers.items()]
    return {
        "access": access,
        "system": system,
        "screening": screening,
        "result": result,
        "findings": grouped(result),
        "answers": answers,
        "outdated": result.rules_hash != rules.content_hash,
        "history": system.screenings.select_related("created_by")[:20],
    }
