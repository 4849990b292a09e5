"""Our expression evaluator against SurveyJS's own survey-core, on generated expressions.

A seeded generator writes COUNT expressions with answer sets; ``surveyjs_eval.mjs`` runs them all
through survey-core in one Node process, and every result must match ours: the value, the
condition (ConditionRunner), and the refusal of what survey-core cannot parse.
"""

from __future__ import annotations

import json
import math
import random
import re
import shutil
import subprocess
from pathlib import Path
from typing import Any

import pytest

from rai_toolkit.questionnaires.expressions import ExpressionError, parse

SEED = 20_250_611
COUNT = 3000

REPO = Path(__file__).resolve().parents[3]
RUNNER = Path(__file__).with_name("surveyjs_eval.mjs")
SURVEY_CORE = REPO / "node_modules" / "survey-core"

# -- answers ----------------------------------------------------------------------------------

SCALARS: list[Any] = [
    0, 1, 2, 5, 10, -3, 2.5, 0.1, 0.2, 1.25,
    "5", "05", "2.50", "0", "-3", " 5 ", "1,5", "0.5", "10",
    "", " ", "Yes", "yes", "YES", " yes ", "no", "No", "a", "abc", "b",
    True, False, "true", "False", None, "'quoted'", "0x10", "1e3", 0.125, "Infinity", "a<>b",
]  # fmt: skip
ITEMS: list[Any] = ["a", "b", "A", "Yes", "yes", "no", 1, 2, 5, "1", "2", "5", "05", 2.5]
ROW_NAMES = ["r1", "r2", "Row3"]
COLUMN_VALUES: list[Any] = ["c1", "C1", "c2", 1, 2, "3", "", 0, None]
FIELD_VALUES: list[Any] = [1, 2, 2.5, "3", "05", "x", "", 0, None, -1, True, "1,5", [1, 2], 0.125]


def random_answers(rng: random.Random) -> dict[str, Any]:
    answers: dict[str, Any] = {}
    for name in ("q1", "q2", "q3", "Q4"):
        if rng.random() < 0.85:
            answers[name] = rng.choice(SCALARS)
    if rng.random() < 0.85:
        answers["cb"] = rng.sample(ITEMS, rng.randint(0, 4))
    if rng.random() < 0.2:
        answers["cb2"] = rng.choice(SCALARS)  # a scalar where a checkbox list is expected
    elif rng.random() < 0.8:
        answers["cb2"] = rng.sample(ITEMS, rng.randint(0, 3))
    if rng.random() < 0.85:
        answers["matrix"] = {
            row: rng.choice(COLUMN_VALUES) for row in ROW_NAMES if rng.random() < 0.7
        }
    if rng.random() < 0.85:
        answers["text"] = {
            item: rng.choice(["Ann", "ann", "", "5", "05", 3, "Bob"])
            for item in ("first", "last", "age")
            if rng.random() < 0.7
        }
    if rng.random() < 0.85:
        answers["rows"] = [
            {field: rng.choice(FIELD_VALUES) for field in ("amount", "kind") if rng.random() < 0.8}
            for _ in range(rng.randint(0, 4))
        ]
    return answers


# -- expressions ------------------------------------------------------------------------------

