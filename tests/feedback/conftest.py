"""The pages readers rate; the people and bodies are tests/fixtures_roles.py's."""

import pytest

from knowledge.models import GuideIndexPage, GuidePage, QuestionAnswerPage, QuestionIndexPage
from tests.factories import add_page


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
