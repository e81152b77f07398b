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
from desk.models import HowToRequest
from desk.models.events import HOLDER_ACTIONS, Action
from desk.states import WAITING_FOR_HOLDER, Status
from knowledge.models import QuestionIndexPage
from projects.models import Membership
from tests.factories import add_page

HOLDER_ENDPOINTS = {
    "reply": "reply",
    "accept": "accept",
    "follow_up": "follow-up",
    "edit": "edit",
    "withdraw": "withdraw",
}
# The holder's page posts its steps' forms, or links to their own page (edit, withdraw).
PUBLIC_PATHS = {
    "repondre": "reply",
    "accepter": "accept",
    "relancer": "follow_up",
    "modifier": "edit",
    "retirer": "withdraw",
}
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
    Status.WITHDRAWN: ["withdraw"],
}
ROLES = (
    "coordinator",
    "assignee",  # the expert who claims it (before the claim, a routed expert)
    "routed_expert",
    "other_expert",
    "editor",
    "holder",
    # A member of the request's project: reads it as the holder does, takes none of the
    # holder's steps (desk/permissions.py), so has no row in EXPECTED.
    "project_member",
    "other_holder",
)
# What each person may do in each state, written out here on its own (not read from the
# catalogue), so that a rule changed by mistake in the catalogue fails this test.
NOTE = {"note"}
# A coordinator links the request to the roadmap's actions in every state.
LINK = "link_roadmap_actions"
COORDINATOR_NOTE = {"note", LINK}
# The holder withdraws an open request until it is answered, and edits it until it is
# qualified.
WITHDRAW = {"withdraw"}
EDIT = {"edit", "withdraw"}
EXPECTED = {
    Status.SUBMITTED: {
        "coordinator": {"route", "ask_clarification", "common_law", "duplicate", "note", LINK},
        "holder": EDIT,
    },
    Status.CLARIFICATION: {
        "coordinator": {"duplicate", "note", LINK},
        "holder": {"reply"} | EDIT,
    },
    Status.ROUTED: {
        "coordinator": {"hand_over", "note", LINK},
        "assignee": {"claim", "hand_over", "note"},
        "routed_expert": {"claim", "hand_over", "note"},
        "holder": WITHDRAW,
    },
    Status.IN_PROGRESS: {
        "coordinator": {"answer", "ask_holder", "hand_over", "note", LINK},
        "assignee": {"answer", "ask_holder", "hand_over", "note"},
        "routed_expert": NOTE,
        "holder": WITHDRAW,
    },
    Status.AWAITING_HOLDER: {
        "coordinator": COORDINATOR_NOTE,
        "assignee": NOTE,
        "routed_expert": NOTE,
        "holder": {"reply"} | WITHDRAW,
    },
    Status.ANSWER_REVIEW: {
        "coordinator": {"approve_answer", "return_answer", "note", LINK},
        "assignee": NOTE,
        "routed_expert": NOTE,
        "holder": WITHDRAW,
    },
    Status.ANSWERED: {
        "coordinator": COORDINATOR_NOTE,
        "assignee": NOTE,
        "routed_expert": NOTE,
        # Not withdrawn once answered: the answer would be hidden from the holder.
        "holder": {"accept", "follow_up"},
    },
    Status.ACCEPTED: {
        "coordinator": {"publish", "note", LINK},
        "assignee": NOTE,
        "routed_expert": NOTE,
    },
    Status.COMMON_LAW: {"coordinator": {LINK}},
    Status.DUPLICATE: {"coordinator": {LINK}},
    # A withdrawn request may still be noted, like an accepted one.
    Status.WITHDRAWN: {"coordinator": COORDINATOR_NOTE},
}


