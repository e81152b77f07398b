"""Every (evaluation state, role, step) of projects: the catalogue and the admin agree.

The catalogue (`projects.steps`) is the only place that says which evaluation state a
step needs and who may take it. For a project in each state and each person around it,
the catalogue opens exactly the steps written out below (on their own, not read from the
catalogue, so that a rule changed by mistake fails here); the admin's project page offers
a form for exactly the open Commission steps; and the admin takes each open one (then
undone) and refuses the others as the catalogue says why: 403 (not theirs), 409 (not in
this state), 404 to staff who may not see the project, the sign-in page to the rest.
"""

import pytest
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.urls import reverse
from django.utils.html import escape

from projects import permissions, steps
from projects.states import EvaluationState, state_of
from tests.projects.admin_steps import detail_url, make_expert, prefixed, score_data, step_url
from tests.projects.conftest import full_scores

pytestmark = pytest.mark.django_db

ROLES = (
    "coordinator",
    "assigned",  # the evaluator assigned first (an evaluator, before any assignment)
    "unassigned",  # a member of Commission 15 not assigned
    "owner",
    "member",
    "outsider",  # a holder outside the project's team
    "expert",  # an expert body's member: admin access, no Commission 15
)
# The shortest way to each state from a project just made; "second" is another
# evaluator, so that the evaluation can be ready.
PATHS = {
    EvaluationState.NOT_SUBMITTED: [],
    EvaluationState.IN_EVALUATION: ["submit", "assign"],
    EvaluationState.READY: ["submit", "assign", "assign_second", "score", "score_second"],
    EvaluationState.DECIDED: [
        "submit",
        "assign",
        "assign_second",
        "score",
        "score_second",
        "decide",
    ],
}
# What each person may do in each state. Anyone signed in may try an invitation's link
# (the invitation itself is checked when it is used); owners manage the project and its
# team, and may put it on the showcase (it is not on it yet); a member may leave.
SIGNED_IN = {"accept_invitation"}
OWNER = SIGNED_IN | {
    "update_project",
    "invite_member",
    "revoke_invitation",
    "remove_member",
    "change_role",
    "show_on_showcase",
}
MEMBER = SIGNED_IN | {"remove_member"}
TEAM = {"owner": OWNER, "member": MEMBER}
EXPECTED = {
    EvaluationState.NOT_SUBMITTED: {
        **TEAM,
        "coordinator": SIGNED_IN | {"submit_for_evaluation"},
    },
    EvaluationState.IN_EVALUATION: {
        **TEAM,
        "coordinator": SIGNED_IN | {"assign_evaluator", "withdraw_evaluation"},
        "assigned": SIGNED_IN | {"score"},
        "unassigned": SIGNED_IN | {"take_part"},
    },
    EvaluationState.READY: {
        **TEAM,
        "coordinator": SIGNED_IN | {"assign_evaluator", "withdraw_evaluation", "decide"},
        "assigned": SIGNED_IN | {"decide"},
        "unassigned": SIGNED_IN | {"take_part", "decide"},
    },
    EvaluationState.DECIDED: {
        **TEAM,
        "coordinator": SIGNED_IN | {"submit_for_evaluation"},
    },
}
# A project whose last owner's account was erased (the team cannot leave it so): the
# former owner is nobody to it, a member may still leave, and a coordinator appoints an
# owner.
OWNERLESS = {
    "member": MEMBER,
    "coordinator": SIGNED_IN | {"submit_for_evaluation", "appoint_owner"},
}


@pytest.fixture
def people(coordinator, evaluators, commission_member, owner, member, outsider, make_user):
    return {
        "coordinator": coordinator,
        "assigned": evaluators[0],
        "second": evaluators[1],
        "spare": evaluators[2],  # never assigned: who the assign step's form names
        "unassigned": commission_member,
        "owner": owner,
        "member": member,
        "outsider": outsider,
        "expert": make_expert(make_user),
    }


def _bring(project, state, people, grid):
    for name in PATHS[state]:
        if name == "submit":
            steps.submit_for_evaluation(project, people["coordinator"])
        elif name == "assign":
            steps.assign_evaluator(project, people["coordinator"], evaluator=people["assigned"])
        elif name == "assign_second":
            steps.assign_evaluator(project, people["coordinator"], evaluator=people["second"])
        elif name == "score":
            steps.score(project, people["assigned"], scores=full_scores(grid))
        elif name == "score_second":
            steps.score(project, people["second"], scores=full_scores(grid))
        elif name == "decide":
            steps.decide(
                project,
                people["second"],
                decision="favourable",
                opinion="",
                public_justification="Projet exemplaire.",
            )
    assert state_of(project) == state
    return project


