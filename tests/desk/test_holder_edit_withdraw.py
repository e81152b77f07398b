"""The holder edits a request until it is qualified, withdraws it while it is open, and is
told which stage a date belongs to (qualification, then the answer)."""

import json
import re

import pytest
from django.core import mail
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from desk import steps
from desk.models import HowToRequest, Notification
from desk.models.events import Action
from desk.states import DeadlineStage, Status
from projects.models import Membership
from tests.desk.files import pdf_file

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def english(settings, client):
    """The UI's msgids: pages, the admin and emails in English (the catalogue is French)."""
    settings.LANGUAGE_CODE = "en"
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"


API = "/api/v1/requests"


def _post_json(client, path, payload):
    response = client.post(path, json.dumps(payload), content_type="application/json")
    return response.status_code, response.json()


def _edit_data(how_to_request, **changes):
    """The edit form's fields as the page posts them, from the request as it is."""
    data = {
        "edit-title": how_to_request.title,
        "edit-question": how_to_request.question,
        "edit-project_description": how_to_request.project_description,
        "edit-priorities": [str(p.pk) for p in how_to_request.priorities.all()],
        "edit-territory": str(how_to_request.territory_id),
        "edit-stage": how_to_request.stage,
        "edit-partners": how_to_request.partners,
        "edit-funding_sought": how_to_request.funding_sought,
    }
    if how_to_request.consent_to_publish:
        data["edit-consent_to_publish"] = "on"
    data.update({f"edit-{name}": value for name, value in changes.items()})
    return data


# Editing ----------------------------------------------------------------------------


def test_the_holder_edits_a_new_request_with_a_file_and_the_coordinators_are_told(
    client, filed, holder, coordinator, committed
):
    client.force_login(holder)
    page = client.get(reverse("desk:detail", args=[filed.public_id])).content.decode()
    assert f'href="/demandes/{filed.public_id}/modifier/"' in page

    form_page = client.get(reverse("desk:edit", args=[filed.public_id]))
    assert form_page.status_code == 200
    assert 'value="Bornes de recharge en zone rurale"' in form_page.content.decode()

    data = _edit_data(filed, title="Bornes de recharge dans dix bourgs")
    data["edit-attachments"] = pdf_file("plan-corrige.pdf")
    with committed():
        response = client.post(reverse("desk:edit", args=[filed.public_id]), data)

    assert response.status_code == 302 and response["Location"] == filed.get_absolute_url()
    filed.refresh_from_db()
    assert filed.title == "Bornes de recharge dans dix bourgs"
    assert filed.status == Status.SUBMITTED  # still to be qualified
    event = filed.events.get(action=Action.EDIT)
    assert event.actor == holder and event.details == {"fields": ["title"]}
    assert not event.internal and event.by_holder
    assert [a.original_name for a in event.attachments.all()] == ["plan-corrige.pdf"]
    told = Notification.objects.filter(event=event).values_list("recipient", flat=True)
    assert list(told) == [coordinator.pk]
    # Its timeline says so, to the holder too.
    page = client.get(filed.get_absolute_url()).content.decode()
    assert "Request edited by the holder" in page


def test_an_edit_that_changes_nothing_or_brings_a_bad_file_keeps_the_form(client, filed, holder):
    client.force_login(holder)
    url = reverse("desk:edit", args=[filed.public_id])

    unchanged = client.post(url, _edit_data(filed))
    assert unchanged.status_code == 400
    assert "Nothing was changed" in unchanged.content.decode()

    data = _edit_data(filed, title="Un titre corrigé")
    data["edit-attachments"] = SimpleUploadedFile(
        "virus.pdf", b"MZ\x90\x00 not a pdf", content_type="application/pdf"
    )
    bad_file = client.post(url, data)
    html = bad_file.content.decode()
    assert bad_file.status_code == 400
    assert 'value="Un titre corrigé"' in html  # what they typed is kept
    filed.refresh_from_db()
    assert filed.title == "Bornes de recharge en zone rurale"
    assert not filed.events.filter(action=Action.EDIT).exists()


