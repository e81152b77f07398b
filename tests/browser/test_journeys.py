"""Whole journeys through the site in a real browser, as people walk them, in French.

1. The request desk: a project holder signs up and confirms their address by the emailed
   link, searches, sees suggestions, files a request with an attachment; the coordinator
   routes it to the body the routing rules propose; the body's expert finds it in their
   queue, takes it, asks the holder a question; the holder replies; the expert answers;
   the holder reads the answer.
2. The roadmap: an editor drafts an update and submits it to Commission 15; a reviewer
   approves it, which publishes it; it shows on the public roadmap and in its RSS feed.

Every step leaves a screenshot under test-results/<journey>/.
"""

import re
import xml.etree.ElementTree as ET
from urllib.parse import urlsplit

from playwright.sync_api import expect

from .conftest import admin_sign_in, either

HOLDER_EMAIL = "lea.fontaine@example.org"
HOLDER_PASSWORD = "Eolienne-Citoyenne-59"
TITLE = "Isoler les combles de notre salle des sports"
# The smallest file the upload check accepts as a PDF (it looks at the content).
PDF_BYTES = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def test_request_desk_journey(site, new_context, screenshots, tmp_path):
    holder_shot, expert_shot = screenshots("holder"), screenshots("expert")
    holder = new_context().new_page()

    # Sign up, then confirm the address with the link from the email.
    holder.goto("/")
    holder_shot(holder, "home")
    holder.get_by_role("link", name="Créer un compte").click()
    holder.get_by_role("textbox", name="E-mail (obligatoire)").fill(HOLDER_EMAIL)
    # Who they are (English labels until the French catalogue is merged).
    holder.get_by_label(re.compile(r"^(Prénom|First name)")).fill("Camille")
    holder.get_by_label(re.compile(r"^(Nom|Last name)\b")).fill("Porteur")
    holder.get_by_label(re.compile(r"^Organisation")).fill("Commune d’Arras")
    # get_by_label reads the label's whole text, "Mot de passe * (obligatoire)", asterisk
    # included (it is hidden from screen readers only): hence the pattern.
    holder.get_by_label(re.compile(r"Mot de passe(?! \(confirmation\))")).fill(HOLDER_PASSWORD)
    holder.get_by_label("Mot de passe (confirmation)").fill(HOLDER_PASSWORD)
    holder_shot(holder, "sign-up")
    holder.locator("main").get_by_role("button", name="Création de compte").click()
    expect(holder).to_have_url(re.compile(r"/compte/confirm-email/$"))
    holder_shot(holder, "check-your-email")

    link = site.wait_for_link(HOLDER_EMAIL, r"https?://[^\s]+/compte/confirm-email/[^\s/]+/")
    holder.goto(link)
    holder_shot(holder, "confirm-address")
    holder.locator("main").get_by_role("button", name="Confirmer").click()
    # Confirmed and signed in (ACCOUNT_LOGIN_ON_EMAIL_CONFIRMATION): "My requests", empty.
    expect(holder.get_by_role("heading", level=1, name="Mes demandes")).to_be_visible()
    holder_shot(holder, "confirmed")

    # Search: suggestions while typing in the header, then the results page.
    search_box = holder.get_by_role("searchbox", name="Rechercher dans la base de connaissances")
    search_box.press_sequentially("isolation", delay=40)
    suggestions = holder.get_by_role("list", name="Pages suggérées")
    expect(suggestions.get_by_role("link").first).to_be_visible()
    holder_shot(holder, "search-suggestions")
    search_box.press("Enter")
    expect(holder).to_have_url(re.compile(r"/recherche/\?q=isolation"))
    # Results with the words found highlighted.
    expect(holder.locator("main mark").first).to_be_visible()
    holder_shot(holder, "search-results")

    # The request form: similar guidance shows up while the question is typed.
    holder.goto("/demandes/")
    holder.get_by_role("link", name="Poser une nouvelle question").click()
    holder.get_by_role("textbox", name="Titre (obligatoire)").fill(TITLE)
    holder.get_by_role("textbox", name="Question (obligatoire)").press_sequentially(
        "Quelles aides pour isoler un bâtiment sportif communal ?", delay=10
    )
    similar = holder.get_by_role("region", name="Déjà répondu ? Ces pages peuvent vous aider")
    expect(similar.get_by_role("link").first).to_be_visible()
    holder_shot(holder, "request-suggestions")
    holder.get_by_role("textbox", name="Description du projet (obligatoire)").fill(
        "Commune de 3 000 habitants ; salle des sports de 1978 chauffée au fioul."
    )
    # Sobriety in Artois: the routing rules propose ADEME.
    holder.get_by_role("checkbox", name="Sobriété énergétique responsable").check()
    holder.get_by_role("combobox", name="Territoire (obligatoire)").select_option(label="Artois")
    holder.get_by_role("combobox", name="Stade du projet (obligatoire)").select_option(
        label="Conception"
    )
    plan = tmp_path / "diagnostic-salle.pdf"
    plan.write_bytes(PDF_BYTES)
    holder.get_by_label("Pièces jointes").set_input_files(plan)
    holder.get_by_role("checkbox", name="La réponse peut être publiée, anonymisée").check()
    holder_shot(holder, "request-form")
    holder.get_by_role("button", name="Envoyer ma question").click()
    # Filed: its page, with the attachment, then listed under "My requests".
    expect(holder.get_by_role("heading", level=1, name=TITLE)).to_be_visible()
    expect(holder.get_by_role("status").first).to_contain_text("a été déposée")
    expect(holder.get_by_role("link", name="diagnostic-salle.pdf").first).to_be_visible()
    request_url = holder.url
    holder_shot(holder, "request-filed")
    holder.get_by_role("navigation", name="Votre compte").get_by_role(
        "link", name="Mes demandes"
    ).click()
    expect(holder.get_by_role("link", name=TITLE)).to_be_visible()
    holder_shot(holder, "my-requests")

    # The coordinator routes it to the body the rules propose (checked in advance).
    coordinator = new_context().new_page()
    admin_sign_in(coordinator, "coordination")
    coordinator.goto("/admin/requests/?status=submitted")
    coordinator.get_by_role("link", name=TITLE).click()
    expect(coordinator.get_by_role("checkbox", name="ADEME")).to_be_checked()
    expert_shot(coordinator, "coordinator-request")
    coordinator.get_by_role(
        "button", name=either("Orienter vers ces organismes", "Route to these bodies")
    ).click()
    expect(
        coordinator.get_by_text(either("Orientée vers ADEME.", "Routed to ADEME."))
    ).to_be_visible()
    expert_shot(coordinator, "coordinator-routed")

    # The ADEME expert finds it among the unclaimed requests of their body and takes it.
    expert = new_context().new_page()
    admin_sign_in(expert, "expert-ademe")
    queues = expert.get_by_role("region", name="Guichet des demandes")
    expert_shot(expert, "dashboard")
    queues.get_by_role("link", name=re.compile("Non prises en charge")).click()
    expert.get_by_role("link", name=TITLE).click()
    expert_shot(expert, "request")
    expert.get_by_role("button", name="Prendre en charge").click()
    expect(
        expert.get_by_text(
            either("Vous prenez la demande en charge.", "You are in charge of the request.")
        )
    ).to_be_visible()

    # A question back to the holder.
    ask = "Poser une question au porteur de projet"
    expert.locator("summary", has_text=ask).click()
    send_question = either("Envoyer la question", "Send the question")
    ask_form = expert.locator("form", has=expert.get_by_role("button", name=send_question))
    ask_form.get_by_label("Commentaire").fill("Quelle est la surface des combles à isoler ?")
    expert_shot(expert, "ask-holder")
    ask_form.get_by_role("button", name=send_question).click()
    sent = either("Question envoyée au porteur de projet.", "Question sent to the holder.")
    expect(expert.get_by_text(sent)).to_be_visible()
    expert_shot(expert, "asked")

    # The holder sees the question and replies.
    holder.goto(request_url)
    expect(holder.get_by_text("Quelle est la surface des combles à isoler ?").first).to_be_visible()
    holder_shot(holder, "question-received")
    holder.get_by_role("textbox", name="Votre message").fill(
        "Environ 600 m², sous une charpente métallique."
    )
    holder.get_by_role("button", name="Envoyer ma réponse").click()
    expect(holder.get_by_role("status").first).to_be_visible()
    holder_shot(holder, "replied")

    # The expert reads the reply and answers.
    expert.reload()
    expect(expert.get_by_text("Environ 600 m², sous une charpente métallique.")).to_be_visible()
    send_answer = either("Envoyer la réponse", "Send the answer")
    answer = expert.locator("form", has=expert.get_by_role("button", name=send_answer))
    answer.get_by_label("Réponse").fill(
        "Pour 600 m², un diagnostic préalable est cofinancé ; voyez ensuite le fonds chaleur."
    )
    expert_shot(expert, "answer")
    answer.get_by_role("button", name=send_answer).click()
    # Posted, then back on the request's page, told what happened.
    expect(expert).to_have_url(re.compile(r"/admin/requests/inspect/\d+/$"))
    answered = either("Réponse envoyée au porteur de projet.", "Answer sent to the holder.")
    expect(expert.get_by_text(answered)).to_be_visible()
    expert_shot(expert, "answered")

    # The holder is told by email (sent by the task worker) and reads the answer.
    link = site.wait_for_link(
        HOLDER_EMAIL,
        re.escape(site.url + urlsplit(request_url).path),
        containing="un diagnostic préalable est cofinancé",
    )
    holder.goto(link)
    answer_section = holder.get_by_role("region", name="La réponse")
    expect(answer_section).to_contain_text("un diagnostic préalable est cofinancé")
    holder_shot(holder, "answer-read")


