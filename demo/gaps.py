"""The demo's guidance gaps: searches that found nothing and a few requests on one subject
no guide covers (the re-use of building materials), then a refresh of the queue, so the
editors' backlog is not empty.

Idempotent: searches are keyed by their terms, requests by title, and the refresh finds
the same items again.
"""

from django.contrib.auth import get_user_model
from django.db import transaction

from desk import steps
from desk.models import HowToRequest
from gaps.refresh import refresh
from knowledge.models import ExpertBody, Priority, Territory
from search.models import ZeroResultQuery

# (search, times searched without results)
SEARCHES = [
    ("hydrogène vert", 6),
    ("chaleur fatale", 5),
    ("vélo cargo", 4),
    ("récupérer l'eau de pluie", 3),
]

# (holder, title, question, territory slug)
REQUESTS = [
    (
        "porteuse-commune",
        "Réemployer les matériaux de l'ancienne école",
        "Comment organiser le réemploi des matériaux de déconstruction de notre ancienne "
        "école avant sa démolition ?",
        "artois",
    ),
    (
        "porteur-bailleur",
        "Une plateforme de réemploi des matériaux",
        "Une plateforme intercommunale de réemploi des matériaux issus de la déconstruction "
        "de nos logements est-elle finançable ?",
        "bassin-minier",
    ),
    (
        "porteuse-association",
        "Matériaux de réemploi dans un chantier public",
        "Peut-on demander des matériaux de réemploi issus de la déconstruction dans le "
        "marché public de rénovation de notre salle ?",
        "cote-d-opale",
    ),
]
BODY = "cd2e"  # the cluster of eco-construction


def _searches():
    created = 0
    for query, count in SEARCHES:
        _, is_new = ZeroResultQuery.objects.get_or_create(query=query, defaults={"count": count})
        created += is_new
    return created


def _requests():
    people = {
        user.username: user
        for user in get_user_model().objects.filter(
            username__in=[holder for holder, *_ in REQUESTS] + ["coordination"]
        )
    }
    priority = Priority.objects.filter(slug="sobriete-energetique").first()
    body = ExpertBody.objects.filter(slug=BODY).first()
    created = 0
    for holder, title, question, territory_slug in REQUESTS:
        territory = Territory.objects.filter(slug=territory_slug).first()
        if holder not in people or priority is None or territory is None:
            continue
        if HowToRequest.objects.filter(title=title).exists():
            continue
        how_to_request = steps.file_request(
            people[holder],
            {
                "title": title,
                "question": question,
                "project_description": "Projet de démonstration de réemploi des matériaux.",
                "priorities": [priority],
                "territory": territory,
                "stage": "idea",
                "partners": "",
                "funding_sought": "",
                "consent_to_publish": True,
            },
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
