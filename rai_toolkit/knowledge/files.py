"""Reading and writing toolkit content files (YAML front matter + Markdown body).

Reading reports every problem as `file:line: message` and changes nothing; writing produces
the canonical form, so a loaded edition exported again gives back the same bytes.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from rai_toolkit.knowledge.schema import (
    COMMON_KEYS,
    ID_PATTERN,
    LINK_PATTERN,
    SCHEMAS,
    STAGES,
    SUMMARY_MAX,
    TRANSLATION_KEYS,
    ItemType,
    Key,
    Shape,
    schema_for_id,
)

LANGUAGE_SUFFIXES = ("fr", "es", "ar")
OPTIONAL_RECORD_KEYS = frozenset({"practice"})
_KEY_LINE = re.compile(r"^([A-Za-z_][A-Za-z0-9_]*)\s*:")


@dataclass(frozen=True)
class Problem:
    path: str
    line: int
    message: str

    def __str__(self) -> str:
        return f"{self.path}:{self.line}: {self.message}"


class ContentError(Exception):
    def __init__(self, problems: list[Problem]) -> None:
        super().__init__(f"{len(problems)} problem(s) in the toolkit content")
        self.problems = sorted(problems, key=lambda p: (p.path, p.line))


@dataclass(frozen=True)
class Link:
    key: str  # the front-matter key, or "body"
    target: str
    line: int


@dataclass
class ParsedItem:
    item_id: str
    type: ItemType
    title: str
    summary: str
    fields: dict[str, Any]
    body: str
    path: str
    links: list[Link] = field(default_factory=list)

    @property
    def text(self) -> str:
        return render_item(self.type, self.title, self.summary, self.fields, self.body)

    @property
    def content_hash(self) -> str:
        return content_hash(self.text)


@dataclass
class ParsedTranslation:
    item_id: str
    language: str
    source_hash: str
    title: str
    summary: str
    body: str
    path: str

    @property
    def text(self) -> str:
        return render_translation(self.source_hash, self.title, self.summary, self.body)


@dataclass
class Content:
    items: dict[str, ParsedItem]
    translations: list[ParsedTranslation]


def content_hash(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


# --- writing -------------------------------------------------------------------------------


class _Dumper(yaml.SafeDumper):
    pass


def _str(dumper: yaml.SafeDumper, value: str) -> yaml.ScalarNode:
    style = "|" if "\n" in value else None
    return dumper.represent_scalar("tag:yaml.org,2002:str", value, style=style)


_Dumper.add_representer(str, _str)


def dump_front_matter(data: dict[str, Any]) -> str:
    return yaml.dump(
        data,
        Dumper=_Dumper,
        sort_keys=False,
        allow_unicode=True,
        width=100,
        default_flow_style=False,
    )


def normalise_body(body: str) -> str:
    body = "\n".join(line.rstrip() for line in body.strip("\n").split("\n"))
    return body + "\n" if body else ""


def render_item(
    item_type: ItemType, title: str, summary: str, fields: dict[str, Any], body: str
) -> str:
    data: dict[str, Any] = {"type": item_type.value, "title": title, "summary": summary}
    for key in SCHEMAS[item_type].keys:
        value = fields.get(key.name)
        data[key.name] = _in_schema_order(key, value)
    return f"---\n{dump_front_matter(data)}---\n{normalise_body(body)}"


def _in_schema_order(key: Key, value: Any) -> Any:
    """Mappings in the schema's order, whatever order the database kept (jsonb sorts keys)."""
    if key.shape == Shape.STAGE_MAP and isinstance(value, dict):
        return {stage: value[stage] for stage in STAGES if stage in value}
    if key.shape == Shape.RECORDS and isinstance(value, list):
        names = [name for name, _, _ in key.record]
        return [
            {n: r[n] for n in [*names, *sorted(set(r) - set(names))] if n in r}
            if isinstance(r, dict)
            else r
            for r in value
        ]
    return value