VARIABLES = [
    "{q1}", "{q2}", "{q3}", "{Q4}", "{q4}", "{cb}", "{cb2}", "{missing}",
    "{matrix.r1}", "{matrix.r2}", "{matrix.Row3}", "{matrix.row3}", "{matrix.nope}", "{matrix}",
    "{text.first}", "{text.age}", "{text.last}", "{text}", "{rows}", "{ q1 }",
    "{#q1}", "{cb[0]}", "{cb[1]}", "{rows[0].amount}", "{MATRIX.R1}", "{text.first.x}",
    "{text.first.}", "{cb[ 1 ]}", "{cb[-1]}", "{cb.length}", "{missing.length}", "{cb.0}",
    "{q1.length}", "{rows[1].kind}", "{rows.length}", "{matrix.r1.length}",
]  # fmt: skip
STRINGS = [
    "'Yes'", "'yes'", "'YES'", "' yes '", "'no'", "'5'", "'05'", "'2.50'", "''", '""', "'a'",
    "'A'", '"b"', "'c1'", "'C1'", "'Ann'", "'1,5'", "'true'", "'ab'", "'e'", "'x y'",
    "'a<>b'", "'equals'", "'it\\'s'", '"say \\"hi\\""', "'undefined'",
]  # fmt: skip
NUMBERS = [
    "0", "1", "2", "5", "10", "-3", "2.5", "0.1", "0.2", "1.25", "-0.5", "3", "100", "0.125",
    "0x10", "00.5", "-0",
]  # fmt: skip
CONSTANTS = ["true", "false", "TRUE", "False", "yes", "abc", "null", "undefined"]
ARRAYS = ["['a', 2]", "['a', 'b']", "['Yes']", "[1, 2]", "[]", "['5', 'no']", "[5]", "['A','b']"]

COMPARISONS = [
    "=", "==", "equal", "!=", "<>", "notequal", "<", "<=", ">", ">=",
    "less", "lessorequal", "greater", "greaterorequal", "=>", "=<", "equals",
]  # fmt: skip
BINARY_FUNCTIONS = [
    "contains", "notcontains", "anyof", "allof", "noneof", "contain", "notcontain", "*=",
]  # fmt: skip
ARITHMETIC = ["+", "-", "*", "/", "%", "^", "power"]
LOGIC = ["and", "or", "&&", "||", "AND", "Or"]
# Texts survey-core refuses (or that are close to the line), spliced in now and then.
BROKEN = [
    "not {q1}", "- {q1}", "-{q1}", "{q1} +", "+ 1", "{q1} ===", "({q1}", "{q1})",
    "{q1", "q1}", "'abc", "{q1} = 'a\"b'", "[1,]", "sum(1,)", "iif (1, 2, 3)", "05", "1e3",
    ".5", "5.", "{}", "()", "!", "{q1} empty empty", "({q1}) empty", "[1] empty", "1 2",
    "{q1} {q2}", "abc def", "!null", "[1, null]", "null", "{q1} = = 1", "1 <=> 2", "0x1F",
    "{q1} <> ", "'it\\'s'", "sum(1, 2", "(1 + 2", "!!{q1}", "! {q1} empty", "{cb} contains",
    "{q1} notempty", "{q1}notempty", "trueish", "{q1}and{q2}", "1or0", "{q1}={q2}", "[ ]",
    "sum( )", "[,1]", "sum(,5)", "{q1} = null", "[null, 1]", "iif(null, 1, 2)", "1 orange",
]  # fmt: skip


def spaced(rng: random.Random, left: str, operator: str, right: str) -> str:
    if operator.isalpha():
        gap = rng.choice([" ", " ", " ", "  ", "\t", "\n"])
        return f"{left}{gap}{operator}{rng.choice([' ', '  '])}{right}"
    gap = rng.choice(["", " ", " ", " ", "  "])
    return f"{left}{gap}{operator}{rng.choice(['', ' ', ' '])}{right}"


def atom(rng: random.Random) -> str:
    (pool,) = rng.choices(
        [VARIABLES, STRINGS, NUMBERS, CONSTANTS, ARRAYS], weights=[10, 5, 5, 2, 2]
    )
    return rng.choice(pool)


def function_call(rng: random.Random, depth: int) -> str:
    name = rng.choice(["iif", "sum", "count", "sumInArray", "countInArray"])
    if name == "iif":
        args = [condition(rng, depth - 1), operand(rng, depth - 1), operand(rng, depth - 1)]
        if rng.random() < 0.2:
            args.pop()  # iif(condition, value): undefined when the condition is false
    elif name in ("sum", "count"):
        args = [operand(rng, depth - 1) for _ in range(rng.randint(0, 4))]
    else:
        source = rng.choice(["{rows}", "{rows}", "{matrix}", "{missing}", "{q1}", "{cb}"])
        field = rng.choice(["'amount'", "'amount'", "'kind'", "'nope'", "{q1}"])
        args = [source, field] if rng.random() < 0.9 else [source]
    return f"{name}({rng.choice([', ', ',', ' , ']).join(args)})"


