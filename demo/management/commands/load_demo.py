"""Load the demo (idempotent: a second run creates nothing); `load_content` loads the
programme's content alone, in production too."""

import logging
from collections import Counter
from contextlib import contextmanager

from django.contrib.auth.models import Group
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from wagtail.models import WorkflowPage

from demo.accounts import ensure_demo_accounts
from demo.builder import build_demo_content
from demo.feedback import build_demo_votes
from demo.gaps import build_demo_gaps
from demo.projects import (
    build_demo_projects,
    build_roadmap_actions,
    link_demo_requests,
    publish_demo_showcase,
)
from demo.requests import build_demo_requests, build_rules
from search import indexing
from web.deployment import demo_accounts_allowed
from workflows.services import ensure_roles

# Loggers that report every page saved and every background task run.
CHATTY_LOGGERS = ["wagtail", "django_tasks"]


@contextmanager
def quiet_loggers(names, quiet=True):
    loggers = [logging.getLogger(name) for name in names] if quiet else []
    levels = [logger.level for logger in loggers]
    for logger in loggers:
        logger.setLevel(logging.WARNING)
    try:
        yield
    finally:
        for logger, level in zip(loggers, levels, strict=True):
            logger.setLevel(level)


def setup_roles(stdout=None):
    """Groups, permissions and workflows, now that the pages they apply to exist."""
    groups, links = Group.objects.count(), WorkflowPage.objects.count()
    ensure_roles()
    return {
        "groups": Group.objects.count() - groups,
        "workflow links": WorkflowPage.objects.count() - links,
    }


def create_demo_accounts(stdout=None):
    created = ensure_demo_accounts()
    if stdout is not None:
        for username in created:
            stdout.write(f"  + {username}")
    return {"accounts": len(created)}


def build_reference_data(stdout=None):
    """The roadmap's actions and the desk's routing rules: the programme's, not made up
    (the demo builds them too, before its projects and requests)."""
    created = Counter()
    with transaction.atomic():
        build_roadmap_actions(created)
        created["routing rules"] += build_rules()
    return dict(created)


def index_missing_pages(stdout=None):
    """Index now what has no search document, so search works before the worker runs."""
    return {"search documents": indexing.rebuild(only_missing=True)}


# The programme's own content (the seed's pages and reference data, the staff roles and
# workflows, the search index): what `load_content` loads in production too.
CONTENT_STEPS = [
    ("Contenu / content", build_demo_content),
    ("Référentiels / reference data", build_reference_data),
    ("Rôles / roles", setup_roles),
    ("Recherche / search index", index_missing_pages),
]
# The demo on top: accounts with public passwords, made-up projects and requests. Projects
# before the requests, which join them; then the requests' roadmap actions.
DEMO_STEPS = [
    ("Contenu / content", build_demo_content),
    ("Rôles / roles", setup_roles),
    ("Comptes / accounts", create_demo_accounts),
    ("Projets / projects", build_demo_projects),
    ("Guichet / request desk", build_demo_requests),
    ("Avis / feedback", build_demo_votes),
    ("Feuille de route / roadmap actions", link_demo_requests),
    ("Vitrine / showcase", publish_demo_showcase),
    ("Recherche / search index", index_missing_pages),
    # Last: the queue leaves out what the indexed guides already answer.
    ("Lacunes / guidance gaps", build_demo_gaps),
]


class Command(BaseCommand):
    help = (
        "Crée la démonstration manquante : contenu, comptes, projets et demandes fictifs "
        "(développement et tests seulement). Creates the missing demo: content, accounts, "
        "made-up projects and requests (development and tests only); safe to run again."
    )
    steps = DEMO_STEPS

    def handle(self, *args, **options):
        self.check_allowed()
        verbose = options["verbosity"] > 1
        stdout = self.stdout if verbose else None
        # Each step returns {what: how many created}.
        with quiet_loggers(CHATTY_LOGGERS, quiet=not verbose):
            for label, step in self.steps:
                self.report(label, step(stdout=stdout))

    def check_allowed(self):
        """Demo accounts have public passwords, and the made-up requests and projects
        would mix with real ones: never outside development and tests."""
        if not demo_accounts_allowed():
            raise CommandError(
                "La démonstration est réservée au développement et aux tests ; pour le "
                "contenu du programme, lancez `manage.py load_content`. / The demo is for "
                "development and tests only; for the programme's content, run "
                "`manage.py load_content`."
            )

    def report(self, label, created):
        created = {name: count for name, count in created.items() if count}
        if not created:
            self.stdout.write(f"{label} : rien à faire / nothing to do.")
            return
        total = sum(created.values())
        self.stdout.write(self.style.SUCCESS(f"{label} : {total} élément(s) créé(s) / created."))
        for name, count in sorted(created.items()):
            self.stdout.write(f"  {name}: {count}")
