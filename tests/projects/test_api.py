"""The projects API: the evaluation journey, the permission matrix over every operation
with canary strings, another person's object as 404, and bad input in the API's format."""

import json
import uuid

import pytest
from django.urls import reverse

from desk.forms import NOT_YOUR_PROJECT
from desk.models import HowToRequest
from knowledge.models import ProjectIndexPage
from projects import steps
from projects.api.common import opaque_id
from projects.models import Invitation, Membership, Project, Role
from projects.states import EvaluationState, state_of
from projects.steps.team import MUST_KEEP_AN_OWNER
from tests.api_calls import API, call
from tests.factories import (
    ExpertBodyFactory,
    PriorityFactory,
    ProjectFactory,
    TerritoryFactory,
    add_page,
)
from tests.projects.conftest import full_scores
from workflows import roles

pytestmark = pytest.mark.django_db

NOTES = "CANARY-EVALUATOR-NOTES"
JUSTIFICATION = "CANARY-SCORE-JUSTIFICATION"
OPINION = "Avis consolidé de la Commission"
PUBLIC = "Un projet qui articule trois piliers."
MEMBER_EMAIL = "canary.member@example.org"
FIRST_NAME_CANARY = "Canaryprenom"
INVITEE_EMAIL = "canary.invitee@example.org"


def scores_payload(grid, justification=JUSTIFICATION, level=3):
    return [
        {"criterion": criterion.pk, "level": level, "justification": f"{justification} {n}"}
        for n, criterion in enumerate(grid.criteria.all())
    ]


@pytest.fixture
def after_commit(django_capture_on_commit_callbacks):
    return lambda: django_capture_on_commit_callbacks(execute=True)


@pytest.fixture
def showcase_page(home):
    return add_page(home, ProjectIndexPage, title="Projets", slug="projets")


@pytest.fixture
def expert(staff_roles, make_user):
    body = ExpertBodyFactory(name="Pôle chaleur", slug="pole-chaleur", acronym="PC")
    body.refresh_from_db()
    return make_user(body.group.name, username="expert", is_staff=True)


@pytest.fixture
def member(make_user):
    return make_user(username="member", email=MEMBER_EMAIL)


@pytest.fixture
def evaluated(project, coordinator, evaluators, grid, owner):
    """The project being evaluated by two evaluators; the first has scored, with notes;
    an invitation is pending."""
    steps.invite_member(project, owner, email=INVITEE_EMAIL)
    steps.submit_for_evaluation(project, coordinator)
    for evaluator in evaluators[:2]:
        steps.assign_evaluator(project, coordinator, evaluator=evaluator)
    scores = {
        pk: (level, f"{JUSTIFICATION} {text}") for pk, (level, text) in full_scores(grid).items()
    }
    steps.score(project, evaluators[0], scores=scores, notes=NOTES)
    return project


def test_the_schema_documents_every_operation_and_its_statuses(client):
    status, schema = call(client, "get", "/openapi.json")
    assert status == 200
    operations = {
        (path, method): operation
        for path, methods in schema["paths"].items()
        for method, operation in methods.items()
    }
    expected = {
        ("/api/v1/projects", "get"): {"200", "401", "422"},
        ("/api/v1/projects", "post"): {"201", "400", "401", "403", "415", "422"},
        ("/api/v1/projects/{project_id}", "get"): {"200", "401", "404"},
        ("/api/v1/projects/{project_id}", "put"): {
            "200", "400", "401", "403", "404", "409", "415", "422",
        },
        ("/api/v1/projects/{project_id}/members", "get"): {"200", "401", "404"},
        ("/api/v1/projects/{project_id}/members/{member_id}", "put"): {
            "200", "400", "401", "403", "404", "409", "415", "422",
        },
        ("/api/v1/projects/{project_id}/members/{member_id}", "delete"): {
            "204", "401", "403", "404", "409", "422",
        },
        ("/api/v1/projects/{project_id}/invitations", "get"): {"200", "401", "403", "404"},
        ("/api/v1/projects/{project_id}/invitations", "post"): {
            "201", "400", "401", "403", "404", "409", "415", "422", "429",
        },
        ("/api/v1/projects/{project_id}/invitations/{invitation_id}", "delete"): {
            "204", "401", "403", "404", "409", "422",
        },
        ("/api/v1/projects/{project_id}/showcase", "post"): {"200", "401", "403", "404", "409"},
        ("/api/v1/projects/{project_id}/showcase", "delete"): {
            "200", "401", "403", "404", "409",
        },
        ("/api/v1/portfolio", "get"): {"200", "401", "403", "422"},
        ("/api/v1/portfolio/evaluators", "get"): {"200", "401", "403"},
        ("/api/v1/portfolio/{project_id}", "get"): {"200", "401", "404"},
        ("/api/v1/evaluations/{evaluation_id}", "get"): {"200", "401", "404"},
        ("/api/v1/portfolio/{project_id}/steps/{step}", "post"): {
            "200", "400", "401", "403", "404", "409", "415", "422",
        },
        ("/api/v1/showcase", "get"): {"200", "422"},
        ("/api/v1/showcase/{key}", "get"): {"200", "404"},
    }  # fmt: skip
    for key, statuses in expected.items():
        assert set(operations[key]["responses"]) == statuses, key
    step = operations[("/api/v1/portfolio/{project_id}/steps/{step}", "post")]
    names = json.dumps(step["parameters"])
    for name in ("submit_for_evaluation", "assign_evaluator", "take_part", "score", "decide"):
        assert name in names
    # Ids are UUIDs, never a guessable primary key.
    for path in ("/api/v1/projects/{project_id}", "/api/v1/evaluations/{evaluation_id}"):
        parameters = operations[(path, "get")]["parameters"]
        assert all(p["schema"].get("format") == "uuid" for p in parameters), path


