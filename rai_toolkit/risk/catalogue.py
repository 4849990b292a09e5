"""The risk catalogue: risk items, rating scales and the risk matrix, read from versioned data.

Pure Python (no database): `load_catalogue()` reads and checks the shipped YAML file, and
`read_catalogue()` checks any parsed mapping, such as a version stored with an assessment.
Every problem is reported at once, each with its place in the data. The method behind the
scales, the severity rule and the matrix is explained in docs/methodology/risk.md.
"""

from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from rai_toolkit.knowledge.files import item_ids
from rai_toolkit.knowledge.schema import FAMILIES

CATALOGUE_FILE = Path(__file__).resolve().parent / "catalogue" / "risk.yaml"
CONTENT_ROOT = Path(__file__).resolve().parents[2] / "content"

# Our own life-cycle vocabulary: the toolkit's five stages, with procurement split out of
# design and decommissioning named as the state the system ends in.
STAGES = ("decide", "design", "procure", "deploy", "monitor", "retired")
ALL_FAMILIES = "all"
SCALES = ("likelihood", "scale", "scope", "reversibility")
SCALE_POINTS = 5  # every scale and each side of the grid runs 1..5

ITEM_ID = re.compile(r"^R-[A-Z]{4}-\d{2}$")
NAME = re.compile(r"^[a-z][a-z0-9_]*$")
TITLE_MAX = 90
MAX_PRACTICES = 4
MAX_QUESTIONS = 2

_TOP_KEYS = {"id", "title", "description", "scales", "matrix", "rights", "items"}
_OPTIONAL_TOP_KEYS = {"translations"}
_ITEM_KEYS = {
    "id",
    "principle",
    "title",
    "description",
    "affected",
    "rights",
    "stages",
    "families",
    "practices",
    "questions",
}
_OPTIONAL_ITEM_KEYS = {"also"}


class CatalogueError(ValueError):
    """The catalogue data is not valid; `problems` lists every problem with its place."""

    def __init__(self, problems: list[str]) -> None:
        super().__init__(
            f"{len(problems)} problem(s) in the risk catalogue:\n"
            + "\n".join(f"- {p}" for p in problems)
        )
        self.problems = problems


@dataclass(frozen=True)
class Level:
    value: int
    title: str
    description: str


@dataclass(frozen=True)
class RiskItem:
    id: str
    principle: str
    also: tuple[str, ...]
    title: str
    description: str
    affected: str
    rights: tuple[str, ...]
    stages: tuple[str, ...]
    families: tuple[str, ...]  # use-case families, or ("all",)
    practices: tuple[str, ...]
    questions: tuple[str, ...]

    def relevant_to(self, family: str, stage: str) -> bool:
        """Whether the item is shown for a system of this family at this life-cycle stage."""
        in_family = ALL_FAMILIES in self.families or family in self.families
        return in_family and stage in self.stages

    @property
    def core(self) -> str:
        """The core principle: principle/human-autonomy for principle/human-autonomy/privacy."""
        return "/".join(self.principle.split("/")[:2])


