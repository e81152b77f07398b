"""A coordinator's day starts on the admin's dashboard: a new request, filed by a holder
and waiting to be qualified, is one click away (the "to qualify" count's link), then its
page. The coordinator files nothing: the demo's submitted request is the one found.

Every step leaves a screenshot under test-results/coordinator-day/.
"""

import re

from playwright.sync_api import expect

from .conftest import admin_sign_in, either

# The demo's request left as filed (demo/requests.py: no step applied).
SUBMITTED_TITLE = "Isoler une salle des fêtes communale"


def test_the_coordinator_finds_a_new_request_from_the_dashboard(site, new_context, screenshots):
    shot = screenshots("coordinator-day")
    page = new_context().new_page()
    admin_sign_in(page, "coordination")  # lands on the dashboard, /admin/

    panel = page.get_by_role("region", name=either("Guichet des demandes", "Request desk"))
    to_qualify = panel.get_by_role("link", name=either("À qualifier", "To qualify"))
    expect(to_qualify).to_be_visible()
    assert int(to_qualify.locator("strong").inner_text()) >= 1
    shot(page, "dashboard")

    to_qualify.click()
    expect(page).to_have_url(re.compile(r"/admin/requests/\?queue=to_qualify$"))
    new_request = page.get_by_role("link", name=SUBMITTED_TITLE)
    expect(new_request).to_be_visible()
    # Only requests waiting to be qualified: the routed demo requests are not listed.
    expect(page.get_by_role("link", name="Covoiturage pour une zone d'activités")).to_have_count(0)
    shot(page, "to-qualify")

    new_request.click()
    expect(page).to_have_url(re.compile(r"/admin/requests/inspect/\d+/$"))
    expect(page.get_by_role("heading", level=1)).to_contain_text(SUBMITTED_TITLE)
    shot(page, "the-new-request")
