"""Load the demo content (idempotent: a second run creates nothing)."""

import logging
from contextlib import contextmanager

from django.contrib.auth.models import Group
from django.core.management.base import BaseCommand
from wagtail.models import WorkflowPage

from demo.accounts import ensure_demo_accounts
from demo.builder import build_demo_content
from demo.projects import build_demo_projects, link_demo_requests, publish_demo_showcase
from demo.requests import build_demo_requests
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


def index_missing_pages(stdout=None):
    """Index now what has no search document, so search works before the worker runs."""
    return {"search documents": indexing.rebuild(only_missing=True)}


class Command(BaseCommand):
    help = (
        "Crée le contenu de démonstration manquant (pages, référentiels). "
        "Creates the missing demo content; safe to run again."
    )

    def handle(self, *args, **options):
        verbose = options["verbosity"] > 1
        stdout = self.stdout if verbose else None
        # Each step returns {what: how many created}; add further steps here.
        steps = [
            ("Contenu / content", build_demo_content),
            ("Rôles / roles", setup_roles),
        ]
        if demo_accounts_allowed():
            steps.append(("Comptes / accounts", create_demo_accounts))
        else:
            self.stdout.write(
                "Comptes de démonstration non créés (réservés au développement) / "
                "demo accounts skipped (development only)."
            )
        # Projects before the requests, which join them; then the requests' roadmap actions.
        steps.append(("Projets / projects", build_demo_projects))
        steps.append(("Guichet / request desk", build_demo_requests))
        steps.append(("Feuille de route / roadmap actions", link_demo_requests))
        steps.append(("Vitrine / showcase", publish_demo_showcase))
        steps.append(("Recherche / search index", index_missing_pages))
        with quiet_loggers(CHATTY_LOGGERS, quiet=not verbose):
            for label, step in steps:
                self.report(label, step(stdout=stdout))

    def report(self, label, created):
        created = {name: count for name, count in created.items() if count}
        if not created:
            self.stdout.write(f"{label} : rien à faire / nothing to do.")
            return
        total = sum(created.values())
        self.stdout.write(self.style.SUCCESS(f"{label} : {total} élément(s) créé(s) / created."))
        for name, count in sorted(created.items()):
            self.stdout.write(f"  {name}: {count}")
