"""Regulatory screening: which laws apply to a registered AI system, and what they require.

The rules are data (``data/rules.yaml``, ``data/questionnaire.yaml``; format in
docs/screening.md). ``load_rules`` checks them completely and refuses them with every problem
named; ``screen`` evaluates them against one flat mapping of facts: the register attributes of
the system plus the answers to the screening questionnaire. Pure Python: no database, no Django
settings needed.
"""

from __future__ import annotations

import datetime
import functools
import hashlib
import json
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, ClassVar, Literal

import yaml

from rai_toolkit.knowledge.files import item_ids
from rai_toolkit.questionnaires.definition import (
    Definition,
    DefinitionError,
    Question,
    read_definition,
)
from rai_toolkit.questionnaires.expressions import Answers, Expression, ExpressionError, parse

__all__ = [
    "CLASSES",
    "DUTY_KINDS",
    "REGISTER_FACTS",
    "RULES_DIR",
    "Contradiction",
    "ContradictionRule",
    "Dates",
    "FactSpec",
    "Finding",
    "Regulation",
    "Result",
    "Rule",
    "Rules",
    "RulesError",
    "check_facts",
    "contradictions",
    "load_rules",
    "screen",
]

RULES_DIR = Path(__file__).resolve().parent / "data"
CONTENT_DIR = Path(__file__).resolve().parents[2] / "content"
QUESTIONNAIRE_FILE = "questionnaire.yaml"
RULES_FILE = "rules.yaml"

# Most severe first. Out of scope wins: if the Act does not apply, nothing else in it does.
CLASSES = (
    "out_of_scope",
    "prohibited",
    "conditional",
    "high_risk",
    "derogation",
    "transparency",
    "minimal",
)
DUTY_KINDS = (
    "assessment",
    "authorisation",
    "registration",
    "notification",
    "control",
    "transparency",
    "documentation",
    "recommended",
)
JURISDICTIONS = ("eu", "coe", "uk", "us_federal", "us_cjis", "intl")
REGULATION_KINDS = ("law", "treaty", "policy", "standard", "guidance")
CONFIDENCES = ("H", "M", "L")
ANSWER_TYPES = ("boolean", "radiogroup", "checkbox")
# Facts the engine adds while evaluating: outcomes see them as they stand so far, duties final.
DERIVED_FACTS = ("eu_class", "matched")

_ID = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
_ARTEFACT = re.compile(r"^[a-z0-9]+(?:_[a-z0-9]+)*$")
# "{fact} operator literal": the forms the rules use, checked against the fact's values.
_COMPARISON = re.compile(
    r"\{(?P<name>[^{}]+)\}\s*(?P<op>==|=|!=|<>|anyof|allof|noneof|notcontains|contains)\s*"
    r"(?P<literal>\[[^\]]*\]|'[^']*'|\"[^\"]*\"|true\b|false\b)",
    re.IGNORECASE,
)
_QUOTED = re.compile(r"'([^']*)'|\"([^\"]*)\"")


class _YamlLoader(yaml.SafeLoader):
    """Safe YAML that leaves dates as text: a bad date is then one named problem, not a crash."""


_YamlLoader.yaml_implicit_resolvers = {
    first: [(tag, pattern) for tag, pattern in resolvers if tag != "tag:yaml.org,2002:timestamp"]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}


@dataclass(frozen=True)
class FactSpec:
    """What a fact may hold: one of `values`, a list of them, or a boolean."""

    kind: Literal["one", "many", "boolean"]
    values: tuple[str, ...] = ()


# The register attributes the AI-system record supplies (AISystem.facts()); always present.
REGISTER_FACTS: dict[str, FactSpec] = {
    "family": FactSpec(
        "one",
        (
            "image-and-video",
            "text-and-speech",
            "risk-and-prediction",
            "content-generation",
            "process-optimisation",
            "robotics-and-drones",
        ),
    ),
    "system_role": FactSpec("one", ("threat", "tool", "evidence")),
    "stage": FactSpec("one", ("decide", "design", "procure", "deploy", "monitor", "retired")),
    "sourcing": FactSpec("one", ("in_house", "vendor")),
    "data_categories": FactSpec(
        "many",
        (
            "personal",
            "biometric",
            "special_category",
            "children",
            "public_space_video",
            "communications_content",
            "location",
            "criminal_records",
        ),
    ),
    "timing": FactSpec("one", ("real_time", "after_the_fact")),
    "public_space": FactSpec("boolean"),
    "output_effect": FactSpec("one", ("informs", "recommends", "decides")),
    "jurisdictions": FactSpec("many", ("eu", "uk", "us_federal", "us_state_local", "other")),
    "agency_kind": FactSpec(
        "one",
        (
            "national_police",
            "regional_police",
            "customs",
            "border",
            "investigative",
            "prosecutor",
            "other",
        ),
    ),
}


