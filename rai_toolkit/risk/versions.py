"""Versions of the risk catalogue: the file is stored as a new version when its content changes,
and an assessment keeps the version it started with."""

from __future__ import annotations

from pathlib import Path

from django.db import transaction

from rai_toolkit.risk.catalogue import CATALOGUE_FILE, Catalogue, load_catalogue, read_catalogue
from rai_toolkit.risk.models import CatalogueVersion

_PARSED: dict[str, Catalogue] = {}


def parsed(version: CatalogueVersion) -> Catalogue:
    """The checked catalogue of a stored version, parsed once per process."""
    found = _PARSED.get(version.content_hash)
    if found is None:
        found = _PARSED[version.content_hash] = read_catalogue(version.data)
    return found


def store(path: Path = CATALOGUE_FILE) -> tuple[CatalogueVersion, bool]:
    """The version holding the file's content, stored now if it is new (CatalogueError if the
    file has a problem; nothing is stored then)."""
    catalogue = load_catalogue(path)
    with transaction.atomic():
        existing = CatalogueVersion.objects.filter(content_hash=catalogue.content_hash).first()
        if existing is not None:
            return existing, False
        last = CatalogueVersion.objects.select_for_update().order_by("-number").first()
        version = CatalogueVersion.objects.create(
            number=(last.number + 1) if last else 1,
            content_hash=catalogue.content_hash,
            data=catalogue.raw,
        )
    return version, True


def latest() -> CatalogueVersion:
    """The newest stored version; on a fresh installation, the shipped file."""
    found = CatalogueVersion.objects.order_by("-number").first()
    return found if found is not None else store()[0]
