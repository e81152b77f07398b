"""Commission 15 in the admin: the whole evaluation journey through the views, the
grid's versions, the queue and the dashboard, and who reaches which admin URL.

Canary strings mark what only some people may read: a review's scores and
justifications (Commission 15 and coordinators, once submitted), an evaluator's private
notes (their author alone), the project itself (whoever sees the portfolio).
"""

import pytest
from django.core.exceptions import ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from desk.models import Notification
from knowledge.models import RoadmapAction
from projects import steps
from projects.models import Criterion, EvaluationGrid, ProjectEvent, ProjectLogEntry
from projects.models.events import ProjectAction
from tests.projects.admin_steps import (
    detail_url,
    make_expert,
    messages_of,
    post_step,
    score_data,
    step_url,
)
from tests.projects.conftest import full_scores

pytestmark = pytest.mark.django_db

SCORE_CANARY = "Canari-justification-5c1d"
NOTES_CANARY = "Canari-notes-privees-e42a"
PROGRESS_CANARY = "Canari-en-cours-77b0"
PROJECT_CANARY = "Canari-projet-b3f9"


@pytest.fixture(autouse=True)
def english(settings):
    settings.LANGUAGE_CODE = "en"


@pytest.fixture
def expert(staff_roles, make_user):
    return make_expert(make_user)


def test_the_whole_evaluation_journey_through_the_admin(
    client, grid, project, owner, member, coordinator, evaluators, commission_member
):
    first, second, third = evaluators

    client.force_login(coordinator)
    page = client.get(detail_url(project))
    assert page.status_code == 200
    html = page.content.decode()
    assert step_url(project, "submit_for_evaluation") in html
    assert step_url(project, "assign_evaluator") not in html  # not open before submission

    done = post_step(client, project, "submit_for_evaluation", follow=True, comment="À étudier")
    assert done.redirect_chain[-1][0] == detail_url(project)
    assert any("Submitted to Commission 15" in text for text in messages_of(done))
    submitted = ProjectEvent.objects.get(project=project, action=ProjectAction.SUBMIT)
    told = set(
        Notification.objects.filter(project_event=submitted).values_list("recipient", flat=True)
    )
    assert {owner.pk, member.pk} <= told

    # The select offers the Commission's evaluators, named, without Django's dashes.
    html = done.content.decode()
    assert "Choose an evaluator" in html and "---------" not in html
    for evaluator in (first, second):
        response = post_step(
            client, project, "assign_evaluator", follow=True, evaluator=evaluator.pk
        )
        assert response.status_code == 200
    assert "1 of 2 done" not in messages_of(response)
    assert any("0 of 2 done" in text for text in messages_of(response))

    client.force_login(third)
    response = post_step(client, project, "take_part", follow=True)
    assert any("You take part in the evaluation: 0 of 3 done" in m for m in messages_of(response))

    expected = ["1 of 3 done", "2 of 3 done", "3 of 3 done"]
    for evaluator, progress in zip(evaluators, expected, strict=True):
        client.force_login(evaluator)
        page = client.get(detail_url(project))
        html = page.content.decode()
        # One fieldset per criterion: its name, its questions, its scale's labels.
        for criterion in grid.criteria.all():
            assert criterion.name in html
            assert criterion.questions()[0].replace("'", "&#x27;") in html
            assert f'name="score-level_{criterion.pk}"' in html
        assert "Exemplaire" in html
        response = post_step(
            client, project, "score", follow=True, **score_data(grid, notes=f"Notes de {evaluator}")
        )
        assert f"Scores recorded: {progress}." in messages_of(response)

    client.force_login(commission_member)
    response = post_step(
        client,
        project,
        "decide",
        follow=True,
        decision="conditional",
        opinion="Un projet solide, sous réserve du plan de financement.",
        public_justification="Projet bien ancré dans son territoire.",
    )
    assert "Decision recorded and sent to the project's team." in messages_of(response)
    html = response.content.decode()
    assert "Favourable with conditions" in html and "3 of 3 done" in html

    # Every step on the timeline and in the audit log; the team told of the decision.
    actions = list(ProjectEvent.objects.filter(project=project).values_list("action", flat=True))
    assert actions == [
        ProjectAction.SUBMIT,
        ProjectAction.ASSIGN,
        ProjectAction.ASSIGN,
        ProjectAction.VOLUNTEER,
        ProjectAction.SCORE,
        ProjectAction.SCORE,
        ProjectAction.SCORE,
        ProjectAction.DECIDE,
    ]
    logged = sorted(ProjectLogEntry.objects.for_instance(project).values_list("action", flat=True))
    assert logged == sorted(f"projects.{action}" for action in actions)
    decided = ProjectEvent.objects.get(project=project, action=ProjectAction.DECIDE)
    told = set(
        Notification.objects.filter(project_event=decided).values_list("recipient", flat=True)
    )
    assert {owner.pk, member.pk} <= told
    # The internal steps are on the admin's timeline.
    assert html.count("Internal") >= 6