def test_the_evaluation_journey_through_the_api(
    client,
    owner,
    member,
    coordinator,
    evaluators,
    commission_member,
    grid,
    showcase_page,
    after_commit,
):
    evaluators[0].first_name, evaluators[0].last_name = "Hortense", "Canarivaluatrice"
    evaluators[0].save()
    territory = TerritoryFactory(name="Bassin minier", slug="bassin-minier")
    priority = PriorityFactory(slug="sobriete")
    client.force_login(owner)
    status, created = call(
        client,
        "post",
        "/projects",
        {
            "title": "Réseau de chaleur de la Gohelle",
            "summary": "Une chaufferie biomasse pour trois communes.",
            "organisations": "Commune de Loos-en-Gohelle\nBailleur social",
            "territory": territory.slug,
            "priorities": [priority.slug],
            "stage": "design",
            "budget": "1200000.00",
            "links": [{"title": "Étude", "url": "https://example.org/etude"}],
        },
    )
    assert status == 201, created
    project_id = created["id"]
    assert created["role"] == Role.OWNER and created["evaluation_state"] == "not_submitted"
    assert created["organisations"] == ["Commune de Loos-en-Gohelle", "Bailleur social"]
    assert created["links"] == [{"title": "Étude", "url": "https://example.org/etude"}]

    status, invitation = call(
        client, "post", f"/projects/{project_id}/invitations", {"email": member.email}
    )
    assert status == 201 and invitation["email"] == member.email
    project = Project.objects.get(public_id=project_id)
    steps.accept_invitation(
        project, member, invitation=Invitation.objects.get(public_id=invitation["id"])
    )

    client.force_login(coordinator)
    status, portfolio = call(client, "get", "/portfolio")
    assert status == 200 and [item["id"] for item in portfolio["items"]] == [project_id]
    path = f"/portfolio/{project_id}/steps"
    status, submitted = call(client, "post", f"{path}/submit_for_evaluation", {"comment": "Go"})
    assert status == 200, submitted
    assert submitted["evaluation_state"] == "in_evaluation"
    assert [c["name"] for c in submitted["evaluation"]["grid"]["criteria"]] == [
        c.name for c in grid.criteria.all()
    ]
    status, candidates = call(client, "get", "/portfolio/evaluators")
    ids = {candidate["name"]: candidate["id"] for candidate in candidates}
    for evaluator in evaluators[:2]:
        status, assigned = call(
            client,
            "post",
            f"{path}/assign_evaluator",
            {"evaluator": ids[evaluator.get_full_name() or evaluator.email]},
        )
        assert status == 200, assigned
    assert assigned["evaluation"]["progress_label"] == "0 of 2 done"

    for number, evaluator in enumerate(evaluators[:2]):
        client.force_login(evaluator)
        status, scored = call(
            client,
            "post",
            f"{path}/score",
            {"scores": scores_payload(grid), "notes": f"{NOTES} {number}"},
        )
        assert status == 200, scored
        mine = [review for review in scored["evaluation"]["reviews"] if review["is_mine"]]
        assert mine[0]["notes"] == f"{NOTES} {number}"
        others = [review for review in scored["evaluation"]["reviews"] if not review["is_mine"]]
        assert all(review["notes"] is None for review in others)
    assert scored["evaluation_state"] == "ready"
    assert scored["evaluation"]["progress_label"] == "2 of 2 done"

    client.force_login(commission_member)
    status, detail = call(client, "get", f"/portfolio/{project_id}")
    assert "decide" in detail["open_steps"] and NOTES not in json.dumps(detail)
    assert JUSTIFICATION in json.dumps(detail)  # submitted reviews: the Commission's
    status, decided = call(
        client,
        "post",
        f"{path}/decide",
        {"decision": "conditional", "opinion": OPINION, "public_justification": PUBLIC},
    )
    assert status == 200, decided
    assert decided["evaluation_state"] == "decided" and decided["decision"] == "conditional"

    for holder in (owner, member):
        client.force_login(holder)
        status, read = call(client, "get", f"/projects/{project_id}")
        assert status == 200
        assert read["decision"]["decision"] == "conditional"
        assert read["decision"]["public_justification"] == PUBLIC
        assert read["decision"]["opinion"] == OPINION
        text = json.dumps(read)
        for secret in (NOTES, JUSTIFICATION, evaluators[0].email, evaluators[0].last_name):
            assert secret not in text
        assert "score" not in {event["action"] for event in read["events"]}

    client.logout()
    status, shown = call(client, "get", "/showcase")
    assert status == 200 and shown["items"] == []
    client.force_login(owner)
    with after_commit():
        status, consented = call(client, "post", f"/projects/{project_id}/showcase")
    assert status == 200 and consented["showcase"] is True
    client.logout()
    status, shown = call(client, "get", f"/showcase?territory={territory.slug}&stage=design")
    assert status == 200 and [item["title"] for item in shown["items"]] == [
        "Réseau de chaleur de la Gohelle"
    ]
    item = shown["items"][0]
    assert item["decision"] == "conditional" and item["decision_justification"] == PUBLIC
    status, one = call(client, "get", f"/showcase/{item['slug']}")
    assert status == 200 and one["id"] == item["id"]
    assert call(client, "get", f"/showcase/{item['id']}")[1]["slug"] == item["slug"]
    text = json.dumps([shown, one])
    for secret in (NOTES, JUSTIFICATION, OPINION, owner.email, member.email, "1200000"):
        assert secret not in text
    assert call(client, "get", "/showcase?territory=elsewhere")[1]["items"] == []