def test_the_same_limits_as_filing_hold(client, filed, holder):
    client.force_login(holder)
    too_long = "x" * (HowToRequest._meta.get_field("title").max_length + 1)
    response = client.post(
        reverse("desk:edit", args=[filed.public_id]), _edit_data(filed, title=too_long)
    )
    assert response.status_code == 400
    status, body = _post_json(client, f"{API}/{filed.public_id}/edit", {"title": too_long})
    assert status == 422


def test_once_qualified_the_request_is_no_longer_editable(client, filed, holder, coordinator, body):
    steps.route(filed, coordinator, [body])
    client.force_login(holder)
    page = client.get(filed.get_absolute_url()).content.decode()
    assert "/modifier/" not in page
    response = client.get(reverse("desk:edit", args=[filed.public_id]))
    assert response.status_code == 302 and response["Location"] == filed.get_absolute_url()
    response = client.post(
        reverse("desk:edit", args=[filed.public_id]), _edit_data(filed, title="Trop tard")
    )
    assert response.status_code == 302
    status, _body = _post_json(client, f"{API}/{filed.public_id}/edit", {"title": "Trop tard"})
    assert status == 409
    filed.refresh_from_db()
    assert filed.title == "Bornes de recharge en zone rurale"


def test_a_request_waiting_for_a_clarification_may_still_be_edited(
    client, filed, holder, coordinator
):
    steps.ask_clarification(filed, coordinator, "Quel budget ?")
    client.force_login(holder)
    status, body = _post_json(
        client, f"{API}/{filed.public_id}/edit", {"funding_sought": "60 000 €"}
    )
    assert status == 200, body
    assert body["status"] == Status.CLARIFICATION and body["funding_sought"] == "60 000 €"


def test_the_api_edits_only_the_fields_given(client, filed, holder, priority):
    client.force_login(holder)
    status, body = _post_json(
        client,
        f"{API}/{filed.public_id}/edit",
        {"question": "Comment financer douze bornes ?", "consent_to_publish": False},
    )
    assert status == 200, body
    filed.refresh_from_db()
    assert filed.question == "Comment financer douze bornes ?"
    assert filed.consent_to_publish is False
    assert filed.title == "Bornes de recharge en zone rurale"
    assert list(filed.priorities.all()) == [priority]
    assert filed.events.get(action=Action.EDIT).details == {
        "fields": ["consent_to_publish", "question"]
    }


def test_only_the_holder_edits_or_withdraws(client, filed, holder, other_holder, make_user):
    teammate = make_user(username="teammate")
    Membership.objects.create(project=filed.project, user=teammate)
    for person, page_status, api_status in ((other_holder, 404, 404), (teammate, 404, 403)):
        client.force_login(person)
        for name in ("edit", "withdraw"):
            url = reverse(f"desk:{name}", args=[filed.public_id])
            assert client.get(url).status_code == page_status, (person, name)
            assert client.post(url, {}).status_code == page_status, (person, name)
            status, _body = _post_json(client, f"{API}/{filed.public_id}/{name}", {})
            assert status == api_status, (person, name)
    filed.refresh_from_db()
    assert filed.status == Status.SUBMITTED


# Withdrawing ------------------------------------------------------------------------


def test_the_holder_withdraws_after_a_confirmation_and_the_expert_is_told(
    client, filed, holder, coordinator, expert, body, committed
):
    steps.route(filed, coordinator, [body])
    steps.claim(filed, expert)
    client.force_login(holder)
    page = client.get(filed.get_absolute_url()).content.decode()
    assert f'href="/demandes/{filed.public_id}/retirer/"' in page

    confirmation = client.get(reverse("desk:withdraw", args=[filed.public_id]))
    assert confirmation.status_code == 200
    assert "Yes, withdraw the request" in confirmation.content.decode()
    filed.refresh_from_db()
    assert filed.status == Status.IN_PROGRESS  # asking is not withdrawing

    mail.outbox.clear()
    with committed():
        response = client.post(
            reverse("desk:withdraw", args=[filed.public_id]),
            {"withdraw-comment": "Le projet est abandonné."},
        )
    assert response.status_code == 302
    filed.refresh_from_db()
    assert filed.status == Status.WITHDRAWN and filed.is_closed
    assert filed.closed_at is not None and filed.due_date is None
    event = filed.events.get(action=Action.WITHDRAW)
    assert event.comment == "Le projet est abandonné." and event.by_holder
    assert {m.to[0] for m in mail.outbox} == {expert.email, coordinator.email}
    # Closed: nothing more for the holder to take, and the queue's open view drops it.
    assert steps.open_steps(filed, holder) == []
    assert not HowToRequest.objects.open().filter(pk=filed.pk).exists()
    assert "/retirer/" not in client.get(filed.get_absolute_url()).content.decode()