@pytest.fixture
def people(coordinator, expert, other_expert, holder, other_holder, editor, body, make_user):
    return {
        "coordinator": coordinator,
        "assignee": expert,
        # A second expert of the routed body, who did not claim it.
        "routed_expert": make_user(body.group.name, username="colleague", is_staff=True),
        "other_expert": other_expert,
        "editor": editor,  # staff with admin access, and nothing to do with the desk
        "holder": holder,
        "project_member": make_user(username="teammate"),
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
        elif name == "withdraw":
            steps.withdraw(how_to_request, people["holder"])
    how_to_request.refresh_from_db()
    assert how_to_request.status == status
    return how_to_request


def _offered(html, pattern):
    return set(re.findall(pattern, html))


def _payload(declared, body, other_body, earlier):
    """A payload the step's form accepts, so that an open step is really taken."""
    if declared.audience == steps.HOLDER:
        # The edit's corrected title; the other holder steps read message or comment.
        return {"message": "Voici.", "comment": "", "title": "Une question corrigée"}
    return {
        "comment": "Un commentaire.",
        "bodies": [body.slug],
        "body": other_body.slug,
        "original": earlier.reference,
        "title": "Une question",
        "question": "La question ?",
        "answer": "La réponse.",
    }


def _post_rolled_back(client, url, payload, how_to_request):
    """The answer's status code, and the request's state the step left (undone after)."""
    with transaction.atomic():
        response = client.post(url, json.dumps(payload), content_type="application/json")
        left_in = HowToRequest.objects.get(pk=how_to_request.pk).status
        transaction.set_rollback(True)
    return response.status_code, left_in


@pytest.mark.parametrize("status", list(PATHS), ids=str)
def test_admin_api_and_pages_offer_what_the_catalogue_opens(
    status, client, home, people, body, other_body, request_data
):
    add_page(home, QuestionIndexPage, title="Questions-réponses", slug="qr")
    earlier = steps.file_request(people["holder"], request_data(title="Une demande antérieure"))
    how_to_request = steps.file_request(people["holder"], request_data())
    Membership.objects.create(project=how_to_request.project, user=people["project_member"])
    _bring(how_to_request, status, people, body, earlier)

    for role in ROLES:
        user = people[role]
        how_to_request.refresh_from_db()
        opened = {s.name for s in steps.open_steps(how_to_request, user)}
        assert opened == EXPECTED[status].get(role, set()), (role, status)
        may_view = permissions.can_view(user, how_to_request)
        client.force_login(user)

        # The admin's request page: a form for each open staff step; 404 to other staff,
        # and people without admin access are sent to sign in.
        admin_page = client.get(reverse("desk_admin:inspect", args=[how_to_request.pk]))
        if permissions.can_see_internal(user, how_to_request):
            assert admin_page.status_code == 200, (role, status)
            offered = _offered(
                admin_page.content.decode(),
                rf"/admin/requests/inspect/{how_to_request.pk}/(\w+)/",
            )
            assert offered == opened & {s.name for s in steps.STAFF_STEPS}, (role, status)
        elif user.has_perm("wagtailadmin.access_admin"):
            assert admin_page.status_code == 404, (role, status)
        else:
            assert admin_page.status_code == 302, (role, status)
            assert admin_page["Location"].startswith(reverse("account_login"))

        # The holder's page: a form for each open holder step.
        public_page = client.get(how_to_request.get_absolute_url())
        if may_view:
            assert public_page.status_code == 200, (role, status)
            offered = _offered(
                public_page.content.decode(),
                rf'(?:action|href)="/demandes/{how_to_request.public_id}/(\w+)/"',
            )
            assert {PUBLIC_PATHS[path] for path in offered} == opened & set(HOLDER_ENDPOINTS)
        else:
            assert public_page.status_code == 404, (role, status)

        # The API: each open step taken (then undone), where it declares; the others
        # refused as the catalogue says why.
        base = f"/api/v1/requests/{how_to_request.public_id}"
        for declared in steps.CATALOGUE:
            if declared.audience == steps.HOLDER:
                url = f"{base}/{HOLDER_ENDPOINTS[declared.name]}"
            else:
                url = f"{base}/steps/{declared.name}"
            payload = _payload(declared, body, other_body, earlier)
            answered, left_in = _post_rolled_back(client, url, payload, how_to_request)
            case = (role, status, declared.name, answered)
            refusal = declared.refusal(how_to_request, user)
            if not may_view:
                assert answered == 404, case
            elif refusal is None:
                assert answered == 200, case
                assert left_in in declared.targets_from(status), case
            elif isinstance(refusal, PermissionDenied):
                assert answered == 403, case
            else:
                assert answered == 409, case
        client.logout()


def test_anonymous_visitors_are_sent_to_sign_in_or_refused(client, filed):
    admin_page = client.get(reverse("desk_admin:inspect", args=[filed.pk]))
    assert admin_page.status_code == 302
    assert admin_page["Location"].startswith(reverse("account_login"))
    public_page = client.get(filed.get_absolute_url())
    assert public_page.status_code == 302
    assert public_page["Location"].startswith(reverse("account_login"))
    base = f"/api/v1/requests/{filed.public_id}"
    for url in [f"{base}/steps/{s.name}" for s in steps.STAFF_STEPS] + [
        f"{base}/{path}" for path in HOLDER_ENDPOINTS.values()
    ]:
        assert client.post(url, "{}", content_type="application/json").status_code == 401, url


@pytest.mark.parametrize(
    "change, step_name, person",
    [
        ({"consent_to_publish": False}, "publish", "coordinator"),
        ("a page", "publish", "coordinator"),
        ({"follow_up_used": True}, "follow_up", "holder"),
    ],
    ids=["no consent", "page already drafted", "follow-up used"],
)
def test_a_precondition_closes_a_step_everywhere(
    change, step_name, person, client, home, people, body, request_data
):
    index = add_page(home, QuestionIndexPage, title="Questions-réponses", slug="qr")
    how_to_request = steps.file_request(people["holder"], request_data())
    state = Status.ACCEPTED if step_name == "publish" else Status.ANSWERED
    _bring(how_to_request, state, people, body, None)
    declared = steps.BY_NAME[step_name]
    user = people[person]
    assert declared.is_open(how_to_request, user)
    if change == "a page":
        how_to_request.qa_page = index
    else:
        for field, value in change.items():
            setattr(how_to_request, field, value)
    how_to_request.save()
    assert not declared.is_open(how_to_request, user)
    client.force_login(user)
    if declared.audience == steps.STAFF:
        page = client.get(reverse("desk_admin:inspect", args=[how_to_request.pk]))
        assert f"/{step_name}/" not in page.content.decode()
        url = f"/api/v1/requests/{how_to_request.public_id}/steps/{step_name}"
    else:
        page = client.get(how_to_request.get_absolute_url())
        assert "/relancer/" not in page.content.decode()
        url = f"/api/v1/requests/{how_to_request.public_id}/{HOLDER_ENDPOINTS[step_name]}"
    answered, left_in = _post_rolled_back(
        client, url, _payload(declared, body, body, how_to_request), how_to_request
    )
    assert (answered, left_in) == (409, state)


def test_the_models_state_facts_agree_with_the_catalogue():
    # Facts the models keep for themselves (they sit below the steps) must say what the
    # steps' declarations say.
    assert {s.action for s in steps.HOLDER_STEPS} | {Action.SUBMIT} == HOLDER_ACTIONS
    assert steps.reply.sources == WAITING_FOR_HOLDER
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
