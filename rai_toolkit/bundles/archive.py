"""The bundle file: a zip of JSON documents and attached files with a manifest listing the
SHA-256 and size of every member (docs/exports.md). Reading checks all of it before anything
is used, so a tampered, truncated or unknown bundle is refused whole."""

from __future__ import annotations

import hashlib
import io
import json
import zipfile
from dataclasses import dataclass, field
from typing import Any

from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext as _

SCHEMA = "rai-toolkit/bundle/1"
MANIFEST = "manifest.json"


def sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def write(members: dict[str, bytes], about: dict[str, Any]) -> tuple[bytes, str]:
    """The zip and the SHA-256 of its manifest (to compare on the receiving side)."""
    manifest = {
        "schema": SCHEMA,
        "created_at": timezone.now().isoformat(),
        **about,
        "files": [
            {"path": path, "sha256": sha256(data), "size": len(data)}
            for path, data in sorted(members.items())
        ],
    }
    manifest_bytes = json.dumps(manifest, ensure_ascii=False, indent=2).encode()
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr(MANIFEST, manifest_bytes)
        for path, data in sorted(members.items()):
            archive.writestr(path, data)
    return out.getvalue(), sha256(manifest_bytes)


@dataclass(frozen=True)
class Bundle:
    manifest: dict[str, Any]
    manifest_sha256: str
    members: dict[str, bytes]
    # Parsed documents: the checks and the import read each one once.
    parsed: dict[str, Any] = field(default_factory=dict, compare=False, repr=False)

    def json(self, path: str) -> Any:
        if path not in self.parsed:
            self.parsed[path] = json.loads(self.members[path])
        return self.parsed[path]


def _refuse(message: str) -> ValidationError:
    return ValidationError(message)


def read(data: bytes, *, max_bytes: int) -> Bundle:
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
    except zipfile.BadZipFile as error:
        raise _refuse(_("This is not a complete bundle: it may have been cut short.")) from error
    with archive:
        infos = {info.filename: info for info in archive.infolist()}
        if sum(info.file_size for info in infos.values()) > max_bytes:
            raise _refuse(_("The bundle unpacks to more than this installation accepts."))
        if MANIFEST not in infos:
            raise _refuse(_("The bundle has no manifest."))
        try:
            manifest_bytes = archive.read(MANIFEST)
            manifest = json.loads(manifest_bytes)
            members = {name: archive.read(name) for name in infos if name != MANIFEST}
        except (zipfile.BadZipFile, ValueError, EOFError) as error:  # CRC or JSON errors
            raise _refuse(_("The bundle is damaged: a file in it cannot be read.")) from error
    if not isinstance(manifest, dict) or manifest.get("schema") != SCHEMA:
        found = manifest.get("schema") if isinstance(manifest, dict) else None
        raise _refuse(
            _("The bundle follows “%(found)s”; this installation reads %(known)s.")
            % {"found": str(found)[:80], "known": SCHEMA}
        )
    _check_files(manifest.get("files"), members)
    return Bundle(manifest, sha256(manifest_bytes), members)


def _check_files(listed: Any, members: dict[str, bytes]) -> None:
    if not isinstance(listed, list) or not all(isinstance(f, dict) for f in listed):
        raise _refuse(_("The bundle's manifest has no list of files."))
    expected = {str(f.get("path")): f for f in listed}
    missing = sorted(set(expected) - set(members))
    unlisted = sorted(set(members) - set(expected))
    changed = sorted(
        path
        for path, data in members.items()
        if path in expected
        and (
            expected[path].get("sha256") != sha256(data) or expected[path].get("size") != len(data)
        )
    )
    for problem, paths in (
        (_("Files listed in the manifest are missing: %(paths)s."), missing),
        (_("Files not listed in the manifest: %(paths)s."), unlisted),
        (_("Files whose SHA-256 does not match the manifest: %(paths)s."), changed),
    ):
        if paths:
            raise _refuse(problem % {"paths": ", ".join(paths[:5])})
