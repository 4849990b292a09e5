"""Translations of data files kept beside them: `rules.fr.yaml` maps a stable key per text
(e.g. `outcomes.aia-5-1-e.reason`) to its French. Used where the text lives in data rather than
in templates (the screening rules, the risk catalogue); English stays in the file itself."""

from __future__ import annotations

import functools
from pathlib import Path

import yaml
from django.utils.translation import get_language

LANGUAGES = ("fr", "es", "ar")


@functools.lru_cache(maxsize=32)
def read(base: Path, language: str) -> dict[str, str]:
    """The texts of `<base stem>.<language>.yaml`, or nothing when there is no such file."""
    path = base.with_name(f"{base.stem}.{language}.yaml")
    if not path.exists():
        return {}
    data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    return {str(k): str(v) for k, v in data.items() if isinstance(v, str) and v.strip()}


def text(base: Path, key: str, default: str) -> str:
    """`key` in the active language, falling back to the English `default`."""
    language = (get_language() or "en").split("-")[0]
    if language not in LANGUAGES:
        return default
    return read(base, language).get(key, default)


def problems(base: Path, known: dict[str, str]) -> list[str]:
    """Keys a translation file has that the data does not, and texts it lacks."""
    found = []
    for language in LANGUAGES:
        texts = read(base, language)
        name = f"{base.stem}.{language}.yaml"
        found += [f"{name}: {key}: no such text" for key in sorted(set(texts) - set(known))]
        found += [f"{name}: {key}: missing" for key in sorted(set(known) - set(texts))]
    return found
