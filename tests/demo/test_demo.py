"""The demo content: built from the seed, idempotent, and every page renders."""

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import models
from django.urls import reverse
from wagtail.models import Page, PageLogEntry, Revision, WorkflowPage

from demo import project_content
from demo.accounts import DEMO_ACCOUNTS, DEMO_PASSWORD
from desk.models import HowToRequest
from knowledge.models import (
    ExpertBody,
    GuidePage,
    HomePage,
    Priority,
    ProjectPage,
    RoadmapAction,
    RoadmapUpdatePage,
    Territory,
)
from projects.models import (
    MIN_EVALUATORS,
    Decision,
    Evaluation,
    EvaluationGrid,
    EvaluationStatus,
    Invitation,
    Membership,
    Project,
    ProjectEvent,
    Review,
    Role,
    Score,
)
from projects.models.events import ProjectAction
from projects.states import EvaluationState, latest_evaluation, state_of
from workflows import roles

pytestmark = pytest.mark.django_db


def _snapshot():
    return {
        "pages": Page.objects.count(),
        "revisions": Revision.objects.count(),
        "log entries": PageLogEntry.objects.count(),
        "priorities": Priority.objects.count(),
        "territories": Territory.objects.count(),
        "bodies": ExpertBody.objects.count(),
        "groups": Group.objects.count(),
        "users": get_user_model().objects.count(),
        "workflow links": WorkflowPage.objects.count(),
        "latest revision": Revision.objects.order_by("-pk").values_list("pk").first(),
        "projects": Project.objects.count(),
        "memberships": Membership.objects.count(),
        "invitations": Invitation.objects.count(),
        "evaluations": Evaluation.objects.count(),
        "reviews": Review.objects.count(),
        "scores": Score.objects.count(),
        "project events": ProjectEvent.objects.count(),
        "roadmap actions": RoadmapAction.objects.count(),
        "project links to actions": Project.roadmap_actions.through.objects.count(),
        "request links to actions": HowToRequest.roadmap_actions.through.objects.count(),
        "requests": HowToRequest.objects.count(),
    }


def test_demo_command_is_idempotent(demo):
    before = _snapshot()
    call_command("load_demo", verbosity=0)
    assert _snapshot() == before


def test_demo_keeps_editors_changes(demo):
    guide = GuidePage.objects.order_by("pk").first()
    guide.title = "Titre modifié par un éditeur"
    guide.save_revision().publish()
    call_command("load_demo", verbosity=0)
    guide.refresh_from_db()
    assert guide.title == "Titre modifié par un éditeur"


def test_demo_tells_the_seed_story(demo):
    home = HomePage.objects.get()
    text = str(home.body)
    assert "37" in text and "165" in text  # employment targets
    assert Priority.objects.count() == 3
    assert set(ExpertBody.objects.values_list("kind", flat=True)) >= {
        "agency",
        "cluster",
        "rifkin",
    }
    plenary = RoadmapUpdatePage.objects.order_by("date").first()
    assert "113" in f"{plenary.introduction} {plenary.body}"
    assert GuidePage.objects.live().count() >= 8


def test_demo_accounts_cover_every_role(demo):
    User = get_user_model()
    assert User.objects.filter(is_superuser=True, username="admin").exists()
    for group_name in (roles.EDITORS, roles.REVIEWERS, roles.COORDINATORS):
        assert User.objects.filter(groups__name=group_name).exists(), group_name
    for body in ExpertBody.objects.select_related("group"):
        assert body.group.user_set.exists(), body
    holder = User.objects.get(username="porteur")
    assert not holder.is_staff and not holder.groups.exists()
    assert User.objects.count() == len(DEMO_ACCOUNTS)


def test_demo_holder_signs_in_on_the_public_site_with_their_email(client, demo):
    # As the README says: <account>@example.org, straight to "My requests", no
    # "confirm your email" stop.
    response = client.post(
        reverse("account_login"),
        {"login": "porteur@example.org", "password": DEMO_PASSWORD},
    )
    assert response.status_code == 302
    assert response.url == reverse("desk:my_requests")


def test_the_demo_is_refused_outside_development_and_points_to_the_content(settings):
    # Public passwords, made-up projects and requests: the production settings refuse it.
    settings.TRIHUB_DEMO_ACCOUNTS_ALLOWED = False
    with pytest.raises(CommandError, match="load_content"):
        call_command("load_demo", verbosity=0)
    assert not get_user_model().objects.exists()
    assert not GuidePage.objects.exists()


def test_every_demo_page_renders(client, demo):
    pages = Page.objects.live().public().filter(depth__gt=1).specific()
    assert len(pages) > 40
    for page in pages:
        response = client.get(page.url)
        assert response.status_code == 200, page.url
        html = response.content.decode()
        assert html.count("<h1") == 1, page.url
        assert '<main id="main"' in html, page.url


def test_demo_routes_render(client, demo):
    from knowledge.models import EventIndexPage, EventPage, RoadmapIndexPage

    roadmap = RoadmapIndexPage.objects.get()
    events = EventIndexPage.objects.get()
    event = EventPage.objects.live().first()
    for url in (
        roadmap.url + roadmap.reverse_subpage("rss"),
        roadmap.url + roadmap.reverse_subpage("atom"),
        events.url + events.reverse_subpage("ical"),
        event.url + event.reverse_subpage("ical"),
        "/sitemap.xml",
    ):
        assert client.get(url).status_code == 200, url