ROLES = (
    "anonymous",
    "owner",
    "member",
    "outsider",
    "expert",
    "coordinator",
    "assigned",
    "commission",
)


@pytest.fixture
def people(owner, member, outsider, expert, coordinator, evaluators, commission_member):
    return {
        "anonymous": None,
        "owner": owner,
        "member": member,
        "outsider": outsider,
        "expert": expert,
        "coordinator": coordinator,
        "assigned": evaluators[0],
        "commission": commission_member,
    }


def _statuses(default, **by_role):
    return {role: by_role.get(role, default) for role in ROLES}


TEAM_READ = _statuses(404, anonymous=401, owner=200, member=200)
OWNER_WRITE = _statuses(404, anonymous=401, owner=200, member=403)
PORTFOLIO_READ = _statuses(404, anonymous=401, coordinator=200, assigned=200, commission=200)
MATRIX = [
    ("get", "/projects/{project}", None, TEAM_READ),
    ("get", "/projects/{project}/members", None, TEAM_READ),
    ("get", "/projects/{project}/invitations", None, OWNER_WRITE),
    ("post", "/projects/{project}/showcase", None, OWNER_WRITE),
    ("put", "/projects/{project}/members/{member}", {"role": "owner"}, OWNER_WRITE),
    ("delete", "/projects/{project}/invitations/{invitation}", None, {**OWNER_WRITE, "owner": 204}),
    (
        "get",
        "/portfolio",
        None,
        _statuses(403, anonymous=401, coordinator=200, assigned=200, commission=200),
    ),
    ("get", "/portfolio/{project}", None, PORTFOLIO_READ),
    ("get", "/evaluations/{evaluation}", None, PORTFOLIO_READ),
    (
        "post",
        "/portfolio/{project}/steps/take_part",
        {},
        _statuses(404, anonymous=401, coordinator=403, assigned=409, commission=200),
    ),
    (
        "post",
        "/portfolio/{project}/steps/submit_for_evaluation",
        {},
        _statuses(404, anonymous=401, coordinator=409, assigned=403, commission=403),
    ),
    (
        "post",
        "/portfolio/{project}/steps/withdraw_evaluation",
        {},
        _statuses(404, anonymous=401, coordinator=200, assigned=403, commission=403),
    ),
    ("get", "/showcase/{slug}", None, _statuses(404)),
]


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize(
    "method, path, payload, expected", MATRIX, ids=[f"{m} {p}" for m, p, _b, _e in MATRIX]
)
def test_the_permission_matrix(client, people, evaluated, role, method, path, payload, expected):
    """Each operation for each person: 404 for another's project, 403 for a step not
    theirs, and no canary where it does not belong."""
    person = people[role]
    if person is not None:
        client.force_login(person)
    member_row = evaluated.memberships.get(role=Role.MEMBER)
    values = {
        "project": evaluated.public_id,
        "member": _member_id(member_row),
        "invitation": evaluated.invitations.get().public_id,
        "evaluation": evaluated.evaluations.get().public_id,
        "slug": "reseau-de-chaleur-de-la-gohelle",
    }
    status, body = call(client, method, path.format(**values), payload)
    assert status == expected[role], body
    text = json.dumps(body)
    if role != "assigned" or "steps" in path:
        assert NOTES not in text or role == "assigned"
    if role in ("owner", "member", "outsider", "expert", "anonymous"):
        for secret in (NOTES, JUSTIFICATION):
            assert secret not in text
    if role != "owner":
        assert INVITEE_EMAIL not in text
    if role != "owner":
        assert people["owner"].email not in text
    if role not in ("owner", "member"):  # a member sees their own email
        assert MEMBER_EMAIL not in text