def _payload(name, people, grid, project):
    """What the step's form accepts, so that an open step is really taken."""
    if name == "appoint_owner":
        return prefixed(name, {"member": project.memberships.get(user=people["member"]).pk})
    data = {
        "submit_for_evaluation": {"comment": "Un commentaire."},
        "assign_evaluator": {"evaluator": people["spare"].pk},
        "take_part": {},
        "score": score_data(grid),
        "decide": {
            "decision": "favourable",
            "opinion": "Avis.",
            "public_justification": "Justification.",
        },
        "withdraw_evaluation": {"comment": "Retrait."},
    }[name]
    return prefixed(name, data)


def _post_rolled_back(client, url, payload, project):
    """The admin's answer and the state the step left, undone afterwards."""
    with transaction.atomic():
        response = client.post(url, payload)
        project.__dict__.pop("_latest_evaluation", None)
        left_in = state_of(type(project).objects.get(pk=project.pk))
        transaction.set_rollback(True)
    return response, left_in


def _fresh(project):
    return type(project).objects.get(pk=project.pk)


@pytest.mark.parametrize("state", list(PATHS), ids=str)
def test_the_catalogue_and_the_admin_open_what_is_expected(
    state, client, project, people, grid, settings
):
    settings.LANGUAGE_CODE = "en"
    _bring(project, state, people, grid)
    _every_role_gets_what_is_expected(client, project, state, EXPECTED[state], people, grid)


def test_an_ownerless_project_opens_the_coordinators_appointment(
    client, project, people, grid, settings
):
    settings.LANGUAGE_CODE = "en"
    project.memberships.filter(user=people["owner"]).delete()
    state = EvaluationState.NOT_SUBMITTED
    _every_role_gets_what_is_expected(client, project, state, OWNERLESS, people, grid)


def _every_role_gets_what_is_expected(client, project, state, expected, people, grid):
    for role in ROLES:
        user = people[role]
        opened = {declared.name for declared in steps.open_steps(_fresh(project), user)}
        assert opened == expected.get(role, SIGNED_IN), (role, state)

        client.force_login(user)
        page = client.get(detail_url(project))
        if permissions.sees_portfolio(user):
            assert page.status_code == 200, (role, state)
            html = page.content.decode()
            offered = {
                declared.name
                for declared in steps.COMMISSION_STEPS
                if f'action="{step_url(project, declared.name)}"' in html
            }
            assert offered == opened & {s.name for s in steps.COMMISSION_STEPS}, (role, state)
        elif user.has_perm("wagtailadmin.access_admin"):
            assert page.status_code == 404, (role, state)
        else:
            assert page.status_code == 302, (role, state)
            assert page["Location"].startswith(reverse("account_login"))

        for declared in steps.COMMISSION_STEPS:
            fresh = _fresh(project)
            refusal = declared.refusal(fresh, user)
            response, left_in = _post_rolled_back(
                client,
                step_url(project, declared.name),
                _payload(declared.name, people, grid, fresh),
                fresh,
            )
            case = (role, state, declared.name, response.status_code)
            if not user.has_perm("wagtailadmin.access_admin"):
                assert response.status_code == 302, case
                assert response["Location"].startswith(reverse("account_login")), case
            elif not permissions.sees_portfolio(user):
                assert response.status_code == 404, case
            elif refusal is None:
                assert response.status_code == 302, case
                assert response["Location"] == detail_url(project), case
                assert left_in in declared.targets_from(state), case
            elif isinstance(refusal, PermissionDenied):
                assert response.status_code == 403, case
                assert left_in == state, case
            else:
                assert response.status_code == 409, case
                assert escape(str(refusal.message)) in response.content.decode(), case
                assert left_in == state, case
        client.logout()


def test_anonymous_visitors_are_sent_to_sign_in(client, project):
    for url in [detail_url(project)] + [step_url(project, s.name) for s in steps.COMMISSION_STEPS]:
        response = client.post(url) if url != detail_url(project) else client.get(url)
        assert response.status_code == 302, url
        assert response["Location"].startswith(reverse("account_login")), url


def test_one_declaration_per_name_and_every_step_in_the_catalogue():
    assert len(steps.BY_NAME) == len(steps.CATALOGUE)
    tables = [*EXPECTED.values(), OWNERLESS]
    named = {name for table in tables for names in table.values() for name in names}
    assert named == {declared.name for declared in steps.CATALOGUE} - {"hide_from_showcase"}
