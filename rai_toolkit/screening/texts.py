"""The screening rules' texts by stable key, for translation files (rules.<lang>.yaml)."""

from __future__ import annotations

from rai_toolkit.core import overlays
from rai_toolkit.screening.rules import RULES_DIR, Rules

RULES_FILE = RULES_DIR / "rules.yaml"


def english(rules: Rules) -> dict[str, str]:
    """Every translatable text of the rules, by key."""
    texts = {f"regulations.{r.id}.title": r.title for r in rules.regulations}
    texts.update({f"contradictions.{c.id}.message": c.message for c in rules.contradictions})
    for section, found in (("outcomes", rules.outcomes), ("duties", rules.duties)):
        for rule in found:
            texts[f"{section}.{rule.id}.title"] = rule.title
            texts[f"{section}.{rule.id}.reason"] = rule.reason
            if rule.applies_from.amended_note:
                texts[f"{section}.{rule.id}.amended_note"] = rule.applies_from.amended_note
    return texts


def text(key: str, default: str) -> str:
    return overlays.text(RULES_FILE, key, default)
