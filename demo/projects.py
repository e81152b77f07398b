"""Demo roadmap actions, projects with their teams, and Commission 15's evaluations,
built through the projects' steps so that every timeline, audit log and notice is real.

Idempotent, in the builder's spirit (demo/builder.py): roadmap actions are found again by
title, projects by title, and a project's team is only built when the project is created,
so later changes survive. Evaluations are replayed round by round
(`demo/project_content.py`): a round is submitted only while the project has fewer
evaluations than rounds, and within the round still open each step is taken only when
the catalogue says it is open (`step.is_open`), so a second run changes nothing and a
decision taken by hand in the admin is never undone. Projects need the demo accounts, so
they are only built where those may exist.
"""

from collections import Counter
from datetime import timedelta

from django.contrib.auth import get_user_model
from django.db import transaction
from django.db.models import F

from desk import steps as desk_steps
from desk.models import HowToRequest
from knowledge.models import PillarPage, Priority, RoadmapAction, Territory
from projects import permissions, showcase, steps
from projects.models import (
    Evaluation,
    EvaluationStatus,
    Invitation,
    Membership,
    Project,
    ProjectEvent,
    ProjectLogEntry,
    Review,
)
from projects.states import latest_evaluation

from . import project_content as data

# Who takes the coordination's steps, and who records Commission 15's decisions.
COORDINATOR = data.COORDINATOR
DECIDER = data.COMMISSION


def build_demo_projects(stdout=None):
    """Roadmap actions, then projects, their teams, showcase consents and evaluations."""
    created = Counter()
    with transaction.atomic():
        actions = build_roadmap_actions(created)
        people = _people()
        if people is None:
            return dict(created)
        for position, spec in enumerate(data.PROJECTS):
            project = Project.objects.filter(title=spec["title"]).first()
            new = project is None
            if new:
                project = create_demo_project(spec, people, actions, created)
                _log(stdout, f"  + {project}")
            # A fresh instance: the steps cache memberships on the one they are given.
            evaluate(Project.objects.get(pk=project.pk), spec, people, created)
            if new:
                spread_in_time(project, months_ago=len(data.PROJECTS) - position)
    return dict(created)


def spread_in_time(project, months_ago):
    """Move a new demo project's history back `months_ago` months, so that the
    portfolio's figures per month show a year of work rather than one day. Everything
    moves together (creation, team, evaluations, reviews, timeline, audit log), so the
    order of events is kept; pending invitations keep their expiry. A project still being
    evaluated is today's work, and stays where it is (its due date ahead)."""
    if Evaluation.objects.filter(project=project, status=EvaluationStatus.OPEN).exists():
        return
    shift = timedelta(days=30 * months_ago)
    moved = {"created_at": F("created_at") - shift}
    Project.objects.filter(pk=project.pk).update(**moved)
    ProjectEvent.objects.filter(project=project).update(**moved)
    Membership.objects.filter(project=project).update(joined_at=F("joined_at") - shift)
    evaluations = Evaluation.objects.filter(project=project)
    evaluations.update(submitted_at=F("submitted_at") - shift)
    evaluations.filter(decided_at__isnull=False).update(decided_at=F("decided_at") - shift)
    evaluations.filter(due_date__isnull=False).update(due_date=F("due_date") - shift)
    reviews = Review.objects.filter(evaluation__project=project)
    reviews.update(assigned_at=F("assigned_at") - shift)
    reviews.filter(submitted_at__isnull=False).update(submitted_at=F("submitted_at") - shift)
    ProjectLogEntry.objects.filter(object_id=str(project.pk)).update(
        timestamp=F("timestamp") - shift
    )


def _log(stdout, message):
    if stdout is not None:
        stdout.write(message)


def _people():
    """The demo accounts the projects name, by username; None when any is missing."""
    usernames = {data.COORDINATOR, data.COMMISSION}
    for spec in data.PROJECTS:
        usernames.add(spec["owner"])
        usernames.update(username for username, _role in spec["members"])
        for round_spec in spec["rounds"]:
            usernames.update(username for username, *_rest in round_spec["evaluators"])
    people = {
        user.username: user for user in get_user_model().objects.filter(username__in=usernames)
    }
    return people if len(people) == len(usernames) else None


# --------------------------------------------------------------------------------------
# Roadmap actions
# --------------------------------------------------------------------------------------


def build_roadmap_actions(created):
    """The roadmap's actions by key (demo/project_content.py), created when missing."""
    priorities = {priority.slug: priority for priority in Priority.objects.all()}
    actions = {}
    for order, spec in enumerate(data.ROADMAP_ACTIONS):
        spec = dict(spec)
        key = spec.pop("key")
        title = spec.pop("title")
        spec["priority"] = priorities.get(spec["priority"])
        action, is_new = RoadmapAction.objects.get_or_create(
            title=title, defaults={**spec, "sort_order": order}
        )
        created["roadmap actions"] += is_new
        actions[key] = action
    return actions


# --------------------------------------------------------------------------------------
# Projects and their teams
# --------------------------------------------------------------------------------------


