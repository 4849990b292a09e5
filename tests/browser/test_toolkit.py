"""The toolkit in a browser: glossary definitions in place, search, and accessibility."""

import pytest
from playwright.sync_api import Page, expect
from pytest_django.live_server_helper import LiveServer

from rai_toolkit.knowledge.models import Edition
from rai_toolkit.knowledge.testing import published_toolkit
from tests.browser.conftest import axe_violations, describe

PRINCIPLE = "/toolkit/principle/fairness/equality-and-non-discrimination/"


@pytest.fixture
def toolkit(transactional_db: None) -> Edition:
    return published_toolkit()


def test_a_glossary_term_explains_itself_on_focus(
    page: Page, live_server: LiveServer, toolkit: Edition
) -> None:
    page.goto(f"{live_server.url}{PRINCIPLE}")
    term = page.locator("a.glossary-term").first
    term.focus()
    expect(page.get_by_role("tooltip")).to_contain_text("wrongly says two different people")


def test_search_from_any_toolkit_page(
    page: Page, live_server: LiveServer, toolkit: Edition
) -> None:
    page.goto(f"{live_server.url}/toolkit/")
    page.get_by_role("searchbox", name="Search the toolkit").fill("watchlist")
    page.get_by_role("button", name="Search", exact=True).click()
    expect(page.locator("main mark").first).to_have_text("watchlist")
    page.get_by_role("link", name="Live facial recognition").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Live facial recognition")


@pytest.mark.parametrize("language", ["en", "ar"])
@pytest.mark.parametrize(
    "path", ["/toolkit/", PRINCIPLE, "/toolkit/glossary/", "/toolkit/use-cases/"]
)
def test_toolkit_pages_have_no_violations(
    page: Page, live_server: LiveServer, toolkit: Edition, language: str, path: str
) -> None:
    page.context.add_cookies([{"name": "rai_language", "value": language, "url": live_server.url}])
    page.goto(f"{live_server.url}{path}")
    violations = axe_violations(page)
    assert not violations, describe(violations)
