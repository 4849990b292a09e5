"""The shipped risk catalogue, its rating rules and the checks that refuse broken versions.

No database: the catalogue is plain data and the loader is pure Python.
"""

from __future__ import annotations

import copy
import re
from collections import Counter
from pathlib import Path
from typing import Any

import pytest
import yaml

from rai_toolkit.knowledge.files import item_ids
from rai_toolkit.knowledge.schema import FAMILIES, FAMILY_LABELS
from rai_toolkit.risk.catalogue import (
    CONTENT_ROOT,
    STAGES,
    Catalogue,
    CatalogueError,
    RiskItem,
    load_catalogue,
    markdown_grid,
    markdown_item_table,
    principle_titles,
    read_catalogue,
)

METHODOLOGY = Path(__file__).resolve().parents[3] / "docs" / "methodology" / "risk.md"


@pytest.fixture(scope="module")
def catalogue() -> Catalogue:
    return load_catalogue()


def instrumental_principles() -> list[str]:
    return sorted(i for i in item_ids(CONTENT_ROOT) if re.fullmatch(r"principle/[^/]+/[^/]+", i))


def problems_of(data: Any, content_root: Path | None = CONTENT_ROOT) -> list[str]:
    with pytest.raises(CatalogueError) as caught:
        read_catalogue(data, content_root=content_root)
    return caught.value.problems


# --- the shipped catalogue -----------------------------------------------------------------


def test_shipped_catalogue_loads(catalogue: Catalogue) -> None:
    assert catalogue.id == "risk"
    assert len(catalogue.items) >= 48
    assert list(catalogue.levels) == ["low", "medium", "high", "very_high"]
    assert catalogue.acceptable == "medium"
    assert len(catalogue.rights) == 17
    assert re.fullmatch(r"[0-9a-f]{64}", catalogue.content_hash)


def test_every_instrumental_principle_has_at_least_two_items(catalogue: Catalogue) -> None:
    principles = instrumental_principles()
    assert len(principles) == 17
    counts = Counter(item.principle for item in catalogue.items)
    assert {p: counts[p] for p in principles if counts[p] < 2} == {}
    # The principles where police AI most often goes wrong get more than the minimum.
    for name in (
        "minimization-of-harm/accuracy",
        "fairness/equality-and-non-discrimination",
        "human-autonomy/privacy",
        "human-autonomy/human-control-and-oversight",
        "lawfulness/proportionality",
        "human-autonomy/transparency-and-explainability",
        "fairness/contestability-and-redress",
        "fairness/protection-of-vulnerable-groups",
    ):
        assert counts[f"principle/{name}"] >= 4, name


def test_id_code_matches_the_principle(catalogue: Catalogue) -> None:
    # One four-letter code per principle, so an id says where the risk belongs.
    codes: dict[str, set[str]] = {}
    for item in catalogue.items:
        codes.setdefault(item.id.split("-")[1], set()).add(item.principle)
    assert all(len(principles) == 1 for principles in codes.values()), codes
    assert len(codes) == 17


def test_every_family_sees_enough_items_at_deploy(catalogue: Catalogue) -> None:
    for family in FAMILIES:
        assert len(catalogue.relevant(family, "deploy")) >= 20, family


def test_every_stage_shows_something(catalogue: Catalogue) -> None:
    for stage in STAGES:
        for family in FAMILIES:
            assert catalogue.relevant(family, stage), (family, stage)


def test_tagging_hides_what_does_not_apply(catalogue: Catalogue) -> None:
    def item(item_id: str) -> RiskItem:
        found = catalogue.item(item_id)
        assert found is not None, item_id
        return found

    false_match = item("R-ACCU-01")
    feedback_loop = item("R-EQUA-04")
    invented_text = item("R-ACCU-06")
    assert false_match.relevant_to("image-and-video", "deploy")
    assert not false_match.relevant_to("content-generation", "deploy")
    assert feedback_loop.relevant_to("risk-and-prediction", "monitor")
    assert not feedback_loop.relevant_to("image-and-video", "monitor")
    assert invented_text.relevant_to("content-generation", "deploy")
    assert not invented_text.relevant_to("risk-and-prediction", "deploy")
    # Decommissioning and procurement have their own risks.
    assert item("R-PRIV-07").stages == ("retired",)
    assert item("R-EFFI-02").relevant_to("process-optimisation", "procure")
    assert not item("R-EFFI-02").relevant_to("process-optimisation", "deploy")
    # "all" covers every family, named families only themselves.
    assert all(item("R-OVER-01").relevant_to(family, "deploy") for family in FAMILIES)
    assert not item("R-OVER-01").relevant_to("image-and-video", "no-such-stage")