def test_a_step_with_errors_keeps_what_was_typed(client, grid, project, coordinator, evaluators):
    steps.submit_for_evaluation(project, coordinator)
    steps.assign_evaluator(project, coordinator, evaluator=evaluators[0])
    client.force_login(evaluators[0])
    data = score_data(grid, text="Texte gardé")
    first = grid.criteria.first()
    data[f"justification_{first.pk}"] = ""
    response = post_step(client, project, "score", **data)
    assert response.status_code == 200
    html = response.content.decode()
    assert "Justify the score in a few words." in html
    assert "Texte gardé" in html
    assert not project.evaluations.get().reviews.get().is_done


def test_a_refused_step_answers_409_with_the_reason_and_keeps_the_input(
    client, grid, project, coordinator, evaluators
):
    steps.submit_for_evaluation(project, coordinator)
    steps.assign_evaluator(project, coordinator, evaluator=evaluators[0])
    steps.score(project, evaluators[0], scores=full_scores(grid))
    client.force_login(evaluators[0])
    response = post_step(client, project, "score", **score_data(grid, text="Deuxième essai"))
    assert response.status_code == 409
    html = response.content.decode()
    assert "You have already scored this project." in html
    assert "Deuxième essai" in html


def test_a_step_not_theirs_answers_403(client, grid, project, coordinator, commission_member):
    steps.submit_for_evaluation(project, coordinator)
    client.force_login(commission_member)
    response = post_step(client, project, "withdraw_evaluation", comment="Gardé")
    assert response.status_code == 403
    assert "is not yours to take" in response.content.decode()
    assert "Gardé" in response.content.decode()
    assert project.evaluations.get().is_open


def test_an_unknown_or_team_step_is_no_page(client, project, coordinator):
    client.force_login(coordinator)
    assert client.post(step_url(project, "nothing")).status_code == 404
    assert client.post(step_url(project, "update_project")).status_code == 404
    assert client.get(step_url(project, "submit_for_evaluation")).status_code == 405


def test_the_queue_and_its_filters(client, grid, project, coordinator, evaluators, owner):
    from tests.factories import ProjectFactory

    quiet = ProjectFactory(owner=owner, title="Projet sans relecteur")
    steps.submit_for_evaluation(project, coordinator)
    steps.submit_for_evaluation(quiet, coordinator)
    steps.assign_evaluator(project, coordinator, evaluator=evaluators[0])
    steps.assign_evaluator(project, coordinator, evaluator=evaluators[1])
    never = ProjectFactory(owner=owner, title="Projet jamais soumis")

    client.force_login(evaluators[0])
    queue = reverse("projects_admin:queue")
    html = client.get(queue).content.decode()
    assert project.title in html and quiet.title in html and never.title not in html
    assert "0 of 2 done" in html
    mine = client.get(queue + "?filter=mine").content.decode()
    assert project.title in mine and quiet.title not in mine
    unstaffed = client.get(queue + "?filter=unstaffed").content.decode()
    assert quiet.title in unstaffed and project.title not in unstaffed

    steps.score(project, evaluators[0], scores=full_scores(grid))
    assert project.title not in client.get(queue + "?filter=mine").content.decode()


def test_the_dashboard_panel_of_an_evaluator(client, grid, project, coordinator, evaluators):
    steps.submit_for_evaluation(project, coordinator)
    steps.assign_evaluator(project, coordinator, evaluator=evaluators[0])
    client.force_login(evaluators[0])
    html = client.get(reverse("wagtailadmin_home")).content.decode()
    assert 'id="commission-15-heading"' in html
    assert "1 project awaiting your scores" in html
    assert "1 project needing evaluators" in html
    assert detail_url(project) in html


