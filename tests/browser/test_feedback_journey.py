"""Was it helpful? In a real browser, in French, with no JavaScript needed:

1. An anonymous visitor answers "no" with a comment under a guide, and is thanked.
2. The holder of an answered request accepts the answer and rates it 4 out of 5.

axe checks the pages on the way (the guide with its form, the form sent back with an
error, the thanks page offering a comment, the request page with the rating), in contexts
of their own that bypass the Content-Security-Policy to inject it, as
test_accessibility.py does; the journeys themselves keep the policy.
"""

import re

from playwright.sync_api import expect

from .conftest import AXE_SCRIPT, either, public_sign_in
from .test_accessibility import BLOCKING, a_guide_path, describe

# The demo's answered request (demo/requests.py), filed by the demo holder.
ANSWERED_TITLE = "Diagnostic énergétique d'une PME agroalimentaire"
HOLDER = "porteur@example.org"


def assert_accessible(page):
    page.add_script_tag(path=AXE_SCRIPT)
    results = page.evaluate("() => axe.run(document, {resultTypes: ['violations']})")
    assert results["passes"], "axe checked nothing"
    blocking = [v for v in results["violations"] if v["impact"] in BLOCKING]
    assert not blocking, f"axe on {page.url}:\n{describe(blocking)}"


def vote_section(page):
    return page.get_by_role("region", name=either("Votre avis", "Your opinion", start=True))


SEND_OPINION = either("Envoyer mon avis", "Send my opinion", start=True)
THANKS = either("Merci pour votre avis", "Thank you for your opinion", start=True)


def test_an_anonymous_visitor_says_a_guide_did_not_help(new_context, screenshots):
    shot = screenshots("feedback-vote")
    page = new_context().new_page()
    path = a_guide_path(page.context)
    page.goto(path)
    vote = vote_section(page)
    vote.scroll_into_view_if_needed()
    vote.get_by_label(re.compile(r"^(Non|No)$")).check()
    vote.get_by_label(either("Qu’est-ce qui manquait", "What was missing", start=True)).fill(
        "Il manque un exemple chiffré pour une commune de 2 000 habitants."
    )
    shot(page, "guide-vote")
    vote.get_by_role("button", name=SEND_OPINION).click()

    expect(page).to_have_url(re.compile(r"/avis/\d+/merci/$"))
    expect(page.get_by_role("heading", level=1)).to_have_text(THANKS)
    # A vote with its comment is not offered another one; the way back is.
    expect(
        page.get_by_role(
            "button", name=either("Envoyer mon commentaire", "Send my comment", start=True)
        )
    ).to_have_count(0)
    shot(page, "thanks")
    page.locator("main").get_by_role("link", name=re.compile("^(Retour|Back)")).click()
    expect(page).to_have_url(re.compile(re.escape(path) + "$"))


def test_the_vote_s_pages_are_accessible(browser, site, screenshots):
    shot = screenshots("feedback-accessibility")
    # A context of its own, not `new_context`'s: the form sent back with its error
    # answers 400, which Chromium logs as a console error that context would fail on.
    context = browser.new_context(base_url=site.url, locale="fr-FR", bypass_csp=True)
    page = context.new_page()
    page.goto(a_guide_path(page.context))
    assert_accessible(page)

    # Sent without a choice: the form again, with its error, what was typed kept.
    vote = vote_section(page)
    vote.get_by_label(either("Qu’est-ce qui manquait", "What was missing", start=True)).fill(
        "Texte gardé"
    )
    vote.get_by_role("button", name=SEND_OPINION).click()
    expect(page.locator(".error-summary")).to_be_visible()
    expect(
        page.get_by_label(either("Qu’est-ce qui manquait", "What was missing", start=True))
    ).to_have_value("Texte gardé")
    shot(page, "vote-error")
    assert_accessible(page)

    # A "yes" without a comment: the thanks page offers to write one.
    page.get_by_label(re.compile(r"^(Oui|Yes)$")).check()
    page.get_by_label(either("Qu’est-ce qui manquait", "What was missing", start=True)).fill("")
    page.get_by_role("button", name=SEND_OPINION).click()
    expect(page.get_by_role("heading", level=1)).to_have_text(THANKS)
    comment = page.get_by_label(either("Votre commentaire", "Your comment", start=True))
    expect(comment).to_be_visible()
    shot(page, "thanks-offering-a-comment")
    assert_accessible(page)
    comment.fill("Très utile pour notre dossier.")
    page.get_by_role(
        "button", name=either("Envoyer mon commentaire", "Send my comment", start=True)
    ).click()
    expect(
        page.get_by_text(
            either(
                "Votre commentaire a bien été reçu", "Your comment has been received", start=True
            )
        )
    ).to_be_visible()
    context.close()


def open_answered_request(page):
    public_sign_in(page, HOLDER)
    page.wait_for_url(re.compile(r"/demandes/$"))
    page.get_by_role("link", name=ANSWERED_TITLE).first.click()
    return page.locator("#accept")


def test_the_holder_accepts_the_answer_with_four_stars(new_context, screenshots):
    shot = screenshots("feedback-rating")
    # axe first, on the request page with its rating, before the answer is accepted.
    checked = new_context(bypass_csp=True).new_page()
    open_answered_request(checked)
    assert_accessible(checked)

    page = new_context().new_page()
    accept = open_answered_request(page)
    rating = accept.get_by_role("group", name=either("Cette réponse", "How useful", start=True))
    expect(rating).to_be_visible()
    rating.get_by_label("4", exact=True).check()
    accept.get_by_label(either("Un mot de remerciement", "A word of thanks", start=True)).fill(
        "Merci, le diagnostic est lancé."
    )
    shot(page, "rating")
    accept.get_by_role(
        "button", name=either("Accepter la réponse", "Accept the answer", start=True)
    ).click()

    expect(page.get_by_role("status")).to_contain_text(
        # The catalogue's French puts a narrow no-break space before the colon.
        re.compile("la réponse est marquée comme acceptée|the answer is marked as accepted")
    )
    expect(page.locator("#accept")).to_have_count(0)
    shot(page, "accepted")
