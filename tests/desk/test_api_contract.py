"""The API's contract (web/api.py, wired in trihub/api.py): what it reads, and every
error it answers, as JSON.

Each case was a 500 or a silent acceptance found by an outside tester (issue 13).
"""

import json

import pytest
from django.test import Client, RequestFactory
from django.urls import reverse

from desk import steps
from desk.models import HowToRequest
from web import api as api_contract

pytestmark = pytest.mark.django_db

API = "/api/v1"
HUGE = "18446744073709551616"  # past any database integer


def _json(response):
    assert response["Content-Type"].startswith("application/json"), response.content[:200]
    return json.loads(response.content)


@pytest.fixture
def crashing_client():
    """A client that gets the site's 500 answer instead of the test's exception."""
    return Client(raise_request_exception=False)


@pytest.mark.parametrize(
    "path",
    [
        "/search?q=chaleur&page=9223372036854775807",
        f"/search?q=chaleur&page={HUGE}",
        "/search?q=chaleur&page=0",
        f"/requests?page={HUGE}",
        f"/queue?page={HUGE}",
        "/queue?queue=nowhere",
    ],
)
def test_out_of_range_parameters_are_invalid_input(client, coordinator, path):
    client.force_login(coordinator)
    response = client.get(API + path)
    assert response.status_code == 422
    body = _json(response)
    assert body["detail"] == "Invalid input." and body["errors"]


def test_the_search_page_keeps_the_search_and_says_what_it_left_out(client, home):
    response = client.get(reverse("search:search"), {"q": "chaleur", "page": "1e20"})
    assert response.status_code == 400
    html = response.content.decode()
    assert 'role="alert"' in html and 'value="chaleur"' in html


@pytest.mark.parametrize("where", ["filing", "note"])
def test_a_lone_surrogate_is_an_unreadable_body(client, holder, coordinator, filed, payload, where):
    if where == "filing":
        client.force_login(holder)
        url, body = f"{API}/requests", json.dumps(payload)
        body = body.replace('"title": "', '"title": "a\\ud800b', 1)
    else:
        client.force_login(coordinator)
        url, body = f"{API}/requests/{filed.public_id}/steps/note", '{"comment": "a\\ud800b"}'
    before = HowToRequest.objects.count(), filed.events.count()
    response = client.post(url, body, content_type="application/json")
    assert response.status_code == 400
    assert "surrogate" in _json(response)["detail"]
    assert (HowToRequest.objects.count(), filed.events.count()) == before


@pytest.mark.parametrize(
    "content_type, body",
    [
        ("text/plain", None),  # JSON text, but not said to be JSON
        ("multipart/form-data; boundary=x", "--x\r\nbroken"),
        ("application/x-www-form-urlencoded", "title=x"),
    ],
)
def test_only_json_bodies_are_read(client, holder, payload, content_type, body):
    client.force_login(holder)
    response = client.post(
        f"{API}/requests", body or json.dumps(payload), content_type=content_type
    )
    assert response.status_code == 415
    assert "application/json" in _json(response)["detail"]
    assert not HowToRequest.objects.exists()


@pytest.mark.parametrize(
    "change, field",
    [
        ({"question": "x" * 1_000_000}, "question"),
        ({"project_description": "x" * 5_001}, "project_description"),
        ({"partners": "x" * 2_001}, "partners"),
        ({"funding_sought": "x" * 2_001}, "funding_sought"),
        ({"title": "\u200b\u200b\ufeff"}, "title"),
        ({"question": " \u2800\u3164 "}, "question"),
        ({"consent_to_publish": "yes"}, "consent_to_publish"),
        ({"stage": "almost"}, "stage"),
    ],
)
def test_text_is_bounded_visible_and_booleans_strict(client, holder, payload, change, field):
    client.force_login(holder)
    response = client.post(
        f"{API}/requests", json.dumps({**payload, **change}), content_type="application/json"
    )
    assert response.status_code == 422
    assert field in _json(response)["errors"]
    assert not HowToRequest.objects.exists()


def test_invisible_edges_are_stripped_from_what_is_kept(client, holder, payload):
    client.force_login(holder)
    response = client.post(
        f"{API}/requests",
        json.dumps({**payload, "title": "\u200bRéseau de chaleur\u200b "}),
        content_type="application/json",
    )
    assert response.status_code == 201
    assert HowToRequest.objects.get().title == "Réseau de chaleur"