def test_the_menu_shows_commission_15_to_its_members_only(
    client, coordinator, commission_member, editor, expert
):
    for user, shown in (
        (coordinator, True),
        (commission_member, True),
        (editor, False),
        (expert, False),
    ):
        client.force_login(user)
        html = client.get(reverse("wagtailadmin_home")).content.decode()
        assert (reverse("projects_admin:queue") in html) is shown, user
        assert (reverse("projects_grids:index") in html) is shown, user


# The grid's versions ---------------------------------------------------------------


def grid_form_data(grid, **changes):
    criteria = list(grid.criteria.all())
    data = {
        "title": grid.title,
        "introduction": grid.introduction,
        "criteria-TOTAL_FORMS": len(criteria),
        "criteria-INITIAL_FORMS": len(criteria),
        "criteria-MIN_NUM_FORMS": 1,
        "criteria-MAX_NUM_FORMS": 1000,
    }
    for index, criterion in enumerate(criteria):
        data.update(
            {
                f"criteria-{index}-id": criterion.pk,
                f"criteria-{index}-ORDER": index + 1,
                f"criteria-{index}-DELETE": "",
                f"criteria-{index}-name": criterion.name,
                f"criteria-{index}-guiding_questions": criterion.guiding_questions,
                f"criteria-{index}-scale": criterion.scale,
            }
        )
    data.update(changes)
    return data


def test_a_grid_not_in_use_is_edited_with_its_criteria(client, grid, coordinator):
    client.force_login(coordinator)
    url = reverse("projects_grids:edit", args=[grid.pk])
    page = client.get(url)
    assert page.status_code == 200
    assert "criteria-0-scale" in page.content.decode()
    response = client.post(url, grid_form_data(grid, **{"criteria-0-name": "Piliers articulés"}))
    assert response.status_code == 302, response.content.decode()[:2000]
    assert grid.criteria.first().name == "Piliers articulés"
    # A scale of one level is refused, by the model's validator.
    response = client.post(url, grid_form_data(grid, **{"criteria-0-scale": "Un seul"}))
    assert response.status_code == 200
    assert "Give between 2 and 10 levels" in response.content.decode()


def test_a_grid_in_use_is_frozen_and_copied_into_a_new_version(
    client, grid, project, coordinator, evaluators
):
    steps.submit_for_evaluation(project, coordinator)
    used = project.evaluations.get()
    assert grid.in_use
    client.force_login(coordinator)
    url = reverse("projects_grids:edit", args=[grid.pk])
    page = client.get(url)
    html = page.content.decode()
    assert "cannot be edited" in html and "Make a new version" in html
    assert reverse("projects_grids:new_version", args=[grid.pk]) in html
    refused = client.post(url, grid_form_data(grid, **{"criteria-0-name": "Changé en douce"}))
    assert refused.status_code == 409
    assert not Criterion.objects.filter(name="Changé en douce").exists()

    response = client.post(reverse("projects_grids:new_version", args=[grid.pk]))
    copy = EvaluationGrid.objects.order_by("-version").first()
    assert copy.version == grid.version + 1
    assert response["Location"] == reverse("projects_grids:edit", args=[copy.pk])
    assert [c.name for c in copy.criteria.all()] == [c.name for c in grid.criteria.all()]
    # The copy is a draft: the version in force is still the one new evaluations use.
    assert copy.is_draft and copy.in_force_since is None
    assert EvaluationGrid.objects.current() == grid
    edited = client.post(
        response["Location"], grid_form_data(copy, **{"criteria-0-name": "Piliers, version 2"})
    )
    assert edited.status_code == 302

    # The old evaluation keeps its grid; while the copy is a draft, a project submitted
    # is still evaluated against the version in force.
    used.refresh_from_db()
    assert used.grid == grid
    assert grid.criteria.first().name != "Piliers, version 2"
    steps.withdraw_evaluation(project, coordinator)
    steps.submit_for_evaluation(project, coordinator)
    during_draft = project.evaluations.order_by("-pk").first()
    assert during_draft.grid == grid
    # The draft is not in use: still editable.
    assert not copy.in_use
    assert client.get(reverse("projects_grids:edit", args=[copy.pk])).status_code == 200
    listing = client.get(reverse("projects_grids:index")).content.decode()
    assert "Draft" in listing and "In force" in listing

    # Put in force: new evaluations use it, those made before keep theirs.
    inspect_url = reverse("projects_grids:inspect", args=[copy.pk])
    put_url = reverse("projects_grids:put_in_force", args=[copy.pk])
    assert put_url in client.get(inspect_url).content.decode()
    response = client.post(put_url, follow=True)
    assert response.redirect_chain[-1][0] == inspect_url
    assert "Version 2 is now in force: new evaluations use it." in messages_of(response)
    copy.refresh_from_db()
    assert copy.in_force_since is not None and EvaluationGrid.objects.current() == copy
    assert put_url not in response.content.decode()
    # Twice is refused, nothing changed.
    since = copy.in_force_since
    again = client.post(put_url, follow=True)
    assert "Version 2 is already in force." in messages_of(again)
    copy.refresh_from_db()
    assert copy.in_force_since == since
    steps.withdraw_evaluation(project, coordinator)
    steps.submit_for_evaluation(project, coordinator)
    assert project.evaluations.order_by("-pk").first().grid == copy
    used.refresh_from_db()
    during_draft.refresh_from_db()
    assert used.grid == grid and during_draft.grid == grid
    assert grid.is_superseded and grid.status_label() == "Superseded"
    old_page = client.get(reverse("projects_grids:inspect", args=[grid.pk])).content.decode()
    assert "Status: Superseded" in old_page and "Used by an evaluation: frozen" in old_page
    new_page = client.get(inspect_url).content.decode()
    assert "Status: In force" in new_page
    # In force and now in use: frozen as any version in use.
    frozen = client.get(reverse("projects_grids:edit", args=[copy.pk]))
    assert "cannot be edited" in frozen.content.decode()
    client.force_login(evaluators[0])
    assert client.get(reverse("projects_grids:edit", args=[copy.pk])).status_code == 302