@dataclass(frozen=True)
class Catalogue:
    id: str
    title: str
    description: str
    likelihood: tuple[Level, ...]
    scale: tuple[Level, ...]
    scope: tuple[Level, ...]
    reversibility: tuple[Level, ...]
    levels: dict[str, str]  # name → title, lowest first
    level_descriptions: dict[str, str]  # name → what the level means for the decision
    grid: tuple[tuple[str, ...], ...]  # grid[likelihood - 1][severity - 1]
    acceptable: str
    rights: dict[str, str]
    items: tuple[RiskItem, ...]
    content_hash: str
    raw: dict[str, Any]

    def item(self, item_id: str) -> RiskItem | None:
        return next((item for item in self.items if item.id == item_id), None)

    def relevant(self, family: str, stage: str) -> list[RiskItem]:
        return [item for item in self.items if item.relevant_to(family, stage)]

    def severity(self, scale: int, scope: int, reversibility: int) -> int:
        """Severity 1..5 from the three HUDERIA factors.

        The rounded-up mean keeps the result on the same 1..5 scale as its parts and lets a
        broad or lasting harm count as much as a grave one. The floor (scale - 1) stops a grave
        harm to one person, which is usually also the least broad, from being averaged away.
        """
        for name, value in (("scale", scale), ("scope", scope), ("reversibility", reversibility)):
            _check_point(name, value)
        mean_up = -(-(scale + scope + reversibility) // 3)  # ceiling without floats
        return max(mean_up, scale - 1)

    def level(self, likelihood: int, severity: int) -> str:
        _check_point("likelihood", likelihood)
        _check_point("severity", severity)
        return self.grid[likelihood - 1][severity - 1]

    def level_rank(self, level: str) -> int:
        """0 for the lowest level (low), rising by one per level (very_high = 3)."""
        try:
            return list(self.levels).index(level)
        except ValueError:
            raise ValueError(f"unknown risk level {level!r}") from None

    def above_acceptable(self, level: str) -> bool:
        """Whether a (residual) level needs a decision condition and a justification."""
        return self.level_rank(level) > self.level_rank(self.acceptable)


def _check_point(name: str, value: int) -> None:
    # bool is an int subclass; True must not pass as 1
    if type(value) is not int or not 1 <= value <= SCALE_POINTS:
        raise ValueError(f"{name} must be a whole number from 1 to {SCALE_POINTS}, not {value!r}")


# --- reading and checking ------------------------------------------------------------------


def load_catalogue(path: Path = CATALOGUE_FILE) -> Catalogue:
    """Read the YAML file and check it, including that every toolkit id exists in content/."""
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, yaml.YAMLError) as error:
        raise CatalogueError([f"{path.name}: cannot be read: {error}"]) from error
    return read_catalogue(data, content_root=CONTENT_ROOT)


def read_catalogue(data: Any, content_root: Path | None = None) -> Catalogue:
    """Check a parsed catalogue and build it, or raise CatalogueError listing every problem.

    With `content_root` None the toolkit ids (principles, practices) are checked for form only:
    a stored version must stay readable even if the toolkit content has moved on since.
    """
    problems: list[str] = []
    if not isinstance(data, Mapping):
        raise CatalogueError(["<root>: must be a mapping"])
    _check_json(data, "", problems)
    if problems:
        raise CatalogueError(problems)
    raw: dict[str, Any] = json.loads(_canonical_json(data))  # a private, JSON-clean copy

    known = item_ids(content_root) if content_root is not None else None
    _check_keys(raw, _TOP_KEYS, _OPTIONAL_TOP_KEYS, "<root>", problems)
    for key in ("id", "title", "description"):
        _text(raw, key, key, problems)
    if "translations" in raw and not isinstance(raw["translations"], dict):
        problems.append("translations: must be a mapping")

    scales = _scales(raw.get("scales"), problems)
    levels, level_descriptions, grid, acceptable = _matrix(raw.get("matrix"), problems)
    rights = _rights(raw.get("rights"), problems)
    items = _items(raw.get("items"), set(rights), known, problems)

    if problems:
        raise CatalogueError(problems)
    return Catalogue(
        id=raw["id"],
        title=raw["title"],
        description=raw["description"],
        likelihood=scales["likelihood"],
        scale=scales["scale"],
        scope=scales["scope"],
        reversibility=scales["reversibility"],
        levels=levels,
        level_descriptions=level_descriptions,
        grid=grid,
        acceptable=acceptable,
        rights=rights,
        items=items,
        content_hash=hashlib.sha256(_canonical_json(raw).encode("utf-8")).hexdigest(),
        raw=raw,
    )


def _canonical_json(data: Any) -> str:
    # Sorted keys: the hash must not change when a database (jsonb) reorders mapping keys.
    return json.dumps(data, sort_keys=True, ensure_ascii=False, separators=(",", ":"))


def _check_json(value: Any, place: str, problems: list[str]) -> None:
    """Only JSON types, so the data can be stored as it is and hashed the same way everywhere."""
    if isinstance(value, Mapping):
        for key, child in value.items():
            if not isinstance(key, str):
                problems.append(f"{place or '<root>'}: key {key!r} must be text")
                continue
            _check_json(child, f"{place}.{key}" if place else key, problems)
    elif isinstance(value, list):
        for index, child in enumerate(value):
            _check_json(child, f"{place}[{index}]", problems)
    elif not (value is None or isinstance(value, str | int | float | bool)):
        problems.append(f"{place}: {type(value).__name__} is not allowed (use text)")


def _check_keys(
    data: Mapping[str, Any], required: set[str], optional: set[str], place: str, problems: list[str]
) -> None:
    for key in sorted(required - data.keys()):
        problems.append(f"{place}: missing {key}")
    for key in sorted(data.keys() - required - optional):
        problems.append(f"{place}: unknown key {key}")


