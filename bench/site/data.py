"""Generated content for `bench/site/run.py`, run inside `manage.py shell` of the bench site.

    import data; data.content(guides=1000, updates=200); data.people(); data.requests(5000)

Pages are added with `add_child` (real pages, real tree) but without revisions or
workflows: the bench measures serving, not editing. Requests are bulk-inserted with a
realistic mix of states and a short timeline each; the bench holder owns one in ten and
the bench expert's body receives about half of them.
"""

import datetime
import json
import random

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.sessions.backends.db import SessionStore
from django.db import transaction
from django.utils import timezone

from desk.models import HowToRequest, RequestEvent
from desk.states import Status
from knowledge.models import (
    ExpertBody,
    GuideIndexPage,
    GuidePage,
    GuideSectionPage,
    HomePage,
    Priority,
    RoadmapIndexPage,
    RoadmapUpdatePage,
    Territory,
)
from projects.models import Membership, Project, Role

HOLDER_EMAIL = "bench-holder@example.org"
EXPERT_USERNAME = "bench-expert"
TOTP_SECRET = "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP"  # any base32 secret
WORDS = (
    "énergie renouvelable sobriété mobilité durable bâtiment chaleur réseau stockage hydrogène "
    "photovoltaïque éolien méthanisation rénovation isolation autoconsommation collective commune "
    "territoire entreprise association financement subvention projet expérimentation recharge"
).split()


def _text(rng, words):
    return " ".join(rng.choice(WORDS) for _ in range(words)).capitalize() + "."


def content(guides=1000, updates=200, seed=7):
    rng = random.Random(seed)
    home = HomePage.objects.get()
    sections = list(GuideSectionPage.objects.all()) or [GuideIndexPage.objects.get()]
    roadmap = RoadmapIndexPage.objects.get()
    priorities = list(Priority.objects.all())
    territories = list(Territory.objects.all())
    for n in range(guides):
        page = GuidePage(
            title=f"Guide {n}: {_text(rng, 4)}",
            slug=f"bench-guide-{n}",
            introduction=_text(rng, 30),
            audience=_text(rng, 12),
        )
        sections[n % len(sections)].add_child(instance=page)
        page.priorities.set(rng.sample(priorities, k=min(2, len(priorities))))
        page.territories.set(rng.sample(territories, k=min(1, len(territories))))
        page.save()
    start = datetime.date(2020, 1, 6)
    for n in range(updates):
        page = RoadmapUpdatePage(
            title=f"Point d'étape {n}: {_text(rng, 3)}",
            slug=f"bench-update-{n}",
            introduction=_text(rng, 25),
            date=start + datetime.timedelta(days=7 * n),
        )
        roadmap.add_child(instance=page)
    print(f"pages: {home.get_descendants().count()}")


def people():
    """The bench holder and an expert of the first body; prints their session cookies."""
    User = get_user_model()
    holder, _ = User.objects.get_or_create(
        username="bench-holder", defaults={"email": HOLDER_EMAIL}
    )
    body = ExpertBody.objects.order_by("pk").first()
    expert, _ = User.objects.get_or_create(
        username=EXPERT_USERNAME, defaults={"email": "bench-expert@example.org"}
    )
    expert.groups.add(body.group)
    enrol(expert)
    from allauth.account.models import EmailAddress

    for user in (holder, expert):
        EmailAddress.objects.get_or_create(
            user=user, email=user.email, defaults={"verified": True, "primary": True}
        )
    print(json.dumps({"holder": _session(holder), "expert": _session(expert)}))


def enrol(user):
    """An authenticator for a staff account: the admin answers no one without one
    (web/second_factor.py). The bench signs in by session, so no code is ever asked."""
    from allauth.mfa.totp.internal.auth import TOTP

    from web.second_factor import has_second_factor

    if not has_second_factor(user):
        TOTP.activate(user, TOTP_SECRET)


def _session(user):
    session = SessionStore()
    session["_auth_user_id"] = str(user.pk)
    # The backend must be one of the settings' (allauth's), or the session is anonymous.
    session["_auth_user_backend"] = settings.AUTHENTICATION_BACKENDS[0]
    session["_auth_user_hash"] = user.get_session_auth_hash()
    session.create()
    return session.session_key