def test_demo_has_requests_in_every_state(demo):
    from desk.models import HowToRequest
    from desk.states import Status

    assert set(HowToRequest.objects.values_list("status", flat=True)) == set(Status)


# --------------------------------------------------------------------------------------
# Projects and Commission 15
# --------------------------------------------------------------------------------------


def _demo_projects():
    titles = [spec["title"] for spec in project_content.PROJECTS]
    return Project.objects.filter(title__in=titles).prefetch_related("memberships")


def test_demo_has_projects_with_their_teams_across_territories_and_priorities(demo):
    projects = list(_demo_projects())
    assert len(projects) >= 12
    assert len({project.territory_id for project in projects}) >= 6
    assert set(Priority.objects.filter(projects__in=projects).values_list("slug", flat=True)) == {
        "sobriete-energetique",
        "energies-renouvelables",
        "mobilite-durable",
    }
    for project in projects:
        assert project.organisation_list() and project.summary and project.stage, project
        assert project.pillars.exists(), project
        roles_in_team = [membership.role for membership in project.memberships.all()]
        assert roles_in_team.count(Role.OWNER) >= 1 and len(roles_in_team) >= 2, project
        # The team was built through the steps: its timeline says so.
        actions = set(project.events.values_list("action", flat=True))
        assert {ProjectAction.CREATE, ProjectAction.INVITE, ProjectAction.JOIN} <= actions
    assert Invitation.objects.pending().exists()  # someone without an account yet
    # A town with its social landlord and an association, in one project.
    tilleuls = Project.objects.get(title__startswith="La cité des Tilleuls")
    assert set(tilleuls.memberships.values_list("user__username", flat=True)) >= {
        "porteur-bailleur",
        "porteuse-commune",
        "porteuse-association",
    }


def test_demo_projects_are_in_every_evaluation_state(demo):
    projects = list(_demo_projects())
    assert {state_of(project) for project in projects} == set(EvaluationState)
    progress = {
        latest_evaluation(project).progress()
        for project in projects
        if state_of(project) == EvaluationState.IN_EVALUATION
    }
    assert {(1, 2), (2, 3)} <= progress
    withdrawn = Evaluation.objects.get(status=EvaluationStatus.WITHDRAWN)
    resubmitted = withdrawn.project.evaluations.exclude(pk=withdrawn.pk).get()
    assert resubmitted.submitted_at > withdrawn.submitted_at
    assert state_of(withdrawn.project) == EvaluationState.DECIDED


def test_demo_evaluations_have_two_evaluators_or_more_and_justified_scores(demo):
    grid = EvaluationGrid.objects.current()
    criteria = set(grid.criteria.values_list("pk", flat=True))
    evaluations = Evaluation.objects.prefetch_related("reviews__scores")
    assert evaluations.exists()
    for evaluation in evaluations:
        reviews = list(evaluation.reviews.all())
        assert len(reviews) >= MIN_EVALUATORS, evaluation
        assert evaluation.grid == grid
        for review in reviews:
            assert review.evaluator.groups.filter(name=roles.REVIEWERS).exists()
            if review.is_done:
                scores = list(review.scores.all())
                assert {score.criterion_id for score in scores} == criteria, review
                assert all(score.justification.strip() for score in scores), review
    assert Review.objects.exclude(notes="").exists()  # evaluators' private notes
    assert Review.objects.filter(assigned_by=models.F("evaluator")).exists()  # took part
    assert get_user_model().objects.filter(groups__name=roles.REVIEWERS).count() >= 3


def test_demo_has_decisions_of_every_kind(demo):
    decided = Evaluation.objects.decided()
    assert set(decided.values_list("decision", flat=True)) == set(Decision.values)
    for evaluation in decided:
        assert evaluation.opinion and evaluation.public_justification, evaluation
        assert evaluation.events.filter(action=ProjectAction.DECIDE).exists()


def test_demo_roadmap_actions_are_linked_to_projects_and_requests(demo):
    actions = RoadmapAction.objects.filter(projects__isnull=False).distinct()
    assert actions.count() >= 8
    statuses = set(RoadmapAction.objects.values_list("status", flat=True))
    assert {"done", "in_progress", "planned", "delayed"} <= statuses
    assert RoadmapAction.objects.filter(requests__isnull=False).exists()
    for action in RoadmapAction.objects.all():
        assert 0 <= action.progress <= 100 and action.target_date and action.progress_note


def test_demo_requests_belong_to_the_demo_projects(demo):
    projects = _demo_projects()
    assert HowToRequest.objects.exclude(project__in=projects).count() == 0
    assert HowToRequest.objects.filter(project__in=projects).count() >= 8


def test_demo_showcase_shows_the_consented_projects(client, demo):
    shown = _demo_projects().on_showcase()
    assert 6 <= shown.count() <= 10
    pages = ProjectPage.objects.live()
    assert set(pages.values_list("pk", flat=True)) == set(
        shown.values_list("showcase_page", flat=True)
    )
    for page in pages:
        assert client.get(page.url).status_code == 200, page.url
