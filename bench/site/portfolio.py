"""The portfolio's figure of `make bench`: the admin portfolio at 5,000 projects against 50.

    .venv/bin/python bench/site/portfolio.py [--repeat 100] [--projects 5000] [--few 50]

Part of `bench/site/run.py` (figure 5); run alone, it serves its own copy of the site
with the demo content. Two sites are served, one with 5,000 projects, one with 50, and
the requests alternate between them. Measured, signed in as a coordinator: the
portfolio's list (`/admin/portfolio/`, first page of 50, every row's evaluation state,
progress, decision and mean score computed by the database) and its transversal view
(`/admin/portfolio/transversal/`: distributions over every project). The projects are
bulk-inserted with pillars, priorities, and evaluations in every state, in the tables
the steps write. Target: each at most 1.5x slower at 5,000.

The data half (`projects(total)`) runs inside `manage.py shell` of the bench site.
"""

import argparse
import datetime
import json
import random
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
PORTFOLIO = f"import sys; sys.path.insert(0, {str(HERE)!r}); import portfolio; "
COORDINATOR = "bench-coordinator"
PAGES = (
    ("portfolio_list", "/admin/portfolio/", "the portfolio list"),
    ("portfolio_transversal", "/admin/portfolio/transversal/", "the transversal view"),
)


def people():
    """A coordinator (enrolled in a second factor, as the admin requires) and three
    Commission 15 evaluators; prints the coordinator's session cookie as JSON. The
    production settings skip the demo's accounts."""
    from django.contrib.auth import get_user_model
    from django.contrib.auth.models import Group

    from workflows import roles

    sys.path.insert(0, str(HERE))
    import data

    User = get_user_model()
    coordinator, _ = User.objects.get_or_create(
        username=COORDINATOR, defaults={"email": "bench-coordinator@example.org"}
    )
    coordinator.groups.add(Group.objects.get(name=roles.COORDINATORS))
    data.enrol(coordinator)
    for n in range(3):
        evaluator, _ = User.objects.get_or_create(
            username=f"bench-evaluator-{n}", defaults={"email": f"bench-evaluator-{n}@example.org"}
        )
        evaluator.groups.add(Group.objects.get(name=roles.REVIEWERS))
    print(json.dumps(data._session(coordinator)))


def projects(total, seed=23):
    """Add projects until there are `total`, a tenth of them with a running evaluation
    and about half evaluated: 2 or 3 reviews each, a score per criterion."""
    from django.contrib.auth import get_user_model
    from django.db import transaction
    from django.utils import timezone

    from knowledge.models import PillarPage, Priority, Territory
    from projects.models import (
        Evaluation,
        EvaluationGrid,
        EvaluationStatus,
        Membership,
        Project,
        Review,
        Role,
        Score,
    )
    from projects.permissions import evaluators

    rng = random.Random(seed + total)
    User = get_user_model()
    missing = total - Project.objects.count()
    if missing <= 0:
        print(f"projects: {Project.objects.count()}")
        return
    with transaction.atomic():
        owner, _ = User.objects.get_or_create(
            username="bench-project-owner", defaults={"email": "bench-owner@example.org"}
        )
        territories = list(Territory.objects.all())
        priorities = list(Priority.objects.all())
        pillars = list(PillarPage.objects.all())
        staff = list(evaluators()[:3])
        grid = EvaluationGrid.objects.current()
        criteria = list(grid.criteria.all())
        now = timezone.now()
        new = [
            Project(
                title=f"Projet de banc {n}",
                summary="Un projet généré pour mesurer le portefeuille.",
                territory=rng.choice(territories),
                stage=rng.choice(["idea", "design", "financing", "works", "running"]),
                created_at=now - datetime.timedelta(hours=rng.randint(1, 24 * 700)),
            )
            for n in range(missing)
        ]
        made = Project.objects.bulk_create(new, batch_size=1000)
        Priorities, Pillars = Project.priorities.through, Project.pillars.through
        Priorities.objects.bulk_create(
            [
                Priorities(project_id=project.pk, priority_id=priority.pk)
                for project in made
                for priority in rng.sample(priorities, k=rng.randint(1, len(priorities)))
            ],
            batch_size=2000,
        )
        Pillars.objects.bulk_create(
            [
                Pillars(project_id=project.pk, pillarpage_id=pillar.pk)
                for project in made
                for pillar in rng.sample(pillars, k=rng.randint(0, min(4, len(pillars))))
            ],
            batch_size=2000,
        )
        Membership.objects.bulk_create(
            [Membership(project=project, user=owner, role=Role.OWNER) for project in made],
            batch_size=2000,
        )
        # (share of projects, status, reviews submitted out of assigned)
        plan = [(45, None, 0, 0), (10, "open", 1, 2), (10, "open", 2, 2), (35, "decided", 2, 3)]
        kinds = [kind for kind in plan for _ in range(kind[0])]
        evaluations, shapes = [], []
        for project in made:
            _share, status, done, assigned = rng.choice(kinds)
            if status is None:
                continue
            submitted = project.created_at + datetime.timedelta(days=rng.randint(1, 60))
            decided = status == EvaluationStatus.DECIDED
            evaluations.append(
                Evaluation(
                    project=project,
                    grid=grid,
                    status=status,
                    submitted_at=submitted,
                    decision=rng.choice(["favourable", "conditional", "unfavourable"])
                    if decided
                    else "",
                    public_justification="Décision du banc." if decided else "",
                    decided_at=submitted + datetime.timedelta(days=20) if decided else None,
                )
            )
            shapes.append((done, min(assigned, len(staff)), submitted))
        evaluations = Evaluation.objects.bulk_create(evaluations, batch_size=1000)
        reviews = []
        for evaluation, (done, assigned, submitted) in zip(evaluations, shapes, strict=True):
            for index, evaluator in enumerate(staff[:assigned]):
                reviews.append(
                    Review(
                        evaluation=evaluation,
                        evaluator=evaluator,
                        submitted_at=submitted + datetime.timedelta(days=10)
                        if index < done
                        else None,
                    )
                )
        reviews = Review.objects.bulk_create(reviews, batch_size=2000)
        Score.objects.bulk_create(
            [
                Score(
                    review=review,
                    criterion=criterion,
                    level=rng.randint(1, criterion.top_level),
                    justification="Justification du banc.",
                )
                for review in reviews
                if review.submitted_at
                for criterion in criteria
            ],
            batch_size=2000,
        )
    print(f"projects: {Project.objects.count()}")


