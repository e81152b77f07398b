import pytest

from desk import steps
from knowledge.models import GuideIndexPage, GuideSectionPage, QuestionIndexPage
from tests.factories import PriorityFactory, TerritoryFactory, add_page

# What a holder writes of themselves, which no gap item may ever show.
HOLDER_CANARY = "Canarinom"
PROJECT_CANARY = "Canari-projet-71f0"


@pytest.fixture
def guides(home, body):
    index = add_page(home, GuideIndexPage, title="Guides", slug="guides")
    section = add_page(index, GuideSectionPage, title="Mobilité", slug="mobilite", expert_body=body)
    return index, section


@pytest.fixture
def questions(home):
    return add_page(home, QuestionIndexPage, title="Questions", slug="questions")


# The people, bodies and `committed` are tests/fixtures_roles.py's; the holder here bears
# the canary names.


@pytest.fixture
def holder(make_user):
    return make_user(username="holder_a", first_name="Zéphyrine", last_name=HOLDER_CANARY)


@pytest.fixture
def file_requests(holder, coordinator, body, make_user, db):
    """`file_requests(n, question, …)`: n requests routed to `body`, each by a holder of
    its own (the first by `holder`), all of the canary family name, each in a new
    project; `same_project=True` files them all in `holder`'s first project."""
    priority = PriorityFactory(name="Mobilité durable", slug="mobilite-durable")
    territory = TerritoryFactory(name="Bassin minier", slug="bassin-minier")
    counter = iter(range(10**6))

    def file(count, question, title="Ma demande", routed_to=None, same_project=False):
        made = []
        for number in range(count):
            author = holder
            if number and not same_project:
                author = make_user(username=f"holder_{next(counter)}", last_name=HOLDER_CANARY)
            data = {
                "title": f"{title} {number}",
                "question": question,
                "project_description": f"Projet {PROJECT_CANARY} de Mme {HOLDER_CANARY}.",
                "priorities": [priority],
                "territory": territory,
                "stage": "design",
                "consent_to_publish": True,
            }
            if same_project and made:
                data["project"] = made[0].project
            how_to_request = steps.file_request(author, data)
            steps.route(how_to_request, coordinator, [routed_to or body], "")
            made.append(how_to_request)
        return made

    return file