class RulesError(ValueError):
    """The rule files cannot be used; `problems` names every problem with its place."""

    def __init__(self, problems: list[str]) -> None:
        super().__init__("; ".join(problems))
        self.problems = problems


@dataclass(frozen=True)
class Dates:
    original: datetime.date | None = None
    amended: datetime.date | None = None
    amended_note: str = ""


@dataclass(frozen=True)
class Regulation:
    id: str
    title: str
    jurisdiction: str
    kind: str
    toolkit: str = ""
    confidence: str = "H"


@dataclass(frozen=True)
class Rule:
    """An outcome (`kind` is its class) or a duty (`kind` is its kind) as written in the file."""

    id: str
    regulation: Regulation
    kind: str
    article: str
    title: str
    when: Expression
    reason: str
    artefact: str
    applies_from: Dates
    confidence: str


@dataclass(frozen=True)
class ContradictionRule:
    id: str
    when: Expression
    message: str
    fields: tuple[str, ...]


@dataclass(frozen=True)
class Finding:
    """An outcome or a duty that matched, with the facts that made it match."""

    id: str
    regulation: Regulation
    kind: str  # the class of an outcome, the kind of a duty
    article: str
    title: str
    reason: str
    artefact: str
    applies_from: Dates
    confidence: str
    facts: tuple[tuple[str, Any], ...]

    def applies_on(self, day: datetime.date) -> bool:
        """Whether the rule applies on `day` by the original legal text."""
        return self.applies_from.original is None or self.applies_from.original <= day


@dataclass(frozen=True)
class Contradiction:
    id: str
    message: str
    fields: tuple[str, ...]


@dataclass(frozen=True)
class Result:
    eu_class: str
    outcomes: tuple[Finding, ...]
    duties: tuple[Finding, ...]
    rules_hash: str

    def as_json(self) -> dict[str, Any]:
        """Everything, as JSON-ready data (dates in ISO form), for a JSONField."""
        return {
            "eu_class": self.eu_class,
            "rules_hash": self.rules_hash,
            "outcomes": [_finding_json(f) for f in self.outcomes],
            "duties": [_finding_json(f) for f in self.duties],
        }

    @classmethod
    def from_json(cls, data: Mapping[str, Any]) -> Result:
        """The result `as_json` stored, rebuilt without the rules (they may have changed since)."""
        return cls(
            eu_class=str(data["eu_class"]),
            outcomes=tuple(_finding_from_json(f) for f in data["outcomes"]),
            duties=tuple(_finding_from_json(f) for f in data["duties"]),
            rules_hash=str(data["rules_hash"]),
        )


@dataclass(frozen=True)
class Rules:
    REGISTER_FACTS: ClassVar[Mapping[str, FactSpec]] = REGISTER_FACTS

    questionnaire: dict[str, Any]  # raw, ready for read_definition
    regulations: tuple[Regulation, ...]
    contradictions: tuple[ContradictionRule, ...]
    outcomes: tuple[Rule, ...]
    duties: tuple[Rule, ...]
    content_hash: str
    # The questionnaire checked, and what every fact may hold (register facts and questions).
    definition: Definition = field(compare=False, repr=False)
    fact_specs: Mapping[str, FactSpec] = field(compare=False, repr=False)

    def regulation(self, regulation_id: str) -> Regulation | None:
        return next((r for r in self.regulations if r.id == regulation_id), None)


# ---------------------------------------------------------------------------------------------
# Loading and checking


def load_rules(directory: Path = RULES_DIR) -> Rules:
    """The rules in `directory`, fully checked; RulesError lists every problem found."""
    directory = Path(directory).resolve()
    return _load_cached(directory, _stamp(directory))


def _stamp(directory: Path) -> tuple[tuple[str, int, int], ...]:
    """Changes when a file changes, so an edited file is read again (tests, development)."""
    stamp = []
    for name in (QUESTIONNAIRE_FILE, RULES_FILE):
        try:
            status = (directory / name).stat()
        except OSError:
            stamp.append((name, -1, -1))
        else:
            stamp.append((name, status.st_mtime_ns, status.st_size))
    return tuple(stamp)


