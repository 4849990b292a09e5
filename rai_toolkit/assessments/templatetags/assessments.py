from __future__ import annotations

from typing import Any

from django import template
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from rai_toolkit.knowledge.reader import Reader
from rai_toolkit.questionnaires.definition import Question, text_in

register = template.Library()


@register.filter
def ltext(value: Any) -> str:
    """A localisable string in the reader's language (English when it has no translation)."""
    return text_in(value, get_language() or "en")


@register.filter
def chosen(choice_value: Any, answer: Any) -> bool:
    """Whether a choice is part of the answer (a value, or a list for multiple choice)."""
    values = answer if isinstance(answer, list) else [answer]
    return any(str(choice_value) == str(v) for v in values if v is not None)


@register.filter
def cell(answer: Any, row: Any) -> Any:
    """The column chosen for a matrix row."""
    return answer.get(str(row)) if isinstance(answer, dict) else None


@register.filter
def posted(data: Any, key: str) -> Any:
    return data.getlist(key) if hasattr(data, "getlist") else []


LINK_LABELS = {
    "principles": _("Principles"),
    "requirements": _("Requirements it tests"),
    "practices": _("Practices that would satisfy it"),
    "recommendations": _("Recommendations"),
}


@register.filter
def toolkit_links(question: Question, reader: Reader | None) -> list[tuple[Any, list[Any]]]:
    """The toolkit items a question links to, titled in the reader's language; items missing
    from the current edition are left out rather than shown as broken links."""
    if reader is None:
        return []
    titles = reader.titles()
    groups = []
    for key, label in LINK_LABELS.items():
        links = [(titles[i], reader.url(i)) for i in question.toolkit.get(key, ()) if i in titles]
        if links:
            groups.append((label, links))
    return groups


@register.filter
def get_count(mapping: Any, key: str) -> Any:
    """mapping[key] in templates; 0 for a count that is missing."""
    return mapping.get(key, 0) if isinstance(mapping, dict) else 0


@register.filter
def section_of(question: str, assessment: Any) -> str:
    """The section (page) a question of the assessment's questionnaire is on."""
    found = assessment.version.parsed.questions.get(question)
    return found.page if found else ""