def test_withdrawing_while_the_holder_has_the_ball_does_not_restart_the_clock(
    filed, holder, coordinator
):
    steps.ask_clarification(filed, coordinator, "Quel budget ?")
    steps.withdraw(filed, holder, "")
    filed.refresh_from_db()
    assert filed.status == Status.WITHDRAWN
    assert filed.due_date is None and filed.days_left_when_paused is None


def test_the_api_withdraws_once_and_lists_the_state(client, filed, holder, coordinator):
    client.force_login(holder)
    status, body = _post_json(client, f"{API}/{filed.public_id}/withdraw", {"comment": ""})
    assert status == 200, body
    assert body["status"] == "withdrawn" and body["deadline_stage"] is None
    status, _body = _post_json(client, f"{API}/{filed.public_id}/withdraw", {"comment": ""})
    assert status == 409
    client.force_login(coordinator)
    response = client.get("/api/v1/queue", {"status": "withdrawn"})
    assert response.status_code == 200
    assert [item["id"] for item in response.json()["items"]] == [str(filed.public_id)]
    schema = client.get("/api/v1/openapi.json").json()
    assert "/api/v1/requests/{public_id}/withdraw" in schema["paths"]
    assert "/api/v1/requests/{public_id}/edit" in schema["paths"]


def test_the_admin_filters_and_shows_withdrawn_requests(client, filed, holder, coordinator):
    steps.withdraw(filed, holder, "")
    client.force_login(coordinator)
    response = client.get(reverse("desk_admin:index"), {"status": "withdrawn"})
    assert response.status_code == 200
    html = response.content.decode()
    assert filed.title in html and "Closed: withdrawn by the holder" in html


# Deadlines --------------------------------------------------------------------------


def test_the_holder_is_told_which_stage_the_date_belongs_to(
    client, filed, holder, coordinator, body, committed
):
    client.force_login(holder)
    day = filed.due_date
    assert filed.deadline_stage == DeadlineStage.QUALIFICATION
    for url in (filed.get_absolute_url(), reverse("desk:my_requests")):
        html = client.get(url).content.decode()
        assert "Qualification expected by" in html, url
        assert f'datetime="{day:%Y-%m-%d}"' in html
        assert "Answer expected by" not in html
    detail = client.get(f"{API}/{filed.public_id}").json()
    assert detail["deadline_stage"] == "qualification"
    assert detail["deadline_label"] == "Qualification expected by"
    assert detail["due_date"] == day.isoformat()

    mail.outbox.clear()
    with committed():
        steps.route(filed, coordinator, [body])
    filed.refresh_from_db()
    assert filed.deadline_stage == DeadlineStage.ANSWER and filed.due_date > day
    for url in (filed.get_absolute_url(), reverse("desk:my_requests")):
        html = client.get(url).content.decode()
        assert "Answer expected by" in html and "Qualification expected by" not in html
    listed = client.get(API).json()["items"][0]
    assert listed["deadline_stage"] == "answer"
    # The holder's email of the routing names the answer's date as such.
    (email,) = [m for m in mail.outbox if m.to == [holder.email]]
    assert re.search(r"(Answer expected by|Réponse attendue)", email.body)


def test_no_date_is_shown_while_the_holder_has_the_ball(client, filed, holder, coordinator):
    steps.ask_clarification(filed, coordinator, "Quel budget ?")
    filed.refresh_from_db()
    assert filed.deadline_stage is None
    client.force_login(holder)
    html = client.get(filed.get_absolute_url()).content.decode()
    assert "expected by" not in html
