"""Demo routing rules and requests in every state, built through the steps.

Idempotent: rules are keyed by (priority, territory, body), requests by title.
Requests need the demo accounts, so they are only built where those may exist.
"""

from django.contrib.auth import get_user_model
from django.db import transaction

from desk import steps
from desk.citations import citable_pages
from desk.models import HowToRequest, RoutingRule
from knowledge.models import ExpertBody, Priority, Territory

from .projects import project_for_request

RULES = [
    # (priority slug or None for any, territory slug or None for any, body slug)
    ("sobriete-energetique", None, "ademe"),
    ("sobriete-energetique", "bassin-minier", "cd2e"),
    ("energies-renouvelables", None, "pole-medee"),
    ("energies-renouvelables", None, "ademe"),
    ("mobilite-durable", None, "i-trans"),
]

# (title, question, priority slug, territory slug, steps to apply)
REQUESTS = [
    (
        "Isoler une salle des fêtes communale",
        "Quelles aides existent pour isoler une salle des fêtes des années 1970 ?",
        "sobriete-energetique",
        "artois",
        [],
    ),
    (
        "Un réseau de chaleur pour trois communes",
        "Comment mutualiser l'étude de faisabilité d'un réseau de chaleur bois ?",
        "energies-renouvelables",
        "flandre-interieure",
        ["ask_clarification"],
    ),
    (
        "Covoiturage pour une zone d'activités",
        "Comment organiser le covoiturage entre les salariés de douze entreprises ?",
        "mobilite-durable",
        "metropole-lilloise",
        ["route"],
    ),
    (
        "Stocker l'électricité de nos panneaux solaires",
        "Une batterie collective est-elle envisageable pour un lotissement ?",
        "energies-renouvelables",
        "bassin-minier",
        ["route", "claim"],
    ),
    (
        "Bornes de recharge sur le parking de la mairie",
        "Qui peut financer quatre bornes de recharge accessibles au public ?",
        "mobilite-durable",
        "cote-d-opale",
        ["route", "claim", "ask_holder"],
    ),
    (
        "Diagnostic énergétique d'une PME agroalimentaire",
        "Par où commencer pour réduire la facture énergétique de notre usine ?",
        "sobriete-energetique",
        "hainaut-cambresis",
        ["route", "claim", "ask_holder", "reply", "note", "answer"],
    ),
    (
        "Autoconsommation collective dans un quartier",
        "Comment monter une opération d'autoconsommation collective avec un bailleur ?",
        "energies-renouvelables",
        "metropole-lilloise",
        ["route", "claim", "note", "answer", "accept"],
    ),
    (
        "Méthaniseur agricole partagé",
        "Quelles autorisations pour un méthaniseur porté par cinq exploitations ?",
        "energies-renouvelables",
        "artois",
        ["route", "claim", "answer_for_review"],
    ),
    (
        "Subvention pour changer une chaudière",
        "Ma commune peut-elle être aidée pour remplacer la chaudière de l'école ?",
        "sobriete-energetique",
        "artois",
        ["common_law"],
    ),
    (
        "Plan de mobilité pour notre entreprise",
        "Comment lancer un plan de mobilité employeur ?",
        "mobilite-durable",
        "metropole-lilloise",
        ["duplicate"],
    ),
    (
        "Éclairage public à LED dans un village",
        "Comment financer le passage de l'éclairage public à des lampes LED ?",
        "sobriete-energetique",
        "cote-d-opale",
        ["route", "withdraw"],
    ),
]

DEMO_ANSWER = (
    "Commencez par un diagnostic : l'ADEME et la Région cofinancent des études préalables. "
    "Le guide « Faire qualifier son projet TRI » détaille les critères examinés."
)
# The guide the demo answer names, which it cites (desk/citations.py) when it is live.
DEMO_ANSWER_CITES = "faire-qualifier-son-projet"


