"""Which evidence files are accepted: a size limit, and types recognised by their first bytes
as well as by their name, so a renamed executable is not taken for a PDF."""

from __future__ import annotations

import hashlib
import re
import unicodedata

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db.models.fields.files import FieldFile
from django.http import FileResponse, Http404
from django.utils.translation import gettext as _

ZIP = b"PK\x03\x04"
# extension → (content type, the bytes the file must start with; None: plain text)
TYPES: dict[str, tuple[str, bytes | None]] = {
    "pdf": ("application/pdf", b"%PDF-"),
    "png": ("image/png", b"\x89PNG\r\n\x1a\n"),
    "jpg": ("image/jpeg", b"\xff\xd8\xff"),
    "jpeg": ("image/jpeg", b"\xff\xd8\xff"),
    "docx": ("application/vnd.openxmlformats-officedocument.wordprocessingml.document", ZIP),
    "xlsx": ("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", ZIP),
    "pptx": ("application/vnd.openxmlformats-officedocument.presentationml.presentation", ZIP),
    "odt": ("application/vnd.oasis.opendocument.text", ZIP),
    "ods": ("application/vnd.oasis.opendocument.spreadsheet", ZIP),
    "txt": ("text/plain", None),
    "csv": ("text/csv", None),
}


def safe_name(upload: UploadedFile) -> str:
    name = unicodedata.normalize("NFC", (upload.name or "evidence").rsplit("/", 1)[-1])
    name = re.sub(r"[\x00-\x1f\x7f\\]", "", name).strip() or "evidence"
    return name[-150:]


def check(upload: UploadedFile) -> str:
    """The content type to serve the file with, or ValidationError."""
    limit = settings.RAI_EVIDENCE_MAX_MB * 1024 * 1024
    if (upload.size or 0) > limit:
        raise ValidationError(
            _("The file is larger than %(n)d MB.") % {"n": settings.RAI_EVIDENCE_MAX_MB}
        )
    if not upload.size:
        raise ValidationError(_("The file is empty."))
    extension = safe_name(upload).rpartition(".")[2].lower()
    if extension not in TYPES:
        raise ValidationError(
            _("Files of this type are not accepted. Use one of: %(types)s.")
            % {"types": ", ".join(sorted(TYPES))}
        )
    content_type, magic = TYPES[extension]
    upload.seek(0)
    head = upload.read(4096)
    upload.seek(0)
    if magic is not None and not head.startswith(magic):
        raise ValidationError(
            _("The file's content does not match its name (.%(ext)s).") % {"ext": extension}
        )
    if magic is None and not _is_text(head):
        raise ValidationError(_("A .%(ext)s file must be plain text.") % {"ext": extension})
    return content_type


def _is_text(head: bytes) -> bool:
    try:
        head.decode("utf-8")
    except UnicodeDecodeError as error:
        # A character cut off by the 4 KiB window is fine; anything earlier is not text.
        if error.start < len(head) - 3:
            return False
    return b"\x00" not in head


def sha256(upload: UploadedFile) -> str:
    digest = hashlib.sha256()
    for chunk in upload.chunks():
        digest.update(chunk)
    upload.seek(0)
    return digest.hexdigest()


def download(file: FieldFile, name: str, content_type: str) -> FileResponse:
    """A stored file as an attachment under its original name, never rendered by the browser."""
    try:
        stored = file.open("rb")
    except FileNotFoundError as error:  # lost from storage: say so rather than fail
        raise Http404 from error
    response = FileResponse(stored, as_attachment=True, filename=name, content_type=content_type)
    response["X-Content-Type-Options"] = "nosniff"
    return response