def test_a_draft_without_criteria_cannot_be_put_in_force(client, grid, coordinator):
    draft = EvaluationGrid.objects.create(title="Une grille vide")
    assert draft.is_draft and draft.status_label() == "Draft"
    client.force_login(coordinator)
    page = client.get(reverse("projects_grids:inspect", args=[draft.pk])).content.decode()
    assert "Status: Draft" in page
    response = client.post(reverse("projects_grids:put_in_force", args=[draft.pk]), follow=True)
    assert "Version 2 has no criterion" in " ".join(messages_of(response))
    draft.refresh_from_db()
    assert draft.in_force_since is None
    assert EvaluationGrid.objects.current() == grid


def test_a_draft_older_than_the_version_in_force_is_not_put_in_force(grid):
    older = grid.new_version()
    newer = grid.new_version()
    newer.put_in_force()
    with pytest.raises(ValidationError, match="older than the version in force"):
        older.put_in_force()
    older.refresh_from_db()
    assert older.is_draft and EvaluationGrid.objects.current() == newer


def test_the_version_in_force_is_not_deleted_a_draft_is(client, grid, coordinator):
    client.force_login(coordinator)
    assert not grid.in_use and grid.is_current
    response = client.post(reverse("projects_grids:delete", args=[grid.pk]), follow=True)
    assert "Version 1 is the one in force" in " ".join(messages_of(response))
    assert EvaluationGrid.objects.filter(pk=grid.pk).exists()
    draft = grid.new_version()
    response = client.post(reverse("projects_grids:delete", args=[draft.pk]))
    assert response.status_code == 302
    assert not EvaluationGrid.objects.filter(pk=draft.pk).exists()
    assert EvaluationGrid.objects.current() == grid


def test_a_version_in_use_is_not_deleted(client, grid, project, coordinator):
    steps.submit_for_evaluation(project, coordinator)
    grid.new_version().put_in_force()  # no longer the one in force, but in use
    client.force_login(coordinator)
    response = client.post(reverse("projects_grids:delete", args=[grid.pk]), follow=True)
    assert response.status_code == 200
    assert "Version 1 is used by an evaluation" in " ".join(messages_of(response))
    assert EvaluationGrid.objects.filter(pk=grid.pk).exists()


def test_no_grid_in_force_refuses_the_submission(grid, project, coordinator):
    EvaluationGrid.objects.update(in_force_since=None)
    refusal = steps.submit_for_evaluation.refusal(project, coordinator)
    assert refusal is not None and "no evaluation grid" in refusal.message
    assert EvaluationGrid.objects.current() is None


