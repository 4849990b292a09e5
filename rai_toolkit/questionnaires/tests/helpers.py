"""Small questionnaires for tests (files/), read as the loader and the importer read them."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import yaml

from rai_toolkit.questionnaires.definition import Definition, read_definition
from rai_toolkit.questionnaires.surveyjs import from_surveyjs

FILES = Path(__file__).resolve().parent / "files"


def mini_data() -> dict[str, Any]:
    data: dict[str, Any] = yaml.safe_load((FILES / "mini.yaml").read_text())
    return data


def mini() -> Definition:
    return read_definition(mini_data())


def canada_data() -> dict[str, Any]:
    return from_surveyjs(json.loads((FILES / "canada_small.json").read_text()), "canada")


def canada() -> Definition:
    return read_definition(canada_data())
