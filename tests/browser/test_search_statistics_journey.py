"""What search and suggestions achieve, walked in a real browser.

A visitor searches and opens the second result: the click is counted at rank 2. A holder
on the request form sees suggestions, opens one (in a new tab: the form keeps what was
typed), comes back and files anyway: "shown", "opened" and "filed" are counted. An editor
opens the reports: the click-through by query and the deflection by month, each a chart
with its table of the same figures; axe passes on the public pages walked.

The counts are read from the admin reports, which write the server's buffer first
(search/statistics.py), so nothing here waits for the 30-second flush.
"""

import re

from playwright.sync_api import expect

from .conftest import AXE_SCRIPT, admin_sign_in, public_sign_in
from .test_accessibility import BLOCKING, describe

QUERY = "énergie"
TITLE = "Financer une installation photovoltaïque sur la salle des fêtes"


def assert_accessible(page):
    page.add_script_tag(path=AXE_SCRIPT)
    results = page.evaluate("() => axe.run(document, {resultTypes: ['violations']})")
    blocking = [v for v in results["violations"] if v["impact"] in BLOCKING]
    assert not blocking, f"axe on {page.url}:\n{describe(blocking)}"


def cells(table, query):
    row = table.locator("tr", has=table.page.locator("th", has_text=query))
    return [text.strip() for text in row.locator("td").all_inner_texts()]


def test_search_statistics_journey(new_context, screenshots):
    shot = screenshots("search-statistics")

    # A visitor searches and opens the second result.
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
    projects = holder.locator('input[name="project"]')  # radios: a new one, then theirs
    if projects.count() > 1:  # the holder's first project: it says the rest
        projects.nth(1).check()
    else:
        holder.get_by_role("textbox", name="Description du projet (obligatoire)").fill(
            "Commune de 2 000 habitants ; toiture de 400 m² bien orientée."
        )
        holder.get_by_role("checkbox", name="Sobriété énergétique responsable").check()
        holder.get_by_role("combobox", name="Territoire (obligatoire)").select_option(
            label="Artois"
        )
        holder.get_by_role("combobox", name="Stade du projet (obligatoire)").select_option(
            label="Conception"
        )
    holder.get_by_role("button", name="Envoyer ma question").click()
    expect(holder.get_by_role("heading", level=1, name=TITLE)).to_be_visible()

    # An editor reads the reports: chart and table of the same figures.
    editor = new_context().new_page()
    admin_sign_in(editor, "editeur")
    editor.goto("/admin/reports/search-click-through/")
    table = editor.locator("#click-through-table")
    expect(table).to_be_visible()
    # Searches, mean results, results opened, rate, mean rank opened.
    line = cells(table, QUERY)
    # Other journeys on the same server may have searched the same words before this one:
    # the searches are at least this one, and the rate is the one opening over them.
    searches = int(line[0])
    assert searches >= 1 and line[2] == "1" and line[4] == "2,0", line
    assert line[3] == f"{round(100 / searches)} %", line
    expect(editor.locator("#clicks-by-rank-chart")).to_be_visible()
    expect(editor.locator("#clicks-by-rank-table")).to_contain_text("2")
    shot(editor, "click-through")

    editor.goto("/admin/reports/request-form-suggestions/")
    chart = editor.locator("#deflection-per-month-chart")
    expect(chart).to_be_visible()
    assert chart.get_attribute("role") == "img"
    months = editor.locator("#deflection-table tbody tr")
    expect(months).to_have_count(1)
    shown, opened_count, filed, left, rate = [
        text.strip() for text in months.first.locator("td").all_inner_texts()
    ]
    assert (shown, opened_count, filed, left, rate) == ("1", "1", "1", "0", "0 %")
    drawn = chart.locator("text[data-value]").all_text_contents()  # SVG: no innerText
    listed = editor.locator("#deflection-per-month-table td").all_inner_texts()
    assert drawn == listed == ["0 %"]
    shot(editor, "deflection")

    # The public search page, with its beacon, passes axe too.
    checked = new_context(bypass_csp=True).new_page()
    checked.goto(f"/recherche/?q={QUERY}")
    assert_accessible(checked)