def _text(data: Mapping[str, Any], key: str, place: str, problems: list[str]) -> str:
    value = data.get(key)
    if key in data and not (isinstance(value, str) and value.strip()):
        problems.append(f"{place}: must be non-empty text")
    return value if isinstance(value, str) else ""


def _list(data: Mapping[str, Any], key: str, place: str, problems: list[str]) -> list[Any]:
    value = data.get(key)
    if key in data and not isinstance(value, list):
        problems.append(f"{place}: must be a list")
        return []
    return value if isinstance(value, list) else []


def _scales(data: Any, problems: list[str]) -> dict[str, tuple[Level, ...]]:
    result: dict[str, tuple[Level, ...]] = dict.fromkeys(SCALES, ())
    if not isinstance(data, dict):
        problems.append("scales: must be a mapping of likelihood, scale, scope and reversibility")
        return result
    _check_keys(data, set(SCALES), set(), "scales", problems)
    for name in SCALES:
        place = f"scales.{name}"
        entries = _list(data, name, place, problems)
        if name in data and len(entries) != SCALE_POINTS:
            problems.append(f"{place}: must have {SCALE_POINTS} levels, has {len(entries)}")
        levels = []
        for index, entry in enumerate(entries):
            at = f"{place}[{index}]"
            if not isinstance(entry, dict):
                problems.append(f"{at}: must be a mapping")
                continue
            _check_keys(entry, {"value", "title", "description"}, set(), at, problems)
            value = entry.get("value")
            if "value" in entry and (type(value) is not int or value != index + 1):
                problems.append(f"{at}.value: must be {index + 1} (levels run 1..5 in order)")
            levels.append(
                Level(
                    value=index + 1,
                    title=_text(entry, "title", f"{at}.title", problems),
                    description=_text(entry, "description", f"{at}.description", problems),
                )
            )
        result[name] = tuple(levels)
    return result


def _matrix(
    data: Any, problems: list[str]
) -> tuple[dict[str, str], dict[str, str], tuple[tuple[str, ...], ...], str]:
    if not isinstance(data, dict):
        problems.append("matrix: must be a mapping with levels, grid and acceptable")
        return {}, {}, (), ""
    _check_keys(data, {"levels", "grid", "acceptable"}, set(), "matrix", problems)

    # Levels are a list, not a mapping, so their order survives storage that sorts keys.
    levels: dict[str, str] = {}
    descriptions: dict[str, str] = {}
    entries = _list(data, "levels", "matrix.levels", problems)
    for index, entry in enumerate(entries):
        at = f"matrix.levels[{index}]"
        if not isinstance(entry, dict):
            problems.append(f"{at}: must be a mapping")
            continue
        _check_keys(entry, {"name", "title", "description"}, set(), at, problems)
        name = entry.get("name")
        if not (isinstance(name, str) and NAME.match(name)):
            problems.append(f"{at}.name: must be a lower-case name such as very_high")
            continue
        if name in levels:
            problems.append(f"{at}.name: {name} is defined twice")
            continue
        levels[name] = _text(entry, "title", f"{at}.title", problems)
        descriptions[name] = _text(entry, "description", f"{at}.description", problems)
    if "levels" in data and len(levels) < 2:
        problems.append("matrix.levels: needs at least two levels")

    grid = _grid(data.get("grid"), levels, problems) if "grid" in data else ()

    acceptable = data.get("acceptable")
    if "acceptable" in data:
        if acceptable not in levels:
            problems.append(f"matrix.acceptable: {acceptable!r} is not one of the levels")
        elif acceptable == list(levels)[-1]:
            problems.append("matrix.acceptable: the highest level cannot be acceptable")
    return levels, descriptions, grid, acceptable if isinstance(acceptable, str) else ""


