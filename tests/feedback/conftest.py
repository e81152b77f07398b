import pytest

from knowledge.models import GuideIndexPage, GuidePage, QuestionAnswerPage, QuestionIndexPage
from tests.factories import ExpertBodyFactory, add_page
from workflows import roles


@pytest.fixture
def guides(home):
    return add_page(home, GuideIndexPage, title="Modes d'emploi", slug="modes-d-emploi")


@pytest.fixture
def guide(guides):
    return add_page(guides, GuidePage, title="Monter une boucle d'autoconsommation")


@pytest.fixture
def questions(home):
    return add_page(home, QuestionIndexPage, title="Questions", slug="questions")


@pytest.fixture
def qa_page(questions):
    return add_page(
        questions,
        QuestionAnswerPage,
        title="Financer des bornes",
        question="<p>Comment financer ?</p>",
        answer="<p>Par l'appel à projets.</p>",
    )


@pytest.fixture
def body(db):
    return ExpertBodyFactory(name="Pôle mobilité", slug="pole-mobilite", acronym="PM")


@pytest.fixture
def other_body(db):
    return ExpertBodyFactory(name="Agence énergie", slug="agence-energie", acronym="AE")


@pytest.fixture
def coordinator(staff_roles, make_user):
    return make_user(roles.COORDINATORS, username="coordinator", is_staff=True)


@pytest.fixture
def expert(body, staff_roles, make_user):
    body.refresh_from_db()
    return make_user(body.group.name, username="expert", is_staff=True)


@pytest.fixture
def other_expert(other_body, staff_roles, make_user):
    other_body.refresh_from_db()
    return make_user(other_body.group.name, username="other_expert", is_staff=True)


@pytest.fixture
def holder(make_user):
    return make_user(username="holder_a")