def render_translation(source_hash: str, title: str, summary: str, body: str) -> str:
    data = {"type": "translation", "source_hash": source_hash, "title": title, "summary": summary}
    return f"---\n{dump_front_matter(data)}---\n{normalise_body(body)}"


# --- reading -------------------------------------------------------------------------------


@dataclass
class _Split:
    data: dict[str, Any]
    key_lines: dict[str, int]
    body: str
    body_line: int


def _split(path: str, text: str, problems: list[Problem]) -> _Split | None:
    lines = text.split("\n")
    if not lines or lines[0].strip() != "---":
        problems.append(Problem(path, 1, "the file must start with a '---' line (front matter)"))
        return None
    try:
        end = next(i for i in range(1, len(lines)) if lines[i].strip() == "---")
    except StopIteration:
        problems.append(Problem(path, 1, "the front matter is not closed by a '---' line"))
        return None
    block = "\n".join(lines[1:end])
    try:
        data = yaml.safe_load(block)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        line = mark.line + 2 if mark is not None else 2
        problem = getattr(exc, "problem", None) or str(exc).split("\n")[0]
        problems.append(Problem(path, line, f"invalid YAML: {problem}"))
        return None
    if not isinstance(data, dict):
        problems.append(Problem(path, 2, "the front matter must be a mapping of keys to values"))
        return None
    key_lines: dict[str, int] = {}
    for offset, line in enumerate(lines[1:end]):
        found = _KEY_LINE.match(line)
        if found:
            key_lines.setdefault(found.group(1), offset + 2)
    return _Split(data, key_lines, "\n".join(lines[end + 1 :]), end + 2)


def _check_value(
    key: Key,
    value: Any,
    where: tuple[str, int],
    problems: list[Problem],
    links: list[Link],
    link_key: str,
) -> Any:
    path, line = where

    def fail(message: str) -> None:
        problems.append(Problem(path, line, f"{link_key}: {message}"))

    shape = key.shape
    if shape in (Shape.TEXT, Shape.REQUIRED_TEXT):
        if value is None:
            value = ""
        if isinstance(value, dt.date):
            value = value.isoformat()
        if not isinstance(value, str):
            fail("must be text")
        elif shape is Shape.REQUIRED_TEXT and not value.strip():
            fail("must not be empty")
        return value
    if shape is Shape.INT:
        if not isinstance(value, int) or isinstance(value, bool):
            fail("must be a whole number")
        return value
    if shape is Shape.CHOICE:
        if value not in key.choices:
            fail(f"must be one of {', '.join(key.choices)}")
        return value
    if shape is Shape.ID:
        if value in (None, ""):
            if not key.optional:
                fail("must name an item")
            return ""
        if not isinstance(value, str) or not ID_PATTERN.match(value):
            fail("must be an item id")
        elif key.links_to and not value.startswith(key.links_to):
            fail(f"must be an id starting with {' or '.join(key.links_to)}")
        else:
            links.append(Link(link_key, value, line))
        return value
    if value is None:
        value = []
    if not isinstance(value, list):
        fail(f"must be a {shape.value}")
        return value
    if shape is Shape.STRINGS:
        if not all(isinstance(v, str) and v.strip() for v in value):
            fail("every entry must be a non-empty text")
    elif shape is Shape.STAGES:
        unknown = [v for v in value if v not in STAGES]
        if unknown:
            fail(f"unknown stage {unknown[0]!r}; use {', '.join(STAGES)}")
    elif shape is Shape.IDS:
        for v in value:
            if not isinstance(v, str) or not ID_PATTERN.match(v):
                fail(f"{v!r} is not an item id")
            elif key.links_to and not v.startswith(key.links_to):
                fail(f"{v!r} must start with {' or '.join(key.links_to)}")
            else:
                links.append(Link(link_key, v, line))
    elif shape is Shape.RECORDS:
        for index, record in enumerate(value):
            if not isinstance(record, dict):
                fail(f"entry {index + 1} must be a mapping")
                continue
            allowed = {name for name, _, _ in key.record}
            for extra in sorted(set(record) - allowed):
                fail(f"entry {index + 1}: unknown key {extra!r}")
            for name, sub_shape, links_to in key.record:
                sub_key = Key(name, sub_shape, links_to, optional=name in OPTIONAL_RECORD_KEYS)
                record[name] = _check_value(
                    sub_key, record.get(name), where, problems, links, f"{link_key}.{name}"
                )
                if sub_key.optional and record[name] == "":
                    del record[name]  # absent and empty are the same; keep the files short
    return value


