"""Who may reach which request page: every role against every URL.

Another person's request answers 404, never 403, and no response carries another
person's data or an internal note.
"""

import pytest
from django.test import Client
from django.urls import reverse

from desk import steps
from desk.models import HolderProfile
from projects.models import Membership
from tests.desk.files import pdf_upload
from workflows import roles

pytestmark = pytest.mark.django_db

SECRET = "HOLDER-A-SECRET-DETAIL"
NOTE = "INTERNAL-NOTE-MARK"


@pytest.fixture
def case(holder, other_holder, coordinator, expert, other_expert, body, request_data, make_user):
    request_obj = steps.file_request(
        holder,
        request_data(question=f"Question avec {SECRET}"),
        [pdf_upload("plan.pdf")],
    )
    steps.route(request_obj, coordinator, [body])
    steps.claim(request_obj, expert)
    steps.add_note(request_obj, expert, NOTE)
    teammate = make_user(username="teammate")
    Membership.objects.create(project=request_obj.project, user=teammate)
    # Her organisation is hers: on her account page, never on another person's.
    HolderProfile.objects.create(user=holder, organisation=f"Mairie {SECRET}")
    return {
        "request": request_obj,
        "attachment": request_obj.attachments.get(),
        "users": {
            "anonymous": None,
            "holder_a": holder,
            "holder_b": other_holder,
            "project_member": teammate,
            "routed_expert": expert,
            "other_expert": other_expert,
            "coordinator": coordinator,
            "editor": make_user(roles.EDITORS, username="editor_x", is_staff=True),
        },
    }


def urls_for(r, attachment):
    return {
        "my_requests": ("get", reverse("desk:my_requests")),
        "detail": ("get", reverse("desk:detail", args=[r.public_id])),
        "attachment": ("get", reverse("desk:attachment", args=[r.public_id, attachment.pk])),
        "reply": ("post", reverse("desk:reply", args=[r.public_id])),
        "accept": ("post", reverse("desk:accept", args=[r.public_id])),
        "follow_up": ("post", reverse("desk:follow_up", args=[r.public_id])),
        # The holder's steps with pages of their own (GET: the form, nothing taken).
        "holder_edit": ("get", reverse("desk:edit", args=[r.public_id])),
        "holder_withdraw": ("get", reverse("desk:withdraw", args=[r.public_id])),
        # Everyone's own account page: their name and organisation, nobody else's.
        "profile": ("get", reverse("account_profile")),
        "queue": ("get", reverse("desk_admin:index")),
        "inspect": ("get", reverse("desk_admin:inspect", args=[r.pk])),
        "edit": ("get", reverse("desk_admin:edit", args=[r.pk])),
        "history": ("get", reverse("desk_admin:history", args=[r.pk])),
        "note": ("post", reverse("desk_admin:step", args=[r.pk, "note"])),
    }