def test_the_site_form_refuses_an_invisible_title_and_keeps_the_rest(client, holder, request_data):
    client.force_login(holder)
    data = request_data(title="\u200b\u200b")
    form = {
        **data,
        "priorities": [p.pk for p in data["priorities"]],
        "territory": data["territory"].pk,
    }
    response = client.post(reverse("desk:create"), form)
    assert response.status_code == 400
    assert data["question"] in response.content.decode()
    assert not HowToRequest.objects.exists()


def test_an_admin_address_with_no_request_number_is_404(client, coordinator):
    client.force_login(coordinator)
    for url in (
        "/admin/requests/inspect/abc/note/",
        "/admin/requests/inspect/abc/",
        "/admin/requests/edit/abc/",
        "/admin/requests/history/abc/",
    ):
        response = client.post(url, {"note-comment": "x"}) if "note" in url else client.get(url)
        assert response.status_code == 404, url


def test_an_unexpected_error_in_an_operation_is_json(crashing_client, holder, filed, monkeypatch):
    def crash(*args, **kwargs):
        raise RuntimeError("CANARY-CRASH")

    monkeypatch.setattr("desk.api._detail", crash)
    crashing_client.force_login(holder)
    response = crashing_client.get(f"{API}/requests/{filed.public_id}")
    assert response.status_code == 500
    assert _json(response) == {"detail": "Internal server error."}
    assert b"CANARY-CRASH" not in response.content


def test_an_address_no_operation_has_is_a_json_404(client, holder):
    client.force_login(holder)
    for url in (f"{API}/nowhere/", f"{API}/requests/not-a-uuid/reply/"):
        response = client.get(url)
        assert response.status_code == 404
        assert _json(response) == {"detail": "Not Found"}


def test_a_form_body_without_boundary_is_not_json(client, holder, filed):
    client.force_login(holder)
    response = client.post(
        f"{API}/requests/{filed.public_id}/reply", "x", content_type="multipart/form-data"
    )
    assert response.status_code == 415


def test_djangos_own_400_and_500_are_json_for_the_api(crashing_client):
    response = crashing_client.get(f"{API}/requests", HTTP_HOST="not-ours.example")
    assert response.status_code == 400
    assert _json(response) == {"detail": "Bad request."}
    request = RequestFactory().get(f"{API}/requests")
    assert _json(api_contract.server_error(request)) == {"detail": "Internal server error."}
    page_request = RequestFactory().get("/demandes/")
    assert api_contract.server_error(page_request)["Content-Type"].startswith("text/html")


def test_the_schema_documents_every_status_and_the_limits(client):
    schema = client.get(f"{API}/openapi.json").json()
    operations = {
        (path, method): operation
        for path, methods in schema["paths"].items()
        for method, operation in methods.items()
    }
    step = operations[("/api/v1/requests/{public_id}/steps/{step}", "post")]
    assert set(step["responses"]) == {"200", "400", "401", "403", "404", "409", "415", "422"}
    filing = operations[("/api/v1/requests", "post")]
    assert set(filing["responses"]) == {"201", "400", "401", "403", "415", "422", "429"}
    for key, operation in operations.items():
        # Query parameters and bodies are validated: their refusal is documented.
        takes_input = "requestBody" in operation or any(
            parameter["in"] == "query" for parameter in operation.get("parameters", [])
        )
        assert not takes_input or "422" in operation["responses"], key
    request_in = schema["components"]["schemas"]["RequestIn"]["properties"]
    assert request_in["title"]["maxLength"] == 200
    assert request_in["question"]["maxLength"] == 5_000
    # Optional (a request in one of the holder's projects takes its stage): enum or null.
    stage = next(choice for choice in request_in["stage"]["anyOf"] if "enum" in choice)
    assert set(stage["enum"]) == {"idea", "design", "financing", "works", "running"}
    assert request_in["project"]["anyOf"][0]["format"] == "uuid"
    assert request_in["consent_to_publish"]["type"] == "boolean"


def test_a_step_taken_over_the_api_still_works(client, coordinator, filed, body):
    client.force_login(coordinator)
    response = client.post(
        f"{API}/requests/{filed.public_id}/steps/route",
        json.dumps({"bodies": [body.slug], "comment": "Pour vous"}),
        content_type="application/json",
    )
    assert response.status_code == 200, response.content
    filed.refresh_from_db()
    assert filed.status == "routed"
    assert steps.route.is_open(filed, coordinator) is False