@functools.lru_cache(maxsize=16)
def _load_cached(directory: Path, stamp: tuple[tuple[str, int, int], ...]) -> Rules:
    return _Loader(directory).load()


@functools.lru_cache(maxsize=4)
def _toolkit_ids(root: Path) -> frozenset[str]:
    return frozenset(item_ids(root)) if root.is_dir() else frozenset()


class _Loader:
    """Reads both files and collects every problem instead of stopping at the first."""

    def __init__(self, directory: Path) -> None:
        self.directory = directory
        self.problems: list[str] = []
        self.specs: dict[str, FactSpec] = dict(REGISTER_FACTS)
        self.know_questions = False  # false when the questionnaire could not be read
        self.rule_ids: set[str] = set()

    def fail(self, where: str, message: str) -> None:
        self.problems.append(f"{where}: {message}")

    def read_yaml(self, name: str) -> Any:
        """The file's data; None after naming the problem if it is missing, broken or empty."""
        try:
            text = (self.directory / name).read_text(encoding="utf-8")
        except OSError as error:
            self.fail(name, f"cannot be read ({error.strerror or error})")
            return None
        try:
            data = yaml.load(text, Loader=_YamlLoader)  # noqa: S506 (a safe loader)
        except yaml.YAMLError as error:
            mark = getattr(error, "problem_mark", None)
            where = f"{name}:{mark.line + 1}" if mark is not None else name
            self.fail(where, f"not valid YAML ({getattr(error, 'problem', None) or error})")
            return None
        if not isinstance(data, dict):
            self.fail(name, "must be a mapping")
            return None
        return data

    def load(self) -> Rules:
        questionnaire = self.read_yaml(QUESTIONNAIRE_FILE)
        definition = self.questionnaire(questionnaire)
        data = self.read_yaml(RULES_FILE)
        regulations: dict[str, Regulation] = {}
        outcomes: list[Rule] = []
        duties: list[Rule] = []
        found: list[ContradictionRule] = []
        if isinstance(data, Mapping):
            known = {"anchors", "regulations", "contradictions", "outcomes", "duties"}
            for key in sorted(set(map(str, data)) - known):
                self.fail(
                    f"{RULES_FILE}: {key}", f"unknown section; use {', '.join(sorted(known))}"
                )
            regulations = self.regulations(data.get("regulations"))
            if data.get("contradictions") is not None:
                found = self.contradictions(data["contradictions"])
            outcomes = self.rules("outcomes", data.get("outcomes"), regulations, [])
            duties = self.rules("duties", data.get("duties"), regulations, outcomes)
        if self.problems or definition is None:
            raise RulesError(self.problems)
        assert isinstance(questionnaire, dict) and isinstance(data, Mapping)
        return Rules(
            questionnaire=questionnaire,
            regulations=tuple(regulations.values()),
            contradictions=tuple(found),
            outcomes=tuple(outcomes),
            duties=tuple(duties),
            content_hash=_content_hash(questionnaire, data),
            definition=definition,
            fact_specs=dict(self.specs),
        )

    # -- the questionnaire

    def questionnaire(self, data: Any) -> Definition | None:
        if data is None:
            return None
        try:
            definition = read_definition(data)
        except DefinitionError as error:
            for problem in error.problems:
                self.fail(QUESTIONNAIRE_FILE, problem)
            return None
        self.know_questions = True
        questions = definition.questions
        for name, spec in REGISTER_FACTS.items():
            question = questions.get(name)
            if question is None:
                self.fail(QUESTIONNAIRE_FILE, f"the register fact {name!r} must be declared")
            else:
                self.register_question(question, spec)
        for name, question in questions.items():
            if name not in REGISTER_FACTS:
                self.answer_question(question)
        return definition

    def register_question(self, question: Question, spec: FactSpec) -> None:
        where = f"{QUESTIONNAIRE_FILE}: {question.name}"
        if _spec_of(question) != spec:
            expected = spec.kind + (f" of {', '.join(spec.values)}" if spec.values else "")
            self.fail(where, f"must match the register: {expected}")
        # Hidden for good: the value comes from the register, never from the assessor.
        if not any(condition.text.strip() == "false" for condition in question.conditions):
            self.fail(where, 'a register fact must be hidden (visibleIf: "false")')

    def answer_question(self, question: Question) -> None:
        where = f"{QUESTIONNAIRE_FILE}: {question.name}"
        if question.name in DERIVED_FACTS:
            self.fail(where, "this name is reserved for a fact the screening derives")
        if question.type not in ANSWER_TYPES:
            self.fail(where, f"use one of the question types {', '.join(ANSWER_TYPES)}")
            return
        if not isinstance(question.title, str) or not isinstance(question.description, str):
            self.fail(where, "title and description must be plain English text")
        elif not question.description.strip():
            self.fail(where, "needs a one-line description for the assessor")
        if any(not isinstance(choice.value, str) for choice in question.choices):
            self.fail(where, "choice values must be text")
        self.specs[question.name] = _spec_of(question)

    # -- rules.yaml

    def regulations(self, items: Any) -> dict[str, Regulation]:
        found: dict[str, Regulation] = {}
        for where, item in self.items("regulations", items):
            self.keys(where, item, {"id", "title", "jurisdiction", "kind", "toolkit", "confidence"})
            identifier = self.identifier(where, item, set(found))
            title = self.text(where, item, "title")
            jurisdiction = self.choice(where, item, "jurisdiction", JURISDICTIONS)
            kind = self.choice(where, item, "kind", REGULATION_KINDS)
            confidence = self.choice(where, item, "confidence", CONFIDENCES, "H")
            toolkit = self.text(where, item, "toolkit", required=False)
            if toolkit and toolkit not in _toolkit_ids(CONTENT_DIR):
                self.fail(f"{where}.toolkit", f"{toolkit!r} is not an item under content/")
            if identifier:
                found[identifier] = Regulation(
                    identifier, title, jurisdiction, kind, toolkit, confidence
                )
        return found

    def contradictions(self, items: Any) -> list[ContradictionRule]:
        found: list[ContradictionRule] = []
        seen: set[str] = set()
        for where, item in self.items("contradictions", items):
            self.keys(where, item, {"id", "when", "message", "fields"})
            identifier = self.identifier(where, item, seen)
            seen.add(identifier)
            when = self.expression(where, item, derived=False, earlier=set())
            message = self.text(where, item, "message")
            fields = item.get("fields")
            if not isinstance(fields, list) or not fields:
                self.fail(f"{where}.fields", "list the facts to highlight")
                fields = []
            for name in fields:
                if self.know_questions and name not in self.specs:
                    self.fail(f"{where}.fields", f"{name!r} is not a fact")
            if identifier and when is not None:
                found.append(ContradictionRule(identifier, when, message, tuple(map(str, fields))))
        return found

    def rules(
        self,
        section: str,
        items: Any,
        regulations: Mapping[str, Regulation],
        outcomes: list[Rule],
    ) -> list[Rule]:
        is_outcome = section == "outcomes"
        kind_key, kinds = ("class", CLASSES) if is_outcome else ("kind", DUTY_KINDS)
        allowed = {"id", "regulation", kind_key, "article", "title", "when", "reason"}
        allowed |= {"artefact", "applies_from", "confidence"}
        found: list[Rule] = []
        for where, item in self.items(section, items):
            self.keys(where, item, allowed)
            identifier = self.identifier(where, item, self.rule_ids)
            self.rule_ids.add(identifier)
            regulation_id = self.text(where, item, "regulation")
            regulation = regulations.get(regulation_id)
            if regulation_id and regulation is None:
                self.fail(f"{where}.regulation", f"{regulation_id!r} is not a listed regulation")
            kind = self.choice(where, item, kind_key, kinds)
            article = self.text(where, item, "article")
            title = self.text(where, item, "title")
            # An outcome may only look back at the outcomes before it; a duty at all of them.
            earlier = {r.id for r in (found if is_outcome else outcomes)}
            when = self.expression(where, item, derived=True, earlier=earlier)
            reason = self.text(where, item, "reason")
            artefact = self.text(where, item, "artefact", required=False)
            if artefact and not _ARTEFACT.match(artefact):
                self.fail(f"{where}.artefact", "lower-case words joined by underscores")
            dates = self.dates(f"{where}.applies_from", item.get("applies_from"))
            confidence = self.choice(where, item, "confidence", CONFIDENCES, "")
            if identifier and regulation is not None and when is not None:
                found.append(
                    Rule(
                        identifier,
                        regulation,
                        kind,
                        article,
                        title,
                        when,
                        reason,
                        artefact,
                        dates,
                        confidence or regulation.confidence,
                    )
                )
        return found

    # -- pieces

    def items(self, section: str, items: Any) -> Iterable[tuple[str, Mapping[str, Any]]]:
        where = f"{RULES_FILE}: {section}"
        if not isinstance(items, list) or not items:
            self.fail(where, "must be a list with at least one entry")
            return
        for index, item in enumerate(items):
            if isinstance(item, Mapping):
                yield f"{where}[{index}]", item
            else:
                self.fail(f"{where}[{index}]", "must be a mapping")

    def keys(self, where: str, item: Mapping[str, Any], allowed: set[str]) -> None:
        for key in sorted(set(map(str, item)) - allowed):
            self.fail(f"{where}.{key}", f"unknown key; use {', '.join(sorted(allowed))}")

    def identifier(self, where: str, item: Mapping[str, Any], taken: set[str]) -> str:
        identifier = item.get("id")
        if not isinstance(identifier, str) or not _ID.match(identifier):
            self.fail(f"{where}.id", "lower-case letters and digits joined by dashes")
            return ""
        if identifier in taken:
            self.fail(f"{where}.id", f"{identifier!r} is used twice")
        return identifier

    def text(self, where: str, item: Mapping[str, Any], key: str, required: bool = True) -> str:
        value = item.get(key)
        if value is None and not required:
            return ""
        if not isinstance(value, str) or not value.strip():
            self.fail(f"{where}.{key}", "must be text" if required else "must be text or absent")
            return ""
        return value.strip()

    def choice(
        self,
        where: str,
        item: Mapping[str, Any],
        key: str,
        allowed: tuple[str, ...],
        default: str | None = None,
    ) -> str:
        value = item.get(key, default)
        if value not in allowed and not (default is not None and value == default):
            self.fail(f"{where}.{key}", f"{value!r} is not one of {', '.join(allowed)}")
            return default or ""
        return str(value)

    def dates(self, where: str, value: Any) -> Dates:
        if value is None:
            return Dates()
        if not isinstance(value, Mapping):
            self.fail(where, "must be a mapping with original, amended and amended_note")
            return Dates()
        self.keys(where, value, {"original", "amended", "amended_note"})
        note = value.get("amended_note", "")
        if not isinstance(note, str):
            self.fail(f"{where}.amended_note", "must be text")
            note = ""
        return Dates(
            self.date(f"{where}.original", value.get("original")),
            self.date(f"{where}.amended", value.get("amended")),
            " ".join(note.split()),
        )

    def date(self, where: str, value: Any) -> datetime.date | None:
        if value is None:
            return None
        if isinstance(value, datetime.date) and not isinstance(value, datetime.datetime):
            return value
        if isinstance(value, str):
            try:
                return datetime.date.fromisoformat(value)
            except ValueError:
                pass
        self.fail(where, f"{value!r} is not a date written as YYYY-MM-DD")
        return None

    def expression(
        self, where: str, item: Mapping[str, Any], derived: bool, earlier: set[str]
    ) -> Expression | None:
        where = f"{where}.when"
        source = item.get("when")
        if not isinstance(source, str) or not source.strip():
            self.fail(where, "must be an expression written as text")
            return None
        try:
            expression = parse(source)
        except ExpressionError as error:
            self.fail(where, f"{error.reason} at character {error.position + 1}")
            return None
        if not self.know_questions:
            return expression  # question names unknown: the questionnaire's problems say why
        for name in sorted(expression.variables()):
            if name in DERIVED_FACTS and not derived:
                self.fail(where, f"{{{name}}} is only known after the outcomes are evaluated")
            elif name not in self.specs and name not in DERIVED_FACTS:
                self.fail(where, f"refers to {{{name}}}, which is not a fact")
        for match in _COMPARISON.finditer(source):
            self.comparison(where, match, earlier)
        return expression

    def comparison(self, where: str, match: re.Match[str], earlier: set[str]) -> None:
        """Literal values compared with a fact must be values the fact can hold."""
        name, operator = match["name"], match["op"].lower()
        literal = match["literal"]
        texts = [a or b for a, b in _QUOTED.findall(literal)]
        boolean = literal.lower() in ("true", "false")
        if name == "eu_class":
            allowed: tuple[str, ...] = CLASSES
        elif name == "matched":
            allowed = tuple(sorted(earlier))
        elif name in self.specs:
            spec = self.specs[name]
            if spec.kind == "boolean":
                if not boolean:
                    self.fail(where, f"{{{name}}} is true or false, not {literal}")
                return
            if spec.kind == "many" and operator in ("=", "==", "!=", "<>"):
                self.fail(where, f"{{{name}}} is a list: compare it with contains or anyof")
            if spec.kind == "one" and operator in ("contains", "notcontains", "allof"):
                self.fail(where, f"{{{name}}} holds one value: compare it with = or anyof")
            allowed = spec.values
        else:
            return  # already refused as an unknown fact
        if boolean:
            self.fail(where, f"{{{name}}} is not true or false")
        for text in texts:
            if text not in allowed:
                what = "an earlier outcome" if name == "matched" else "a value of this fact"
                self.fail(where, f"{text!r} compared with {{{name}}} is not {what}")