def _member_id(membership):
    return opaque_id("membership", membership.pk)


def test_notes_are_their_authors_and_scores_the_commissions(client, evaluated, evaluators):
    path = f"/portfolio/{evaluated.public_id}"
    client.force_login(evaluators[0])
    own = call(client, "get", path)[1]["evaluation"]["reviews"]
    assert [review["notes"] for review in own if review["is_mine"]] == [NOTES]
    client.force_login(evaluators[1])
    other = call(client, "get", path)[1]
    reviews = other["evaluation"]["reviews"]
    assert NOTES not in json.dumps(other)
    # The colleague's submitted scores wait until this evaluator's own are in.
    assert [(r["is_mine"], r["scores"]) for r in reviews] == [(False, None), (True, [])]
    assert JUSTIFICATION not in json.dumps(other)
    assert other["open_steps"] == ["score"]
    client.force_login(evaluators[2])  # of Commission 15, not assigned: reads them
    unassigned = call(client, "get", path)[1]["evaluation"]["reviews"]
    assert [r["scores"] is None for r in unassigned] == [False, True]  # the second in progress


def test_owners_see_the_teams_emails_members_do_not(client, evaluated, owner, member):
    path = f"/projects/{evaluated.public_id}/members"
    client.force_login(owner)
    assert MEMBER_EMAIL in {row["email"] for row in call(client, "get", path)[1]}
    client.force_login(member)
    rows = call(client, "get", path)[1]
    assert {row["email"] for row in rows if not row["is_me"]} == {None}
    assert owner.email not in json.dumps(rows)


def test_another_projects_members_and_invitations_answer_404(client, evaluated, owner, make_user):
    other_owner = make_user(username="other-owner")
    other = ProjectFactory(owner=other_owner)
    steps.invite_member(other, other_owner, email="someone@example.org")
    foreign_member = _member_id(other.memberships.get())
    foreign_invitation = other.invitations.get().public_id
    client.force_login(owner)
    base = f"/projects/{evaluated.public_id}"
    assert call(client, "put", f"{base}/members/{foreign_member}", {"role": "owner"})[0] == 404
    assert call(client, "delete", f"{base}/members/{foreign_member}")[0] == 404
    assert call(client, "delete", f"{base}/invitations/{foreign_invitation}")[0] == 404
    assert call(client, "get", f"/projects/{other.public_id}")[0] == 404
    assert call(client, "get", f"/projects/{uuid.uuid4()}")[0] == 404
    assert other.invitations.get().is_pending and other.memberships.count() == 1