def _signed_in(site):
    from run import Client, people

    _sessions, (session_cookie, _csrf) = people(site)
    session = json.loads(site.shell(PORTFOLIO + "portfolio.people()").strip().splitlines()[-1])
    return Client(site.base_url, {session_cookie: session})


def measure(site, repeat, few, many, env=None):
    """The portfolio's figures (see the module's docstring), as `run.figure` dicts.

    `site` gets `many` projects; a second site with the demo content alone gets `few`,
    and the requests alternate between the two, so that a change in the machine's load
    during the run hits both sides alike (measured one size after the other, the
    ratio moved from 1.1x to 2.2x between two runs on a machine shared with tests)."""
    from run import figure, interleaved
    from server import running_site

    load = lambda small_site: small_site.manage("load_content", "-v", "0")  # noqa: E731
    print(f"bench: a second site for the portfolio at {few} projects…")
    with running_site(workers=2, env=env, setup=load) as small_site:
        small_site.shell(PORTFOLIO + f"portfolio.projects({few})")
        site.shell(PORTFOLIO + f"portfolio.projects({many})")
        clients = (_signed_in(site), _signed_in(small_site))
        measures = [
            lambda client=client, path=path: client.timed("GET", path)[0]
            for _key, path, _label in PAGES
            for client in clients
        ]
        for page in measures:  # warm-up: per-process lookups
            page()
        timings = interleaved(repeat, *measures)
    return [
        figure(
            f"{key}_many_vs_few",
            f"5. {label}, {many:,} vs {few} projects",
            timings[2 * index],
            timings[2 * index + 1],
            target=1.5,
        )
        for index, (key, _path, label) in enumerate(PAGES)
    ]


def main():
    from server import running_site

    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--repeat", type=int, default=100)
    parser.add_argument("--projects", type=int, default=5000)
    parser.add_argument("--few", type=int, default=50)
    args = parser.parse_args()
    load = lambda site: site.manage("load_content", "-v", "0")  # noqa: E731
    env = {"RATELIMITS_ENABLED": "false"}
    with running_site(workers=2, env=env, setup=load) as site:
        print(f"bench: serving {site.base_url} (gunicorn, 2 workers, production settings)")
        results = measure(site, args.repeat, args.few, args.projects, env=env)
    for item in results:
        verdict = "ok" if item["met"] else "MISSED"
        print(
            f"{item['label']}: {item['median_ms']:.2f} ms vs {item['reference_median_ms']:.2f} ms"
            f" -> {item['ratio']:.2f}x (target {item['target']}) {verdict}"
        )
    return 0 if all(item["met"] for item in results) else 1


if __name__ == "__main__":
    sys.path.insert(0, str(HERE))
    sys.path.insert(0, str(HERE.parent))
    sys.exit(main())
