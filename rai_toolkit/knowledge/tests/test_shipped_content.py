"""The toolkit content shipped in content/: valid, complete enough, canonical, round-trips."""

from collections import Counter
from pathlib import Path

from django.conf import settings

from rai_toolkit.knowledge.exporting import content_files
from rai_toolkit.knowledge.files import read_content
from rai_toolkit.knowledge.schema import ItemType

ROOT = Path(settings.TOOLKIT_CONTENT_DIR)


def test_shipped_content_is_valid_and_canonical() -> None:
    content = read_content(ROOT)
    for stem, text in content_files(content):
        assert (ROOT / f"{stem}.md").read_text(encoding="utf-8") == text, (
            f"run format_toolkit: {stem}"
        )


def test_shipped_content_has_what_the_toolkit_needs() -> None:
    content = read_content(ROOT)
    counts = Counter(item.type for item in content.items.values())
    assert counts[ItemType.CORE_PRINCIPLE] == 5
    assert counts[ItemType.INSTRUMENTAL_PRINCIPLE] == 17
    assert counts[ItemType.STAGE] == 5
    assert counts[ItemType.TERM] >= 80
    assert counts[ItemType.USE_CASE] >= 15
    assert counts[ItemType.ROLE] >= 10
    assert counts[ItemType.RECOMMENDATION] >= 30
    assert counts[ItemType.REFERENCE] >= 60
    for principle in (
        i for i in content.items.values() if i.type == ItemType.INSTRUMENTAL_PRINCIPLE
    ):
        requirements = [
            i
            for i in content.items.values()
            if i.type == ItemType.REQUIREMENT and i.fields["principle"] == principle.item_id
        ]
        practices = [
            i
            for i in content.items.values()
            if i.type == ItemType.PRACTICE and i.fields["principle"] == principle.item_id
        ]
        assert len(requirements) >= 3, principle.item_id
        assert len(practices) >= 3, principle.item_id
        assert "## Why it matters in policing" in principle.body, principle.item_id


def test_principles_and_glossary_are_translated() -> None:
    content = read_content(ROOT)
    translated = {(t.item_id, t.language) for t in content.translations}
    wanted = [
        i.item_id
        for i in content.items.values()
        if i.type in (ItemType.CORE_PRINCIPLE, ItemType.INSTRUMENTAL_PRINCIPLE, ItemType.TERM)
    ]
    missing = [
        (i, lang) for i in wanted for lang in ("fr", "es", "ar") if (i, lang) not in translated
    ]
    assert not missing, missing[:10]
    stale = [
        (t.item_id, t.language)
        for t in content.translations
        if t.source_hash != content.items[t.item_id].content_hash[:16]
    ]
    assert not stale, stale[:10]
