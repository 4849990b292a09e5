"""load_questionnaires: checked first, stored as versions, idempotent, all or nothing."""

import io
import shutil
from pathlib import Path

import pytest
import yaml
from django.core.management import CommandError, call_command
from django.test import override_settings

from rai_toolkit.questionnaires.models import QuestionnaireVersion
from rai_toolkit.questionnaires.tests.helpers import FILES, mini_data


def load(folder: Path) -> str:
    out = io.StringIO()
    call_command("load_questionnaires", "--dir", str(folder), stdout=out)
    return out.getvalue()


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    shutil.copy(FILES / "mini.yaml", tmp_path / "mini.yaml")
    return tmp_path


def write(folder: Path, data: dict[str, object]) -> None:
    (folder / "mini.yaml").write_text(yaml.safe_dump(data, allow_unicode=True))


@override_settings(TOOLKIT_CONTENT_DIR=FILES / "toolkit")
def test_loading_twice_changes_nothing_and_a_change_is_a_new_version(
    db: None, folder: Path
) -> None:
    assert "mini v1 (new version" in load(folder)
    assert "mini v1 (unchanged" in load(folder)
    data = mini_data()
    data["title"] = "A renamed questionnaire"
    write(folder, data)
    assert "mini v2 (new version" in load(folder)
    assert list(QuestionnaireVersion.objects.values_list("number", flat=True)) == [1, 2]


@override_settings(TOOLKIT_CONTENT_DIR=FILES / "toolkit")
def test_a_link_to_a_missing_toolkit_item_is_refused(db: None, folder: Path) -> None:
    data = mini_data()
    data["pages"][0]["elements"][0]["toolkit"] = {"recommendations": ["recommendation/nope"]}
    write(folder, data)
    with pytest.raises(CommandError, match="no toolkit item 'recommendation/nope'"):
        load(folder)
    assert not QuestionnaireVersion.objects.exists()


def test_a_broken_file_stops_the_whole_load_with_file_and_line(db: None, folder: Path) -> None:
    (folder / "zzz.yaml").write_text("id: broken\npages: [\n")
    with pytest.raises(CommandError, match=r"zzz.yaml:\d+: not valid YAML"):
        load(folder)
    assert not QuestionnaireVersion.objects.exists()