def _grid(data: Any, levels: dict[str, str], problems: list[str]) -> tuple[tuple[str, ...], ...]:
    shape = f"{SCALE_POINTS} rows (likelihood 1..5) of {SCALE_POINTS} level names (severity 1..5)"
    if not (
        isinstance(data, list)
        and len(data) == SCALE_POINTS
        and all(isinstance(row, list) and len(row) == SCALE_POINTS for row in data)
    ):
        problems.append(f"matrix.grid: must be {shape}")
        return ()
    rank = {name: index for index, name in enumerate(levels)}
    sound = True
    for row_index, row in enumerate(data):
        for column_index, cell in enumerate(row):
            if cell not in rank:
                problems.append(
                    f"matrix.grid[{row_index}][{column_index}]: {cell!r} is not one of the levels"
                )
                sound = False
    if sound:
        # A rise in likelihood or severity must never lower the level.
        for row_index in range(SCALE_POINTS):
            for column_index in range(SCALE_POINTS):
                here = rank[data[row_index][column_index]]
                if column_index and here < rank[data[row_index][column_index - 1]]:
                    problems.append(
                        f"matrix.grid[{row_index}][{column_index}]: lower than the cell to its "
                        "left (severity rises, level must not fall)"
                    )
                if row_index and here < rank[data[row_index - 1][column_index]]:
                    problems.append(
                        f"matrix.grid[{row_index}][{column_index}]: lower than the cell above it "
                        "(likelihood rises, level must not fall)"
                    )
    return tuple(tuple(row) for row in data)


def _rights(data: Any, problems: list[str]) -> dict[str, str]:
    # A list of {key, title}, like the levels, so the display order survives storage.
    rights: dict[str, str] = {}
    if not isinstance(data, list) or not data:
        problems.append("rights: must be a non-empty list of {key, title}")
        return rights
    for index, entry in enumerate(data):
        at = f"rights[{index}]"
        if not isinstance(entry, dict):
            problems.append(f"{at}: must be a mapping")
            continue
        _check_keys(entry, {"key", "title"}, set(), at, problems)
        key = entry.get("key")
        if not (isinstance(key, str) and NAME.match(key)):
            problems.append(f"{at}.key: must be a lower-case name such as fair_trial")
            continue
        if key in rights:
            problems.append(f"{at}.key: {key} is defined twice")
            continue
        rights[key] = _text(entry, "title", f"{at}.title", problems)
    return rights


def _items(
    data: Any, rights: set[str], known: set[str] | None, problems: list[str]
) -> tuple[RiskItem, ...]:
    if not isinstance(data, list) or not data:
        problems.append("items: must be a non-empty list")
        return ()
    items: list[RiskItem] = []
    seen: set[str] = set()
    for index, entry in enumerate(data):
        at = f"items[{index}]"
        if not isinstance(entry, dict):
            problems.append(f"{at}: must be a mapping")
            continue
        item = _item(entry, at, rights, known, problems)
        if item.id in seen:
            problems.append(f"{at}.id: {item.id} is used by an earlier item")
        seen.add(item.id)
        items.append(item)
    return tuple(items)


def _item(
    entry: dict[str, Any], at: str, rights: set[str], known: set[str] | None, problems: list[str]
) -> RiskItem:
    _check_keys(entry, _ITEM_KEYS, _OPTIONAL_ITEM_KEYS, at, problems)

    item_id = entry.get("id")
    if "id" in entry and not (isinstance(item_id, str) and ITEM_ID.match(item_id)):
        problems.append(f"{at}.id: {item_id!r} must look like R-PRIV-03")
    principle = entry.get("principle")
    if "principle" in entry:
        _principle(principle, f"{at}.principle", known, problems)
    also = _names(entry, "also", at, problems)
    for index, other in enumerate(also):
        _principle(other, f"{at}.also[{index}]", known, problems)
        if other == principle:
            problems.append(f"{at}.also[{index}]: repeats the main principle")

    title = _text(entry, "title", f"{at}.title", problems)
    if len(title) > TITLE_MAX:
        problems.append(f"{at}.title: {len(title)} characters, at most {TITLE_MAX}")

    item_rights = _names(entry, "rights", at, problems, required=True)
    for index, right in enumerate(item_rights):
        if right not in rights:
            problems.append(f"{at}.rights[{index}]: {right} is not in the rights vocabulary")
    stages = _names(entry, "stages", at, problems, required=True)
    for index, stage in enumerate(stages):
        if stage not in STAGES:
            problems.append(f"{at}.stages[{index}]: {stage} is not one of {', '.join(STAGES)}")
    families = _names(entry, "families", at, problems, required=True)
    if ALL_FAMILIES in families and len(families) > 1:
        problems.append(f"{at}.families: 'all' cannot be combined with named families")
    for index, family in enumerate(families):
        if family != ALL_FAMILIES and family not in FAMILIES:
            problems.append(f"{at}.families[{index}]: {family} is not a use-case family")

    practices = _names(entry, "practices", at, problems, required=True)
    if len(practices) > MAX_PRACTICES:
        problems.append(f"{at}.practices: at most {MAX_PRACTICES}, has {len(practices)}")
    for index, practice in enumerate(practices):
        place = f"{at}.practices[{index}]"
        if not practice.startswith("practice/"):
            problems.append(f"{place}: {practice} is not a practice id")
        elif known is not None and practice not in known:
            problems.append(f"{place}: {practice} does not exist")

    questions = _names(entry, "questions", at, problems, required=True, unique=False)
    if len(questions) > MAX_QUESTIONS:
        problems.append(f"{at}.questions: at most {MAX_QUESTIONS}, has {len(questions)}")

    return RiskItem(
        id=item_id if isinstance(item_id, str) else "",
        principle=principle if isinstance(principle, str) else "",
        also=also,
        title=title,
        description=_text(entry, "description", f"{at}.description", problems),
        affected=_text(entry, "affected", f"{at}.affected", problems),
        rights=item_rights,
        stages=stages,
        families=families,
        practices=practices,
        questions=questions,
    )


