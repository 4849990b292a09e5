"""Scores and levels: computed on the server, deterministic, rounded half up like JavaScript."""

from decimal import Decimal

import pytest

from rai_toolkit.questionnaires.scoring import canada_weight, round_half_up, score
from rai_toolkit.questionnaires.tests.helpers import canada, mini

FULL = {
    "policy": 4,
    "vendors": "yes",
    "contract": "yes",
    "controls": ["inventory", "retention", "quality"],
    "practices": {"review": "always", "audit": "always"},
}


def test_full_marks_reach_the_top_level() -> None:
    result = score(mini(), FULL)
    assert result.percent == Decimal("100.0") and result.level and result.level.name == "managed"
    assert [d.percent for d in result.dimensions] == [Decimal("100.0"), Decimal("100.0")]


def test_dimension_and_overall_scores_by_hand() -> None:
    answers = {
        "policy": 2,  # 1 of 4, weight 2 → 2 of 8
        "vendors": "yes",
        "contract": "partly",  # 1 of 2 → governance 3 of 10 = 30 %
        "controls": ["inventory", "quality"],  # 3 of 4
        "practices": {"review": "sometimes"},  # 1 of 4 → data 4 of 8 = 50 %
    }
    result = score(mini(), answers)
    governance, data = result.dimensions
    assert (governance.score, governance.maximum, governance.percent) == (3, 10, Decimal("30.0"))
    assert (data.score, data.maximum, data.percent) == (4, 8, Decimal("50.0"))
    # Overall: dimensions weighted 1 and 2 → (30 + 2 × 50) / 3 = 43.33…
    assert result.percent == Decimal("43.3") and result.level and result.level.name == "developing"


def test_not_applicable_leaves_the_denominator() -> None:
    result = score(mini(), {"policy": 4, "vendors": "yes", "contract": "na"})
    governance = result.dimensions[0]
    assert (governance.score, governance.maximum, governance.not_applicable) == (8, 8, 1)


def test_hidden_questions_do_not_count_and_unanswered_ones_count_zero() -> None:
    hidden = score(mini(), {"policy": 4, "vendors": "no", "contract": "no"}).dimensions[0]
    assert (hidden.score, hidden.maximum) == (8, 8)
    shown = score(mini(), {"policy": 4, "vendors": "yes"}).dimensions[0]
    assert (shown.score, shown.maximum) == (8, 10)


def test_nothing_to_score_gives_no_level() -> None:
    result = score(mini(), {"vendors": "no"})
    assert result.dimensions[1].percent == Decimal("0.0")  # unanswered count zero
    empty = score(mini(), {})
    assert empty.level is not None and empty.level.name == "initial"


@pytest.mark.parametrize(
    ("value", "decimals", "expected"),
    [
        ("2.5", 0, "3"),
        ("-2.5", 0, "-2"),
        ("62.45", 1, "62.5"),
        ("0.005", 2, "0.01"),
        ("41.749", 1, "41.7"),
    ],
)
def test_rounding_is_half_up_as_in_javascript(value: str, decimals: int, expected: str) -> None:
    assert round_half_up(Decimal(value), decimals) == Decimal(expected)


def test_the_same_answers_always_give_the_same_result() -> None:
    first = score(mini(), FULL).as_dict()
    assert all(score(mini(), FULL).as_dict() == first for _ in range(5))


def test_canada_weights_are_the_number_after_the_last_dash() -> None:
    assert [canada_weight(v) for v in ("item1-3", "item12-0", "item6", "x-y", 4)] == [3, 0, 0, 0, 0]


CANADA_MAX = {"r1": "item1-3", "r2": ["item1-2", "item2-3"], "r3": "item1-4", "extra-RS": "item1-2"}


@pytest.mark.parametrize(
    ("answers", "raw", "total", "level"),
    [
        ({}, 0, 0, "I"),
        (CANADA_MAX, 14, 14, "IV"),
        ({**CANADA_MAX, "m1": "item1-2"}, 14, 12, "IV"),  # 0.85 × 14 = 11.9 → 12
        # 0.85 × 10 = 8.5: JavaScript gives 9 where Python's round() would give 8.
        (
            {"r1": "item1-3", "r2": ["item1-2", "item2-3"], "extra-RS": "item1-2", "m1": "item1-2"},
            10,
            9,
            "III",
        ),
        ({"r1": "item2-1", "r2": ["item1-2"]}, 3, 3, "I"),  # 3 / 14 = 21 % ≤ 25 %
        ({"r1": "item2-1", "r2": ["item2-3"], "extra-RS": "item2-0"}, 4, 4, "II"),
        ({"r1": "item2-1", "r3": "item1-4", "ignored-NS": "item1-9"}, 1, 1, "I"),  # r3 hidden
    ],
)
def test_canada_impact_level(answers: dict[str, object], raw: int, total: int, level: str) -> None:
    result = score(canada(), answers)
    assert result.figures["raw_impact"] == raw and result.figures["total"] == total
    assert result.figures["raw_impact_max"] == 14 and result.figures["mitigation_max"] == 4
    assert result.level is not None and result.level.name == level
