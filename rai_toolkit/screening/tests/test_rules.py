"""The screening rules as shipped, the scenarios they must satisfy, and the checks that refuse
broken rule files. No database: everything here is pure Python."""

from __future__ import annotations

import datetime
import json
import re
import shutil
from pathlib import Path
from typing import Any

import pytest
import yaml

from rai_toolkit.questionnaires.definition import read_definition
from rai_toolkit.screening.rules import (
    CLASSES,
    REGISTER_FACTS,
    RULES_DIR,
    Dates,
    Finding,
    Regulation,
    Result,
    Rules,
    RulesError,
    check_facts,
    contradictions,
    load_rules,
    screen,
)

SCENARIOS: list[dict[str, Any]] = yaml.safe_load(
    (RULES_DIR / "scenarios.yaml").read_text(encoding="utf-8")
)["scenarios"]

# A complete register entry for an EU national police force; tests change what they need.
REGISTER: dict[str, Any] = {
    "family": "image-and-video",
    "system_role": "tool",
    "stage": "deploy",
    "sourcing": "vendor",
    "data_categories": ["personal", "biometric"],
    "timing": "after_the_fact",
    "public_space": False,
    "output_effect": "recommends",
    "jurisdictions": ["eu"],
    "agency_kind": "national_police",
}


@pytest.fixture(scope="module")
def rules() -> Rules:
    return load_rules()


def ids(result: Result) -> set[str]:
    return {f.id for f in result.outcomes + result.duties}


# ---------------------------------------------------------------------------------------------
# The shipped files


def test_shipped_rules_load_and_are_cached(rules: Rules) -> None:
    assert rules.outcomes and rules.duties and len(rules.contradictions) >= 3
    assert re.fullmatch(r"[0-9a-f]{64}", rules.content_hash)
    assert load_rules() is load_rules()
    assert Rules.REGISTER_FACTS is REGISTER_FACTS


def test_questionnaire_is_short_plain_and_needs_no_scoring(rules: Rules) -> None:
    definition = read_definition(rules.questionnaire)  # no scoring block: accepted as is
    assert definition.scoring.method == "none"
    asked = [q for name, q in definition.questions.items() if name not in REGISTER_FACTS]
    assert len(asked) <= 25
    for question in asked:
        assert isinstance(question.title, str) and question.title
        assert isinstance(question.description, str) and question.description
    # The register facts are declared, but never shown to the assessor.
    for name in REGISTER_FACTS:
        assert not definition.questions[name].visible({**REGISTER, "is_ai_system": True})


def test_every_rule_and_dates_are_well_formed(rules: Rules) -> None:
    for rule in rules.outcomes:
        assert rule.kind in CLASSES
    annex_iii = [r for r in rules.outcomes + rules.duties if r.id.startswith("aia-annex-iii")]
    for rule in annex_iii:
        assert rule.applies_from.original == datetime.date(2026, 8, 2)
        assert rule.applies_from.amended == datetime.date(2027, 12, 2)
        assert "2026/1744" in rule.applies_from.amended_note
    prohibited = [r for r in rules.outcomes if r.kind == "prohibited"]
    assert all(r.applies_from.original == datetime.date(2025, 2, 2) for r in prohibited)


def test_register_facts_match_the_register_models() -> None:
    models = pytest.importorskip("rai_toolkit.register.models")
    agencies = pytest.importorskip("rai_toolkit.agencies.models")
    expected = {
        "family": models.Family.values,
        "system_role": models.SystemRole.values,
        "stage": models.Stage.values,
        "sourcing": models.Sourcing.values,
        "data_categories": models.DataCategory.values,
        "timing": models.Timing.values,
        "output_effect": models.OutputEffect.values,
        "jurisdictions": models.Jurisdiction.values,
        "agency_kind": agencies.Agency.Kind.values,
    }
    for name, values in expected.items():
        assert set(REGISTER_FACTS[name].values) == set(values), name


# ---------------------------------------------------------------------------------------------
# Scenarios


