"""Every (state, role, step): the catalogue, the admin, the API and the holder's page agree.

The catalogue (`desk.steps`) is the only place that says which state a step needs and
who may take it. For a request in each state and each person around it, the admin's
request page offers exactly the staff steps the catalogue opens, the holder's page
exactly the holder steps, and the API takes the open ones (each try rolled back) and
refuses the others as the catalogue says why: 403 (not theirs to take), 409 (not in
this state), or 404 to whoever may not see the request.
"""

import json
import re

import pytest
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.urls import reverse

from desk import permissions, steps
from desk.states import Status
from knowledge.models import QuestionIndexPage
from tests.factories import add_page

HOLDER_ENDPOINTS = {"reply": "reply", "accept": "accept", "follow_up": "follow-up"}
# The shortest way to each state, from a request just filed; `answer_for_review` is
# the answer step with review on.
PATHS = {
    Status.SUBMITTED: [],
    Status.CLARIFICATION: ["ask_clarification"],
    Status.ROUTED: ["route"],
    Status.IN_PROGRESS: ["route", "claim"],
    Status.AWAITING_HOLDER: ["route", "claim", "ask_holder"],
    Status.ANSWER_REVIEW: ["route", "claim", "answer_for_review"],
    Status.ANSWERED: ["route", "claim", "answer"],
    Status.ACCEPTED: ["route", "claim", "answer", "accept"],
    Status.COMMON_LAW: ["common_law"],
    Status.DUPLICATE: ["duplicate"],
}
ROLES = ("coordinator", "assignee", "routed_expert", "other_expert", "holder", "other_holder")


@pytest.fixture
def people(coordinator, expert, other_expert, holder, other_holder, body, make_user):
    return {
        "coordinator": coordinator,
        "assignee": expert,
        # A second expert of the routed body, who did not claim it.
        "routed_expert": make_user(body.group.name, username="colleague", is_staff=True),
        "other_expert": other_expert,
        "holder": holder,
        "other_holder": other_holder,
    }


def _bring(how_to_request, status, people, body, earlier):
    for name in PATHS[status]:
        if name == "ask_clarification":
            steps.ask_clarification(how_to_request, people["coordinator"], "Précisez ?")
        elif name == "route":
            steps.route(how_to_request, people["coordinator"], [body], "")
        elif name == "claim":
            steps.claim(how_to_request, people["assignee"])
        elif name == "ask_holder":
            steps.ask_holder(how_to_request, people["assignee"], "Quand ?")
        elif name in ("answer", "answer_for_review"):
            review = name == "answer_for_review"
            steps.write_answer(how_to_request, people["assignee"], "Voici.", review=review)
        elif name == "accept":
            steps.accept_answer(how_to_request, people["holder"])
        elif name == "common_law":
            steps.answer_by_common_law(how_to_request, people["coordinator"], "Dispositif.")
        elif name == "duplicate":
            steps.mark_duplicate(how_to_request, people["coordinator"], earlier)
    how_to_request.refresh_from_db()
    assert how_to_request.status == status
    return how_to_request


def _offered(html, pattern):
    return set(re.findall(pattern, html))


def _step_payload(how_to_request, body, other_body):
    """A payload the step's form accepts, so that an open step is really taken."""
    return {
        "comment": "Un commentaire.",
        "bodies": [body.slug],
        "body": other_body.slug,
        "original": how_to_request.reference,  # refused (itself): a 422, never a 403
        "title": "Une question",
        "question": "La question ?",
        "answer": "La réponse.",
    }


def _post_rolled_back(client, url, payload):
    with transaction.atomic():
        response = client.post(url, json.dumps(payload), content_type="application/json")
        transaction.set_rollback(True)
    return response.status_code


@pytest.mark.parametrize("status", list(PATHS), ids=str)
def test_admin_api_and_pages_offer_what_the_catalogue_opens(
    status, client, home, people, body, other_body, request_data
):
    add_page(home, QuestionIndexPage, title="Questions-réponses", slug="qr")
    earlier = steps.file_request(people["holder"], request_data(title="Une demande antérieure"))
    how_to_request = steps.file_request(people["holder"], request_data())
    _bring(how_to_request, status, people, body, earlier)

    for role in ROLES:
        user = people[role]
        how_to_request.refresh_from_db()
        opened = {s.name for s in steps.open_steps(how_to_request, user)}
        may_view = permissions.can_view(user, how_to_request)
        client.force_login(user)

        # The admin's request page (staff only): a form for each open staff step.
        admin_page = client.get(reverse("desk_admin:inspect", args=[how_to_request.pk]))
        staff_opened = opened & {s.name for s in steps.STAFF_STEPS}
        if permissions.can_see_internal(user, how_to_request):
            assert admin_page.status_code == 200, (role, status)
            offered = _offered(
                admin_page.content.decode(),
                rf"/admin/requests/inspect/{how_to_request.pk}/(\w+)/",
            )
            assert offered == staff_opened, (role, status)
        else:
            assert admin_page.status_code != 200, (role, status)
            assert not staff_opened, (role, status)

        # The holder's page: a form for each open holder step.
        public_page = client.get(how_to_request.get_absolute_url())
        holder_opened = opened & set(HOLDER_ENDPOINTS)
        if may_view:
            assert public_page.status_code == 200, (role, status)
            offered = _offered(
                public_page.content.decode(),
                rf'action="/demandes/{how_to_request.public_id}/(\w+)/"',
            )
            names = {"repondre": "reply", "accepter": "accept", "relancer": "follow_up"}
            assert {names[path] for path in offered} == holder_opened, (role, status)
        else:
            assert public_page.status_code == 404, (role, status)

        # The API: each step taken (then rolled back) when open, refused otherwise.
        base = f"/api/v1/requests/{how_to_request.public_id}"
        for declared in steps.CATALOGUE:
            if declared.audience == steps.HOLDER:
                url = f"{base}/{HOLDER_ENDPOINTS[declared.name]}"
                payload = {"message": "Voici.", "comment": ""}
            else:
                url = f"{base}/steps/{declared.name}"
                payload = _step_payload(how_to_request, body, other_body)
            answered = _post_rolled_back(client, url, payload)
            refusal = declared.refusal(how_to_request, user)
            if not may_view:
                expected = {404}
            elif refusal is None:
                # Taken, or (a duplicate of itself) refused by its form.
                expected = {200, 422}
            else:
                expected = {403} if isinstance(refusal, PermissionDenied) else {409}
            assert answered in expected, (role, status, declared.name, answered)
        client.logout()


def test_every_step_declares_states_that_exist_and_leads_where_it_says():
    for declared in steps.CATALOGUE:
        assert declared.sources, declared.name
        assert declared.sources <= set(Status), declared.name
        for source in declared.sources:
            assert set(declared.targets_from(source)) <= set(Status), declared.name
    assert len(steps.BY_NAME) == len(steps.CATALOGUE)  # one declaration per name


def test_a_step_leading_where_it_does_not_declare_is_refused_and_undone(filed, coordinator):
    def perform(how_to_request, user):
        how_to_request.answer = "UNDONE-CANARY"
        how_to_request.save()
        return steps.Outcome(to_status=Status.ACCEPTED)

    wrong = steps.Step(
        name="wrong",
        label="wrong",
        action="note",
        transitions={Status.SUBMITTED: Status.ROUTED},
        allowed=permissions.is_coordinator,
        perform=perform,
        form_class=None,
    )
    with pytest.raises(steps.UndeclaredTransition):
        wrong(filed, coordinator)
    filed.refresh_from_db()
    assert filed.status == Status.SUBMITTED and filed.answer == ""