def _spec_of(question: Question) -> FactSpec:
    values = tuple(str(choice.value) for choice in question.choices)
    if question.type == "boolean":
        return FactSpec("boolean")
    return FactSpec("many" if question.type == "checkbox" else "one", values)


def _content_hash(questionnaire: Any, rules: Any) -> str:
    canonical = json.dumps(
        {"questionnaire": questionnaire, "rules": rules},
        sort_keys=True,
        separators=(",", ":"),
        ensure_ascii=False,
        default=_json_default,
    )
    return hashlib.sha256(canonical.encode("utf-8")).hexdigest()


def _json_default(value: Any) -> Any:
    if isinstance(value, datetime.date):
        return value.isoformat()
    raise TypeError(f"{type(value).__name__} is not JSON data")


# ---------------------------------------------------------------------------------------------
# Facts


def check_facts(facts: Mapping[str, Any], rules: Rules) -> list[str]:
    """Every value that is not one the fact can hold, and every register fact missing."""
    problems = []
    for name in REGISTER_FACTS:
        if name not in facts or facts[name] is None:
            problems.append(f"{name}: missing (the register supplies it)")
    for name, value in facts.items():
        spec = rules.fact_specs.get(name)
        if name in DERIVED_FACTS:
            problems.append(f"{name}: derived by the screening, not given")
        elif spec is None:
            problems.append(f"{name}: not a register fact nor a screening question")
        elif value is not None:
            problem = _bad_value(value, spec)
            if problem:
                problems.append(f"{name}: {problem}")
    return problems


