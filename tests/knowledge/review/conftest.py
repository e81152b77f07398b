"""What the review-date tests (knowledge.review: the dates, the report, the reminders) all
build: a guide index with a section of the body `body` (tests/fixtures_roles.py, with its
`expert`), read in English."""

import pytest

from knowledge.models import GuideIndexPage, GuideSectionPage
from tests.factories import add_page


@pytest.fixture(autouse=True)
def english(settings):
    settings.LANGUAGE_CODE = "en"


@pytest.fixture
def guides(home):
    return add_page(home, GuideIndexPage, title="Modes d'emploi")


@pytest.fixture
def section(guides, body):
    return add_page(guides, GuideSectionPage, title="Guides du pôle", expert_body=body)