STATES = [
    (Status.SUBMITTED, 10),
    (Status.ROUTED, 25),
    (Status.IN_PROGRESS, 25),
    (Status.AWAITING_HOLDER, 10),
    (Status.ANSWERED, 10),
    (Status.ACCEPTED, 20),
]


def _project_of(user, territory):
    project = Project.objects.filter(memberships__user=user, title__startswith="Banc").first()
    if project is None:
        project = Project.objects.create(
            title=f"Banc : projet de {user.username}",
            summary="Un projet pour mesurer le guichet.",
            territory=territory,
            created_by=user,
        )
        Membership.objects.create(project=project, user=user, role=Role.OWNER)
    return project


@transaction.atomic
def requests(total, seed=11):
    """Add requests until there are `total` of them."""
    rng = random.Random(seed + total)
    User = get_user_model()
    holder = User.objects.get(username="bench-holder")
    expert = User.objects.get(username=EXPERT_USERNAME)
    others = [
        User.objects.get_or_create(
            username=f"bench-other-{n}", defaults={"email": f"bench-other-{n}@example.org"}
        )[0]
        for n in range(20)
    ]
    bodies = list(ExpertBody.objects.order_by("pk"))
    priorities = list(Priority.objects.all())
    territories = list(Territory.objects.all())
    statuses = [status for status, weight in STATES for _ in range(weight)]
    # A request belongs to a project: one per holder, owned by them.
    project_of = {user.pk: _project_of(user, territories[0]) for user in [holder, *others]}
    missing = total - HowToRequest.objects.count()
    now = timezone.now()
    new = []
    for n in range(max(missing, 0)):
        status = rng.choice(statuses)
        mine = n % 10 == 0
        assigned = status not in (Status.SUBMITTED, Status.ROUTED)
        created = now - datetime.timedelta(hours=rng.randint(1, 24 * 400))
        filer = holder if mine else rng.choice(others)
        new.append(
            HowToRequest(
                holder=filer,
                project=project_of[filer.pk],
                title=_text(rng, 6)[:190],
                question=_text(rng, 60),
                project_description=_text(rng, 40),
                territory=rng.choice(territories),
                stage="idea",
                status=status,
                assignee=expert if assigned and n % 2 == 0 else None,
                due_date=(created + datetime.timedelta(days=21)).date(),
                answer=_text(rng, 50) if status in (Status.ANSWERED, Status.ACCEPTED) else "",
                created_at=created,
            )
        )
    created_requests = HowToRequest.objects.bulk_create(new, batch_size=1000)
    body_links, priority_links, events = [], [], []
    Bodies = HowToRequest.bodies.through
    Priorities = HowToRequest.priorities.through
    for n, request in enumerate(created_requests):
        if request.status != Status.SUBMITTED:
            body = bodies[0] if n % 2 == 0 else rng.choice(bodies)
            body_links.append(Bodies(howtorequest_id=request.pk, expertbody_id=body.pk))
        priority_links.append(
            Priorities(howtorequest_id=request.pk, priority_id=rng.choice(priorities).pk)
        )
        timeline = [("submit", request.holder_id, "")]
        if request.status != Status.SUBMITTED:
            timeline.append(("route", None, ""))
        if request.assignee_id:
            timeline.append(("claim", expert.pk, ""))
            timeline.append(("note", expert.pk, _text(rng, 20)))
        for minutes, (action, actor, comment) in enumerate(timeline):
            events.append(
                RequestEvent(
                    request_id=request.pk,
                    actor_id=actor,
                    action=action,
                    comment=comment,
                    internal=action == "note",
                    created_at=request.created_at + datetime.timedelta(minutes=minutes),
                )
            )
    Bodies.objects.bulk_create(body_links, batch_size=2000)
    Priorities.objects.bulk_create(priority_links, batch_size=2000)
    RequestEvent.objects.bulk_create(events, batch_size=2000)
    print(f"requests: {HowToRequest.objects.count()}")