def _bad_value(value: Any, spec: FactSpec) -> str:
    if spec.kind == "boolean":
        return "" if isinstance(value, bool) else f"{value!r} is not true or false"
    if spec.kind == "one":
        if isinstance(value, str) and value in spec.values:
            return ""
        return f"{value!r} is not one of {', '.join(spec.values)}"
    if not isinstance(value, list | tuple):
        return f"{value!r} is not a list"
    unknown = [item for item in value if not isinstance(item, str) or item not in spec.values]
    if unknown:
        return f"{', '.join(map(repr, unknown))} not among {', '.join(spec.values)}"
    if len(set(value)) != len(value):
        return "a value is listed twice"
    return ""


def _relevant(facts: Mapping[str, Any], rules: Rules) -> dict[str, Any]:
    """The facts without answers to questions that are hidden, given the other facts.

    A stale answer to a question the assessor can no longer see must not trigger a rule. Hiding
    one question can hide another, so repeat until nothing changes.
    """
    values = {
        name: list(value) if isinstance(value, tuple) else value
        for name, value in facts.items()
        if value is not None
    }
    questions = rules.definition.questions
    while True:
        answers = Answers(values)
        hidden = [
            name
            for name in values
            if name not in REGISTER_FACTS
            and name in questions
            and not questions[name].visible(answers)
        ]
        if not hidden:
            return values
        for name in hidden:
            del values[name]


