"""A holder corrects a request, then withdraws it, walked in a real browser.

The holder files a question, opens "Edit the request", empties the title by mistake and
saves: the form comes back (400) with its error summary and the field marked invalid, and
keeps what was typed in the other fields. Corrected, it saves; the page says so and shows
the new title. Then "Withdraw the request", with a reason: the request is closed and the
links to edit or withdraw are gone. Axe passes on the form sent back with its error."""

import re

from playwright.sync_api import expect

from .conftest import choose_project, public_sign_in
from .test_search_statistics_journey import assert_accessible

TITLE = "Raccorder une chaufferie bois au réseau de chaleur communal"
CORRECTED = "Raccorder une chaufferie biomasse au réseau de chaleur communal"
QUESTION = "Quelles démarches pour raccorder une chaufferie bois au réseau existant ?"
ADDED = " Le réseau appartient à la commune voisine."


def test_holder_edits_then_withdraws(new_context, screenshots):
    shot = screenshots("holder-edit-withdraw")
    holder = new_context(bypass_csp=True).new_page()  # for axe's script only
    public_sign_in(holder, "porteur@example.org")
    holder.wait_for_url(re.compile(r"/demandes/$"))
    holder.goto("/demandes/nouvelle/")
    holder.get_by_role("textbox", name="Titre (obligatoire)").fill(TITLE)
    holder.get_by_role("textbox", name="Question (obligatoire)").fill(QUESTION)
    choose_project(holder)
    holder.get_by_role("button", name="Envoyer ma question").click()
    expect(holder.get_by_role("heading", level=1, name=TITLE)).to_be_visible()
    detail_url = holder.url

    # Edit: the title emptied by mistake, the question completed.
    holder.get_by_role("link", name="Modifier la demande").click()
    title = holder.get_by_role("textbox", name="Titre (obligatoire)")
    question = holder.get_by_role("textbox", name="Question (obligatoire)")
    expect(title).to_have_value(TITLE)
    title.fill("")
    question.fill(QUESTION + ADDED)
    holder.get_by_role("button", name="Enregistrer les modifications").click()

    # Sent back: the summary says what is wrong, the field says it too, nothing typed is lost.
    summary = holder.get_by_role("alert")
    expect(summary).to_contain_text("Le formulaire contient une erreur")
    expect(summary).to_contain_text("Titre : Champ requis.")
    expect(holder).to_have_title(re.compile(r"^Erreur"))
    expect(title).to_have_attribute("aria-invalid", "true")
    expect(question).to_have_value(QUESTION + ADDED)
    assert_accessible(holder)
    shot(holder, "edit-sent-back")
    # The summary's link leads to the field.
    summary.get_by_role("link").first.click()
    expect(title).to_be_focused()
    title.fill(CORRECTED)
    holder.get_by_role("button", name="Enregistrer les modifications").click()

    expect(holder).to_have_url(detail_url)
    expect(holder.get_by_role("heading", level=1, name=CORRECTED)).to_be_visible()
    expect(holder.locator("main")).to_contain_text("Votre demande a été mise à jour.")
    expect(holder.locator("main")).to_contain_text(ADDED.strip())
    shot(holder, "edited")

    # Withdraw, with a reason: closed, and nothing more to edit or withdraw.
    holder.get_by_role("link", name="Retirer la demande").click()
    expect(holder.get_by_role("heading", level=1, name="Retirer la demande ?")).to_be_visible()
    holder.get_by_role("textbox", name="Pourquoi la retirez-vous ? (facultatif)").fill(
        "Le projet est reporté à l’an prochain."
    )
    shot(holder, "withdraw")
    holder.get_by_role("button", name="Oui, retirer la demande").click()
    expect(holder).to_have_url(detail_url)
    expect(holder.locator("main")).to_contain_text("Votre demande a été retirée. Elle est close.")
    expect(holder.get_by_role("link", name="Modifier la demande")).to_have_count(0)
    expect(holder.get_by_role("link", name="Retirer la demande")).to_have_count(0)
    shot(holder, "withdrawn")