def test_there_are_enough_distinct_scenarios() -> None:
    names = [s["name"] for s in SCENARIOS]
    assert len(names) >= 36
    assert len(set(names)) == len(names)


def test_scenario_expectations_name_real_rules(rules: Rules) -> None:
    outcomes = {r.id for r in rules.outcomes}
    duties = {r.id for r in rules.duties}
    for scenario in SCENARIOS:
        expect = scenario["expect"]
        assert expect["eu_class"] in CLASSES, scenario["name"]
        assert set(expect.get("outcomes", [])) <= outcomes, scenario["name"]
        assert set(expect.get("duties", [])) <= duties, scenario["name"]
        assert set(expect.get("absent", [])) <= outcomes | duties, scenario["name"]


@pytest.mark.parametrize("scenario", SCENARIOS, ids=[s["name"] for s in SCENARIOS])
def test_scenario(scenario: dict[str, Any], rules: Rules) -> None:
    facts, expect = scenario["facts"], scenario["expect"]
    assert check_facts(facts, rules) == []
    assert contradictions(facts, rules) == []
    result = screen(facts, rules)
    outcomes = [f.id for f in result.outcomes]
    duties = [f.id for f in result.duties]
    assert result.eu_class == expect["eu_class"], outcomes
    assert set(expect.get("outcomes", [])) <= set(outcomes), outcomes
    assert set(expect.get("duties", [])) <= set(duties), duties
    assert not set(expect.get("absent", [])) & ids(result)


def test_every_rule_is_exercised_by_some_scenario(rules: Rules) -> None:
    matched: set[str] = set()
    for scenario in SCENARIOS:
        matched |= ids(screen(scenario["facts"], rules))
    unused = [r.id for r in rules.outcomes + rules.duties if r.id not in matched]
    assert unused == []


# ---------------------------------------------------------------------------------------------
# Evaluation


def test_transparency_coexists_with_high_risk_and_class_is_the_most_severe(rules: Rules) -> None:
    facts = {
        **REGISTER,
        "is_ai_system": True,
        "biometric_function": ["emotion_recognition"],
        "emotion_context": "law_enforcement",
        "profiling": False,
    }
    result = screen(facts, rules)
    assert result.eu_class == "high_risk"
    assert [f.kind for f in result.outcomes] == ["high_risk", "transparency"]


def test_hidden_answers_are_ignored(rules: Rules) -> None:
    stale = {
        **REGISTER,
        "is_ai_system": True,
        "biometric_function": ["identification"],
        "verification_only": False,
        # Only asked for live identification in public places: this system works after the fact.
        "rbi_objectives": ["other"],
        # Only asked for emotion recognition, which this system does not do.
        "emotion_context": "workplace",
        "medical_or_safety": False,
    }
    result = screen(stale, rules)
    assert "aia-5-1-h-other" not in ids(result)
    assert "aia-5-1-f" not in ids(result)
    assert result.eu_class == "high_risk"
    # Once it is not an AI system, every AI question is hidden, and so is its contradiction.
    not_ai = {**stale, "is_ai_system": False, "verification_only": True}
    assert contradictions(not_ai, rules) == []
    result = screen(not_ai, rules)
    assert result.eu_class == "out_of_scope"
    assert [f.id for f in result.outcomes] == ["aia-not-ai-system"]


def test_a_chain_of_hidden_questions_is_cleared(rules: Rules) -> None:
    # categorisation_exception hangs on infers_sensitive_traits, which hangs on categorisation.
    facts = {
        **REGISTER,
        "is_ai_system": True,
        "biometric_function": [],
        "infers_sensitive_traits": True,
        "categorisation_exception": "none",
    }
    result = screen(facts, rules)
    assert "aia-5-1-g" not in ids(result)
    assert result.eu_class == "minimal"


def test_findings_record_the_facts_that_triggered_them(rules: Rules) -> None:
    facts = {**REGISTER, "is_ai_system": True, "untargeted_scraping": True}
    result = screen(facts, rules)
    scraping = next(f for f in result.outcomes if f.id == "aia-5-1-e")
    assert dict(scraping.facts) == {"untargeted_scraping": True}  # eu_class was still empty
    assert scraping.regulation.toolkit == "regulation/eu-ai-act-art-5"
    stop = next(f for f in result.duties if f.id == "aia-5-stop")
    assert dict(stop.facts) == {"eu_class": "prohibited"}