def operand(rng: random.Random, depth: int) -> str:
    """A value-like expression."""
    if depth <= 0:
        return atom(rng)
    roll = rng.random()
    if roll < 0.35:
        return atom(rng)
    if roll < 0.55:
        left, right = operand(rng, depth - 1), operand(rng, depth - 1)
        return spaced(rng, left, rng.choice(ARITHMETIC), right)
    if roll < 0.75:
        return function_call(rng, depth)
    if roll < 0.85:
        return f"({expression(rng, depth - 1)})"
    return condition(rng, depth)


def condition(rng: random.Random, depth: int) -> str:
    """A boolean-like expression."""
    if depth <= 0:
        return rng.choice(
            [f"{rng.choice(VARIABLES)} {rng.choice(['empty', 'notempty'])}", atom(rng)]
        )
    roll = rng.random()
    if roll < 0.3:
        left, right = operand(rng, depth - 1), operand(rng, depth - 1)
        return spaced(rng, left, rng.choice(COMPARISONS), right)
    if roll < 0.5:
        left, right = operand(rng, depth - 1), operand(rng, depth - 1)
        return spaced(rng, left, rng.choice(BINARY_FUNCTIONS), right)
    if roll < 0.6:
        target = rng.choice([rng.choice(VARIABLES), atom(rng)])
        return f"{target}{rng.choice([' ', '  ', ''])}{rng.choice(['empty', 'notempty', 'Empty'])}"
    if roll < 0.75:
        left, right = condition(rng, depth - 1), condition(rng, depth - 1)
        return spaced(rng, left, rng.choice(LOGIC), right)
    if roll < 0.85:
        inner = condition(rng, depth - 1)
        return f"{rng.choice(['!', '! ', 'negate '])}({inner})"
    if roll < 0.9:
        return f"!{rng.choice(VARIABLES)}"
    return f"({condition(rng, depth - 1)})"


def mutate(rng: random.Random, text: str) -> str:
    """One character dropped, doubled or inserted: mostly texts that must be refused."""
    at = rng.randrange(len(text) + 1)
    roll = rng.random()
    if roll < 0.4 and at < len(text):
        return text[:at] + text[at + 1 :]
    if roll < 0.6 and at < len(text):
        return text[: at + 1] + text[at:]
    return text[:at] + rng.choice("(){}[]'\",!=<>+-*/^% .0a") + text[at:]


def expression(rng: random.Random, depth: int = 3) -> str:
    roll = rng.random()
    if roll < 0.05:
        return rng.choice(BROKEN)
    if roll < 0.08:
        return spaced(rng, condition(rng, 1), rng.choice(LOGIC), rng.choice(BROKEN))
    text = condition(rng, depth) if roll < 0.7 else operand(rng, depth)
    if rng.random() < 0.1:
        text = rng.choice([" ", "\t", "\n "]) + text + rng.choice([" ", "", "\n"])
    if rng.random() < 0.08:
        text = mutate(rng, text)
    return text


def generate(seed: int = SEED, count: int = COUNT) -> list[dict[str, Any]]:
    rng = random.Random(seed)
    return [
        {"expression": expression(rng, rng.randint(1, 3)), "values": random_answers(rng)}
        for _ in range(count)
    ]


# -- comparison -------------------------------------------------------------------------------


NUMBER_IN_TEXT = re.compile(r"(-?\d+(?:\.\d+)?(?:e[+-]\d+)?)")


def close(ours: float, theirs: float) -> bool:
    return math.isclose(ours, theirs, rel_tol=1e-9, abs_tol=1e-9)


