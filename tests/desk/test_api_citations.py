"""Citing through the JSON API: the answer step takes the pages' ids, checked as the
answer form checks them, and the request's detail shows the latest answer's pages to
whoever may read the answer."""

import json

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail.models import PageViewRestriction

from desk import steps
from desk.models import AnswerCitation
from desk.models.events import Action
from desk.states import Status
from knowledge.models import GuideIndexPage, GuidePage
from tests.api_calls import call
from tests.factories import add_page
from workflows import roles

pytestmark = pytest.mark.django_db

SECRET = "API-CITE-HOLDER-SECRET"


@pytest.fixture
def guides(home):
    return add_page(home, GuideIndexPage, title="Modes d'emploi", slug="modes-d-emploi")


@pytest.fixture
def guide(guides):
    return add_page(guides, GuidePage, title="Financer des bornes", slug="financer-des-bornes")


@pytest.fixture
def in_progress(holder, request_data, coordinator, expert, body):
    request_obj = steps.file_request(holder, request_data(question=SECRET))
    steps.route(request_obj, coordinator, [body])
    steps.claim(request_obj, expert)
    return request_obj


def answer(client, request_obj, cited, comment="Voyez le guide."):
    return call(
        client,
        "post",
        f"/requests/{request_obj.public_id}/steps/answer",
        {"comment": comment, "citations": cited},
    )


# Who may cite ---------------------------------------------------------------------------

EXPECTED = {
    "anonymous": 401,
    "holder": 403,
    "other_holder": 404,
    "routed_expert": 200,  # the expert in charge
    "colleague": 403,  # of the routed body, not in charge
    "other_expert": 404,
    "coordinator": 200,
    "editor": 404,
    "commission15": 404,
}


@pytest.mark.parametrize("role", list(EXPECTED))
def test_citing_through_the_api_by_role(
    client,
    in_progress,
    guide,
    role,
    holder,
    other_holder,
    expert,
    other_expert,
    coordinator,
    body,
    make_user,
):
    body.refresh_from_db()
    users = {
        "holder": holder,
        "other_holder": other_holder,
        "routed_expert": expert,
        "colleague": make_user(body.group.name, username="colleague", is_staff=True),
        "other_expert": other_expert,
        "coordinator": coordinator,
        "editor": make_user(roles.EDITORS, username="editor_x", is_staff=True),
        "commission15": make_user(roles.REVIEWERS, username="reviewer_x", is_staff=True),
    }
    if role in users:
        client.force_login(users[role])
    status, answered = answer(client, in_progress, [guide.pk])
    assert status == EXPECTED[role], (role, status, answered)
    in_progress.refresh_from_db()
    if status == 200:
        assert [c.page_id for c in AnswerCitation.objects.filter(request=in_progress)] == [guide.pk]
        assert answered["citations"] == [
            {"id": guide.pk, "title": guide.title, "url": guide.get_url()}
        ]
    else:
        assert not AnswerCitation.objects.exists()
        assert in_progress.status == Status.IN_PROGRESS
        assert SECRET not in json.dumps(answered)
        assert guide.title not in json.dumps(answered)


# What may be cited ------------------------------------------------------------------------


def test_a_page_that_cannot_be_cited_is_refused_naming_the_field(
    client, in_progress, expert, guide, guides
):
    draft = add_page(guides, GuidePage, publish=False, title="Brouillon")
    private = add_page(guides, GuidePage, title="Réservé")
    PageViewRestriction.objects.create(page=private, restriction_type=PageViewRestriction.LOGIN)
    client.force_login(expert)
    for refused in (draft.pk, private.pk, guides.pk, 999999):
        status, body = answer(client, in_progress, [guide.pk, refused])
        assert status == 422, (refused, body)
        assert list(body["errors"]) == ["citations"]
        assert str(refused) in body["errors"]["citations"][0]
    status, body = answer(client, in_progress, ["pas-un-numéro"])
    assert status == 422 and "citations" in body["errors"]
    status, body = answer(client, in_progress, list(range(1, 12)))  # eleven: too many
    assert status == 422 and "citations" in body["errors"]
    for beyond in (0, 2**31, 2**63, 2**70):  # no page's, and some beyond any integer column
        status, body = answer(client, in_progress, [beyond])
        assert status == 422 and "citations" in body["errors"], (beyond, body)
    in_progress.refresh_from_db()
    assert in_progress.status == Status.IN_PROGRESS
    assert not in_progress.answer
    assert not in_progress.events.filter(action=Action.ANSWER).exists()
    assert not AnswerCitation.objects.exists()