def contradictions(facts: Mapping[str, Any], rules: Rules) -> list[Contradiction]:
    """The answers that cannot all be true at once, each with how to resolve it."""
    return _contradictions(_relevant(facts, rules), rules)


def _contradictions(values: Mapping[str, Any], rules: Rules) -> list[Contradiction]:
    answers = Answers(values)
    return [
        Contradiction(rule.id, " ".join(rule.message.split()), rule.fields)
        for rule in rules.contradictions
        if rule.when.is_true(answers)
    ]


# ---------------------------------------------------------------------------------------------
# Screening


def screen(facts: Mapping[str, Any], rules: Rules | None = None) -> Result:
    """The EU class, the outcomes and the duties for these facts.

    Raises ValueError if check_facts or contradictions find anything: callers check first.
    """
    if rules is None:
        rules = load_rules()
    problems = check_facts(facts, rules)
    if problems:
        raise ValueError("; ".join(problems))
    values = _relevant(facts, rules)
    found = _contradictions(values, rules)
    if found:
        raise ValueError("; ".join(f"{c.id}: {c.message}" for c in found))
    matched: list[str] = []
    outcomes: list[Finding] = []
    eu_class = ""
    for rule in rules.outcomes:  # in file order: each sees the outcomes before it
        answers = Answers({**values, "matched": list(matched), "eu_class": eu_class})
        if rule.when.is_true(answers):
            matched.append(rule.id)
            outcomes.append(_finding(rule, answers))
            eu_class = _most_severe(eu_class, rule.kind)
    # A file without a catch-all could leave nothing matched: that is no finding, so minimal.
    eu_class = eu_class or "minimal"
    answers = Answers({**values, "matched": list(matched), "eu_class": eu_class})
    duties = [_finding(rule, answers) for rule in rules.duties if rule.when.is_true(answers)]
    return Result(eu_class, tuple(outcomes), tuple(duties), rules.content_hash)


