"""Abuse on the request desk: filing limits, the honeypot, and HTML in what holders type."""

import json

import pytest
from django.core import mail
from django.urls import reverse

from desk.models import HowToRequest
from tests.desk.test_views import form_data
from tests.limits import assert_retry_after, move_clock, tiny

pytestmark = pytest.mark.django_db


def post_json(client, path, payload):
    return client.post(path, data=json.dumps(payload), content_type="application/json")


# Filing limits ---------------------------------------------------------------------


def test_request_form_over_the_limit_keeps_what_was_typed(
    client, holder, priority, territory, coordinator, monkeypatch
):
    client.force_login(holder)
    client.defaults["HTTP_ACCEPT_LANGUAGE"] = "en"
    url = reverse("desk:create")
    with tiny(request_submit="2/h"):
        for number in (1, 2):
            response = client.post(url, form_data(priority, territory, title=f"Demande {number}"))
            assert response.status_code == 302
        response = client.post(
            url, form_data(priority, territory, title="Troisième demande du jour")
        )
        assert response.status_code == 429
        assert_retry_after(response, 3600)
        html = response.content.decode()
        assert 'value="Troisième demande du jour"' in html  # nothing typed is lost
        assert "Comment financer dix bornes ?" in html
        assert "error-summary" in html and "what you typed is kept below" in html
        assert HowToRequest.objects.count() == 2

        move_clock(monkeypatch, 3600)
        response = client.post(
            url, form_data(priority, territory, title="Troisième demande du jour")
        )
        assert response.status_code == 302
        assert HowToRequest.objects.filter(title="Troisième demande du jour").exists()


def test_invalid_forms_do_not_use_up_the_budget(client, holder, priority, territory, coordinator):
    client.force_login(holder)
    with tiny(request_submit="1/h"):
        for _ in range(3):
            assert client.post(reverse("desk:create"), {"title": ""}).status_code == 400
        response = client.post(reverse("desk:create"), form_data(priority, territory))
        assert response.status_code == 302


def test_each_person_has_their_own_filing_budget(
    client, holder, other_holder, priority, territory, coordinator
):
    with tiny(request_submit="1/h"):
        for person in (holder, other_holder):
            client.force_login(person)
            response = client.post(reverse("desk:create"), form_data(priority, territory))
            assert response.status_code == 302
        assert HowToRequest.objects.count() == 2


def test_api_and_form_share_one_filing_budget(
    client, holder, priority, territory, coordinator, payload, monkeypatch
):
    client.force_login(holder)
    with tiny(request_submit="2/h"):
        assert (
            client.post(reverse("desk:create"), form_data(priority, territory)).status_code == 302
        )
        response = post_json(client, "/api/v1/requests", payload)
        assert response.status_code == 201
        response = post_json(client, "/api/v1/requests", payload)
        assert response.status_code == 429
        assert response.json()["detail"].startswith("Too many requests.")
        assert_retry_after(response, 3600)
        assert HowToRequest.objects.count() == 2
        move_clock(monkeypatch, 3600)
        response = post_json(client, "/api/v1/requests", payload)
        assert response.status_code == 201


def test_a_busy_holder_is_never_held_back(client, holder, priority, territory, coordinator):
    client.force_login(holder)
    for number in range(5):
        response = client.post(reverse("desk:create"), form_data(priority, territory))
        assert response.status_code == 302, number


# Honeypot ---------------------------------------------------------------------------


def test_request_form_carries_a_honeypot_people_do_not_meet(client, holder):
    client.force_login(holder)
    html = client.get(reverse("desk:create")).content.decode()
    trap = html[html.index('<div class="form__trap"') :]
    trap = trap[: trap.index("</div>")]
    assert 'aria-hidden="true"' in trap
    assert 'name="website"' in trap and 'tabindex="-1"' in trap and 'autocomplete="off"' in trap
    assert '<label for="id_website">' in trap


def test_a_filled_honeypot_files_nothing_and_says_nothing(
    client, holder, priority, territory, coordinator
):
    client.force_login(holder)
    mail.outbox.clear()
    response = client.post(
        reverse("desk:create"), form_data(priority, territory, website="https://spam.example")
    )
    assert response.status_code == 302 and response.url == reverse("desk:my_requests")
    assert HowToRequest.objects.count() == 0
    assert mail.outbox == []
    page = client.get(response.url)
    assert [m.level_tag for m in page.context["messages"]] == ["success"]


def test_an_empty_honeypot_files_the_request(client, holder, priority, territory, coordinator):
    client.force_login(holder)
    response = client.post(reverse("desk:create"), form_data(priority, territory, website=""))
    request_obj = HowToRequest.objects.get()
    assert response.status_code == 302 and response.url == request_obj.get_absolute_url()


def test_the_api_needs_no_honeypot(client, holder, coordinator, payload):
    client.force_login(holder)
    assert post_json(client, "/api/v1/requests", payload).status_code == 201
