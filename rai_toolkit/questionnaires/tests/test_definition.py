"""Reading a definition: what runs is accepted; what cannot run is refused with its path."""

import copy
from typing import Any

import pytest

from rai_toolkit.questionnaires.definition import DefinitionError, read_definition
from rai_toolkit.questionnaires.tests.helpers import canada, canada_data, mini, mini_data


def problems_of(data: dict[str, Any]) -> list[str]:
    with pytest.raises(DefinitionError) as caught:
        read_definition(data)
    return caught.value.problems


def test_a_valid_questionnaire_is_read_with_its_pages_questions_and_scoring() -> None:
    definition = mini()
    assert [p.name for p in definition.pages] == ["governance", "data"]
    assert list(definition.questions) == [
        "policy",
        "vendors",
        "contract",
        "controls",
        "practices",
        "systems",
        "notes",
        "inventory-file",
    ]
    contract = definition.questions["contract"]
    assert contract.containers == ("vendor-panel",) and len(contract.conditions) == 1
    assert contract.max_score() == 2 and contract.choice("na").not_applicable  # type: ignore[union-attr]
    assert definition.questions["controls"].max_score() == 4
    assert definition.questions["practices"].max_score() == 4
    assert definition.scoring.method == "weighted"


def test_conditions_follow_answers() -> None:
    contract = mini().questions["contract"]
    assert not contract.visible({})
    assert contract.visible({"vendors": "yes"})
    notes = mini().questions["notes"]
    assert not notes.required({"systems": 3}) and notes.required({"systems": 11})


def test_an_unsupported_question_type_is_named() -> None:
    data = mini_data()
    data["pages"][0]["elements"].append({"type": "signaturepad", "name": "sign"})
    assert problems_of(data) == [
        "pages[0].elements[3]: the question type 'signaturepad' is not supported"
    ]


def test_an_expression_that_does_not_parse_is_refused_with_its_place() -> None:
    data = mini_data()
    data["pages"][0]["elements"][2]["visibleIf"] = "{vendors} = 'yes"
    [problem] = problems_of(data)
    assert problem.startswith("pages[0].elements[2].visibleIf: ")


def test_an_expression_naming_an_unknown_question_is_refused() -> None:
    data = mini_data()
    data["pages"][1]["elements"][3]["requiredIf"] = "{nothing} > 1"
    assert problems_of(data) == [
        "pages[1].elements[3].requiredIf: refers to {nothing}, which is not a question here"
    ]


def test_every_problem_is_reported_at_once() -> None:
    data = mini_data()
    data["id"] = "Not An Id"
    data["pages"][0]["elements"][0]["name"] = "controls"  # taken on page 2
    data["pages"][0]["elements"][0]["dimension"] = "ethics"
    data["scoring"]["levels"].reverse()
    found = problems_of(data)
    assert any(p.startswith("id:") for p in found)
    assert any("'controls' is already used" in p for p in found)
    assert any("'ethics' is not one of the scoring dimensions" in p for p in found)
    assert "scoring.levels: list the levels in ascending order of min" in found


@pytest.mark.parametrize("score", ["high", True, [1]])
def test_a_choice_score_must_be_a_number(score: object) -> None:
    data = mini_data()
    data["pages"][0]["elements"][0]["rateValues"][0]["score"] = score
    assert problems_of(data) == ["pages[0].elements[0].rateValues[0].score: must be a number"]


def test_properties_we_do_not_use_are_kept() -> None:
    data = canada_data()
    definition = read_definition(copy.deepcopy(data))
    r4 = definition.questions["r4"]
    assert r4.element["help"] == {"default": "Free text, not scored"}
    assert definition.raw["showQuestionNumbers"] == "off"


def test_a_canada_file_is_recognised_and_its_start_page_accepted() -> None:
    definition = canada()
    assert definition.scoring.method == "canada-aia"
    assert definition.raw["firstPageIsStarted"] is True
    assert definition.id == "small-impact-assessment"


@pytest.mark.parametrize(
    ("order", "expected"),
    [
        ("asc", ["Audit", "Review", "Zeal"]),
        ("desc", ["Zeal", "Review", "Audit"]),
        ("none", ["Review", "Zeal", "Audit"]),
    ],
)
def test_choices_order_is_applied(order: str, expected: list[str]) -> None:
    data = mini_data()
    data["pages"][0]["elements"].append(
        {
            "type": "radiogroup",
            "name": "ordered",
            "choicesOrder": order,
            "choices": ["Review", "Zeal", "Audit"],
        }
    )
    question = read_definition(data).questions["ordered"]
    assert [c.text for c in question.choices] == expected


def test_random_choice_order_is_the_same_every_time() -> None:
    data = mini_data()
    data["pages"][0]["elements"].append(
        {
            "type": "checkbox",
            "name": "shuffled",
            "choicesOrder": "random",
            "choices": [str(n) for n in range(10)],
        }
    )
    orders = {
        tuple(c.value for c in read_definition(data).questions["shuffled"].choices)
        for _ in range(3)
    }
    assert len(orders) == 1 and sorted(next(iter(orders))) == [str(n) for n in range(10)]