def test_citations_are_optional_and_kept_in_order(client, in_progress, expert, guide, guides):
    other = add_page(guides, GuidePage, title="Autre guide")
    client.force_login(expert)
    status, answered = call(
        client,
        "post",
        f"/requests/{in_progress.public_id}/steps/answer",
        {"comment": "Sans lecture."},
    )
    assert status == 200 and answered["citations"] == []
    steps.follow_up(in_progress, in_progress.holder, "Et encore ?")
    status, answered = answer(client, in_progress, [other.pk, guide.pk, other.pk])
    assert status == 200, answered
    assert [cited["id"] for cited in answered["citations"]] == [other.pk, guide.pk]


# Who sees them -------------------------------------------------------------------------------


def test_the_holder_sees_the_pages_once_the_answer_is_theirs(
    client, in_progress, holder, expert, coordinator, guide, settings
):
    settings.DESK_REVIEW_ANSWERS = True
    client.force_login(expert)
    status, answered = answer(client, in_progress, [guide.pk])
    assert status == 200 and answered["status"] == Status.ANSWER_REVIEW
    assert [cited["id"] for cited in answered["citations"]] == [guide.pk]
    path = f"/requests/{in_progress.public_id}"

    client.force_login(holder)
    status, detail = call(client, "get", path)
    assert status == 200
    assert detail["answer"] is None
    assert detail["citations"] == []
    assert guide.title not in json.dumps(detail)

    client.force_login(coordinator)
    status, detail = call(client, "get", path)
    assert [cited["id"] for cited in detail["citations"]] == [guide.pk]
    status, approved = call(client, "post", f"{path}/steps/approve_answer", {})
    assert status == 200, approved

    client.force_login(holder)
    status, detail = call(client, "get", path)
    assert detail["answer"] == "Voyez le guide."
    assert detail["citations"] == [{"id": guide.pk, "title": guide.title, "url": guide.get_url()}]


def test_the_detail_costs_the_same_with_many_pages_cited(
    client, in_progress, holder, expert, guides, django_assert_max_num_queries
):
    def queries_with(count):
        pages = [add_page(guides, GuidePage, title=f"Guide {count}-{n}") for n in range(count)]
        client.force_login(expert)
        assert answer(client, in_progress, [page.pk for page in pages])[0] == 200
        client.force_login(holder)
        path = f"/requests/{in_progress.public_id}"
        call(client, "get", path)  # the site root paths' cache
        with CaptureQueriesContext(connection) as queries:
            status, detail = call(client, "get", path)
        assert [cited["id"] for cited in detail["citations"]] == [page.pk for page in pages]
        return len(queries)

    one = queries_with(1)
    steps.follow_up(in_progress, holder, "Et encore ?")
    assert queries_with(6) <= one + 1  # the follow-up's own event, not the pages
    with django_assert_max_num_queries(one + 1):
        call(client, "get", f"/requests/{in_progress.public_id}")


def test_the_schema_documents_the_citations(client):
    status, schema = call(client, "get", "/openapi.json")
    assert status == 200
    step = schema["paths"]["/api/v1/requests/{public_id}/steps/{step}"]["post"]
    ref = step["requestBody"]["content"]["application/json"]["schema"]["$ref"]
    step_in = schema["components"]["schemas"][ref.rsplit("/", 1)[-1]]
    assert step_in["properties"]["citations"]["maxItems"] == 10
    assert "CitedPageOut" in json.dumps(schema["components"]["schemas"])
