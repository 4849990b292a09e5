"""Loading questionnaires from the repository and importing agencies' SurveyJS files."""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path
from typing import Any

from django.conf import settings
from django.db import transaction
from django.http import HttpRequest

from rai_toolkit.accounts.models import User
from rai_toolkit.agencies.models import Agency
from rai_toolkit.audit.models import Action
from rai_toolkit.audit.services import record
from rai_toolkit.knowledge.files import item_ids
from rai_toolkit.questionnaires import surveyjs, translations
from rai_toolkit.questionnaires.definition import (
    Definition,
    DefinitionError,
    read_definition,
    text_in,
)
from rai_toolkit.questionnaires.models import Questionnaire, QuestionnaireVersion, content_hash


def toolkit_link_problems(definition: Definition, known: Iterable[str]) -> list[str]:
    ids = set(known)
    return [
        f"{q.name}.toolkit.{key}: no toolkit item {item_id!r}"
        for q in definition.questions.values()
        for key, targets in q.toolkit.items()
        for item_id in targets
        if item_id not in ids
    ]


def store_version(
    *,
    data: dict[str, Any],
    agency: Agency | None,
    by: User | None,
    request: HttpRequest | None = None,
) -> tuple[QuestionnaireVersion, bool]:
    """Keep `data` as the newest version of its questionnaire, unless that content is stored
    already; returns the version and whether it is new."""
    definition = read_definition(data)
    digest = content_hash(data)
    title = text_in(definition.title, "en")[:300] or definition.id
    with transaction.atomic():
        questionnaire, _ = Questionnaire.objects.select_for_update().get_or_create(
            agency=agency,
            key=definition.id,
            defaults={
                "title": title,
                "origin": Questionnaire.Origin.UPLOAD if agency else Questionnaire.Origin.PLATFORM,
            },
        )
        existing = questionnaire.versions.filter(content_hash=digest).first()
        if existing is not None:
            return existing, False
        latest = questionnaire.latest()
        version = QuestionnaireVersion.objects.create(
            questionnaire=questionnaire,
            number=(latest.number if latest else 0) + 1,
            content_hash=digest,
            definition=data,
            created_by=by,
        )
        if questionnaire.title != title:
            questionnaire.title = title
            questionnaire.save(update_fields=["title"])
        record(
            Action.QUESTIONNAIRE_VERSION_ADDED,
            request=request,
            actor=by,
            agency=agency,
            target=version,
            target_label=f"{questionnaire.key} v{version.number}",
            context={"hash": digest, "questions": len(definition.questions)},
        )
    return version, True


def load_directory(root: Path | None = None) -> list[str]:
    """Check every questionnaire file first, then store the new versions; all or nothing."""
    root = root or Path(settings.QUESTIONNAIRE_DIR)
    known = item_ids(Path(settings.TOOLKIT_CONTENT_DIR))
    problems: list[str] = []
    checked: list[tuple[str, dict[str, Any]]] = []
    for file in sorted(root.glob("*.yaml")):
        if file.stem.rpartition(".")[2] in translations.LANGUAGES:
            continue  # read with its questionnaire
        name = f"{root.name}/{file.name}"
        try:
            data = surveyjs.load_yaml(file.read_text(encoding="utf-8"), name)
            for language in translations.LANGUAGES:
                other = file.with_name(f"{file.stem}.{language}.yaml")
                if other.exists():
                    label = f"{root.name}/{other.name}"
                    texts = surveyjs.load_yaml(other.read_text(encoding="utf-8"), label)
                    problems += translations.apply(data, language, texts, label)
            definition = read_definition(data)
        except DefinitionError as error:
            problems += [p if p.startswith(name) else f"{name}: {p}" for p in error.problems]
            continue
        problems += [f"{name}: {p}" for p in toolkit_link_problems(definition, known)]
        checked.append((name, data))
    if problems:
        raise DefinitionError(problems)
    messages = []
    with transaction.atomic():
        for name, data in checked:
            version, created = store_version(data=data, agency=None, by=None)
            state = "new version" if created else "unchanged"
            messages.append(f"{name}: {version} ({state}, {version.short_hash})")
    return messages


def import_surveyjs(
    *, agency: Agency, raw: bytes, filename: str, by: User, request: HttpRequest | None = None
) -> tuple[QuestionnaireVersion, bool]:
    """An agency's SurveyJS file as a questionnaire only that agency sees."""
    data = surveyjs.from_surveyjs(surveyjs.load_json(raw), Path(filename).stem)
    return store_version(data=data, agency=agency, by=by, request=request)
