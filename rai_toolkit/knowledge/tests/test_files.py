"""Content files: strict checks with `file:line` errors, and an exact round trip."""

import shutil
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

from rai_toolkit.knowledge.exporting import edition_files
from rai_toolkit.knowledge.files import ContentError, read_content
from rai_toolkit.knowledge.models import Edition
from rai_toolkit.knowledge.testing import FIXTURE, published_toolkit


@pytest.fixture
def content(tmp_path: Path) -> Path:
    root = tmp_path / "content"
    shutil.copytree(FIXTURE, root)
    return root


def problems(root: Path) -> list[str]:
    with pytest.raises(ContentError) as error:
        read_content(root)
    return [str(p) for p in error.value.problems]


def test_the_fixture_is_valid() -> None:
    content = read_content(FIXTURE)
    assert len(content.items) == 13 and len(content.translations) == 2


def test_malformed_yaml_names_file_and_line(content: Path) -> None:
    path = content / "term/false-match-rate.md"
    path.write_text(path.read_text().replace("related:", "related: [unclosed"))
    [problem] = [p for p in problems(content) if p.startswith("content/term/false-match-rate.md:")]
    assert "invalid YAML" in problem
    line = int(problem.split(":")[1])
    assert path.read_text().split("\n")[line - 1].startswith(("related", "- term/", "references"))


def test_dangling_link_points_at_its_line(content: Path) -> None:
    path = content / "practice/demographic-testing.md"
    path.write_text(path.read_text().replace("error-rates-by-group", "no-such-requirement"))
    assert problems(content) == [
        "content/practice/demographic-testing.md:7: meets: link to unknown item "
        "requirement/equality-and-non-discrimination/no-such-requirement"
    ]


def test_dangling_link_in_the_body_is_refused(content: Path) -> None:
    path = content / "stage/deploy.md"
    path.write_text(path.read_text() + "\nSee [[term/not-there]].\n")
    [problem] = problems(content)
    assert problem.startswith("content/stage/deploy.md:") and "term/not-there" in problem


@pytest.mark.parametrize(
    ("old", "new", "message"),
    [
        ("family: image-and-video", "family: satellites", "family: must be one of"),
        ("typical_data:", "typical_datum:", "unknown key 'typical_datum'"),
        ("- design\n", "- someday\n", "unknown stage 'someday'"),
        ("type: use_case", "type: term", "type must be 'use_case'"),
    ],
)
def test_schema_errors_are_reported(content: Path, old: str, new: str, message: str) -> None:
    for path in content.rglob("*.md"):
        text = path.read_text()
        if old in text:
            path.write_text(text.replace(old, new, 1))
            break
    found = problems(content)
    assert any(message in p for p in found), found


def test_a_summary_must_stay_short(content: Path) -> None:
    path = content / "concept/data.md"
    path.write_text(
        path.read_text().replace("What the system learns from and works on.", "x" * 301)
    )
    assert any("at most 300 characters" in p for p in problems(content))


def test_a_principle_link_must_name_an_instrumental_principle(content: Path) -> None:
    path = content / "practice/demographic-testing.md"
    path.write_text(
        path.read_text().replace(
            "principle: principle/fairness/equality-and-non-discrimination",
            "principle: principle/fairness",
        )
    )
    assert any("is not an instrumental principle" in p for p in problems(content))


def test_a_file_whose_path_is_not_an_item_id_is_refused(content: Path) -> None:
    (content / "term" / "Bad Name.md").write_text("---\ntype: term\n---\n")
    assert any("not a valid id" in p for p in problems(content))


def test_errors_load_nothing(content: Path, db: None) -> None:
    (content / "concept/data.md").write_text("no front matter")
    with pytest.raises(CommandError, match="nothing was loaded"):
        call_command("load_toolkit", "--dir", str(content))
    assert not Edition.objects.exists()


def test_export_gives_back_the_same_files(tmp_path: Path, db: None) -> None:
    edition = published_toolkit()
    out = tmp_path / "out"
    call_command("export_toolkit", str(out), "--edition", str(edition.number))
    exported = sorted(p.relative_to(out).as_posix() for p in out.rglob("*.md"))
    original = sorted(p.relative_to(FIXTURE).as_posix() for p in FIXTURE.rglob("*.md"))
    assert exported == original
    for name in original:
        assert (out / name).read_bytes() == (FIXTURE / name).read_bytes(), name
    assert len(edition_files(edition)) == len(original)