def test_the_team_manages_itself_through_the_steps(client, evaluated, owner, member):
    base = f"/projects/{evaluated.public_id}"
    member_id = _member_id(evaluated.memberships.get(user=member))
    owner_id = _member_id(evaluated.memberships.get(user=owner))
    client.force_login(owner)
    status, body = call(client, "delete", f"{base}/members/{owner_id}")
    # The last owner stays (the step's message, in the caller's language).
    assert status == 422 and body["errors"]["__all__"] == [str(MUST_KEEP_AN_OWNER)]
    client.force_login(member)
    assert call(client, "delete", f"{base}/members/{owner_id}")[0] == 403
    assert call(client, "delete", f"{base}/members/{member_id}")[0] == 204  # leaves
    assert not Membership.objects.filter(project=evaluated, user=member).exists()
    assert call(client, "get", base)[0] == 404
    client.force_login(owner)
    status, body = call(client, "post", f"{base}/showcase")
    assert status == 200 and body["showcase"] is True
    status, body = call(client, "post", f"{base}/showcase")
    assert status == 409 and body["detail"]


@pytest.mark.parametrize(
    "payload, field",
    [
        ({"territory": "nowhere"}, "territory"),
        ({"priorities": ["nothing"]}, "priorities"),
        ({"stage": "dreaming"}, "stage"),
        ({"title": "\u200b "}, "title"),
        ({"summary": "a\x00b"}, "summary"),
        ({"budget": "-3"}, "budget"),
        ({"links": [{"title": "x", "url": "javascript:alert(1)"}]}, "links"),
    ],
)
def test_bad_fields_are_422_by_field(client, owner, project, payload, field):
    good = {
        "title": "Projet",
        "summary": "Résumé",
        "territory": project.territory.slug,
        "priorities": [project.priorities.get().slug],
        "stage": "idea",
    }
    client.force_login(owner)
    for method, path in (("post", "/projects"), ("put", f"/projects/{project.public_id}")):
        status, body = call(client, method, path, {**good, **payload})
        assert status == 422, body
        assert body["detail"] == "Invalid input." and field in body["errors"], body


def test_bad_bodies_are_refused_in_the_apis_format(client, owner, project, coordinator):
    client.force_login(owner)
    response = client.post(f"{API}/projects", "{not json", content_type="application/json")
    assert response.status_code == 400 and response.json()["detail"]
    response = client.post(f"{API}/projects", "title=x", content_type="text/plain")
    assert response.status_code == 415
    status, body = call(
        client, "post", f"/projects/{project.public_id}/invitations", {"email": "not-an-email"}
    )
    assert status == 422 and "email" in body["errors"]


def test_a_steps_own_validation_is_422(client, evaluated, evaluators, coordinator, grid):
    path = f"/portfolio/{evaluated.public_id}/steps"
    client.force_login(evaluators[1])
    status, body = call(client, "post", f"{path}/score", {"scores": scores_payload(grid)[:1]})
    assert status == 422 and any(key.startswith("level_") for key in body["errors"]), body
    client.force_login(coordinator)
    status, body = call(
        client, "post", f"{path}/assign_evaluator", {"evaluator": str(uuid.uuid4())}
    )
    assert status == 422 and "evaluator" in body["errors"]
    status, body = call(client, "post", f"{path}/decide", {"decision": "favourable"})
    assert status == 409  # not every review is in


@pytest.fixture
def filing(priority_and_territory):
    priority, territory = priority_and_territory
    return {
        "title": "Réseau de chaleur partagé",
        "question": "Comment mutualiser l'étude ?",
        "project_description": "Trois communes, une chaufferie bois.",
        "priorities": [priority.slug],
        "territory": territory.slug,
        "stage": "idea",
        "consent_to_publish": False,
    }


@pytest.fixture
def priority_and_territory(project):
    return project.priorities.get(), project.territory


def test_a_request_is_filed_in_one_of_the_holders_projects(client, project, member, filing):
    client.force_login(member)
    status, created = call(
        client, "post", "/requests", {"title": "Une question", "question": "Comment ?",
                                      "project": str(project.public_id)},
    )  # fmt: skip
    assert status == 201, created
    assert created["project"] == {"id": str(project.public_id), "title": project.title}
    assert HowToRequest.objects.get(public_id=created["id"]).project == project
    status, listed = call(client, "get", "/requests")
    assert listed["items"][0]["project"]["id"] == str(project.public_id)


