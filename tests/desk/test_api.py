"""The JSON API: the whole journey, permissions, CSRF and the OpenAPI schema."""

import json

import pytest
from django.test import Client

from desk import steps
from desk.models import HowToRequest
from desk.states import Status
from knowledge.models import QuestionAnswerPage, QuestionIndexPage
from tests.api_calls import API, call
from tests.factories import add_page

pytestmark = pytest.mark.django_db

NOTE = "API-INTERNAL-NOTE"


def test_openapi_schema_documents_every_endpoint(client):
    status, schema = call(client, "get", "/openapi.json")
    assert status == 200
    paths = schema["paths"]
    for path in (
        "/api/v1/requests",
        "/api/v1/requests/{public_id}",
        "/api/v1/queue",
        "/api/v1/requests/{public_id}/reply",
        "/api/v1/requests/{public_id}/accept",
        "/api/v1/requests/{public_id}/follow-up",
        "/api/v1/requests/{public_id}/steps/{step}",
    ):
        assert path in paths, path
    step = paths["/api/v1/requests/{public_id}/steps/{step}"]["post"]["parameters"]
    assert "route" in json.dumps(step)  # the steps are an enum in the schema


def test_whole_journey_through_the_api(
    client, home, holder, coordinator, expert, body, rule, payload
):
    add_page(home, QuestionIndexPage, title="Questions-réponses", slug="qr")
    client.force_login(holder)
    status, created = call(client, "post", "/requests", payload)
    assert status == 201, created
    rid = created["id"]
    assert created["status"] == Status.SUBMITTED
    status, mine = call(client, "get", "/requests")
    assert status == 200 and [item["id"] for item in mine["items"]] == [rid]

    client.force_login(coordinator)
    status, routed = call(
        client, "post", f"/requests/{rid}/steps/route", {"bodies": [body.slug], "comment": "Go"}
    )
    assert status == 200, routed
    assert routed["status"] == Status.ROUTED and routed["bodies"] == [body.slug]

    client.force_login(expert)
    status, queue = call(client, "get", "/queue?queue=unassigned")
    assert [item["id"] for item in queue["items"]] == [rid]
    assert call(client, "post", f"/requests/{rid}/steps/claim", {})[0] == 200
    status, asked = call(
        client, "post", f"/requests/{rid}/steps/ask_holder", {"comment": "Quelle puissance ?"}
    )
    assert asked["status"] == Status.AWAITING_HOLDER
    call(client, "post", f"/requests/{rid}/steps/note", {"comment": NOTE})

    client.force_login(holder)
    status, detail = call(client, "get", f"/requests/{rid}")
    assert NOTE not in json.dumps(detail)
    assert detail["answer"] is None
    status, replied = call(client, "post", f"/requests/{rid}/reply", {"message": "500 kW"})
    assert status == 200 and replied["status"] == Status.IN_PROGRESS

    client.force_login(expert)
    status, answered = call(
        client, "post", f"/requests/{rid}/steps/answer", {"comment": "Voir le fonds chaleur."}
    )
    assert answered["status"] == Status.ANSWERED

    client.force_login(holder)
    status, accepted = call(client, "post", f"/requests/{rid}/accept", {"comment": "Merci"})
    assert accepted["status"] == Status.ACCEPTED
    assert accepted["answer"] == "Voir le fonds chaleur."

    client.force_login(coordinator)
    status, published = call(
        client,
        "post",
        f"/requests/{rid}/steps/publish",
        {"title": "Mutualiser une étude", "question": "Comment ?", "answer": "Fonds chaleur."},
    )
    assert status == 200, published
    request_obj = HowToRequest.objects.get(public_id=rid)
    assert QuestionAnswerPage.objects.get(pk=request_obj.qa_page_id).title == "Mutualiser une étude"
    actions = [event["action"] for event in published["events"]]
    assert actions[0] == "submit" and actions[-1] == "publish" and "note" in actions