def same_text(ours: str, theirs: str) -> bool:
    """Equal, or equal but for the last digits of a number written into the text.

    V8's Math.pow is sometimes one ulp off the correctly rounded result that Python gives:
    0.5 ^ 2.5 is 0.17677669529663687 there, 0.1767766952966369 here. "'x' + 0.5 ^ 2.5" shows it.
    """
    if ours == theirs:
        return True
    our_parts, their_parts = NUMBER_IN_TEXT.split(ours), NUMBER_IN_TEXT.split(theirs)
    if len(our_parts) != len(their_parts):
        return False
    return all(
        close(float(a), float(b)) if i % 2 else a == b
        for i, (a, b) in enumerate(zip(our_parts, their_parts, strict=True))
    )


def same(ours: Any, theirs: Any) -> bool:
    if isinstance(ours, bool) or isinstance(theirs, bool):
        return ours is theirs
    if isinstance(ours, int | float) and isinstance(theirs, int | float):
        return close(ours, theirs)
    if isinstance(ours, str) and isinstance(theirs, str):
        return same_text(ours, theirs)
    if isinstance(ours, list) and isinstance(theirs, list):
        return len(ours) == len(theirs) and all(map(same, ours, theirs))
    if isinstance(ours, dict) and isinstance(theirs, dict):
        return ours.keys() == theirs.keys() and all(same(ours[k], theirs[k]) for k in ours)
    return type(ours) is type(theirs) and ours == theirs


# We refuse these on purpose although survey-core parses them (it then runs them as undefined).
DELIBERATE_REFUSALS = ("unknown function", "sumInArray takes", "countInArray takes")


def ours_for(case: dict[str, Any]) -> dict[str, Any]:
    values = case["values"]
    try:
        expression = parse(case["expression"])
    except ExpressionError as error:
        return {"error": str(error), "deliberate": error.reason.startswith(DELIBERATE_REFUSALS)}
    return {"value": expression.evaluate(values), "condition": expression.is_true(values)}


def agrees(ours: dict[str, Any], theirs: dict[str, Any]) -> bool:
    if "error" in ours and ours["deliberate"]:
        return True
    if "error" in theirs or "error" in ours:
        return ("error" in theirs) == ("error" in ours)
    if "thrown" in theirs:  # survey-core throws while running it; we give "no value"
        return ours["value"] is None and ours["condition"] is False
    return same(ours["value"], theirs["value"]) and ours["condition"] is theirs["condition"]


def run_survey_core(cases: list[dict[str, Any]], work: Path) -> list[dict[str, Any]]:
    cases_file = work / "cases.json"
    cases_file.write_text(json.dumps(cases), encoding="utf-8")
    completed = subprocess.run(
        ["node", str(RUNNER), str(cases_file)],
        cwd=REPO,
        capture_output=True,
        text=True,
        check=True,
        timeout=300,
    )
    results: list[dict[str, Any]] = json.loads(completed.stdout)
    return results


@pytest.fixture
def survey_core() -> None:
    if shutil.which("node") is None:
        pytest.skip("node is not installed")
    if not (SURVEY_CORE / "package.json").exists():
        pytest.skip("node_modules/survey-core is missing (npm install)")


def test_the_generator_is_repeatable() -> None:
    assert generate(count=50) == generate(count=50)


@pytest.mark.usefixtures("survey_core")
def test_generated_expressions_agree_with_survey_core(tmp_path: Path) -> None:
    cases = generate()
    theirs = run_survey_core(cases, tmp_path)
    assert len(theirs) == len(cases)
    disagreements = []
    for case, their_result in zip(cases, theirs, strict=True):
        our_result = ours_for(case)
        if not agrees(our_result, their_result):
            disagreements.append((case, our_result, their_result))
    report = "\n\n".join(
        f"expression: {case['expression']!r}\nvalues:     {json.dumps(case['values'])}\n"
        f"ours:       {json.dumps(ours)}\ntheirs:     {json.dumps(theirs)}"
        for case, ours, theirs in disagreements[:20]
    )
    assert not disagreements, f"{len(disagreements)} of {len(cases)} disagree:\n\n{report}"