@pytest.mark.parametrize("whose", ["another's", "forged", "none of mine"])
def test_a_foreign_or_forged_project_is_refused_clearly(
    client, project, owner, outsider, make_user, filing, whose
):
    holder = owner
    if whose == "another's":
        target = ProjectFactory(owner=make_user(username="stranger")).public_id
    elif whose == "forged":
        target = uuid.uuid4()
    else:
        holder, target = outsider, project.public_id  # the outsider has no project
    client.force_login(holder)
    before = HowToRequest.objects.count()
    status, body = call(client, "post", "/requests", {**filing, "project": str(target)})
    assert status == 422, body
    assert body["errors"]["project"] == [str(NOT_YOUR_PROJECT)]  # in the caller's language
    assert HowToRequest.objects.count() == before


@pytest.mark.parametrize("method", ["get", "post", "put", "delete"])
def test_an_address_no_operation_has_is_a_json_404_not_a_redirect(client, owner, method):
    """/api/v1/projects/null once redirected to /api/v1/projects/null/, a Wagtail page,
    whose CSRF check answered PUT and DELETE with an HTML 403."""
    client.force_login(owner)
    send = getattr(client, method)
    path = f"{API}/projects/null"
    response = send(path) if method == "get" else send(path, "{}", content_type="application/json")
    assert response.status_code == 404
    assert response["Content-Type"] == "application/json"
    assert response.json() == {"detail": "Not Found"}


# The team's reading of the evaluation: one rule each (projects.states, projects.timeline)


@pytest.fixture
def decided_by_canary(project, coordinator, grid, make_user, staff_roles):
    """Two evaluators, whose first name is a canary, score; the first decides."""
    named = [
        make_user(roles.REVIEWERS, username=f"canary{n}", first_name=FIRST_NAME_CANARY)
        for n in range(2)
    ]
    steps.submit_for_evaluation(project, coordinator)
    for evaluator in named:
        steps.assign_evaluator(project, coordinator, evaluator=evaluator)
        steps.score(project, evaluator, scores=full_scores(grid))
    steps.decide(
        project, named[0], decision="favourable", opinion=OPINION, public_justification=PUBLIC
    )
    return project


def test_the_team_never_reads_a_first_name_of_the_commission(
    client, decided_by_canary, owner, member
):
    project = decided_by_canary
    for person in (owner, member):
        client.force_login(person)
        status, body = call(client, "get", f"/projects/{project.public_id}")
        assert status == 200 and body["decision"]["public_justification"] == PUBLIC
        by_action = {event["action"]: event["actor"] for event in body["events"]}
        assert by_action["decide"] == by_action["submit_evaluation"] == "Commission 15"
        assert FIRST_NAME_CANARY not in json.dumps(body)
        assert FIRST_NAME_CANARY not in json.dumps(call(client, "get", "/projects")[1])
        page = client.get(project.get_absolute_url())
        assert page.status_code == 200
        assert PUBLIC in page.content.decode()
        assert FIRST_NAME_CANARY not in page.content.decode()


def test_ready_reads_as_being_evaluated_and_the_decision_stays_while_a_new_one_runs(
    client, decided_by_canary, owner, coordinator, grid, evaluators
):
    project = decided_by_canary
    client.force_login(owner)
    path = f"/projects/{project.public_id}"
    steps.submit_for_evaluation(project, coordinator)
    for evaluator in evaluators[:2]:
        steps.assign_evaluator(project, coordinator, evaluator=evaluator)
        steps.score(project, evaluator, scores=full_scores(grid))
    assert state_of(Project.objects.get(pk=project.pk)) == EvaluationState.READY  # Commission's
    body = call(client, "get", path)[1]
    assert body["evaluation_state"] == "in_evaluation"
    assert body["decision"]["decision"] == "favourable"  # the earlier decision stays
    listed = call(client, "get", "/projects")[1]["items"]
    assert [row["evaluation_state"] for row in listed] == ["in_evaluation"]
    page = client.get(project.get_absolute_url())
    assert page.context["state"] == EvaluationState.IN_EVALUATION
    assert PUBLIC in page.content.decode()  # the decision, still the team's
    mine = client.get(reverse("projects:mine"))
    assert [row["state"] for row in mine.context["rows"]] == [EvaluationState.IN_EVALUATION]


def test_a_member_reads_their_own_address_only(client, evaluated, owner, member):
    """`permissions.sees_member_emails`: owners (and coordinators); a member, their own."""
    path = f"/projects/{evaluated.public_id}/members"
    client.force_login(member)
    rows = call(client, "get", path)[1]
    assert [row["email"] for row in rows if row["is_me"]] == [MEMBER_EMAIL]
    assert owner.email not in json.dumps(rows)