def test_lookup_and_core(catalogue: Catalogue) -> None:
    privacy = catalogue.item("R-PRIV-03")
    assert privacy is not None
    assert privacy.principle == "principle/human-autonomy/privacy"
    assert privacy.core == "principle/human-autonomy"
    assert catalogue.item("R-NONE-99") is None


def test_items_are_complete(catalogue: Catalogue) -> None:
    for item in catalogue.items:
        assert len(item.title) <= 90, item.id
        assert item.description and item.affected, item.id
        assert 1 <= len(item.practices) <= 4, item.id
        assert 1 <= len(item.questions) <= 2, item.id
        assert set(item.rights) <= set(catalogue.rights), item.id


# --- severity and levels -------------------------------------------------------------------


@pytest.mark.parametrize(
    ("scale", "scope", "reversibility", "expected"),
    [
        (1, 1, 1, 1),
        (5, 5, 5, 5),
        (5, 1, 5, 4),  # mean 3.67, rounded up
        (5, 1, 1, 4),  # mean 2.33 → 3, but a critical harm is never below 4
        (4, 1, 1, 3),  # mean 2 → floor 3
        (3, 1, 1, 2),  # mean 1.67 → 2; floor 2 agrees
        (1, 5, 5, 4),  # broad and lasting harm counts even when the gravity is low
        (2, 3, 2, 3),  # mean 2.33 → 3
        (3, 3, 3, 3),
    ],
)
def test_severity_rule(
    catalogue: Catalogue, scale: int, scope: int, reversibility: int, expected: int
) -> None:
    assert catalogue.severity(scale, scope, reversibility) == expected


def test_severity_stays_on_the_scale_and_never_falls(catalogue: Catalogue) -> None:
    points = range(1, 6)
    for a in points:
        for b in points:
            for c in points:
                value = catalogue.severity(a, b, c)
                assert 1 <= value <= 5
                assert value >= a - 1
                if a < 5:
                    assert catalogue.severity(a + 1, b, c) >= value
                if b < 5:
                    assert catalogue.severity(a, b + 1, c) >= value
                if c < 5:
                    assert catalogue.severity(a, b, c + 1) >= value


@pytest.mark.parametrize("bad", [0, 6, -1])
def test_out_of_range_ratings_are_refused(catalogue: Catalogue, bad: int) -> None:
    with pytest.raises(ValueError):
        catalogue.severity(bad, 1, 1)
    with pytest.raises(ValueError):
        catalogue.level(bad, 3)
    with pytest.raises(ValueError):
        catalogue.level(3, bad)


def test_levels_at_the_corners(catalogue: Catalogue) -> None:
    assert catalogue.level(1, 1) == "low"
    assert catalogue.level(1, 5) == "high"
    assert catalogue.level(5, 1) == "medium"
    assert catalogue.level(5, 5) == "very_high"


def test_grave_harms_are_rated_conservatively(catalogue: Catalogue) -> None:
    for likelihood in (3, 4, 5):
        assert catalogue.level(likelihood, 5) == "very_high"
    assert catalogue.level_rank(catalogue.level(1, 5)) >= catalogue.level_rank("medium")


def test_grid_is_monotonic(catalogue: Catalogue) -> None:
    rank = catalogue.level_rank
    for likelihood in range(1, 6):
        for severity in range(1, 6):
            here = rank(catalogue.level(likelihood, severity))
            if likelihood < 5:
                assert rank(catalogue.level(likelihood + 1, severity)) >= here
            if severity < 5:
                assert rank(catalogue.level(likelihood, severity + 1)) >= here


def test_rank_and_acceptable(catalogue: Catalogue) -> None:
    assert [catalogue.level_rank(n) for n in ("low", "medium", "high", "very_high")] == [0, 1, 2, 3]
    assert not catalogue.above_acceptable("low")
    assert not catalogue.above_acceptable("medium")
    assert catalogue.above_acceptable("high")
    assert catalogue.above_acceptable("very_high")
    with pytest.raises(ValueError):
        catalogue.level_rank("extreme")