def test_commission_members_read_the_grid_and_may_not_change_it(client, grid, commission_member):
    client.force_login(commission_member)
    assert client.get(reverse("projects_grids:index")).status_code == 200
    page = client.get(reverse("projects_grids:inspect", args=[grid.pk]))
    assert page.status_code == 200
    assert "Exemplaire" in page.content.decode()
    for url in (
        reverse("projects_grids:edit", args=[grid.pk]),
        reverse("projects_grids:add"),
    ):
        assert client.get(url).status_code == 302  # Wagtail's permission denial
    client.post(reverse("projects_grids:new_version", args=[grid.pk]))
    assert EvaluationGrid.objects.count() == 1
    # Nor put a draft in force, nor see the button.
    draft = grid.new_version()
    page = client.get(reverse("projects_grids:inspect", args=[draft.pk])).content.decode()
    assert "Status: Draft" in page
    put_url = reverse("projects_grids:put_in_force", args=[draft.pk])
    assert put_url not in page
    response = client.post(put_url)
    assert response.status_code == 302 and response["Location"] == reverse("wagtailadmin_home")
    draft.refresh_from_db()
    assert draft.is_draft and EvaluationGrid.objects.current() == grid


def test_roadmap_actions_are_snippets_for_editors_and_coordinators(
    client, editor, coordinator, commission_member
):
    RoadmapAction.objects.create(title="Canari-action-3e1f", commitment="Promis")
    url = reverse("wagtailsnippets_knowledge_roadmapaction:list")
    for user, allowed in ((editor, True), (coordinator, True), (commission_member, False)):
        client.force_login(user)
        response = client.get(url)
        assert ("Canari-action-3e1f" in response.content.decode()) is allowed, user
        if allowed:
            add = client.get(reverse("wagtailsnippets_knowledge_roadmapaction:add"))
            assert add.status_code == 200, user


# Who reaches what ------------------------------------------------------------------


@pytest.fixture
def evaluated(grid, project, coordinator, evaluators):
    """A project being evaluated: evaluator 0 has scored (with notes), evaluator 1's
    review is in progress; evaluator 2 is not assigned."""
    project.title = f"Réseau de chaleur {PROJECT_CANARY}"
    project.save()
    steps.submit_for_evaluation(project, coordinator)
    steps.assign_evaluator(project, coordinator, evaluator=evaluators[0])
    steps.assign_evaluator(project, coordinator, evaluator=evaluators[1])
    scores = {pk: (3, f"{SCORE_CANARY} {pk}") for pk in full_scores(grid)}
    steps.score(project, evaluators[0], scores=scores, notes=NOTES_CANARY)
    return project


def admin_urls(project, grid):
    return {
        "detail": detail_url(project),
        "queue": reverse("projects_admin:queue"),
        "grids": reverse("projects_grids:index"),
        "grid": reverse("projects_grids:inspect", args=[grid.pk]),
        "grid_edit": reverse("projects_grids:edit", args=[grid.pk]),
        # POST only: a GET is refused (405) once the permission is granted.
        "grid_put_in_force": reverse("projects_grids:put_in_force", args=[grid.pk]),
        "home": reverse("wagtailadmin_home"),
    }


# What each person gets from each URL: 200 (with what they may read), 404 (no such
# project for them), "denied" (Wagtail's denial: back to the admin's home), "login".
COMMISSION = {"grid_edit": "denied", "grid_put_in_force": "denied"}
GRID_URLS = ("grids", "grid", "grid_edit", "grid_put_in_force")
OUTSIDE = dict.fromkeys(("queue", *GRID_URLS), "denied") | {"detail": 404}
EVERY_URL = ("detail", "queue", "grids", "grid", "grid_edit", "grid_put_in_force", "home")
MATRIX = {
    "coordinator": {"grid_put_in_force": 405},
    "assigned": COMMISSION,
    "scorer": COMMISSION,
    "unassigned": COMMISSION,
    "expert": OUTSIDE,
    "editor": OUTSIDE,
    "holder": dict.fromkeys(EVERY_URL, "login"),
    "anonymous": dict.fromkeys(EVERY_URL, "login"),
}


