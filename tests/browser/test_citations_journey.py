"""An answer that cites a guide, and is told when the guide changes, in French.

The ADEME expert answers a request they hold, citing a guide found with the search box
inside the answer form; the holder sees the guide under the answer. The editor changes
the guide in Wagtail's admin and publishes it through the editorial review; the holder
receives the alert by email and opens the comparison, which shows the words changed,
and passes axe.

The part's new texts may not be translated yet when this runs (the French is merged
apart): they are matched in French or in English.
"""

import re

from playwright.sync_api import expect

from .conftest import AXE_SCRIPT, admin_sign_in, either, public_sign_in

# A demo request routed to ADEME and claimed by its expert (demo/requests.py).
TITLE = "Stocker l'électricité de nos panneaux solaires"
HOLDER = "porteur@example.org"
# A guide of ADEME's section (demo/content.py).
GUIDE = "Réduire la consommation d'énergie d'un site industriel"
NEW_WORDS = "et les plateformes logistiques"
BLOCKING = {"serious", "critical"}


def test_an_answer_cites_a_guide_and_the_holder_is_told_when_it_changes(
    site, new_context, screenshots
):
    shot = screenshots("citations")

    # The expert answers, citing the guide found from the answer form.
    expert = new_context().new_page()
    admin_sign_in(expert, "expert-ademe")
    expert.goto("/admin/requests/")
    expert.get_by_role("link", name=TITLE).click()
    send_answer = either("Envoyer la réponse", "Send the answer")
    form = expert.locator("form", has=expert.get_by_role("button", name=send_answer))
    search = form.get_by_label(
        either(
            "Trouver une page à citer (mode d’emploi, question traitée)",
            "Find a guide or a Q&A page to cite",
        )
    )
    search.press_sequentially("consommation industriel", delay=30)
    cite = form.get_by_role("button", name=re.compile(r"(Citer|Cite).*site industriel"))
    expect(cite).to_be_visible()
    shot(expert, "search-in-the-form")
    # Keyboard: from the search box down to the result, Enter cites it.
    search.press("ArrowDown")
    expect(cite).to_be_focused()
    expert.keyboard.press("Enter")
    cited = form.get_by_role("checkbox", name=GUIDE)
    expect(cited).to_be_checked()
    expect(search).to_be_focused()
    form.locator("textarea[name='answer-comment']").fill(
        "Une batterie collective se conçoit après un diagnostic : voyez le guide cité."
    )
    shot(expert, "answer-citing")
    form.get_by_role("button", name=send_answer).click()
    expect(expert).to_have_url(re.compile(r"/admin/requests/inspect/\d+/$"))
    expect(expert.get_by_role("link", name=GUIDE).first).to_be_visible()
    shot(expert, "answered")

    # The holder reads the answer and the guide it relies on.
    holder_context = new_context(bypass_csp=True)  # axe is injected below
    holder = holder_context.new_page()
    public_sign_in(holder, HOLDER)
    holder.wait_for_url(re.compile(r"/demandes/$"))
    holder.get_by_role("link", name=TITLE).click()
    answer = holder.locator("section.answer")
    expect(answer.get_by_role("link", name=GUIDE)).to_be_visible()
    shot(holder, "answer-with-its-guide")

    # The editor changes the guide and publishes it through the editorial review.
    editor = new_context().new_page()
    admin_sign_in(editor, "editeur")
    # The guide's number from the suggestions API (what the expert's search box reads).
    found = editor.request.get("/api/v1/search/suggest?q=consommation%20industriel").json()
    guide_id = next(item["id"] for item in found if item["title"] == GUIDE)
    editor.goto(f"/admin/pages/{guide_id}/edit/")
    page_form = editor.locator("form#page-edit-form")
    audience = page_form.get_by_role("textbox", name="Public concerné")
    audience.fill(f"Entreprises industrielles {NEW_WORDS} et zones d'activités.")
    shot(editor, "guide-changed")
    editor.get_by_role("button", name="Plus d'actions").click()
    editor.get_by_role("button", name=re.compile(r"Soumettre à Relecture éditoriale")).click()
    expect(editor.get_by_text(re.compile("soumise pour modération|soumis"))).to_be_visible()
    editor.goto("/admin/")
    awaiting = editor.get_by_role("region", name="En attente de votre vérification")
    row = awaiting.get_by_role("row").filter(has=editor.get_by_role("link", name=GUIDE))
    row.get_by_role("button", name="Actions").click()
    row.get_by_role("button", name="Approuver", exact=True).click()
    expect(awaiting.get_by_role("link", name=GUIDE)).to_have_count(0)
    shot(editor, "guide-published")

    # The holder is told by email and opens the comparison. The worker may still be
    # working through the demo's backlog (search and reference indexing of every page,
    # the demo requests' emails) when this walk is run first: it waits for it.
    link = site.wait_for_link(
        HOLDER, r"https?://[^\s]+/demandes/[0-9a-f-]{36}/sources/\d+/", timeout=300
    )
    holder.goto(link)
    expect(holder.get_by_role("heading", level=1)).to_contain_text(GUIDE)
    added = holder.locator("main ins", has_text="plateformes")
    expect(added.first).to_be_visible()
    shot(holder, "what-changed")

    holder.add_script_tag(path=AXE_SCRIPT)
    results = holder.evaluate("() => axe.run(document, {resultTypes: ['violations']})")
    blocking = [v for v in results["violations"] if v["impact"] in BLOCKING]
    assert not blocking, [(v["id"], v["help"]) for v in blocking]

    # The request's timeline shows the alert, with the same comparison.
    holder.get_by_role("link", name=either("Retour à la demande", "Back to the request")).click()
    expect(
        holder.get_by_role("link", name=either("Voir ce qui a changé", "See what changed"))
    ).to_be_visible()

    # The expert was told too.
    site.wait_for_link(
        "expert-ademe@example.org",
        r"https?://[^\s]+/(?:admin/pages/\d+/revisions/compare|demandes/[0-9a-f-]{36}/sources)/",
        timeout=120,
    )
