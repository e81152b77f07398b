"""A project's whole journey in a real browser, in French, as its people walk it.

A holder describes a project under "Mes projets" and invites a partner by email; the
partner reads the invitation, creates an account with that address, joins the team and
files a question in the project; the owner sees it on the project's page and consents to
the showcase. A coordinator submits the project to Commission 15 and assigns two
evaluators; each scores every criterion of the grid ("1 sur 2", then "2 sur 2"); a member
of Commission 15 records the decision. The owner reads the decision and its public
justification, and the public showcase shows the project with them: never a score, an
evaluator's justification or note, or an evaluator's name.

Every step leaves a screenshot under test-results/projects-*/.
"""

import re
import time

from playwright.sync_api import expect

from .conftest import admin_sign_in, public_sign_in

OWNER_EMAIL = "porteuse-commune@example.org"
MEMBER_EMAIL = "theo.marchand@example.org"
MEMBER_PASSWORD = "Chaufferie-Bois-62"
TITLE = "Chaufferie bois et réseau de chaleur du quartier de la Gare à Béthune"
SUMMARY = (
    "Une chaufferie au bois local alimente un réseau de chaleur pour l'école, la piscine "
    "et 300 logements sociaux du quartier de la Gare."
)
REQUEST_TITLE = "Quel dimensionnement pour l'appoint gaz de la chaufferie ?"
JUSTIFICATION = (
    "Projet bien ancré dans l'Artois ; le plan d'approvisionnement en bois reste à "
    "sécuriser avant le versement de l'aide."
)
OPINION = "La Commission salue la coopération entre la commune et le bailleur social."
# The seed's four criteria (grid version 1, projects/migrations/0002).
CRITERIA = (
    "Nombre et articulation des piliers",
    "Développement durable et biens communs",
    "Ancrage territorial",
    "Implication et coopération des acteurs",
)
EVALUATORS = (
    ("evaluateur-sobriete", "Bruno Évaluateur sobriété"),
    ("evaluatrice-enr", "Sophie Évaluatrice renouvelables"),
)
# What the evaluators write: the team and the public must never read any of it.
SCORE_CANARY = "Canari-justification-{username}"
NOTES_CANARY = "Canari-notes-privees-{username}"
# The showcase's page is written by the task worker after each step.
SHOWCASE_WAIT = 60
EMAIL_WAIT = 300


def reload_until_visible(page, locator, timeout=SHOWCASE_WAIT):
    """Reload `page` until `locator` shows (what the task worker writes), at most
    `timeout` seconds."""
    deadline = time.monotonic() + timeout
    while True:
        try:
            expect(locator).to_be_visible(timeout=3_000)
            return
        except AssertionError:
            if time.monotonic() > deadline:
                raise
            page.reload()


def never_shows_the_evaluation(page):
    """No score, justification of a score, private note or evaluator's name."""
    main = page.locator("main")
    for username, name in EVALUATORS:
        expect(main).not_to_contain_text(SCORE_CANARY.format(username=username))
        expect(main).not_to_contain_text(NOTES_CANARY.format(username=username))
        expect(main).not_to_contain_text(name)
    expect(main).not_to_contain_text("Avancement")
    expect(main).not_to_contain_text("Exemplaire")