# role -> url -> expected status. 302: to a login page, the dashboard, or back to
# the request after a step that its state refuses.
LOGIN = dict.fromkeys(
    [
        "my_requests",
        "detail",
        "attachment",
        "reply",
        "accept",
        "follow_up",
        "holder_edit",
        "holder_withdraw",
        "profile",
    ],
    302,
)
NO_ADMIN = dict.fromkeys(["queue", "inspect", "edit", "history", "note"], 302)
NOT_HOLDER = {
    "reply": 404,
    "accept": 404,
    "follow_up": 404,
    "holder_edit": 404,
    "holder_withdraw": 404,
}
SIGNED_IN = {"profile": 200}
EXPECTED = {
    "anonymous": {**LOGIN, **NO_ADMIN},
    "holder_a": {
        "my_requests": 200,
        "detail": 200,
        "attachment": 200,
        "reply": 302,
        "accept": 302,
        "follow_up": 302,
        # Being answered: too late to edit (back to the request), not to withdraw.
        "holder_edit": 302,
        "holder_withdraw": 200,
        **SIGNED_IN,
        **NO_ADMIN,
    },
    "holder_b": {
        "my_requests": 200,
        "detail": 404,
        "attachment": 404,
        **NOT_HOLDER,
        **SIGNED_IN,
        **NO_ADMIN,
    },
    # In the team of the request's project: reads it like its holder, takes none of
    # the holder's steps (the step refuses, and the page answers as for a stranger).
    "project_member": {
        "my_requests": 200,
        "detail": 200,
        "attachment": 200,
        **NOT_HOLDER,
        **SIGNED_IN,
        **NO_ADMIN,
    },
    "routed_expert": {
        "my_requests": 200,
        "detail": 200,
        "attachment": 200,
        **NOT_HOLDER,
        **SIGNED_IN,
        "queue": 200,
        "inspect": 200,
        "edit": 302,
        "history": 200,
        "note": 302,
    },
    "other_expert": {
        "my_requests": 200,
        "detail": 404,
        "attachment": 404,
        **NOT_HOLDER,
        **SIGNED_IN,
        "queue": 200,
        "inspect": 404,
        "edit": 302,
        "history": 404,
        "note": 404,
    },
    "coordinator": {
        "my_requests": 200,
        "detail": 200,
        "attachment": 200,
        **NOT_HOLDER,
        **SIGNED_IN,
        "queue": 200,
        "inspect": 200,
        "edit": 200,
        "history": 200,
        "note": 302,
    },
    "editor": {
        "my_requests": 200,
        "detail": 404,
        "attachment": 404,
        **NOT_HOLDER,
        **SIGNED_IN,
        # Admin access, but no request exists for them (edit: no permission at all).
        "queue": 302,
        "inspect": 404,
        "edit": 302,
        "history": 404,
        "note": 404,
    },
}

# Who may see the request's own data; the internal note only on staff pages.
SEES_DATA = {"holder_a", "project_member", "routed_expert", "coordinator"}
SEES_NOTE_ON = {("routed_expert", "inspect"), ("coordinator", "inspect")}
POST_DATA = {
    "reply": {"reply-message": "Réponse"},
    "accept": {"accept-comment": ""},
    "follow_up": {"follow_up-message": "Relance"},
    "note": {"note-comment": "Une note de plus"},
}


def _text(response):
    body = b"".join(response) if response.streaming else response.content
    return body.decode(errors="ignore")


@pytest.mark.parametrize("role", list(EXPECTED))
def test_permission_matrix(client, case, role):
    user = case["users"][role]
    if user is not None:
        client.force_login(user)
    for name, (method, url) in urls_for(case["request"], case["attachment"]).items():
        response = getattr(client, method)(url, POST_DATA.get(name, {}))
        expected = EXPECTED[role][name]
        assert response.status_code == expected, f"{role} {name}: {response.status_code}"
        text = _text(response)
        if role not in SEES_DATA:
            assert SECRET not in text, f"{role} sees the holder's data on {name}"
        if (role, name) in SEES_NOTE_ON:
            assert NOTE in text
        else:
            assert NOTE not in text, f"{role} sees the internal note on {name}"


def test_queue_lists_only_the_experts_bodies_requests(client, case):
    client.force_login(case["users"]["other_expert"])
    assert case["request"].title not in client.get(reverse("desk_admin:index")).content.decode()
    client.force_login(case["users"]["routed_expert"])
    assert case["request"].title in client.get(reverse("desk_admin:index")).content.decode()


def test_request_ids_are_not_guessable(case):
    request_obj = case["request"]
    assert f"/{request_obj.pk}/" not in request_obj.get_absolute_url()
    assert str(request_obj.public_id) in request_obj.get_absolute_url()


def test_state_changing_pages_require_csrf(case):
    client = Client(enforce_csrf_checks=True)
    client.force_login(case["users"]["holder_a"])
    follow_up = reverse("desk:follow_up", args=[case["request"].public_id])
    assert client.post(follow_up, {"follow_up-message": "x"}).status_code == 403
    assert client.post(reverse("desk:create"), {"title": "x"}).status_code == 403
    client.force_login(case["users"]["coordinator"])
    note = reverse("desk_admin:step", args=[case["request"].pk, "note"])
    assert client.post(note, {"note-comment": "x"}).status_code == 403
