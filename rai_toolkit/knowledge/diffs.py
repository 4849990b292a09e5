"""Line differences between two versions of an item, for the diff and conflict pages."""

from __future__ import annotations

import difflib

KINDS = {"+": "added", "-": "removed", " ": "same", "@": "skip"}


def diff_lines(before: str, after: str) -> list[tuple[str, str]]:
    """(kind, text) per line, kind being added, removed, same or skip (a gap between hunks)."""
    lines = list(difflib.unified_diff(before.splitlines(), after.splitlines(), lineterm="", n=3))
    return [(KINDS[line[0]], line[1:]) for line in lines[2:]]
