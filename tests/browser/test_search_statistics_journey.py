"""What search and suggestions achieve, walked in a real browser.

Three visitors search the same words (a query shows in the reports once searched three
times: search/query_privacy.py); the third opens the second result: the click is counted
at rank 2. A holder
on the request form sees suggestions, opens one (in a new tab: the form keeps what was
typed), comes back and files anyway: "shown", "opened" and "filed" are counted. An editor
opens the reports: the click-through by query and the deflection by month, each a chart
with its table of the same figures; axe passes on the public pages walked.

The counts are read from the admin reports, which write the server's buffer first
(search/statistics.py), so nothing here waits for the 30-second flush. Other journeys on the
same server search and file too, so the walk reads the reports before and after, and checks
what it added.
"""

import re

from playwright.sync_api import expect

from .conftest import AXE_SCRIPT, admin_sign_in, choose_project, public_sign_in
from .test_accessibility import BLOCKING, describe

QUERY = "énergie renouvelable"  # words no other journey searches
TITLE = "Financer une installation photovoltaïque sur la salle des fêtes"


def assert_accessible(page):
    page.add_script_tag(path=AXE_SCRIPT)
    results = page.evaluate("() => axe.run(document, {resultTypes: ['violations']})")
    blocking = [v for v in results["violations"] if v["impact"] in BLOCKING]
    assert not blocking, f"axe on {page.url}:\n{describe(blocking)}"


def cells(table, query):
    row = table.locator("tr", has=table.page.locator("th", has_text=query))
    return [text.strip() for text in row.locator("td").all_inner_texts()]


def click_through(editor):
    """Searches and results opened for QUERY so far: (0, 0) before any."""
    editor.goto("/admin/reports/search-click-through/")
    table = editor.locator("#click-through-table")
    if not table.count() or not table.locator("th", has_text=QUERY).count():
        return 0, 0
    line = cells(table, QUERY)
    return int(line[0]), int(line[2])


def this_month(editor):
    """The current month's deflection row (the table's last: months run oldest first)."""
    editor.goto("/admin/reports/request-form-suggestions/")
    rows = editor.locator("#deflection-table tbody tr")
    if not rows.count():
        return [0, 0, 0, 0], None
    texts = [text.strip() for text in rows.last.locator("td").all_inner_texts()]
    return [int(text) for text in texts[:4]], texts[4]


def test_search_statistics_journey(new_context, screenshots):
    shot = screenshots("search-statistics")
    editor = new_context().new_page()
    admin_sign_in(editor, "editeur")
    searches_before, opened_before = click_through(editor)
    month_before, _rate = this_month(editor)

    # Three visitors search the same words; the third opens the second result.
    for _ in range(2):
        new_context().new_page().goto(f"/recherche/?q={QUERY}")
    visitor = new_context().new_page()
    visitor.goto(f"/recherche/?q={QUERY}")
    results = visitor.locator("ol.search-results > li")
    expect(results.nth(1)).to_be_visible()
    shot(visitor, "search")
    second = results.nth(1).get_by_role("link").first
    target = second.get_attribute("href")
    second.click()
    expect(visitor).to_have_url(re.compile(re.escape(target) + "$"))

    # A holder: suggestions on the request form, one opened in a new tab, then filed.
    holder_context = new_context(bypass_csp=True)  # for axe's script only
    holder = holder_context.new_page()
    public_sign_in(holder, "porteur@example.org")
    holder.wait_for_url(re.compile(r"/demandes/$"))
    holder.goto("/demandes/nouvelle/")
    holder.get_by_role("textbox", name="Titre (obligatoire)").fill(TITLE)
    holder.get_by_role("textbox", name="Question (obligatoire)").press_sequentially(
        "Quelles aides pour des panneaux solaires et l'énergie renouvelable ?", delay=10
    )
    similar = holder.get_by_role("region", name="Déjà répondu ? Ces pages peuvent vous aider")
    suggestion = similar.get_by_role("link").first
    expect(suggestion).to_be_visible()
    expect(holder.locator("[data-suggestions-shown]")).to_have_value("1")
    assert suggestion.get_attribute("target") == "_blank"
    assert_accessible(holder)
    shot(holder, "suggestions")
    with holder_context.expect_page() as opened:
        suggestion.click()
    guide = opened.value
    guide.wait_for_load_state()
    assert guide.url != holder.url
    guide.close()
    # Back on the form: what was typed is still there.
    holder.bring_to_front()
    expect(holder.get_by_role("textbox", name="Titre (obligatoire)")).to_have_value(TITLE)
    expect(holder.locator("[data-suggestion-opened]")).to_have_value("1")
    choose_project(holder)
    holder.get_by_role("button", name="Envoyer ma question").click()
    expect(holder.get_by_role("heading", level=1, name=TITLE)).to_be_visible()

    # The editor reads the reports: chart and table of the same figures.
    searches, opened_results = click_through(editor)
    assert (searches - searches_before, opened_results - opened_before) == (3, 1)
    line = cells(editor.locator("#click-through-table"), QUERY)
    assert line[3] == f"{round(100 * opened_results / searches)} %", line
    if not opened_before:  # the only result opened for these words: the second
        assert line[4] == "2,0", line
    expect(editor.locator("#clicks-by-rank-chart")).to_be_visible()
    expect(editor.locator("#clicks-by-rank-table")).to_contain_text("2")
    shot(editor, "click-through")

    month, rate = this_month(editor)
    # Shown, opened, filed after them, left: this walk showed, opened, and filed.
    added = [after - before for after, before in zip(month, month_before, strict=True)]
    assert added == [1, 1, 1, 0], (month_before, month)
    shown, _opened, _filed, left = month
    assert rate == f"{round(100 * left / shown)} %", (month, rate)
    chart = editor.locator("#deflection-per-month-chart")
    expect(chart).to_be_visible()
    assert chart.get_attribute("role") == "img"
    drawn = chart.locator("text[data-value]").all_text_contents()  # SVG: no innerText
    listed = editor.locator("#deflection-per-month-table td").all_inner_texts()
    assert drawn == listed and listed[-1] == rate, (drawn, listed)
    shot(editor, "deflection")

    # The public search page, with its beacon, passes axe too.
    checked = new_context(bypass_csp=True).new_page()
    checked.goto(f"/recherche/?q={QUERY}")
    assert_accessible(checked)
