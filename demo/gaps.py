"""The demo's guidance gaps: searches that found nothing and a few requests on one subject
no guide covers (the re-use of building materials), filed in three demo projects by
their holders, then a refresh of the queue, so the editors' backlog is not empty.

Idempotent: searches are keyed by their text, requests by title, and the refresh finds
the same items again.
"""

from datetime import timedelta

from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils import timezone

from desk import steps
from desk.models import HowToRequest
from gaps.refresh import refresh
from knowledge.models import ExpertBody
from projects import permissions as project_permissions
from projects.models import Project
from search.models import ZeroResultQuery

# (search, times searched without results)
SEARCHES = [
    ("hydrogène vert", 6),
    ("chaleur fatale", 5),
    ("vélo cargo", 4),
    ("récupérer l'eau de pluie", 3),
]

# (holder, the demo project they file in, title, question)
REQUESTS = [
    (
        "porteuse-commune",
        "Trois écoles du Cambrésis rénovées et productrices d'énergie",
        "Réemployer les matériaux de l'ancienne école",
        "Comment organiser le réemploi des matériaux de déconstruction de notre ancienne "
        "école avant sa démolition ?",
    ),
    (
        "porteur-bailleur",
        "La cité des Tilleuls, cité minière à énergie positive",
        "Une plateforme de réemploi des matériaux",
        "Une plateforme intercommunale de réemploi des matériaux issus de la déconstruction "
        "de nos logements est-elle finançable ?",
    ),
    (
        "porteuse-association",
        "Une recyclerie de matériaux du bâtiment dans le bassin minier",
        "Matériaux de réemploi dans un chantier public",
        "Peut-on demander des matériaux de réemploi issus de la déconstruction dans le "
        "marché public de rénovation de notre salle ?",
    ),
]
BODY = "cd2e"  # the cluster of eco-construction


def _searches():
    """Searched over the last weeks (search.query_privacy shows a query searched on two
    days at least, as these were)."""
    created = 0
    now = timezone.now()
    for days, (query, count) in enumerate(SEARCHES, start=1):
        _, is_new = ZeroResultQuery.objects.get_or_create(
            query=query,
            defaults={
                "count": count,
                "first_seen": now - timedelta(days=7 * days),
                "last_seen": now - timedelta(days=days),
            },
        )
        created += is_new
    return created


def _requests():
    people = {
        user.username: user
        for user in get_user_model().objects.filter(
            username__in=[holder for holder, *_ in REQUESTS] + ["coordination"]
        )
    }
    body = ExpertBody.objects.filter(slug=BODY).first()
    created = 0
    for holder, project_title, title, question in REQUESTS:
        project = Project.objects.filter(title=project_title).first()
        if holder not in people or project is None:
            continue
        if HowToRequest.objects.filter(title=title).exists():
            continue
        if not project_permissions.is_member(people[holder], project):
            continue
        # The request keeps the project's description, territory and priorities.
        how_to_request = steps.file_request(
            people[holder],
            {"project": project, "title": title, "question": question, "consent_to_publish": True},
        )
        if body is not None and "coordination" in people:
            steps.route(how_to_request, people["coordination"], [body], "")
        created += 1
    return created


@transaction.atomic
def build_demo_gaps(stdout=None):
    searches, requests = _searches(), _requests()
    counts = refresh()
    return {
        "searches without results": searches,
        "requests without a guide": requests,
        "guidance gaps": counts["created"],
    }
