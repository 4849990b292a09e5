"""The readiness report on the platform's own questionnaire: the radar chart with its table,
the recommendations and every question with its answer, in each language."""

from __future__ import annotations

import io
import shutil
import subprocess
from pathlib import Path

import pytest
from django.core.management import call_command
from django.utils import translation

from rai_toolkit.assessments.models import Assessment
from rai_toolkit.reports.rendering import render_html, render_pdf
from rai_toolkit.reports.sources import source_for, within

pytestmark = pytest.mark.django_db


@pytest.fixture
def finalised() -> Assessment:
    for command in ("load_toolkit", "load_questionnaires"):
        call_command(
            command, *(["--publish"] if command == "load_toolkit" else []), stdout=io.StringIO()
        )
    call_command("seed_demo", stdout=io.StringIO())
    found = Assessment.objects.finalised().select_related("agency").first()
    assert found is not None
    return found


@pytest.mark.skipif(shutil.which("pdftotext") is None, reason="needs poppler")
@pytest.mark.parametrize(
    "language, words",
    [("en", ["By dimension", "Questions and answers", "Page 1 of"]), ("ar", ["2025"])],
)
def test_the_readiness_report_has_its_radar_scores_and_answers(
    finalised: Assessment, tmp_path: Path, language: str, words: list[str]
) -> None:
    with translation.override(language):
        source = source_for(within(finalised.agency), "readiness", finalised.pk, finalised.agency)
    html = render_html(source, language, None)
    assert 'class="radar-chart"' in html and 'role="img"' in html
    assert 'fill-opacity="0.2"' in html  # styled by attributes: the PDF ignores CSS inside SVG
    path = tmp_path / "readiness.pdf"
    path.write_bytes(render_pdf(source, language, None))
    text = subprocess.run(
        ["pdftotext", "-layout", str(path), "-"], capture_output=True, text=True, check=True
    ).stdout
    for word in [*words, "Readiness 2025", "INTERNAL"]:
        assert word in text, (language, word)