def test_project_journey(site, new_context, screenshots):
    owner_shot, member_shot = screenshots("projects-owner"), screenshots("projects-member")
    commission_shot = screenshots("projects-commission")
    showcase_shot = screenshots("projects-showcase")

    # 1. The holder describes the project under "Mes projets".
    owner = new_context().new_page()
    public_sign_in(owner, OWNER_EMAIL)
    owner.get_by_role("navigation", name="Votre compte").get_by_role(
        "link", name="Mes projets"
    ).click()
    expect(owner.get_by_role("heading", level=1, name="Mes projets")).to_be_visible()
    owner_shot(owner, "my-projects")
    owner.get_by_role("link", name="Décrire un nouveau projet").click()
    expect(owner).to_have_url(re.compile(r"/mes-projets/nouveau/$"))
    owner.get_by_role("textbox", name="Titre (obligatoire)").fill(TITLE)
    owner.get_by_role("textbox", name="Résumé (obligatoire)").fill(SUMMARY)
    owner.get_by_role("textbox", name="Organisations porteuses (obligatoire)").fill(
        "Commune de Béthune\nPas-de-Calais Habitat"
    )
    owner.get_by_role("combobox", name="Territoire (obligatoire)").select_option(label="Artois")
    owner.get_by_role("combobox", name="Stade (obligatoire)").select_option(label="Conception")
    owner.get_by_role("checkbox", name="Sobriété énergétique responsable").check()
    owner.get_by_role(
        "checkbox", name="Énergies renouvelables intelligentes, stockées et distribuées"
    ).check()
    owner.get_by_role("checkbox", name="Passer aux énergies renouvelables").check()
    owner.get_by_role("checkbox", name="Partager l'énergie par les réseaux intelligents").check()
    owner_shot(owner, "new-project")
    owner.get_by_role("button", name="Créer le projet").click()
    expect(owner.get_by_role("heading", level=1, name=TITLE)).to_be_visible()
    expect(owner.get_by_text(f"Votre projet « {TITLE} » a été créé.")).to_be_visible()
    project_url = owner.url
    status = owner.get_by_role("region", name="Où en est le projet")
    expect(status).to_contain_text("Propriétaire")
    expect(status).to_contain_text("Non soumis")
    owner_shot(owner, "project-created")

    # It invites a partner on the team's page.
    owner.get_by_role("link", name="Inviter des membres et gérer l’équipe").click()
    expect(owner.get_by_role("heading", level=1, name="L’équipe")).to_be_visible()
    invite = owner.get_by_role("region", name="Inviter quelqu’un dans l’équipe")
    invite.get_by_role(
        "textbox", name="Adresse électronique de la personne à inviter (obligatoire)"
    ).fill(MEMBER_EMAIL)
    invite.get_by_role("radio", name="Membre").check()
    owner_shot(owner, "invite")
    invite.get_by_role("button", name="Envoyer l’invitation").click()
    expect(owner.get_by_text(f"Une invitation a été envoyée à {MEMBER_EMAIL}.")).to_be_visible()
    owner.get_by_role("link", name="Inviter des membres et gérer l’équipe").click()
    waiting = owner.get_by_role("region", name="Invitations en attente de réponse")
    expect(waiting).to_contain_text(MEMBER_EMAIL)
    owner_shot(owner, "invited")

    # 2. The partner reads the invitation, creates an account with its address, confirms
    # it, then joins the team.
    # The task worker may still be indexing the demo that load_demo queued (hundreds of
    # tasks, a minute or two on a busy machine) before it sends the invitation.
    link = site.wait_for_link(
        MEMBER_EMAIL, r"https?://[^\s]+/mes-projets/invitation/[^\s/]+/", timeout=EMAIL_WAIT
    )
    member = new_context().new_page()
    member.goto(link)
    expect(
        member.get_by_role("heading", level=1, name=f"Invitation à rejoindre « {TITLE} »")
    ).to_be_visible()
    member_shot(member, "invitation")
    member.locator("main").get_by_role("link", name="Créer un compte").click()
    member.get_by_role("textbox", name="E-mail (obligatoire)").fill(MEMBER_EMAIL)
    # Who they are (English labels until the French catalogue is merged).
    member.get_by_label(re.compile(r"^(Prénom|First name)")).fill("Dominique")
    member.get_by_label(re.compile(r"^(Nom|Last name)\b")).fill("Partenaire")
    member.get_by_label(re.compile(r"^Organisation")).fill("Association Énergie partagée")
    member.get_by_label(re.compile(r"Mot de passe(?! \(confirmation\))")).fill(MEMBER_PASSWORD)
    member.get_by_label("Mot de passe (confirmation)").fill(MEMBER_PASSWORD)
    member_shot(member, "sign-up")
    member.locator("main").get_by_role("button", name="Création de compte").click()
    expect(member).to_have_url(re.compile(r"/compte/confirm-email/$"))
    confirmation = site.wait_for_link(
        MEMBER_EMAIL, r"https?://[^\s]+/compte/confirm-email/[^\s/]+/"
    )
    member.goto(confirmation)
    member.locator("main").get_by_role("button", name="Confirmer").click()
    expect(member.get_by_role("navigation", name="Votre compte")).to_be_visible()
    member_shot(member, "confirmed")
    member.goto(link)
    member_shot(member, "join")
    member.get_by_role("button", name="Rejoindre le projet").click()
    expect(member.get_by_role("heading", level=1, name=TITLE)).to_be_visible()
    expect(member.get_by_text(f"Bienvenue dans le projet « {TITLE} »", exact=False)).to_be_visible()
    expect(member.get_by_role("region", name="Où en est le projet")).to_contain_text("Membre")
    member_shot(member, "joined")

    # The member files a question in the project, chosen on the request form.
    member.goto("/demandes/nouvelle/")
    member.get_by_role("group", name="Sur quel projet porte la question ?").get_by_role(
        "radio", name=TITLE
    ).check()
    member.get_by_role("textbox", name="Titre (obligatoire)").fill(REQUEST_TITLE)
    member.get_by_role("textbox", name="Question (obligatoire)").fill(
        "La chaufferie bois couvre 85 % des besoins ; faut-il dimensionner l'appoint gaz "
        "sur la pointe de froid ou sur la panne de la chaudière bois ?"
    )
    member_shot(member, "request-form")
    member.get_by_role("button", name="Envoyer ma question").click()
    expect(member.get_by_role("heading", level=1, name=REQUEST_TITLE)).to_be_visible()
    expect(member.get_by_role("status").first).to_contain_text("a été déposée")
    member_shot(member, "request-filed")

    # 3. The owner sees the member's question on the project's page, and consents to the
    # public showcase.
    owner.goto(project_url)
    requests = owner.get_by_role("region", name="Les demandes du projet")
    row = requests.get_by_role("row").filter(has=owner.get_by_role("link", name=REQUEST_TITLE))
    # Named as they signed up, not by their address.
    expect(row).to_contain_text("Dominique Partenaire")
    team = owner.get_by_role("region", name="L’équipe", exact=True)
    expect(team).to_contain_text("Dominique Partenaire (Membre)")
    owner_shot(owner, "member-request")
    owner.get_by_role("button", name="Présenter le projet dans la vitrine publique").click()
    expect(owner.get_by_text("Le projet sera présenté dans la vitrine publique.")).to_be_visible()
    expect(owner.get_by_role("region", name="Où en est le projet")).to_contain_text(
        "Présenté, avec l’accord du propriétaire"
    )
    owner_shot(owner, "showcase-consent")

    # 4. A coordinator finds the project from the member's request in the admin, submits
    # it to Commission 15 and assigns two evaluators.
    coordinator = new_context().new_page()
    admin_sign_in(coordinator, "coordination")
    coordinator.goto("/admin/requests/?status=submitted")
    coordinator.get_by_role("link", name=REQUEST_TITLE).click()
    coordinator.get_by_role("region", name="Le projet", exact=True).get_by_role(
        "link", name=TITLE
    ).click()
    expect(coordinator).to_have_url(re.compile(r"/admin/commission-15/projects/\d+/$"))
    admin_project_url = coordinator.url
    expect(coordinator.get_by_role("heading", level=1)).to_contain_text(TITLE)
    commission_shot(coordinator, "coordinator-project")
    submit = coordinator.locator(
        "form", has=coordinator.get_by_role("button", name="Soumettre à la Commission 15")
    )
    submit.get_by_role("textbox", name="Commentaire").fill(
        "Dossier complet : à examiner à la séance de janvier."
    )
    submit.get_by_role("button", name="Soumettre à la Commission 15").click()
    expect(coordinator.get_by_text("Soumis à la Commission 15, avec la version")).to_be_visible()
    commission_shot(coordinator, "coordinator-submitted")
    for count, (_username, name) in enumerate(EVALUATORS, start=1):
        assign_label = "Désigner un évaluateur"
        coordinator.locator("summary", has_text=assign_label).click()
        assign = coordinator.locator(
            "form", has=coordinator.get_by_role("button", name=assign_label)
        )
        assign.get_by_role("combobox", name=re.compile(r"^Évaluateur")).select_option(label=name)
        commission_shot(coordinator, f"assign-{count}")
        assign.get_by_role("button", name=assign_label).click()
        expect(
            coordinator.get_by_text(f"{name} est désigné·e : 0 sur {count} faites.")
        ).to_be_visible()
    expect(coordinator.locator("main")).to_contain_text(re.compile(r"Avancement ?: 0 sur 2 faites"))
    commission_shot(coordinator, "coordinator-assigned")

    # 5. Each evaluator finds the project on their dashboard and scores every criterion.
    for done, (username, name) in enumerate(EVALUATORS, start=1):
        evaluator = new_context().new_page()
        admin_sign_in(evaluator, username)
        panel = evaluator.get_by_role("region", name="Commission 15")
        expect(panel).to_contain_text(re.compile(r"\d+ projets? attend(ent)? vos notes"))
        commission_shot(evaluator, f"evaluator-{done}-dashboard")
        panel.get_by_role("link", name=TITLE).click()
        expect(evaluator).to_have_url(admin_project_url)
        score = evaluator.locator(
            "form", has=evaluator.get_by_role("button", name="Noter le projet")
        )
        for criterion in CRITERIA:
            group = score.get_by_role("group", name=criterion, exact=True)
            group.get_by_role("radio", name="Fort", exact=True).check()
            group.get_by_role("textbox", name=re.compile(r"^Justification")).fill(
                f"{SCORE_CANARY.format(username=username)} : {criterion.lower()}, solide."
            )
        score.get_by_role("textbox", name=re.compile(r"^Notes privées")).fill(
            NOTES_CANARY.format(username=username)
        )
        commission_shot(evaluator, f"evaluator-{done}-scores")
        score.get_by_role("button", name="Noter le projet").click()
        expect(evaluator.get_by_text(f"Notes enregistrées : {done} sur 2 faites.")).to_be_visible()
        expect(evaluator.locator("main")).to_contain_text(
            re.compile(rf"Avancement ?: {done} sur 2 faites")
        )
        # Their scores, and their notes, which they alone read.
        review = evaluator.get_by_role("article", name=re.compile(re.escape(name)))
        expect(review).to_contain_text("Notée")
        expect(review).to_contain_text(NOTES_CANARY.format(username=username))
        commission_shot(evaluator, f"evaluator-{done}-scored")

    # 6. A member of Commission 15 records the decision.
    commission = new_context().new_page()
    admin_sign_in(commission, "commission15")
    commission.goto("/admin/commission-15/projects/")
    commission.get_by_role("link", name=TITLE).click()
    expect(commission).to_have_url(admin_project_url)
    expect(commission.locator("main")).to_contain_text("Prêt pour la décision")
    decide = commission.locator(
        "form", has=commission.get_by_role("button", name="Enregistrer la décision")
    )
    decide.get_by_role("radio", name="Favorable sous conditions").check()
    decide.get_by_role("textbox", name=re.compile(r"^Avis consolidé")).fill(OPINION)
    decide.get_by_role("textbox", name=re.compile(r"^Justification publique")).fill(JUSTIFICATION)
    commission_shot(commission, "decision")
    decide.get_by_role("button", name="Enregistrer la décision").click()
    expect(
        commission.get_by_text("Décision enregistrée et envoyée à l'équipe du projet.")
    ).to_be_visible()
    expect(commission.locator("main")).to_contain_text("Décidé")
    commission_shot(commission, "decided")

    # 7. The owner reads the decision and its justification; no score, no evaluator.
    owner.goto(project_url)
    decision = owner.get_by_role("region", name="Décision de la Commission 15")
    expect(decision).to_contain_text("Favorable sous conditions")
    expect(decision).to_contain_text(JUSTIFICATION)
    expect(decision).to_contain_text(OPINION)
    expect(owner.get_by_role("region", name="Où en est le projet")).to_contain_text("Décidé")
    never_shows_the_evaluation(owner)
    owner_shot(owner, "decision-read")

    # 8. The public showcase lists the project (its page is written by the task worker)
    # and shows the decision with its justification.
    visitor = new_context().new_page()
    visitor.goto("/projets/")
    expect(visitor.get_by_role("heading", level=1, name="Projets")).to_be_visible()
    card = visitor.get_by_role("article").filter(has=visitor.get_by_role("link", name=TITLE))
    reload_until_visible(visitor, card.get_by_text("Favorable sous conditions"))
    expect(card).to_contain_text("Artois")
    showcase_shot(visitor, "showcase")
    card.get_by_role("link", name=TITLE).click()
    expect(visitor.get_by_role("heading", level=1, name=TITLE)).to_be_visible()
    public_decision = visitor.get_by_role("region", name="Décision de la Commission 15")
    expect(public_decision).to_contain_text("Favorable sous conditions")
    expect(public_decision).to_contain_text(JUSTIFICATION)
    expect(visitor.locator("main")).to_contain_text("Passer aux énergies renouvelables")
    never_shows_the_evaluation(visitor)
    # Nor the team, nor the requests, nor the Commission's opinion for the team.
    main = visitor.locator("main")
    for private in (MEMBER_EMAIL, OWNER_EMAIL, "Margaux", REQUEST_TITLE, OPINION):
        expect(main).not_to_contain_text(private)
    showcase_shot(visitor, "showcase-project")
