"""Small screens: pages reflow at 320 px without horizontal scrolling (RGAA 10.11), and the
main menu folds under a "Menu" button that works with the keyboard (static/js/menu.js).

The Content-Security-Policy stays on in these contexts: the menu's script is the site's own
file, and any violation fails the test (`new_context`).
"""

import re

import pytest
from playwright.sync_api import expect

from .conftest import public_sign_in

NARROW = {"width": 320, "height": 800}
WIDE = {"width": 1280, "height": 900}

PAGES = {
    "home": (None, "/"),
    "search": (None, "/recherche/?q=énergie"),
    "request-form": ("porteur@example.org", "/demandes/nouvelle/"),
    "my-requests": ("porteur@example.org", "/demandes/"),
}


def narrow_page(new_context, account=None):
    page = new_context().new_page()
    page.set_viewport_size(NARROW)
    if account:
        public_sign_in(page, account)
        page.wait_for_url(re.compile(r"/demandes/$"))
    return page


@pytest.mark.parametrize("name", PAGES)
def test_no_horizontal_scroll_at_320_px(name, new_context, screenshots):
    account, path = PAGES[name]
    page = narrow_page(new_context, account)
    page.goto(path)
    screenshots(f"small-screens/{name}")(page, "320px")
    widths = page.evaluate(
        "() => ({page: document.documentElement.scrollWidth, window: window.innerWidth})"
    )
    assert widths["page"] <= widths["window"], f"{path} scrolls sideways at 320 px: {widths}"


def test_my_requests_shows_each_status_on_screen(new_context):
    page = narrow_page(new_context, "porteur@example.org")
    page.goto("/demandes/")
    status = page.locator("td[data-label='Statut']").first
    expect(status).to_be_visible()
    box = status.bounding_box()
    assert box["x"] >= 0 and box["x"] + box["width"] <= NARROW["width"]


def test_the_menu_button_opens_and_closes_the_menu_by_keyboard(new_context):
    page = narrow_page(new_context)
    page.goto("/")
    menu = page.get_by_role("navigation", name="Menu principal")
    toggle = menu.get_by_role("button", name="Menu")
    first_link = menu.get_by_role("link").first

    # Folded at first: the first screen is the page, not nine links.
    expect(toggle).to_have_attribute("aria-expanded", "false")
    expect(first_link).to_be_hidden()

    toggle.focus()
    page.keyboard.press("Enter")
    expect(toggle).to_have_attribute("aria-expanded", "true")
    expect(first_link).to_be_visible()
    page.keyboard.press("Tab")
    expect(first_link).to_be_focused()

    # Escape folds it again and gives the focus back to the button.
    page.keyboard.press("Escape")
    expect(toggle).to_have_attribute("aria-expanded", "false")
    expect(first_link).to_be_hidden()
    expect(toggle).to_be_focused()

    page.keyboard.press("Space")
    expect(toggle).to_have_attribute("aria-expanded", "true")
    expect(first_link).to_be_visible()


def test_wide_screens_show_the_whole_menu_without_the_button(new_context):
    page = new_context().new_page()
    page.set_viewport_size(WIDE)
    page.goto("/")
    menu = page.get_by_role("navigation", name="Menu principal")
    expect(menu.get_by_role("button", name="Menu")).to_be_hidden()
    expect(menu.get_by_role("link").first).to_be_visible()