def _names(
    entry: dict[str, Any],
    key: str,
    at: str,
    problems: list[str],
    *,
    required: bool = False,
    unique: bool = True,
) -> tuple[str, ...]:
    """A list of non-empty texts (ids, names or questions), reported item by item."""
    values = _list(entry, key, f"{at}.{key}", problems)
    if required and key in entry and not values:
        problems.append(f"{at}.{key}: must not be empty")
    result: list[str] = []
    for index, value in enumerate(values):
        if not (isinstance(value, str) and value.strip()):
            problems.append(f"{at}.{key}[{index}]: must be non-empty text")
        elif unique and value in result:
            problems.append(f"{at}.{key}[{index}]: {value} is listed twice")
        else:
            result.append(value)
    return tuple(result)


def _principle(value: Any, place: str, known: set[str] | None, problems: list[str]) -> None:
    parts = value.split("/") if isinstance(value, str) else []
    # Instrumental principles sit one level below their core: principle/<core>/<instrumental>.
    if len(parts) != 3 or parts[0] != "principle" or not all(parts):
        problems.append(f"{place}: {value!r} is not an instrumental principle id")
    elif known is not None and value not in known:
        problems.append(f"{place}: {value} does not exist")


# --- rendering for the methodology document ------------------------------------------------


def markdown_grid(catalogue: Catalogue) -> str:
    """The risk matrix as a Markdown table (likelihood rows from highest, severity columns)."""
    lines = [
        "| Likelihood ↓ / Severity → | "
        + " | ".join(str(value) for value in range(1, SCALE_POINTS + 1))
        + " |",
        "|---" * (SCALE_POINTS + 1) + "|",
    ]
    for level in reversed(catalogue.likelihood):
        cells = [catalogue.levels[name] for name in catalogue.grid[level.value - 1]]
        lines.append(f"| **{level.value} {level.title}** | " + " | ".join(cells) + " |")
    return "\n".join(lines)


def markdown_item_table(
    catalogue: Catalogue, principle_titles: Mapping[str, str] | None = None
) -> str:
    """Every item (id, principle, title) as a Markdown table, in catalogue order.

    `principle_titles` maps principle ids to their titles in the toolkit content; without it
    the last part of the id is shown.
    """
    titles = principle_titles or {}
    lines = ["| Id | Principle | Risk |", "|---|---|---|"]
    for item in catalogue.items:
        principle = titles.get(item.principle, item.principle.rsplit("/", 1)[-1])
        lines.append(f"| {item.id} | {principle} | {item.title} |")
    return "\n".join(lines)


def principle_titles(content_root: Path = CONTENT_ROOT) -> dict[str, str]:
    """Titles of the instrumental principles, read from the front matter of their files."""
    titles: dict[str, str] = {}
    for file in sorted((content_root / "principle").glob("*/*.md")):
        if file.stem.count("."):  # translations such as privacy.fr.md
            continue
        front = file.read_text(encoding="utf-8").split("---", 2)[1]
        data = yaml.safe_load(front)
        if isinstance(data, dict) and isinstance(data.get("title"), str):
            titles[file.relative_to(content_root).as_posix()[: -len(".md")]] = data["title"]
    return titles