def _check_stage_map(value: Any, where: tuple[str, int], problems: list[Problem]) -> Any:
    path, line = where
    if not isinstance(value, dict) or set(value) != set(STAGES):
        problems.append(Problem(path, line, f"duties: give a text for each of {', '.join(STAGES)}"))
        return value
    for stage in STAGES:
        if not isinstance(value[stage], str) or not value[stage].strip():
            problems.append(Problem(path, line, f"duties.{stage}: must be a non-empty text"))
    return {stage: value[stage] for stage in STAGES}


def _body_links(body: str, first_line: int) -> list[Link]:
    return [
        Link("body", match.group(1), first_line + body.count("\n", 0, match.start()))
        for match in LINK_PATTERN.finditer(body)
    ]


def _leading_newlines(body: str) -> int:
    return len(body) - len(body.lstrip("\n"))


def _locate(link: Link, lines: list[str]) -> Link:
    """Point at the line that holds the id itself rather than at its key."""
    for number in range(link.line, len(lines) + 1):
        if link.target in lines[number - 1]:
            return Link(link.key, link.target, number)
    return link


def parse_item(item_id: str, path: str, text: str, problems: list[Problem]) -> ParsedItem | None:
    before = len(problems)
    split = _split(path, text, problems)
    if split is None:
        return None
    data, lines = split.data, split.key_lines
    schema = schema_for_id(item_id)
    if schema is None or not ID_PATTERN.match(item_id):
        problems.append(Problem(path, 1, f"{item_id!r} is not a valid id for a toolkit item"))
        return None
    declared = data.get("type")
    if declared != schema.type.value:
        problems.append(
            Problem(path, lines.get("type", 2), f"type must be {schema.type.value!r} for {item_id}")
        )
        return None
    allowed = set(COMMON_KEYS) | {k.name for k in schema.keys}
    for extra in sorted(set(data) - allowed):
        problems.append(Problem(path, lines.get(extra, 2), f"unknown key {extra!r}"))
    for name in ("title", "summary"):
        value = data.get(name)
        if not isinstance(value, str) or not value.strip():
            problems.append(Problem(path, lines.get(name, 2), f"{name}: must be a non-empty text"))
    summary = data.get("summary")
    if isinstance(summary, str) and len(summary) > SUMMARY_MAX:
        problems.append(
            Problem(path, lines.get("summary", 2), f"summary: at most {SUMMARY_MAX} characters")
        )
    links: list[Link] = []
    fields: dict[str, Any] = {}
    for key in schema.keys:
        where = (path, lines.get(key.name, 2))
        if key.name not in data:
            problems.append(Problem(path, 2, f"missing key {key.name!r}"))
            continue
        if key.shape is Shape.STAGE_MAP:
            fields[key.name] = _check_stage_map(data[key.name], where, problems)
        else:
            fields[key.name] = _check_value(key, data[key.name], where, problems, links, key.name)
    links = [_locate(link, text.split("\n")) for link in links]
    body = normalise_body(split.body)
    links.extend(
        _body_links(split.body.strip("\n"), split.body_line + _leading_newlines(split.body))
    )
    if len(problems) > before:
        return None
    return ParsedItem(
        item_id, schema.type, data["title"], data["summary"], fields, body, path, links
    )


