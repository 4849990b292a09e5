"""The readiness questionnaire shipped in questionnaires/: loads, is complete, translated."""

import pytest

from rai_toolkit.questionnaires.models import Questionnaire
from rai_toolkit.questionnaires.services import load_directory
from rai_toolkit.questionnaires.translations import LANGUAGES, localised_texts


@pytest.fixture
def readiness(db: None) -> Questionnaire:
    load_directory()
    return Questionnaire.objects.get(key="readiness", agency__isnull=True)


def test_readiness_has_the_dimensions_questions_and_levels_it_promises(
    readiness: Questionnaire,
) -> None:
    definition = readiness.versions.get().parsed
    scoring = definition.scoring
    assert len(scoring.dimensions) >= 8 and len(scoring.levels) == 5
    questions = [q for q in definition.questions.values() if q.answerable]
    assert len(questions) >= 60
    for question in (q for q in questions if q.scored):
        assert question.toolkit.get("requirements"), question.name
        assert question.toolkit.get("recommendations"), question.name
        assert question.dimension in {d.name for d in scoring.dimensions}


def test_every_text_is_translated_into_french_spanish_and_arabic(
    readiness: Questionnaire,
) -> None:
    data = readiness.versions.get().definition
    texts = localised_texts(data)
    assert len(texts) > 500
    untranslated = [
        (key, language)
        for key, value in texts.items()
        for language in LANGUAGES
        if not (isinstance(value, dict) and value.get(language))
    ]
    assert not untranslated, untranslated[:10]
