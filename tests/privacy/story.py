"""A holder whose name is in many places, her request taken through every step, and
her projects: one she owns (with a member, evaluated by Commission 15, decided and on
the showcase), one she joined by invitation, one she is invited to."""

import pytest
from allauth.account.models import EmailAddress
from wagtail.log_actions import log

from desk import steps
from knowledge.models import ProjectIndexPage, QuestionAnswerPage, QuestionIndexPage
from projects import steps as project_steps
from projects.models import Decision, EvaluationGrid, Role
from tests.desk.files import pdf_upload
from tests.factories import add_page
from workflows import roles

NAME, SURNAME = "Zéphyrine", "Quennehen"
EMAIL, OTHER_EMAIL = "zephyrine.quennehen@example.org", "zq.perso@example.net"
PHONE = "06 12 34 56 78"
MY_DATA = "/compte/donnees/"
# A Commission 15 evaluator with a name of his own, who scores her project.
EVALUATOR_NAME, EVALUATOR_SURNAME = "Gaspard", "Ollivier-Dufresne"
EVALUATOR_EMAIL = "gaspard.ollivier-dufresne@region.example"


@pytest.fixture(autouse=True)
def private_media(settings, tmp_path):
    settings.PRIVATE_MEDIA_ROOT = tmp_path / "private"
    return settings.PRIVATE_MEDIA_ROOT


@pytest.fixture
def zephyrine(make_user):
    user = make_user(username="zquennehen", first_name=NAME, last_name=SURNAME, email=EMAIL)
    EmailAddress.objects.create(user=user, email=EMAIL, verified=True, primary=True)
    EmailAddress.objects.create(user=user, email=OTHER_EMAIL, verified=False, primary=False)
    return user


@pytest.fixture
def commission(staff_roles, make_user):
    """Two evaluators of Commission 15: Gaspard, named, and another."""
    gaspard = make_user(
        roles.REVIEWERS,
        username="gollivier",
        first_name=EVALUATOR_NAME,
        last_name=EVALUATOR_SURNAME,
        email=EVALUATOR_EMAIL,
    )
    EmailAddress.objects.create(user=gaspard, email=EVALUATOR_EMAIL, verified=True, primary=True)
    return gaspard, make_user(roles.REVIEWERS, username="evaluator2")


@pytest.fixture
def teams(make_user):
    """A member of her project, and the owner of the projects she is invited to."""
    return (
        make_user(username="teammate", email="teammate@example.com"),
        make_user(username="neighbour", email="neighbour@example.com"),
    )


def into_projects(holder, request_obj, *, name, surname, phone, pending_email, people):
    """Her request's project made hers in every way a project can hold a person.

    `people` is (coordinator, (gaspard, second evaluator), (teammate, neighbour));
    run inside `django_capture_on_commit_callbacks(execute=True)` so that the showcase
    page is written. Returns (her project, the one she joined, the one she is invited to)."""
    coordinator, evaluators, (teammate, neighbour) = people
    gaspard = evaluators[0]
    project = request_obj.project
    project_steps.update_project(
        project,
        holder,
        expected_effects=f"Chaleur pour 200 logements ; suivi par {name} {surname}, {phone}",
        links=[
            (f"Dossier de {surname}", "https://example.org/dossier"),
            ("Sa page", f"https://example.org/~{surname.lower()}"),
        ],
    )
    project_steps.invite_member(project, holder, email=teammate.email, role=Role.MEMBER)
    project_steps.accept_invitation(project, teammate, invitation=project.invitations.get())
    territory, priorities = project.territory, list(project.priorities.all())
    joined, invited = (
        project_steps.create_project(
            neighbour,
            title=title,
            summary=f"Avec {name} {surname} et la commune.",
            territory=territory,
            stage="idea",
            priorities=priorities,
        )
        for title in ("Méthaniseur du Ternois", "Covoiturage du Ternois")
    )
    project_steps.invite_member(joined, neighbour, email=holder.email)
    project_steps.accept_invitation(joined, holder, invitation=joined.invitations.get())
    project_steps.invite_member(invited, neighbour, email=pending_email)
    # Commission 15 evaluates her project; the notes and the opinion name her.
    grid = EvaluationGrid.objects.current()
    project_steps.submit_for_evaluation(project, coordinator, comment=f"Dossier de {surname}")
    for evaluator in evaluators:
        project_steps.assign_evaluator(project, coordinator, evaluator=evaluator)
        signed = f"{EVALUATOR_SURNAME}" if evaluator == gaspard else "le relecteur"
        project_steps.score(
            project,
            evaluator,
            scores={
                criterion.pk: (3, f"Bon ancrage, vu avec Mme {surname} ; {signed}")
                for criterion in grid.criteria.all()
            },
            notes=f"Rappeler {name} au {phone}. {evaluator.first_name}",
        )
    project_steps.decide(
        project,
        coordinator,
        decision=Decision.FAVOURABLE,
        opinion=f"Projet solide porté par {name} {surname}.",
        public_justification=f"Un réseau utile, porté par Mme {surname}.",
    )
    project_steps.show_on_showcase(project, holder)
    return project, joined, invited


@pytest.fixture
def story(
    home,
    zephyrine,
    other_holder,
    coordinator,
    expert,
    body,
    request_data,
    commission,
    teams,
    django_capture_on_commit_callbacks,
):
    """A request through every step, with the holder's name in many places, published;
    her projects (`into_projects`)."""
    add_page(home, QuestionIndexPage, title="Questions-réponses", slug="qr")
    add_page(home, ProjectIndexPage, title="Projets", slug="projets")
    with django_capture_on_commit_callbacks(execute=True):
        request_obj = steps.file_request(
            zephyrine,
            request_data(
                title=f"Réseau de chaleur de {NAME} {SURNAME}",
                question=f"Je suis {NAME} {SURNAME} ({PHONE}, {EMAIL}). Comment financer ?",
                partners=f"Mairie, contact {OTHER_EMAIL}",
            ),
            [pdf_upload("statuts-quennehen.pdf")],
        )
        steps.route(request_obj, coordinator, [body])
        steps.claim(request_obj, expert)
        steps.ask_holder(request_obj, expert, f"Bonjour Madame {SURNAME}, quelle puissance ?")
        steps.reply(request_obj, zephyrine, f"500 kW. {NAME}", [pdf_upload("devis.pdf")])
        steps.add_note(request_obj, expert, "Note interne : dossier solide.")
        steps.write_answer(
            request_obj, expert, f"Madame {SURNAME}, le fonds chaleur finance ce réseau."
        )
        steps.accept_answer(request_obj, zephyrine, "Merci !")
        # The coordinator overlooked the name: erasure must catch it on the page too.
        steps.publish_as_qa(
            request_obj,
            coordinator,
            f"Financer le réseau de chaleur de {SURNAME}",
            "Comment financer un réseau de chaleur ?",
            f"Le fonds chaleur finance ce réseau, Madame {SURNAME}.",
        )
        request_obj.refresh_from_db()
        page = QuestionAnswerPage.objects.get(pk=request_obj.qa_page_id)
        page.get_latest_revision().publish()
        into_projects(
            zephyrine,
            request_obj,
            name=NAME,
            surname=SURNAME,
            phone=PHONE,
            pending_email=OTHER_EMAIL,
            people=(coordinator, commission, teams),
        )
    log(instance=zephyrine, action="wagtail.edit", user=coordinator)  # an admin edited her
    other = steps.file_request(other_holder, request_data(title="Demande d'un autre porteur"))
    return request_obj, page, other