@pytest.mark.parametrize("role", list(MATRIX))
def test_permission_matrix_over_the_commission_admin(
    role, client, evaluated, grid, coordinator, evaluators, commission_member, editor, expert, owner
):
    people = {
        "coordinator": coordinator,
        "scorer": evaluators[0],  # assigned, has scored
        "assigned": evaluators[1],  # assigned, review in progress
        "unassigned": commission_member,
        "expert": expert,
        "editor": editor,
        "holder": owner,
        "anonymous": None,
    }
    user = people[role]
    if user is not None:
        client.force_login(user)
    for name, url in admin_urls(evaluated, grid).items():
        response = client.get(url)
        body = response.content.decode()
        expected = MATRIX[role].get(name, 200)
        case = (role, name, response.status_code)
        if expected == "login":
            assert response.status_code == 302, case
            assert "login" in response["Location"] or "connexion" in response["Location"], case
        elif expected == "denied":
            assert response.status_code == 302, case
            assert response["Location"] == reverse("wagtailadmin_home"), case
        else:
            assert response.status_code == expected, case
        # Scores only to the Commission and coordinators, and to an evaluator still
        # scoring only once theirs is in; notes only to their author; the project only
        # to whoever sees the portfolio.
        assert (SCORE_CANARY in body) is (
            name == "detail" and role in {"coordinator", "scorer", "unassigned"}
        ), case
        assert (NOTES_CANARY in body) is (name == "detail" and role == "scorer"), case
        if role in {"expert", "editor", "holder", "anonymous"}:
            assert PROJECT_CANARY not in body, case
    # Only a coordinator puts a draft version in force.
    draft = grid.new_version()
    response = client.post(reverse("projects_grids:put_in_force", args=[draft.pk]))
    assert response.status_code == 302, role
    draft.refresh_from_db()
    assert (draft.in_force_since is not None) is (role == "coordinator"), role
    # And no step either for those who may not see the project.
    for declared in steps.COMMISSION_STEPS:
        response = client.post(step_url(evaluated, declared.name), {})
        if role in {"expert", "editor"}:
            assert response.status_code == 404, (role, declared.name)
        elif role in {"holder", "anonymous"}:
            assert response.status_code == 302, (role, declared.name)


def test_a_review_in_progress_is_read_by_its_evaluator_only(
    client, evaluated, grid, coordinator, evaluators
):
    # Evaluator 1 scored without submitting is impossible: a review in progress has no
    # scores; what shows is its state, and the page never lists another's notes.
    client.force_login(evaluators[1])
    html = client.get(detail_url(evaluated)).content.decode()
    assert "In progress" in html
    assert NOTES_CANARY not in html
    assert step_url(evaluated, "score") in html
    client.force_login(evaluators[0])
    html = client.get(detail_url(evaluated)).content.decode()
    assert step_url(evaluated, "score") not in html
    assert "Your private notes" in html


def test_an_evaluator_reads_colleagues_scores_once_their_own_is_in(
    client, evaluated, grid, evaluators
):
    client.force_login(evaluators[1])
    html = client.get(detail_url(evaluated)).content.decode()
    assert SCORE_CANARY not in html
    assert "You will read these scores once you have submitted your own." in html
    steps.score(evaluated, evaluators[1], scores=full_scores(grid), notes="")
    html = client.get(detail_url(evaluated)).content.decode()
    assert SCORE_CANARY in html
    assert NOTES_CANARY not in html


def test_the_project_page_shows_names_never_the_teams_emails(
    client, evaluated, coordinator, owner, member
):
    client.force_login(coordinator)
    html = client.get(detail_url(evaluated)).content.decode()
    assert owner.get_full_name() in html
    assert owner.email not in html and member.email not in html
    assert "A member of the team (no name given)" in html


def _page_queries(client, url):
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == 200
    return len(captured)


# Session, user, second factor, permissions, the project and its relations, the latest
# evaluation, its reviews with their scores, the team (and whether it has an owner, for
# the step that appoints one), past evaluations, the timeline, and the admin menu's
# reports reading the person's expert bodies (knowledge.membership, once a request).
PROJECT_PAGE_QUERIES = 27


def test_the_project_page_costs_the_same_however_far_the_evaluation_went(
    client, evaluated, grid, coordinator, evaluators
):
    # Pinned: one review scored, then two scored and a third assigned, with a longer
    # timeline; a query per review, score or event would change the count.
    client.force_login(coordinator)
    url = detail_url(evaluated)
    client.get(url)  # the caches that do not belong to the page
    few = _page_queries(client, url)
    steps.score(evaluated, evaluators[1], scores=full_scores(grid), notes="Notes")
    steps.assign_evaluator(evaluated, coordinator, evaluator=evaluators[2])
    many = _page_queries(client, url)
    assert few == many, (few, many)
    assert many <= PROJECT_PAGE_QUERIES, many
