"""SurveyJS import and export: what we run round-trips; what we cannot run is refused."""

import json

import pytest

from rai_toolkit.questionnaires.definition import DefinitionError
from rai_toolkit.questionnaires.surveyjs import from_surveyjs, load_json, to_surveyjs
from rai_toolkit.questionnaires.tests.helpers import FILES, canada_data, mini_data


@pytest.mark.parametrize("data", [mini_data(), canada_data()], ids=["ours", "canada"])
def test_export_then_import_gives_the_same_questionnaire(data: dict[str, object]) -> None:
    exported = to_surveyjs(data)
    again = from_surveyjs(load_json(exported.encode()), "ignored")
    assert again == data
    assert to_surveyjs(again) == exported


def test_a_survey_without_pages_gets_one_and_an_id_from_its_title() -> None:
    data = from_surveyjs(
        {"title": "Quick check", "questions": [{"type": "text", "name": "q1"}]}, "file"
    )
    assert data["id"] == "quick-check"
    assert data["pages"] == [{"name": "page1", "elements": [{"type": "text", "name": "q1"}]}]


def test_invalid_json_says_where() -> None:
    with pytest.raises(DefinitionError, match=r"line 2, column 2: not valid JSON"):
        load_json(b'{"pages": []\n}}')


def test_a_construct_we_cannot_run_is_refused_not_dropped() -> None:
    data = json.loads((FILES / "canada_small.json").read_text())
    data["pages"][1]["elements"].append({"type": "matrixdynamic", "name": "people"})
    with pytest.raises(DefinitionError, match="the question type 'matrixdynamic' is not supported"):
        from_surveyjs(data, "x")


@pytest.mark.parametrize(
    "raw", [b"[1, 2]", "naïve".encode("latin-1"), b"x" * (2 * 1024 * 1024 + 1)]
)
def test_files_that_are_not_a_survey_are_refused(raw: bytes) -> None:
    with pytest.raises(DefinitionError):
        load_json(raw)