@pytest.fixture
def filed_routed(holder, coordinator, body, request_data, expert):
    request_obj = steps.file_request(holder, request_data(question="API-HOLDER-SECRET"))
    steps.route(request_obj, coordinator, [body])
    steps.claim(request_obj, expert)
    steps.add_note(request_obj, expert, NOTE)
    return request_obj


@pytest.mark.parametrize(
    "role, detail, queue, step",
    [
        ("anonymous", 401, 401, 401),
        ("holder", 200, 403, 403),
        ("other_holder", 404, 403, 404),
        ("expert", 200, 200, 200),
        ("other_expert", 404, 200, 404),
        ("coordinator", 200, 200, 200),
    ],
)
def test_api_permissions(
    client,
    filed_routed,
    role,
    detail,
    queue,
    step,
    holder,
    other_holder,
    expert,
    other_expert,
    coordinator,
):
    users = {
        "holder": holder,
        "other_holder": other_holder,
        "expert": expert,
        "other_expert": other_expert,
        "coordinator": coordinator,
    }
    if role in users:
        client.force_login(users[role])
    rid = filed_routed.public_id
    status, body = call(client, "get", f"/requests/{rid}")
    assert status == detail
    text = json.dumps(body)
    if role in {"anonymous", "other_holder", "other_expert", "editor"}:
        assert "API-HOLDER-SECRET" not in text
    if role in {"anonymous", "holder", "other_holder", "other_expert", "editor"}:
        assert NOTE not in text
    assert call(client, "get", "/queue")[0] == queue
    status, body = call(client, "post", f"/requests/{rid}/steps/note", {"comment": "x"})
    assert status == step
    if role in {"other_expert", "editor"}:
        _, listing = call(client, "get", "/queue")
        assert str(rid) not in json.dumps(listing)


def test_api_refuses_bad_input_with_the_errors(client, holder, payload):
    client.force_login(holder)
    status, body = call(client, "post", "/requests", {**payload, "title": "", "territory": "x"})
    assert status == 422
    assert set(body["errors"]) >= {"title", "territory"}
    assert HowToRequest.objects.count() == 0


def test_api_state_errors_are_conflicts(client, holder, filed_routed):
    client.force_login(holder)
    status, body = call(client, "post", f"/requests/{filed_routed.public_id}/accept", {})
    assert status == 409


def test_api_requires_csrf_for_session_posts(holder, payload):
    client = Client(enforce_csrf_checks=True)
    client.force_login(holder)
    status, _ = call(client, "post", "/requests", payload)
    assert status == 403
    assert HowToRequest.objects.count() == 0
    # With the token, as a page's script would send it, it goes through.
    client.get("/demandes/nouvelle/")
    token = client.cookies["csrftoken"].value
    response = client.post(
        f"{API}/requests",
        data=json.dumps(payload),
        content_type="application/json",
        HTTP_X_CSRFTOKEN=token,
    )
    assert response.status_code == 201


def test_every_api_endpoint_answers_404_for_another_holders_request(
    client, filed_routed, other_holder, payload
):
    client.force_login(other_holder)
    rid = filed_routed.public_id
    for method, path, body in (
        ("get", f"/requests/{rid}", None),
        ("post", f"/requests/{rid}/reply", {"message": "x"}),
        ("post", f"/requests/{rid}/accept", {"comment": ""}),
        ("post", f"/requests/{rid}/follow-up", {"message": "x"}),
        ("post", f"/requests/{rid}/edit", {"title": "x"}),
        ("post", f"/requests/{rid}/withdraw", {"comment": ""}),
        ("post", f"/requests/{rid}/steps/claim", {}),
    ):
        status, answer = call(client, method, path, body)
        assert status == 404, (path, status)
        assert "API-HOLDER-SECRET" not in json.dumps(answer)
    # Their own list and filing work, and list only their own.
    assert call(client, "post", "/requests", payload)[0] == 201
    _, mine = call(client, "get", "/requests")
    assert [item["title"] for item in mine["items"]] == [payload["title"]]