def test_result_survives_json(rules: Rules) -> None:
    result = screen(SCENARIOS[0]["facts"], rules)
    data = json.loads(json.dumps(result.as_json()))
    assert Result.from_json(data) == result
    assert data["rules_hash"] == rules.content_hash
    assert data["duties"][0]["applies_from"]["original"] == "2025-02-02"


def test_finding_applies_on() -> None:
    regulation = Regulation("x", "X", "eu", "law")
    later = Finding(
        id="x",
        regulation=regulation,
        kind="assessment",
        article="1",
        title="X",
        reason="",
        artefact="",
        applies_from=Dates(datetime.date(2026, 8, 2), datetime.date(2027, 12, 2), "moved"),
        confidence="H",
        facts=(),
    )
    assert not later.applies_on(datetime.date(2026, 8, 1))
    assert later.applies_on(datetime.date(2026, 8, 2))
    # The amended date is information, not the test: the original text is the law until verified.
    assert later.applies_on(datetime.date(2027, 1, 1))
    now = Finding(**{**later.__dict__, "applies_from": Dates()})
    assert now.applies_on(datetime.date(1990, 1, 1))


# ---------------------------------------------------------------------------------------------
# Facts and contradictions


def test_check_facts_refuses_values_outside_the_choices(rules: Rules) -> None:
    facts = {
        **REGISTER,
        "timing": "live",
        "jurisdictions": ["eu", "mars"],
        "public_space": "yes",
        "emotion_context": "stadium",
        "biometric_function": "identification",
        "profiling": 1,
        "colour": "blue",
        "eu_class": "minimal",
    }
    del facts["stage"]
    problems = check_facts(facts, rules)
    for name in ("timing", "jurisdictions", "public_space", "emotion_context"):
        assert any(p.startswith(f"{name}: ") for p in problems), name
    for name in ("biometric_function", "profiling", "colour", "eu_class", "stage"):
        assert any(p.startswith(f"{name}: ") for p in problems), name
    assert any("'mars'" in p for p in problems)
    with pytest.raises(ValueError, match="timing"):
        screen(facts, rules)


def test_unanswered_questions_are_not_problems(rules: Rules) -> None:
    assert check_facts({**REGISTER, "profiling": None}, rules) == []


@pytest.mark.parametrize(
    ("answers", "register", "expected"),
    [
        (
            {"biometric_function": ["identification"], "verification_only": True},
            {},
            "verification-with-identification",
        ),
        (
            {"untargeted_scraping": True},
            {"data_categories": ["personal"]},
            "scraping-without-biometric-data",
        ),
        (
            {"biometric_function": ["verification"]},
            {"data_categories": ["personal"]},
            "biometric-function-without-biometric-data",
        ),
        (
            {
                "le_uses": ["offending_risk"],
                "individual_offending_risk": "solely_profiling",
                "profiling": False,
            },
            {},
            "solely-profiling-without-profiling",
        ),
        (
            {"le_uses": ["profiling_investigation"], "profiling": False},
            {},
            "profiling-investigation-without-profiling",
        ),
        (
            {"decision_effect": "legal", "solely_automated": True},
            {"output_effect": "informs"},
            "solely-automated-but-only-informs",
        ),
        (
            {"biometric_function": ["identification"]},
            {
                "timing": "real_time",
                "data_categories": ["personal", "biometric", "public_space_video"],
            },
            "live-identification-on-public-video",
        ),
        (
            {
                "biometric_function": ["emotion_recognition"],
                "emotion_context": "workplace",
                "monitors_staff": False,
            },
            {},
            "staff-emotion-without-staff-monitoring",
        ),
    ],
)
def test_contradictions(
    answers: dict[str, Any], register: dict[str, Any], expected: str, rules: Rules
) -> None:
    facts = {**REGISTER, **register, "is_ai_system": True, **answers}
    found = contradictions(facts, rules)
    assert [c.id for c in found] == [expected]
    assert set(found[0].fields) & set(answers)
    with pytest.raises(ValueError, match=expected):
        screen(facts, rules)


