"""Search that forgives, walked in a real browser: a typo typed in the header's box
("enrgie") is corrected from the index's own words and the page says so; an English word
("energy", one of the synonym groups load_content seeds) finds the French pages; axe
passes on the corrected page."""

import re

from playwright.sync_api import expect

from .test_search_statistics_journey import assert_accessible


def test_search_forgives(new_context, screenshots):
    shot = screenshots("search-forgives")
    visitor = new_context(bypass_csp=True).new_page()  # for axe's script only
    visitor.goto("/")
    box = visitor.get_by_role("searchbox", name="Rechercher dans la base de connaissances")
    box.fill("enrgie")
    box.press("Enter")
    expect(visitor).to_have_url(re.compile(r"/recherche/\?q=enrgie"))
    # One live region says both: what was not found, and what the results are for.
    said = visitor.locator(".search-status[role=status]")
    expect(said).to_contain_text(
        re.compile(r"Aucun résultat pour «\s*enrgie\s*»\s*: voici les résultats pour «\s*énergie")
    )
    expect(said).to_contain_text(re.compile(r"\d+ résultats? pour «\s*énergie\s*»"))
    results = visitor.locator("ol.search-results > li")
    expect(results.first).to_be_visible()
    expect(visitor.locator("ol.search-results mark").first).to_have_text(
        re.compile("énergie", re.IGNORECASE)
    )
    shot(visitor, "typo-corrected")
    assert_accessible(visitor)

    # An English word finds the French pages through its synonym group, said as found.
    visitor.goto("/recherche/?q=energy")
    expect(results.first).to_be_visible()
    expect(said).to_have_text(re.compile(r"^\s*\d+ résultats? pour «\s*energy\s*»"))
    expect(said).not_to_contain_text("Aucun résultat")
    shot(visitor, "synonym")
