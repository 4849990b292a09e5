"""What a posted form means as an answer to one question, checked against the question.

A value that is not one of the question's choices, a number out of range or a malformed date is
refused with a message; nothing is stored. An empty submission clears the answer.
"""

from __future__ import annotations

import datetime
from collections.abc import Mapping
from decimal import Decimal, InvalidOperation
from typing import Any, Protocol

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from rai_toolkit.questionnaires.definition import Choice, Question, text_in

TEXT_LIMIT = 2_000
LONG_TEXT_LIMIT = 20_000


class PostedData(Protocol):
    def get(self, key: str, default: Any = ...) -> Any: ...
    def getlist(self, key: str) -> list[Any]: ...


def _choice(choices: tuple[Choice, ...], posted: str) -> Any:
    for choice in choices:
        if str(choice.value) == posted:
            return choice.value
    raise ValidationError(_("“%(value)s” is not one of the choices.") % {"value": posted[:80]})


def _number(question: Question, posted: str) -> int | float:
    try:
        number = Decimal(posted.strip().replace(",", "."))
    except InvalidOperation as error:
        raise ValidationError(_("Enter a number.")) from error
    if not number.is_finite():
        raise ValidationError(_("Enter a number."))
    low, high = question.element.get("min"), question.element.get("max")
    if isinstance(low, int | float) and number < Decimal(str(low)):
        raise ValidationError(_("Enter %(n)s or more.") % {"n": low})
    if isinstance(high, int | float) and number > Decimal(str(high)):
        raise ValidationError(_("Enter %(n)s or less.") % {"n": high})
    return int(number) if number == number.to_integral_value() else float(number)


def _text(posted: str, limit: int) -> str:
    if len(posted) > limit:
        raise ValidationError(_("Keep this to %(n)d characters.") % {"n": limit})
    return posted


def parse_answer(question: Question, data: PostedData) -> Any:
    """The typed value of the answer in `data` (field names as the section form writes them)."""
    kind = question.type
    if kind == "checkbox":
        chosen = [str(v) for v in data.getlist("value") if str(v) != ""]
        return [_choice(question.choices, v) for v in chosen] or None
    if kind == "matrix":
        rows = {}
        for row in question.rows:
            posted = str(data.get(f"row-{row.value}", "") or "")
            if posted:
                rows[str(row.value)] = _choice(question.choices, posted)
        return rows or None
    if kind == "multipletext":
        items = question.element.get("items") or []
        parts = {}
        for item in items:
            name = str(item.get("name")) if isinstance(item, Mapping) else str(item)
            posted = str(data.get(f"item-{name}", "") or "").strip()
            if posted:
                parts[name] = _text(posted, TEXT_LIMIT)
        return parts or None
    posted = str(data.get("value", "") or "")
    if posted.strip() == "":
        return None
    if kind in ("radiogroup", "dropdown", "rating"):
        return _choice(question.choices, posted)
    if kind == "boolean":
        if posted not in ("true", "false"):
            raise ValidationError(_("Answer yes or no."))
        return posted == "true"
    if kind == "comment":
        return _text(posted, LONG_TEXT_LIMIT)
    if question.input_type == "number":
        return _number(question, posted)
    if question.input_type == "date":
        try:
            return datetime.date.fromisoformat(posted.strip()).isoformat()
        except ValueError as error:
            raise ValidationError(_("Enter a date as YYYY-MM-DD.")) from error
    return _text(posted.strip(), TEXT_LIMIT)


def is_not_applicable(question: Question, value: Any) -> bool:
    chosen = value if isinstance(value, list) else [value]
    return any(c.not_applicable and c.value in chosen for c in question.choices)


def display(question: Question, value: Any, language: str) -> str:
    """An answer as text, for conflict views, exports and reports."""
    if value is None or value == [] or value == {}:
        return ""
    if isinstance(value, list):
        return "; ".join(display(question, v, language) for v in value)
    if isinstance(value, dict):
        rows = {str(r.value): text_in(r.text, language) for r in question.rows}
        return "; ".join(
            f"{rows.get(k, k)}: {display(question, v, language)}" for k, v in value.items()
        )
    if isinstance(value, bool):
        return _("Yes") if value else _("No")
    choice = question.choice(value)
    return text_in(choice.text, language) if choice else str(value)
