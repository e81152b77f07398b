"""An expert's day on the desk, in French: the i-Trans expert hands a request routed to
their body over to ADEME, and lands on their queue (not a 404: the request has left their
sight) with a message that says to whom it went.

The step's new texts may not be translated yet when this runs (the French is merged
apart): the button and the message are matched in French or in English.
"""

import re

from playwright.sync_api import expect

from .conftest import admin_sign_in

# A demo request routed to i-Trans by the routing rules (demo/requests.py).
TITLE = "Covoiturage pour une zone d'activités"
HANDED_OVER = re.compile(
    r"(Transmise à ADEME\. La demande a quitté votre file d’attente\."
    r"|Handed over to ADEME\. The request has left your queue\.)"
)


def test_an_expert_hands_a_request_over_and_lands_on_their_queue(site, new_context, screenshots):
    shot = screenshots("expert-hand-over")
    expert = new_context().new_page()
    admin_sign_in(expert, "expert-itrans")
    expert.goto("/admin/requests/")
    expert.get_by_role("link", name=TITLE).click()
    request_url = expert.url
    shot(expert, "request")

    expert.locator("summary", has_text="Transmettre à un autre organisme").click()
    form = expert.locator("form", has=expert.get_by_label("Transmettre à"))
    choices = form.get_by_label("Transmettre à").locator("option").all_inner_texts()
    assert "i-Trans" not in choices and "ADEME" in choices  # not their own body
    form.get_by_label("Transmettre à").select_option(label="ADEME")
    form.get_by_label("Motif").fill("Le covoiturage des salariés relève du plan de sobriété.")
    shot(expert, "hand-over")
    form.get_by_role("button", name=re.compile(r"^(Transmettre|Hand over)$")).click()

    expect(expert).to_have_url(re.compile(r"/admin/requests/$"))
    expect(expert.get_by_text(HANDED_OVER)).to_be_visible()
    expect(
        expert.get_by_role("heading", name=re.compile("Demandes|Requests")).first
    ).to_be_visible()
    shot(expert, "landed")
    assert expert.get_by_role("link", name=TITLE).count() == 0  # gone from their queue

    # The request's page is indeed no longer theirs (the 404 the old redirect landed on;
    # asked without opening it, which the page's error watch would count).
    assert expert.request.get(request_url).status == 404