def _most_severe(current: str, candidate: str) -> str:
    if not current:
        return candidate
    return min(current, candidate, key=CLASSES.index)


def _finding(rule: Rule, values: Mapping[str, Any]) -> Finding:
    # Unanswered facts are left out, and so are derived ones that are still empty.
    facts = tuple(
        (name, _frozen(values[name]))
        for name in sorted(rule.when.variables())
        if values.get(name) is not None and (name not in DERIVED_FACTS or values[name])
    )
    return Finding(
        id=rule.id,
        regulation=rule.regulation,
        kind=rule.kind,
        article=rule.article,
        title=rule.title,
        reason=" ".join(rule.reason.split()),
        artefact=rule.artefact,
        applies_from=rule.applies_from,
        confidence=rule.confidence,
        facts=facts,
    )


def _frozen(value: Any) -> Any:
    """Lists as tuples, so that findings compare and hash as values."""
    if isinstance(value, list | tuple):
        return tuple(_frozen(item) for item in value)
    return value


def _thawed(value: Any) -> Any:
    if isinstance(value, list | tuple):
        return [_thawed(item) for item in value]
    return value


def _finding_json(finding: Finding) -> dict[str, Any]:
    regulation = finding.regulation
    dates = finding.applies_from
    return {
        "id": finding.id,
        "regulation": {
            "id": regulation.id,
            "title": regulation.title,
            "jurisdiction": regulation.jurisdiction,
            "kind": regulation.kind,
            "toolkit": regulation.toolkit,
            "confidence": regulation.confidence,
        },
        "kind": finding.kind,
        "article": finding.article,
        "title": finding.title,
        "reason": finding.reason,
        "artefact": finding.artefact,
        "applies_from": {
            "original": dates.original.isoformat() if dates.original else None,
            "amended": dates.amended.isoformat() if dates.amended else None,
            "amended_note": dates.amended_note,
        },
        "confidence": finding.confidence,
        "facts": [[name, _thawed(value)] for name, value in finding.facts],
    }


def _finding_from_json(data: Mapping[str, Any]) -> Finding:
    regulation = data["regulation"]
    dates = data["applies_from"]
    return Finding(
        id=str(data["id"]),
        regulation=Regulation(
            id=str(regulation["id"]),
            title=str(regulation["title"]),
            jurisdiction=str(regulation["jurisdiction"]),
            kind=str(regulation["kind"]),
            toolkit=str(regulation.get("toolkit", "")),
            confidence=str(regulation.get("confidence", "H")),
        ),
        kind=str(data["kind"]),
        article=str(data["article"]),
        title=str(data["title"]),
        reason=str(data["reason"]),
        artefact=str(data.get("artefact", "")),
        applies_from=Dates(
            _iso_date(dates.get("original")),
            _iso_date(dates.get("amended")),
            str(dates.get("amended_note", "")),
        ),
        confidence=str(data["confidence"]),
        facts=tuple((str(name), _frozen(value)) for name, value in data.get("facts", [])),
    )


def _iso_date(value: Any) -> datetime.date | None:
    return None if value is None else datetime.date.fromisoformat(str(value))