def parse_translation(
    item_id: str, language: str, path: str, text: str, problems: list[Problem]
) -> ParsedTranslation | None:
    before = len(problems)
    split = _split(path, text, problems)
    if split is None:
        return None
    data, lines = split.data, split.key_lines
    if data.get("type") != "translation":
        problems.append(Problem(path, lines.get("type", 2), "type must be 'translation'"))
    for extra in sorted(set(data) - set(TRANSLATION_KEYS)):
        problems.append(Problem(path, lines.get(extra, 2), f"unknown key {extra!r}"))
    source_hash = data.get("source_hash")
    if not isinstance(source_hash, str) or not re.fullmatch(r"[0-9a-f]{16}", source_hash):
        problems.append(
            Problem(
                path,
                lines.get("source_hash", 2),
                "source_hash: 16 hex digits of the English file's SHA-256",
            )
        )
    for name in ("title", "summary"):
        if not isinstance(data.get(name), str) or not data[name].strip():
            problems.append(Problem(path, lines.get(name, 2), f"{name}: must be a non-empty text"))
    if len(problems) > before:
        return None
    return ParsedTranslation(
        item_id,
        language,
        str(source_hash),
        data["title"],
        data["summary"],
        normalise_body(split.body),
        path,
    )


def _target_type_problem(key: str, target: ParsedItem) -> str | None:
    """Principle links (other than a role's `serves`) must name an instrumental principle."""
    base = key.split(".")[0]
    if (
        base in ("principle", "principles", "risks")
        and target.type != ItemType.INSTRUMENTAL_PRINCIPLE
    ):
        return f"{key}: {target.item_id} is not an instrumental principle"
    return None


def item_ids(root: Path) -> set[str]:
    """The ids of the items under `root`, from file names alone (no file is read)."""
    ids = set()
    for file in root.rglob("*.md"):
        stem = file.relative_to(root).as_posix()[: -len(".md")]
        base, _, suffix = stem.rpartition(".")
        if not (base and suffix in LANGUAGE_SUFFIXES):
            ids.add(stem)
    return ids


def read_content(root: Path) -> Content:
    """Every item and translation under `root`, fully checked, or ContentError."""
    problems: list[Problem] = []
    items: dict[str, ParsedItem] = {}
    translations: list[ParsedTranslation] = []
    for file in sorted(root.rglob("*.md")):
        relative = file.relative_to(root).as_posix()
        path = f"{root.name}/{relative}"
        stem = relative[: -len(".md")]
        try:
            text = file.read_text(encoding="utf-8")
        except UnicodeDecodeError:
            problems.append(Problem(path, 1, "not UTF-8 text"))
            continue
        base, _, suffix = stem.rpartition(".")
        if base and suffix in LANGUAGE_SUFFIXES:
            parsed_t = parse_translation(base, suffix, path, text, problems)
            if parsed_t is not None:
                translations.append(parsed_t)
            continue
        parsed = parse_item(stem, path, text, problems)
        if parsed is not None:
            items[parsed.item_id] = parsed
    for item in items.values():
        for link in item.links:
            target = items.get(link.target)
            if target is None:
                problems.append(
                    Problem(item.path, link.line, f"{link.key}: link to unknown item {link.target}")
                )
            elif problem := _target_type_problem(link.key, target):
                problems.append(Problem(item.path, link.line, problem))
    for translation in translations:
        if translation.item_id not in items:
            problems.append(
                Problem(translation.path, 1, f"translation of unknown item {translation.item_id}")
            )
    if problems:
        raise ContentError(problems)
    return Content(items, translations)


def write_content(root: Path, items: list[tuple[str, str]]) -> int:
    """Write (relative stem, text) pairs under root; returns how many files changed."""
    changed = 0
    for stem, text in items:
        file = root / f"{stem}.md"
        if file.exists() and file.read_text(encoding="utf-8") == text:
            continue
        file.parent.mkdir(parents=True, exist_ok=True)
        file.write_text(text, encoding="utf-8")
        changed += 1
    return changed
