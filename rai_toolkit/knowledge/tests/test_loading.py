import io
import shutil
from pathlib import Path

from django.core.management import call_command

from rai_toolkit.audit.models import Action, AuditEntry
from rai_toolkit.knowledge.models import Edition, Item, Link, Translation
from rai_toolkit.knowledge.testing import FIXTURE, current_edition


def load(root: Path, *extra: str) -> str:
    out = io.StringIO()
    call_command("load_toolkit", "--dir", str(root), *extra, stdout=out)
    return out.getvalue()


def test_first_load_publishes_and_a_second_changes_nothing(db: None) -> None:
    assert "published" in load(FIXTURE)
    edition = Edition.objects.get()
    assert edition.status == Edition.Status.PUBLISHED
    assert Item.objects.count() == 13 and Translation.objects.count() == 2
    assert Link.objects.filter(key="meets").count() == 1
    assert "already holds" in load(FIXTURE)
    assert Edition.objects.count() == 1
    assert AuditEntry.objects.filter(action=Action.TOOLKIT_PUBLISHED).count() == 1


def test_changed_files_become_a_draft_for_review(db: None, tmp_path: Path) -> None:
    load(FIXTURE)
    root = tmp_path / "content"
    shutil.copytree(FIXTURE, root)
    stage = root / "stage/deploy.md"
    stage.write_text(
        stage.read_text().replace("The system goes live.", "The system goes live, in steps.")
    )
    assert "draft" in load(root)
    assert "already holds" in load(root)  # the same draft, not another one
    draft = Edition.objects.get(status=Edition.Status.DRAFT)
    assert draft.based_on == current_edition()
    assert "published" in load(root, "--publish")
    assert current_edition().items.get(item_id="stage/deploy").body.endswith("in steps.\n")
    assert Edition.objects.filter(status=Edition.Status.SUPERSEDED).count() == 1


def test_check_only_reports(db: None) -> None:
    assert "OK: 13 items, 2 translations." in load(FIXTURE, "--check")
    assert not Edition.objects.exists()
