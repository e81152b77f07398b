"""Fixtures of the query-count tests: the people of the request desk and builders that
grow the data a view lists to a given size."""

# The desk suite's fixtures are imported here and requested by name as parameters.
# ruff: noqa: F811

import datetime

import pytest

from desk import steps
from desk.models import HowToRequest
from desk.states import ANSWER_STAGE, QUALIFICATION_STAGE
from tests.desk.conftest import priority, request_data, territory  # noqa: F401
from tests.desk.files import pdf_upload
from tests.factories import ExpertBodyFactory, PriorityFactory, TerritoryFactory


@pytest.fixture(autouse=True)
def private_media(settings, tmp_path):
    """Attachments written while building the data stay in the test's own folder."""
    settings.PRIVATE_MEDIA_ROOT = tmp_path / "private"


@pytest.fixture
def file_request(holder, request_data, coordinator):
    """File a request as `holder` through the service, as the public form does."""

    def file(number, who=None, **overrides):
        data = request_data(title=f"Demande numéro {number:03d}", **overrides)
        return steps.file_request(who or holder, data)

    return file


@pytest.fixture
def queue_requests(file_request, coordinator, expert, body, make_user):
    """Grow the desk to `n` requests of several bodies, territories and states:
    unassigned, claimed by the expert, waiting for the holder, and overdue."""
    other_expert = make_user(body.group.name, username="other_expert", is_staff=True)
    second_body = ExpertBodyFactory(name="Agence énergie", slug="agence-energie", acronym="AE")
    holders = [make_user(username=f"holder_{i}") for i in range(3)]

    def grow(n):
        for i in range(HowToRequest.objects.count(), n):
            request = file_request(
                i,
                who=holders[i % 3],
                territory=TerritoryFactory(name=f"Territoire {i:03d}", slug=f"territoire-{i}"),
                priorities=[PriorityFactory(name=f"Priorité {i:03d}", slug=f"priorite-{i}")],
            )
            if i % 4 == 0:
                continue  # submitted, waiting for qualification
            steps.route(request, coordinator, [body, second_body] if i % 2 else [body])
            if i % 4 == 1:
                continue  # routed, unassigned
            assignee = expert if i % 8 < 4 else other_expert
            steps.claim(request, assignee)
            if i % 4 == 2:
                steps.ask_holder(request, assignee, "Quel est le budget ?")
        # About a third of the requests on the clock missed their deadline.
        late = datetime.date.today() - datetime.timedelta(days=3)
        on_the_clock = HowToRequest.objects.filter(status__in=QUALIFICATION_STAGE | ANSWER_STAGE)
        every_third = list(on_the_clock.values_list("pk", flat=True))[::3]
        on_the_clock.filter(pk__in=every_third).update(due_date=late)

    return grow


@pytest.fixture
def long_timeline(file_request, coordinator, expert, holder, body):
    """One request in progress whose timeline grows to `n` events: questions to the
    holder and replies (every other one with a file), and internal notes."""
    request = file_request(1)
    steps.route(request, coordinator, [body])
    steps.claim(request, expert)

    def grow(n):
        while request.events.count() < n:
            step = request.events.count()
            if step % 3 == 0:
                steps.add_note(request, expert, f"Note interne {step}")
            else:
                steps.ask_holder(request, expert, f"Question {step} ?")
                files = [pdf_upload(f"piece-{step}.pdf")] if step % 2 else []
                steps.reply(request, holder, f"Réponse {step}.", files)
        request.refresh_from_db()

    grow.request = request
    return grow