def create_demo_project(spec, people, actions, created):
    owner = people[spec["owner"]]
    project = steps.create_project(
        owner,
        title=spec["title"],
        summary=spec["summary"],
        organisations=spec["organisations"],
        territory=Territory.objects.get(slug=spec["territory"]),
        stage=spec["stage"],
        budget=spec["budget"],
        funding_sought=spec["funding_sought"],
        funding_details=spec["funding_details"],
        partners=spec["partners"],
        expected_effects=spec["expected_effects"],
        priorities=list(Priority.objects.filter(slug__in=spec["priorities"])),
        pillars=list(PillarPage.objects.filter(slug__in=spec["pillars"])),
        roadmap_actions=[actions[key] for key in spec["roadmap_actions"]],
        links=spec["links"],
    )
    created["projects"] += 1
    for username, role in spec["members"]:
        member = people[username]
        event = steps.invite_member(project, owner, email=member.email, role=role)
        invitation = Invitation.objects.get(public_id=event.details["invitation"])
        steps.accept_invitation(project, member, invitation=invitation)
        created["members"] += 1
    for email in spec["pending_invitations"]:
        steps.invite_member(project, owner, email=email)
        created["pending invitations"] += 1
    if spec["showcase"] and steps.show_on_showcase.is_open(project, owner):
        steps.show_on_showcase(project, owner)
        created["on the showcase"] += 1
    return project


def project_for_request(title, holder):
    """The demo project a demo request belongs to, if `holder` is in its team."""
    for spec in data.PROJECTS:
        if title in spec["requests"]:
            project = Project.objects.filter(title=spec["title"]).first()
            if project is not None and permissions.is_member(holder, project):
                return project
    return None


def publish_demo_showcase(stdout=None):
    """The showcase pages of the consented projects, written now rather than by the task
    worker, so the showcase is full as soon as the demo is loaded (`sync` is idempotent:
    the queued tasks then find nothing to change)."""
    published = 0
    for project_id in Project.objects.on_showcase().order_by("pk").values_list("pk", flat=True):
        published += showcase.sync(project_id) == showcase.Synced.PUBLISHED
    return {"showcase pages": published}


def link_demo_requests(stdout=None):
    """The roadmap actions each demo request advances, linked by the demo's coordinator
    through the desk's step, as a coordinator would (so each link is on the request's
    timeline). Without the demo's accounts (production settings), nothing is linked."""
    coordinator = get_user_model().objects.filter(username=data.COORDINATOR).first()
    if coordinator is None:
        return {}
    actions = {action.title: action for action in RoadmapAction.objects.all()}
    by_key = {spec["key"]: actions.get(spec["title"]) for spec in data.ROADMAP_ACTIONS}
    linked = 0
    for spec in data.PROJECTS:
        for title, keys in spec["requests"].items():
            how_to_request = HowToRequest.objects.filter(title=title).first()
            wanted = {by_key[key] for key in keys if by_key.get(key) is not None}
            if how_to_request is None or not wanted:
                continue
            current = set(how_to_request.roadmap_actions.all())
            if wanted - current:
                desk_steps.link_roadmap_actions(
                    how_to_request,
                    coordinator,
                    roadmap_actions=sorted(wanted | current, key=lambda action: action.pk),
                )
                linked += len(wanted - current)
    return {"request links to roadmap actions": linked}


# --------------------------------------------------------------------------------------
# Commission 15's evaluations
# --------------------------------------------------------------------------------------


def evaluate(project, spec, people, created):
    """Replay the project's evaluation rounds that are not done yet."""
    coordinator = people[COORDINATOR]
    for number, round_spec in enumerate(spec["rounds"]):
        evaluations = list(project.evaluations.order_by("submitted_at", "pk"))
        if len(evaluations) < number:
            return  # an earlier round did not happen: leave the project as it is
        if len(evaluations) == number:
            if not steps.submit_for_evaluation.is_open(project, coordinator):
                return
            steps.submit_for_evaluation(project, coordinator, comment=round_spec["comment"])
            created["evaluations"] += 1
            evaluations = list(project.evaluations.order_by("submitted_at", "pk"))
        if evaluations[number].status == EvaluationStatus.OPEN:
            play_round(project, spec, round_spec, people, created)


def play_round(project, spec, round_spec, people, created):
    coordinator = people[COORDINATOR]
    for username, how, _levels, _notes in round_spec["evaluators"]:
        evaluator = people[username]
        if how == data.VOLUNTEER and steps.take_part.is_open(project, evaluator):
            steps.take_part(project, evaluator)
            created["evaluators"] += 1
        elif how == data.ASSIGNED and _unassigned(project, evaluator, coordinator):
            steps.assign_evaluator(project, coordinator, evaluator=evaluator)
            created["evaluators"] += 1
    for position, (username, _how, levels, notes) in enumerate(round_spec["evaluators"]):
        evaluator = people[username]
        if levels is not None and steps.score.is_open(project, evaluator):
            scores = scores_for(project, spec, levels, variant=position % 2)
            steps.score(project, evaluator, scores=scores, notes=notes)
            created["scores"] += 1
    withdrawal = round_spec.get("withdraw")
    if withdrawal and steps.withdraw_evaluation.is_open(project, coordinator):
        steps.withdraw_evaluation(project, coordinator, comment=withdrawal)
        created["withdrawn"] += 1
        return
    decision = round_spec.get("decision")
    decider = people[DECIDER]
    if decision and steps.decide.is_open(project, decider):
        kind, opinion, public_justification = decision
        steps.decide(
            project,
            decider,
            decision=kind,
            opinion=opinion,
            public_justification=public_justification,
        )
        created["decisions"] += 1


def _unassigned(project, evaluator, coordinator):
    """The coordination may assign now, and has not assigned `evaluator` yet."""
    return steps.assign_evaluator.is_open(project, coordinator) and not permissions.is_assigned(
        evaluator, latest_evaluation(project)
    )


def scores_for(project, spec, levels, variant):
    """The grid's criteria scored at `levels`, each justified by the project's fact and
    the evaluator's judgement of that level."""
    criteria = latest_evaluation(project).grid.criteria.all()
    scores = {}
    for index, (criterion, level) in enumerate(zip(criteria, levels, strict=True)):
        judgement = data.JUDGEMENTS[index][level][variant]
        scores[criterion.pk] = (level, f"{spec['facts'][index]} {judgement}".strip())
    return scores
