"""The French, Spanish and Arabic catalogues are complete, match the strings in the code and
templates, and the compiled .mo files are up to date."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from django.conf import settings

PACKAGE = Path(settings.BASE_DIR) / "rai_toolkit"
LANGUAGES = ("fr", "es", "ar")
pytestmark = pytest.mark.skipif(shutil.which("msgfmt") is None, reason="needs GNU gettext")


def po(language: str) -> Path:
    return PACKAGE / "locale" / language / "LC_MESSAGES" / "django.po"


def msgids(path: Path) -> set[str]:
    """Every msgid (with its plural) in a catalogue, joined across continuation lines."""
    text = path.read_text(encoding="utf-8")
    ids = set()
    for block in re.findall(r'^msgid ((?:".*"\n)+)', text, flags=re.MULTILINE):
        ids.add("".join(re.findall(r'"(.*)"', block)))
    ids.discard("")
    return ids


@pytest.mark.parametrize("language", LANGUAGES)
def test_catalogue_is_complete_and_valid(language: str) -> None:
    result = subprocess.run(
        ["msgfmt", "--check", "--statistics", "-o", "/dev/null", str(po(language))],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert "untranslated" not in result.stderr and "fuzzy" not in result.stderr, result.stderr


@pytest.mark.parametrize("language", LANGUAGES)
def test_compiled_catalogue_is_up_to_date(language: str, tmp_path: Path) -> None:
    fresh = tmp_path / "django.mo"
    subprocess.run(["msgfmt", "--check-format", "-o", str(fresh), str(po(language))], check=True)
    assert fresh.read_bytes() == po(language).with_suffix(".mo").read_bytes(), "run make messages"


def test_every_string_in_the_code_is_in_the_catalogues(tmp_path: Path) -> None:
    copy = tmp_path / "rai_toolkit"
    shutil.copytree(PACKAGE, copy, ignore=shutil.ignore_patterns("__pycache__", "locale", "tests"))
    (copy / "locale").mkdir()
    subprocess.run(
        [sys.executable, str(Path(settings.BASE_DIR) / "manage.py"), "makemessages", "-l", "fr"],
        cwd=copy,
        check=True,
        capture_output=True,
    )
    current = msgids(copy / "locale" / "fr" / "LC_MESSAGES" / "django.po")
    assert len(current) > 200
    for language in LANGUAGES:
        missing = current - msgids(po(language))
        assert not missing, f"{language}: run make messages and translate {sorted(missing)[:5]}"


def test_the_screening_and_risk_data_are_translated_key_for_key() -> None:
    """rules.<lang>.yaml, questionnaire.<lang>.yaml and risk.<lang>.yaml hold every text of
    their English file and nothing else."""
    from rai_toolkit.core import overlays
    from rai_toolkit.questionnaires.translations import localised_texts
    from rai_toolkit.risk import texts as risk_texts
    from rai_toolkit.risk.catalogue import CATALOGUE_FILE, load_catalogue
    from rai_toolkit.screening import texts as screening_texts
    from rai_toolkit.screening.rules import RULES_DIR, load_rules

    rules = load_rules()
    questionnaire = {
        k: v for k, v in localised_texts(rules.questionnaire).items() if isinstance(v, str)
    }
    problems = overlays.problems(screening_texts.RULES_FILE, screening_texts.english(rules))
    problems += overlays.problems(RULES_DIR / "questionnaire.yaml", questionnaire)
    problems += overlays.problems(CATALOGUE_FILE, risk_texts.english(load_catalogue()))
    assert not problems, "\n".join(problems[:20])
