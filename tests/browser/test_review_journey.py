"""Review dates in a real browser: ADEME's expert opens "Content to review", finds the
demo's overdue guide first, marks it reviewed without changes after confirming, and the
public guide says when it was last reviewed."""

import re

from playwright.sync_api import expect

from .conftest import admin_sign_in, either

OVERDUE_TITLE = "Préparer son dossier pour la conférence des financeurs"
OVERDUE_PATH_END = "/dossier-conference-des-financeurs/"


def test_an_expert_marks_an_overdue_guide_reviewed(new_context, screenshots):
    shot = screenshots("review-dates")
    page = new_context().new_page()
    admin_sign_in(page, "expert-ademe")

    page.goto("/admin/reports/content-to-review/")
    expect(page.get_by_role("heading", level=1)).to_have_text(
        either("Contenus à relire", "Content to review")
    )
    rows = page.locator("table tbody tr")
    expect(rows.first).to_contain_text(OVERDUE_TITLE)  # overdue first
    expect(rows.first).to_contain_text(either("En retard", "Overdue"))
    shot(page, "report")

    rows.first.get_by_role("link", name=either("Marquer comme relu", "Mark reviewed")).click()
    expect(page.locator("main")).to_contain_text(OVERDUE_TITLE)
    shot(page, "confirm")
    page.locator("main").get_by_role(
        "button", name=either("Marquer comme relu", "Mark reviewed")
    ).click()

    expect(page).to_have_url(re.compile(r"/admin/reports/content-to-review/"))
    expect(page.locator(".messages")).to_contain_text(OVERDUE_TITLE)
    overdue_row = page.locator("table tbody tr", has_text=OVERDUE_TITLE)
    expect(overdue_row).not_to_contain_text(either("En retard", "Overdue"))
    shot(page, "reviewed")

    # The edit view's history has the entry; the public page shows the date.
    overdue_row.get_by_role("link", name=OVERDUE_TITLE, exact=True).click()
    expect(page).to_have_url(re.compile(r"/admin/pages/\d+/edit/$"))
    page_id = re.search(r"/admin/pages/(\d+)/edit/", page.url).group(1)
    page.goto(f"/admin/pages/{page_id}/history/")
    expect(page.locator("main")).to_contain_text(
        either("Marqué comme relu sans modification", "Marked reviewed without changes")
    )

    public = new_context().new_page()
    public.goto("/modes-d-emploi/")
    public.locator(f"a[href$='{OVERDUE_PATH_END}']").first.click()
    expect(public.locator("main")).to_contain_text(
        either("Dernière relecture le", "Last reviewed on")
    )
    shot(public, "public-page")