def test_roadmap_update_journey(site, new_context, screenshots):
    shot = screenshots("roadmap")
    title = "Ouverture de l'appel à projets sobriété 2027"

    # The editor drafts an update under the roadmap and submits it to Commission 15.
    editor = new_context().new_page()
    admin_sign_in(editor, "editeur")
    shot(editor, "editor-dashboard")
    editor.goto("/admin/pages/")
    editor.get_by_role("link", name="Explorer les sous-pages de « La feuille de route »").click()
    editor.get_by_role("link", name="Ajouter une sous-page").click()
    form = editor.locator("form#page-edit-form")
    form.get_by_role("textbox", name="Titre*").fill(title)
    form.get_by_role("textbox", name="Date*").fill("2026-11-30")
    form.get_by_role("textbox", name="Décidée par").fill("Commission 15")
    form.get_by_role("textbox", name="Introduction").fill(
        "La Région ouvre un appel à projets pour la sobriété énergétique des communes."
    )
    form.get_by_role("checkbox", name="Sobriété énergétique responsable").check()
    shot(editor, "editor-draft")
    editor.get_by_role("button", name="Plus d'actions").click()
    editor.get_by_role("button", name="Soumettre à Validation Commission 15").click()
    expect(editor.get_by_text("créée et soumise pour modération")).to_be_visible()
    shot(editor, "editor-submitted")

    # Not public yet.
    visitor = new_context().new_page()
    visitor.goto("/feuille-de-route/")
    expect(visitor.get_by_role("heading", level=1)).to_be_visible()
    expect(visitor.get_by_role("link", name=title)).to_have_count(0)

    # The reviewer approves it from their dashboard: approval publishes.
    reviewer = new_context().new_page()
    admin_sign_in(reviewer, "commission15")
    awaiting = reviewer.get_by_role("region", name="En attente de votre vérification")
    row = awaiting.get_by_role("row").filter(has=reviewer.get_by_role("link", name=title))
    row.get_by_role("button", name="Actions").click()
    shot(reviewer, "reviewer-dashboard")
    row.get_by_role("button", name="Approuver", exact=True).click()
    expect(awaiting.get_by_role("link", name=title)).to_have_count(0)
    shot(reviewer, "reviewer-approved")

    # On the public roadmap and in its feed.
    visitor.goto("/feuille-de-route/")
    link = visitor.get_by_role("link", name=title)
    expect(link).to_be_visible()
    shot(visitor, "public-roadmap")
    link.click()
    expect(visitor.get_by_role("heading", level=1, name=title)).to_be_visible()
    shot(visitor, "public-update")
    feed = visitor.request.get("/feuille-de-route/flux/rss/")
    assert feed.ok
    items = ET.fromstring(feed.body()).findall("channel/item")
    assert title in [item.findtext("title") for item in items]
