from django.utils import translation
from playwright.sync_api import Page, expect
from pytest_django.live_server_helper import LiveServer

from conftest import Personas
from tests.browser.conftest import sign_in


def test_switching_to_arabic_renders_right_to_left(
    page: Page, live_server: LiveServer, live_personas: Personas
) -> None:
    sign_in(page, live_server, live_personas.a_admin.email)
    page.get_by_label("Language").select_option("ar")
    page.get_by_role("button", name="Change language").click()
    html = page.locator("html")
    expect(html).to_have_attribute("dir", "rtl")
    expect(html).to_have_attribute("lang", "ar")
    expect(page.locator("link[href$='bootstrap.rtl.min.css']")).to_have_count(1)
    with translation.override("ar"):
        members = translation.gettext("Members")
    assert members != "Members"
    expect(page.locator("main")).to_contain_text(members)
    # The layout really flows right to left: the brand sits at the right edge.
    brand = page.locator(".navbar-brand").bounding_box()
    assert brand is not None and brand["x"] > page.viewport_size["width"] / 2  # type: ignore[index]
