"""CSV export of audit entries, safe to open in a spreadsheet."""

from __future__ import annotations

import csv
import json
from collections.abc import Iterable, Iterator

from rai_toolkit.audit.models import AuditEntry

# A cell starting with one of these is read as a formula by spreadsheet software (CWE-1236).
# Full-width forms too: some spreadsheets normalise them to the ASCII characters.
FORMULA_TRIGGERS = ("=", "+", "-", "@", "\t", "\r", "\n", "\uff1d", "\uff0b", "\uff0d", "\uff20")
HEADER = [
    "seq",
    "at",
    "actor",
    "action",
    "action_label",
    "target_type",
    "target_id",
    "target",
    "changes",
    "context",
    "ip",
    "user_agent",
    "prev_hash",
    "hash",
]


def neutralise(value: object) -> str:
    text = "" if value is None else str(value)
    return "'" + text if text.startswith(FORMULA_TRIGGERS) else text


def _row(entry: AuditEntry) -> list[str]:
    cells: list[object] = [
        entry.seq,
        entry.at.isoformat(),
        entry.actor_label,
        entry.action,
        entry.get_action_display_text(),
        entry.target_type,
        entry.target_id,
        entry.target_label,
        json.dumps(entry.changes, ensure_ascii=False, sort_keys=True) if entry.changes else "",
        json.dumps(entry.context, ensure_ascii=False, sort_keys=True) if entry.context else "",
        entry.ip,
        entry.user_agent,
        entry.prev_hash,
        entry.hash,
    ]
    return [neutralise(cell) for cell in cells]


class _Echo:
    def write(self, value: str) -> str:
        return value


def csv_lines(entries: Iterable[AuditEntry]) -> Iterator[str]:
    writer = csv.writer(_Echo())
    yield "\ufeff" + writer.writerow(HEADER)  # BOM: spreadsheets then read UTF-8 correctly
    for entry in entries:
        yield writer.writerow(_row(entry))
