"""The guidance-gap queue in a real browser: the editor opens the backlog from the admin's
menu, reads the demo's group of requests on re-using building materials (its references,
no holder), starts a guide from it and lands in the draft's editor, in the cluster's
section, with the evidence in a comment.
"""

import re

from playwright.sync_api import expect

from .conftest import admin_sign_in, either


def test_an_editor_starts_a_guide_from_a_gap(new_context, screenshots):
    shot = screenshots("gaps")
    editor = new_context().new_page()
    admin_sign_in(editor, "editeur")
    editor.get_by_role(
        "link", name=either("Contenus manquants", "Guidance gaps", start=True)
    ).first.click()
    expect(editor).to_have_url(re.compile(r"/admin/guidance-gaps/$"))
    backlog = editor.get_by_role("table")
    item = backlog.get_by_role("link", name=re.compile("réemploi", re.IGNORECASE))
    expect(item).to_be_visible()
    expect(backlog.get_by_role("link", name="hydrogène vert")).to_be_visible()
    shot(editor, "backlog")

    item.click()
    evidence = editor.locator("main")
    expect(evidence.get_by_text(re.compile(r"^D-\d{4}-\d{5}$"))).to_have_count(3)
    expect(evidence).not_to_contain_text("Margaux")  # the demo holder's first name
    shot(editor, "item")

    editor.get_by_role(
        "button", name=either("Commencer un mode d’emploi", "Start a guide from this", start=True)
    ).click()
    expect(editor).to_have_url(re.compile(r"/admin/pages/\d+/edit/$"))
    form = editor.locator("form#page-edit-form")
    expect(form.get_by_role("textbox", name=re.compile("^Titre"))).to_have_value(
        re.compile("réemploi", re.IGNORECASE)
    )
    # The evidence is a comment on the draft, linking back to the item.
    assert re.search(r"/admin/guidance-gaps/\d+/", editor.content())
    shot(editor, "draft")

    editor.go_back()
    editor.reload()
    expect(
        editor.get_by_role(
            "button",
            name=either("Ouvrir le mode d’emploi commencé", "Open the guide started", start=True),
        )
    ).to_be_visible()
