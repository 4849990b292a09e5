"""Browser tests: Playwright drives Debian's chromium (no browser download) against the live
test server; axe-core comes from npm (a dev dependency)."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from django.conf import settings
from django.core.cache import cache
from playwright.sync_api import Page
from pytest_django.live_server_helper import LiveServer

from conftest import PASSWORD, Personas, build_personas, totp_code

CHROMIUM = "/usr/bin/chromium"
AXE = Path(settings.BASE_DIR) / "node_modules" / "axe-core" / "axe.min.js"
WCAG_22_AA = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    for item in items:
        if "tests/browser/" in str(item.path).replace("\\", "/"):
            item.add_marker(pytest.mark.browser)


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args: dict[str, Any]) -> dict[str, Any]:
    return {
        **browser_type_launch_args,
        "executable_path": CHROMIUM,
        "args": [
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--disable-quic",
            "--no-first-run",
        ],
    }


@pytest.fixture(scope="session")
def browser_context_args(browser_context_args: dict[str, Any]) -> dict[str, Any]:
    # axe-core is injected as an inline script, which our own CSP would rightly refuse.
    return {**browser_context_args, "bypass_csp": True, "locale": "en-GB"}


@pytest.fixture(autouse=True)
def _close_browser_first(transactional_db: None, page: Page) -> Iterator[None]:
    """Close the browser's connections while the test database still exists: the live server
    closes its database connection when the browser hangs up."""
    yield
    page.wait_for_load_state("networkidle")
    for context in page.context.browser.contexts if page.context.browser else []:
        context.close()


@pytest.fixture
def live_personas(transactional_db: None) -> Personas:
    cache.clear()  # one-time-code replay markers live in the database cache, outside the flush
    return build_personas()


def sign_in(page: Page, live_server: LiveServer, email: str) -> None:
    page.goto(f"{live_server.url}/accounts/login/")
    page.get_by_label("Email").fill(email)
    page.get_by_label("Password").fill(PASSWORD)
    page.locator("main").get_by_role("button", name="Sign In").click()
    page.get_by_label("Code").fill(totp_code())
    page.locator("main").get_by_role("button", name="Sign In").click()


def axe_violations(page: Page) -> list[dict[str, Any]]:
    page.add_script_tag(content=AXE.read_text(encoding="utf-8"))
    script = "async (tags) => (await axe.run(document, {runOnly: {type: 'tag', values: tags}}))"
    result = page.evaluate(script + ".violations", WCAG_22_AA)
    return list(result)


def describe(violations: list[dict[str, Any]]) -> str:
    return json.dumps(
        [{"id": v["id"], "nodes": [n["target"] for n in v["nodes"]]} for v in violations], indent=1
    )