def test_contradiction_messages_say_what_conflicts_and_how_to_fix_it(rules: Rules) -> None:
    for rule in rules.contradictions:
        message = " ".join(rule.message.split())
        assert re.search(r"\b(but|yet)\b", message), rule.id
        assert re.search(r"\b(Add|Answer|Untick|Correct|Mark|Choose|choose|clear)\b", message)


# ---------------------------------------------------------------------------------------------
# Broken rule files


def copy_rules(tmp_path: Path) -> Path:
    shutil.copy(RULES_DIR / "questionnaire.yaml", tmp_path / "questionnaire.yaml")
    shutil.copy(RULES_DIR / "rules.yaml", tmp_path / "rules.yaml")
    return tmp_path


def write(path: Path, text: str) -> None:
    path.write_text(text.lstrip(), encoding="utf-8")


def test_a_copy_of_the_shipped_files_loads(tmp_path: Path) -> None:
    assert load_rules(copy_rules(tmp_path)).content_hash == load_rules().content_hash


BROKEN = """
regulations:
  - id: reg
    title: A regulation
    jurisdiction: eu
    kind: law
    toolkit: regulation/does-not-exist
outcomes:
  - id: first
    regulation: reg
    class: high_risk
    article: "1"
    title: One
    when: "{timing} = 'real_time' and {foo} = true"
    reason: Because.
  - id: first
    regulation: reg
    class: catastrophic
    article: "2"
    title: Two
    when: "{timing} = 'realtime'"
    reason: Because.
    applies_from: {original: 2026-02-30}
  - id: third
    regulation: nowhere
    class: minimal
    article: "3"
    title: Three
    when: "{matched} contains 'later' and {eu_class} = 'severe'"
    reason: Because.
    wen: oops
duties:
  - id: duty
    regulation: reg
    kind: chore
    article: "4"
    title: Four
    when: "{profiling} = 'yes' and ({timing} = "
    reason: Because.
"""


def test_broken_rules_are_refused_with_every_problem(tmp_path: Path) -> None:
    directory = copy_rules(tmp_path)
    write(directory / "rules.yaml", BROKEN)
    with pytest.raises(RulesError) as caught:
        load_rules(directory)
    problems = caught.value.problems
    expected = [
        "rules.yaml: regulations[0].toolkit: 'regulation/does-not-exist' is not an item",
        "rules.yaml: outcomes[0].when: refers to {foo}, which is not a fact",
        "rules.yaml: outcomes[1].id: 'first' is used twice",
        "rules.yaml: outcomes[1].class: 'catastrophic' is not one of",
        "rules.yaml: outcomes[1].when: 'realtime' compared with {timing} is not a value",
        "rules.yaml: outcomes[1].applies_from.original: '2026-02-30' is not a date",
        "rules.yaml: outcomes[2].regulation: 'nowhere' is not a listed regulation",
        "rules.yaml: outcomes[2].when: 'later' compared with {matched} is not an earlier outcome",
        "rules.yaml: outcomes[2].when: 'severe' compared with {eu_class}",
        "rules.yaml: outcomes[2].wen: unknown key",
        "rules.yaml: duties[0].kind: 'chore' is not one of",
        "rules.yaml: duties[0].when: ",
    ]
    for start in expected:
        assert any(p.startswith(start) for p in problems), (start, problems)
    assert str(caught.value)  # readable as one message too


def test_bad_literal_for_a_boolean_and_a_list(tmp_path: Path) -> None:
    directory = copy_rules(tmp_path)
    text = (directory / "rules.yaml").read_text(encoding="utf-8")
    text = text.replace("{untargeted_scraping} = true", "{untargeted_scraping} = 'yes'")
    text = text.replace("{le_uses} contains 'victim_risk'", "{le_uses} = 'victim_risk'")
    write(directory / "rules.yaml", text)
    with pytest.raises(RulesError) as caught:
        load_rules(directory)
    joined = "\n".join(caught.value.problems)
    assert "{untargeted_scraping} is true or false" in joined
    assert "{le_uses} is a list" in joined


