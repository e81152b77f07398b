"""The holder rates the answer (1 to 5, optional) on accepting it: page, API, timeline."""

import json

import pytest
from django.urls import reverse

from desk import steps
from desk.models import RequestEvent
from desk.models.events import Action
from desk.states import Status

pytestmark = pytest.mark.django_db


@pytest.fixture
def answered(filed, coordinator, body, expert):
    steps.route(filed, coordinator, [body])
    steps.claim(filed, expert)
    steps.write_answer(filed, expert, "Le programme ADVENIR finance ces bornes.")
    return filed


def acceptance(request_obj):
    return RequestEvent.objects.get(request=request_obj, action=Action.ACCEPT)


def accept_on_the_page(client, request_obj, **fields):
    data = {f"accept-{name}": value for name, value in fields.items()}
    return client.post(reverse("desk:accept", args=[request_obj.public_id]), data)


def test_the_rating_is_kept_on_the_acceptance_event(answered, holder):
    steps.accept_answer(answered, holder, "Merci", rating=4)
    event = acceptance(answered)
    assert event.details == {"rating": 4}
    assert event.comment == "Merci"


def test_without_a_rating_the_acceptance_records_none(answered, holder):
    steps.accept_answer(answered, holder)
    assert acceptance(answered).details == {}


def test_the_accept_form_offers_the_rating_as_a_fieldset_of_radio_buttons(client, answered, holder):
    client.force_login(holder)
    page = client.get(answered.get_absolute_url()).content.decode()
    form = page[page.index('id="accept"') :]
    assert "<fieldset" in form and "<legend" in form
    for value in range(1, 6):
        assert f'type="radio" name="accept-rating" value="{value}"' in form


def test_the_holder_rates_on_the_page(client, answered, holder):
    client.force_login(holder)
    response = accept_on_the_page(client, answered, rating="5", comment="Parfait")
    assert response.status_code == 302
    answered.refresh_from_db()
    assert answered.status == Status.ACCEPTED
    assert acceptance(answered).details == {"rating": 5}


@pytest.mark.parametrize("rating", ["0", "6", "quatre", "4.5"])
def test_a_rating_out_of_range_is_refused_with_the_comment_kept(client, answered, holder, rating):
    client.force_login(holder)
    response = accept_on_the_page(client, answered, rating=rating, comment="Commentaire canari")
    assert response.status_code == 400
    page = response.content.decode()
    assert "Commentaire canari" in page
    assert 'class="error-summary"' in page
    answered.refresh_from_db()
    assert answered.status == Status.ANSWERED


def test_staff_see_the_rating_on_the_timeline_in_the_admin(client, answered, holder, expert):
    steps.accept_answer(answered, holder, rating=3)
    client.force_login(expert)
    page = client.get(reverse("desk_admin:inspect", args=[answered.pk])).content.decode()
    assert "3 out of 5" in page or "3 sur 5" in page


def api_accept(client, request_obj, payload):
    response = client.post(
        f"/api/v1/requests/{request_obj.public_id}/accept",
        data=json.dumps(payload),
        content_type="application/json",
    )
    return response.status_code, response.json()


def test_the_api_takes_the_rating(client, answered, holder):
    client.force_login(holder)
    status, body = api_accept(client, answered, {"comment": "Merci", "rating": 2})
    assert status == 200 and body["status"] == Status.ACCEPTED
    assert acceptance(answered).details == {"rating": 2}


def test_the_api_takes_an_acceptance_without_a_rating(client, answered, holder):
    client.force_login(holder)
    status, _ = api_accept(client, answered, {})
    assert status == 200
    assert acceptance(answered).details == {}


@pytest.mark.parametrize("rating", [0, 6, "cinq"])
def test_the_api_refuses_a_rating_out_of_range(client, answered, holder, rating):
    client.force_login(holder)
    status, body = api_accept(client, answered, {"rating": rating})
    assert status == 422, body
    answered.refresh_from_db()
    assert answered.status == Status.ANSWERED


def test_the_schema_documents_the_rating(client):
    schema = client.get("/api/v1/openapi.json").json()
    operation = schema["paths"]["/api/v1/requests/{public_id}/accept"]["post"]
    reference = operation["requestBody"]["content"]["application/json"]["schema"]["$ref"]
    rating = schema["components"]["schemas"][reference.rsplit("/", 1)[-1]]["properties"]["rating"]
    assert "1 to 5" in rating["description"]


def test_another_holder_cannot_rate(client, answered, other_holder):
    client.force_login(other_holder)
    assert accept_on_the_page(client, answered, rating="5").status_code == 404
    status, _ = api_accept(client, answered, {"rating": 5})
    assert status == 404
    assert not RequestEvent.objects.filter(action=Action.ACCEPT).exists()
