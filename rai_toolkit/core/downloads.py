"""Machine-readable files handed to the browser as downloads."""

from __future__ import annotations

import json

from django.http import HttpResponse


def json_download(data: object, filename: str) -> HttpResponse:
    body = json.dumps(data, ensure_ascii=False, indent=2)
    response = HttpResponse(body, content_type="application/json")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response