def test_contradictions_may_not_use_derived_facts(tmp_path: Path) -> None:
    directory = copy_rules(tmp_path)
    text = (directory / "rules.yaml").read_text(encoding="utf-8")
    text = text.replace(
        'when: "{verification_only} = true and', "when: \"{eu_class} = 'minimal' and", 1
    )
    write(directory / "rules.yaml", text)
    with pytest.raises(RulesError, match="only known after the outcomes"):
        load_rules(directory)


def test_questionnaire_that_hides_nothing_or_explains_nothing_is_refused(tmp_path: Path) -> None:
    directory = copy_rules(tmp_path)
    data = yaml.safe_load((directory / "questionnaire.yaml").read_text(encoding="utf-8"))
    register, scope = data["pages"][0], data["pages"][1]
    del register["visibleIf"]  # the register facts would show
    register["elements"][5]["choices"] = ["real_time", "live"]  # timing no longer matches
    scope["elements"][0]["description"] = ""
    write(directory / "questionnaire.yaml", yaml.safe_dump(data, sort_keys=False))
    with pytest.raises(RulesError) as caught:
        load_rules(directory)
    joined = "\n".join(caught.value.problems)
    assert "questionnaire.yaml: family: a register fact must be hidden" in joined
    assert "questionnaire.yaml: timing: must match the register" in joined
    assert "questionnaire.yaml: is_ai_system: needs a one-line description" in joined


def test_questionnaire_that_cannot_be_read_is_refused(tmp_path: Path) -> None:
    directory = copy_rules(tmp_path)
    data = yaml.safe_load((directory / "questionnaire.yaml").read_text(encoding="utf-8"))
    data["pages"][1]["elements"][1]["visibleIf"] = "{is_ai_sytem} = true"
    write(directory / "questionnaire.yaml", yaml.safe_dump(data, sort_keys=False))
    with pytest.raises(RulesError) as caught:
        load_rules(directory)
    assert caught.value.problems == [
        "questionnaire.yaml: pages[1].elements[1].visibleIf: refers to {is_ai_sytem}, which is "
        "not a question here"
    ]


def test_missing_and_unreadable_files_are_refused(tmp_path: Path) -> None:
    with pytest.raises(RulesError) as caught:
        load_rules(tmp_path)
    assert [p.split(":")[0] for p in caught.value.problems] == [
        "questionnaire.yaml",
        "rules.yaml",
    ]
    directory = copy_rules(tmp_path)
    write(directory / "rules.yaml", "outcomes: [unclosed\n")
    with pytest.raises(RulesError, match="not valid YAML"):
        load_rules(directory)


def test_an_edited_file_is_read_again(tmp_path: Path) -> None:
    directory = copy_rules(tmp_path)
    first = load_rules(directory)
    path = directory / "rules.yaml"
    write(path, path.read_text(encoding="utf-8").replace("Not used in the EU", "Not in the EU"))
    assert load_rules(directory).content_hash != first.content_hash


def test_without_any_matching_outcome_the_class_is_minimal(tmp_path: Path) -> None:
    directory = copy_rules(tmp_path)
    write(
        directory / "rules.yaml",
        """
regulations:
  - {id: reg, title: A regulation, jurisdiction: intl, kind: guidance}
outcomes:
  - {id: never, regulation: reg, class: prohibited, article: "1", title: Never,
     when: "{is_ai_system} = false and {is_ai_system} = true", reason: Never.}
duties:
  - {id: always, regulation: reg, kind: recommended, article: "2", title: Always,
     when: "{eu_class} = 'minimal'", reason: Always.}
""",
    )
    result = screen(REGISTER, load_rules(directory))
    assert result.eu_class == "minimal"
    assert [f.id for f in result.duties] == ["always"]
    assert result.duties[0].confidence == "H"