# --- stored versions -----------------------------------------------------------------------


def test_raw_reads_back_to_the_same_hash(catalogue: Catalogue) -> None:
    again = read_catalogue(catalogue.raw)
    assert again.content_hash == catalogue.content_hash
    assert again.items == catalogue.items
    assert again.grid == catalogue.grid


def test_hash_ignores_key_order_but_not_content(catalogue: Catalogue) -> None:
    reordered = dict(reversed(list(copy.deepcopy(catalogue.raw).items())))
    assert read_catalogue(reordered).content_hash == catalogue.content_hash
    changed = copy.deepcopy(catalogue.raw)
    changed["items"][0]["title"] += " (revised)"
    assert read_catalogue(changed).content_hash != catalogue.content_hash


def test_raw_is_a_private_copy(catalogue: Catalogue) -> None:
    data = copy.deepcopy(catalogue.raw)
    loaded = read_catalogue(data)
    data["items"][0]["title"] = "changed afterwards"
    assert loaded.raw["items"][0]["title"] != "changed afterwards"


# --- broken catalogues ---------------------------------------------------------------------


def test_broken_catalogue_lists_every_problem(catalogue: Catalogue) -> None:
    data = copy.deepcopy(catalogue.raw)
    data["items"][1]["id"] = data["items"][0]["id"]  # duplicate id
    data["items"][2]["practices"][0] = "practice/no-such-practice"  # unknown practice
    data["items"][3]["principle"] = "principle/lawfulness/no-such-principle"  # unknown principle
    data["items"][4]["stages"].append("launch")  # unknown stage
    data["matrix"]["grid"][4][4] = "low"  # grid no longer monotonic

    problems = problems_of(data)
    first = data["items"][0]["id"]
    assert f"items[1].id: {first} is used by an earlier item" in problems
    assert "items[2].practices[0]: practice/no-such-practice does not exist" in problems
    assert "items[3].principle: principle/lawfulness/no-such-principle does not exist" in problems
    assert any(p.startswith("items[4].stages[") and "launch is not one of" in p for p in problems)
    assert any(p.startswith("matrix.grid[4][4]: lower than") for p in problems)
    assert len(problems) == 6  # the grid cell is lower than both its left and upper neighbours


def test_broken_file_is_refused_by_load_catalogue(catalogue: Catalogue, tmp_path: Path) -> None:
    data = copy.deepcopy(catalogue.raw)
    data["items"][5]["id"] = data["items"][6]["id"]
    data["items"][6]["principle"] = "principle/fairness/kindness"
    data["items"][7]["practices"].append("practice/wishful-thinking")
    data["items"][8]["stages"] = ["someday"]
    data["matrix"]["grid"][0] = ["low", "low", "low", "low"]
    broken = tmp_path / "risk.yaml"
    broken.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")

    with pytest.raises(CatalogueError) as caught:
        load_catalogue(broken)
    last_practice = len(data["items"][7]["practices"]) - 1
    assert caught.value.problems == [
        "matrix.grid: must be 5 rows (likelihood 1..5) of 5 level names (severity 1..5)",
        "items[6].principle: principle/fairness/kindness does not exist",
        f"items[6].id: {data['items'][6]['id']} is used by an earlier item",
        f"items[7].practices[{last_practice}]: practice/wishful-thinking does not exist",
        "items[8].stages[0]: someday is not one of decide, design, procure, deploy, monitor, "
        "retired",
    ]


def test_without_content_root_ids_are_checked_for_form_only(catalogue: Catalogue) -> None:
    data = copy.deepcopy(catalogue.raw)
    data["items"][0]["practices"][0] = "practice/retired-practice"
    assert read_catalogue(data).items[0].practices[0] == "practice/retired-practice"
    data["items"][0]["practices"][0] = "requirement/something"
    assert problems_of(data, None) == [
        "items[0].practices[0]: requirement/something is not a practice id"
    ]


