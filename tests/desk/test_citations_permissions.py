"""Who may open a request's "what changed" page: every role, with canaries.

It is the request's: its holder, its project's team and the staff who see the request
open it; anyone else gets 404, never 403, and no word of the change or the request.
"""

import pytest
from django.urls import reverse

from desk import steps
from desk.models import RequestEvent
from desk.models.events import Action
from knowledge.models import GuideIndexPage, GuidePage
from projects.models import Membership
from tests.desk.citing import republish
from tests.factories import add_page
from workflows import roles

pytestmark = pytest.mark.django_db

CHANGE = "CANARY-CHANGED-WORDS"
TITLE = "CANARY-REQUEST-TITLE"


@pytest.fixture
def case(
    home,
    holder,
    other_holder,
    coordinator,
    expert,
    other_expert,
    body,
    request_data,
    make_user,
    django_capture_on_commit_callbacks,
):
    guides = add_page(home, GuideIndexPage, title="Modes d'emploi")
    guide = add_page(guides, GuidePage, title="Le guide cité", audience="Les communes.")
    request_obj = steps.file_request(holder, request_data(title=f"Bornes {TITLE}"))
    steps.route(request_obj, coordinator, [body])
    steps.claim(request_obj, expert)
    steps.write_answer(request_obj, expert, "Voyez le guide.", citations=[guide])
    with django_capture_on_commit_callbacks(execute=True):  # the alert's task
        republish(guide, audience=f"Les communes et {CHANGE}.")
    alert = RequestEvent.objects.get(request=request_obj, action=Action.CITED_PAGE_CHANGED)
    teammate = make_user(username="teammate")
    Membership.objects.create(project=request_obj.project, user=teammate)
    return {
        "request": request_obj,
        "alert": alert,
        "users": {
            "anonymous": None,
            "holder_a": holder,
            "holder_b": other_holder,
            "project_member": teammate,
            "routed_expert": expert,
            "other_expert": other_expert,
            "coordinator": coordinator,
            "editor": make_user(roles.EDITORS, username="editor_x", is_staff=True),
            "commission15": make_user(roles.REVIEWERS, username="reviewer_x", is_staff=True),
        },
    }


EXPECTED = {
    "anonymous": 302,
    "holder_a": 200,
    "holder_b": 404,
    "project_member": 200,
    "routed_expert": 200,
    "other_expert": 404,
    "coordinator": 200,
    "editor": 404,
    "commission15": 404,
}


@pytest.mark.parametrize("role", list(EXPECTED))
def test_the_comparison_page_by_role(client, case, role):
    user = case["users"][role]
    if user is not None:
        client.force_login(user)
    url = reverse("desk:cited_page_changes", args=[case["request"].public_id, case["alert"].pk])
    response = client.get(url)
    assert response.status_code == EXPECTED[role], f"{role}: {response.status_code}"
    text = response.content.decode()
    if EXPECTED[role] == 200:
        assert CHANGE in text
    else:
        assert CHANGE not in text
        assert TITLE not in text
        assert case["request"].reference not in text


def test_an_alert_of_another_request_answers_404(client, case, other_holder, request_data):
    theirs = steps.file_request(other_holder, request_data())
    client.force_login(other_holder)
    url = reverse("desk:cited_page_changes", args=[theirs.public_id, case["alert"].pk])
    assert client.get(url).status_code == 404


def test_another_event_of_the_request_is_no_comparison(client, case, holder):
    client.force_login(holder)
    answer = case["request"].events.get(action=Action.ANSWER)
    url = reverse("desk:cited_page_changes", args=[case["request"].public_id, answer.pk])
    assert client.get(url).status_code == 404
    url = reverse("desk:cited_page_changes", args=[case["request"].public_id, 999999])
    assert client.get(url).status_code == 404


def test_an_internal_alert_is_the_staffs(client, case, holder, expert):
    RequestEvent.objects.filter(pk=case["alert"].pk).update(internal=True)
    url = reverse("desk:cited_page_changes", args=[case["request"].public_id, case["alert"].pk])
    client.force_login(holder)
    assert client.get(url).status_code == 404
    client.force_login(expert)
    assert client.get(url).status_code == 200