def build_rules():
    created = 0
    for priority_slug, territory_slug, body_slug in RULES:
        body = ExpertBody.objects.filter(slug=body_slug).first()
        priority = Priority.objects.filter(slug=priority_slug).first() if priority_slug else None
        territory = (
            Territory.objects.filter(slug=territory_slug).first() if territory_slug else None
        )
        if body is None or (priority_slug and priority is None):
            continue
        _, is_new = RoutingRule.objects.get_or_create(
            priority=priority, territory=territory, body=body
        )
        created += is_new
    return created


# What each step of the demo says; the step itself, and who takes it, come from the
# catalogue (`desk.steps`).
STEP_ARGUMENTS = {
    "ask_clarification": {"comment": "Quelles communes exactement ?"},
    "route": {"comment": "Merci de prendre cette demande."},
    "claim": {},
    "ask_holder": {"comment": "Quel est votre calendrier ?"},
    "reply": {"message": "Nous visons un démarrage au printemps."},
    "note": {"comment": "Dossier proche d'un cas de 2014."},
    "answer": {"comment": DEMO_ANSWER},
    "answer_for_review": {"comment": DEMO_ANSWER, "review": True},
    "accept": {"comment": "Merci, c'est très clair.", "rating": 5},
    "common_law": {
        "comment": "Ce besoin relève du dispositif régional habituel d'aide aux économies "
        "d'énergie des communes : déposez votre dossier auprès du service Climat de la Région."
    },
    "duplicate": {"comment": "Même question qu'une demande en cours."},
    "withdraw": {"comment": "Le conseil municipal a choisi un autre prestataire."},
}


def _candidates(request_obj, people):
    """Who might take a step, the first of them for whom the catalogue opens it."""
    experts = (
        get_user_model()
        .objects.filter(groups__expert_body__in=request_obj.bodies.all())
        .order_by("pk")
    )
    return [request_obj.assignee, *experts, people["porteur"], people["coordination"]]


def _apply(request_obj, name, people, first):
    arguments = dict(STEP_ARGUMENTS[name])
    taken_step = steps.BY_NAME["answer" if name == "answer_for_review" else name]
    if name == "route":
        arguments["bodies"] = list(steps.proposed_bodies(request_obj)) or [
            ExpertBody.objects.first()
        ]
    elif name == "duplicate":
        arguments["original"] = first
    elif name in {"answer", "answer_for_review"}:
        arguments["citations"] = list(citable_pages().filter(slug=DEMO_ANSWER_CITES))
    actor = next(
        person
        for person in _candidates(request_obj, people)
        if person is not None and taken_step.is_open(request_obj, person)
    )
    taken_step(request_obj, actor, **arguments)


@transaction.atomic
def build_demo_requests(stdout=None):
    created = {"routing rules": build_rules(), "requests": 0}
    User = get_user_model()
    people = {u.username: u for u in User.objects.filter(username__in=["porteur", "coordination"])}
    if len(people) < 2:
        return created
    first = None
    for title, question, priority_slug, territory_slug, step_names in REQUESTS:
        existing = HowToRequest.objects.filter(title=title).first()
        if existing is not None:
            first = first or existing
            continue
        # The request joins its demo project (demo/projects.py) where it has one;
        # otherwise filing makes a project from the request's own fields.
        project = project_for_request(title, people["porteur"])
        request_obj = steps.file_request(
            people["porteur"],
            {
                **({"project": project} if project is not None else {}),
                "title": title,
                "question": question,
                "project_description": "Projet de démonstration porté par une collectivité.",
                "priorities": [Priority.objects.get(slug=priority_slug)],
                "territory": Territory.objects.get(slug=territory_slug),
                "stage": "design",
                "partners": "",
                "funding_sought": "",
                "consent_to_publish": True,
            },
        )
        first = first or request_obj
        for name in step_names:
            _apply(request_obj, name, people, first)
        created["requests"] += 1
        if stdout is not None:
            stdout.write(f"  + {request_obj}: {request_obj.get_status_display()}")
    return created