@pytest.mark.parametrize(
    ("change", "expected"),
    [
        (
            lambda d: d["items"][0].update(principle="principle/lawfulness"),
            "items[0].principle: 'principle/lawfulness' is not an instrumental principle id",
        ),
        (
            lambda d: d["items"][0].update(id="R-priv-1"),
            "items[0].id: 'R-priv-1' must look like R-PRIV-03",
        ),
        (
            lambda d: d["items"][0].update(families=["satellites"]),
            "items[0].families[0]: satellites is not a use-case family",
        ),
        (
            lambda d: d["items"][0].update(families=["all", "image-and-video"]),
            "items[0].families: 'all' cannot be combined with named families",
        ),
        (
            lambda d: d["items"][0].update(rights=["happiness"]),
            "items[0].rights[0]: happiness is not in the rights vocabulary",
        ),
        (
            lambda d: d["items"][0].update(title="x" * 91),
            "items[0].title: 91 characters, at most 90",
        ),
        (
            lambda d: d["items"][0].update(practices=[]),
            "items[0].practices: must not be empty",
        ),
        (lambda d: d["items"][0].update(colour="red"), "items[0]: unknown key colour"),
        (lambda d: d["items"][0].pop("questions"), "items[0]: missing questions"),
        (
            lambda d: d["scales"]["scope"].pop(),
            "scales.scope: must have 5 levels, has 4",
        ),
        (
            lambda d: d["scales"]["likelihood"][2].update(value=4),
            "scales.likelihood[2].value: must be 3 (levels run 1..5 in order)",
        ),
        (
            lambda d: d["matrix"]["grid"].pop(),
            "matrix.grid: must be 5 rows (likelihood 1..5) of 5 level names (severity 1..5)",
        ),
        (
            lambda d: d["matrix"]["grid"][0].__setitem__(0, "negligible"),
            "matrix.grid[0][0]: 'negligible' is not one of the levels",
        ),
        (
            lambda d: d["matrix"].update(acceptable="very_high"),
            "matrix.acceptable: the highest level cannot be acceptable",
        ),
        (
            lambda d: d["matrix"].update(acceptable="fine"),
            "matrix.acceptable: 'fine' is not one of the levels",
        ),
        (lambda d: d.update(version=2), "<root>: unknown key version"),
    ],
)
def test_single_problems_are_named_with_their_place(
    catalogue: Catalogue, change: Any, expected: str
) -> None:
    data = copy.deepcopy(catalogue.raw)
    change(data)
    assert expected in problems_of(data)


def test_non_json_values_are_refused() -> None:
    import datetime as dt

    assert problems_of({"id": "risk", "released": dt.date(2025, 1, 1)}) == [
        "released: date is not allowed (use text)"
    ]
    assert problems_of(["not", "a", "mapping"]) == ["<root>: must be a mapping"]


def test_unreadable_file_is_a_catalogue_error(tmp_path: Path) -> None:
    broken = tmp_path / "risk.yaml"
    broken.write_text("items: [unclosed\n", encoding="utf-8")
    with pytest.raises(CatalogueError) as caught:
        load_catalogue(broken)
    assert caught.value.problems[0].startswith("risk.yaml: cannot be read")


# --- the methodology document stays in step with the data ----------------------------------


def test_methodology_shows_the_current_grid_and_items(catalogue: Catalogue) -> None:
    text = METHODOLOGY.read_text(encoding="utf-8")
    assert markdown_grid(catalogue) in text
    assert markdown_item_table(catalogue, principle_titles()) in text
    # The scale and level tables quote the data's own descriptors.
    for name in ("likelihood", "scale", "scope", "reversibility"):
        for level in getattr(catalogue, name):
            assert f"| {level.value} | **{level.title}** | {level.description} |" in text
    for name, title in catalogue.levels.items():
        assert f"| **{title}** | {catalogue.level_descriptions[name]} |" in text
    # The counts quoted in the text.
    assert f"The catalogue holds {len(catalogue.items)} risk items" in " ".join(text.split())
    titles = principle_titles()
    counts = Counter(item.principle for item in catalogue.items)
    for principle, count in counts.items():
        assert f"| {titles[principle]} | {count} |" in text, principle
    for family in FAMILIES:
        shown = " | ".join(str(len(catalogue.relevant(family, stage))) for stage in STAGES)
        assert f"| {FAMILY_LABELS[family]} | {shown} |" in text, family


def test_principle_titles_cover_every_instrumental_principle() -> None:
    titles = principle_titles()
    assert sorted(titles) == instrumental_principles()
    assert titles["principle/human-autonomy/privacy"] == "Privacy"
