"""Write or take down the showcase page of every project (see projects/showcase.py).

Idempotent: a second run changes nothing. It catches up after a task that could not be
queued or failed, and after a showcase index page was created.
"""

from collections import Counter

from django.core.management.base import BaseCommand
from django.db.models import Q

from projects.models import Project
from projects.showcase import Synced, sync


class Command(BaseCommand):
    help = "Bring every project's showcase page in line with the project and its consent."

    def add_arguments(self, parser):
        parser.add_argument(
            "--all",
            action="store_true",
            help="Every project (the default; kept for the scripts that name it).",
        )

    def handle(self, *args, **options):
        # A project never consented and without a page has nothing to sync.
        projects = Project.objects.filter(
            Q(showcase_consent=True) | Q(showcase_page__isnull=False)
        ).order_by("pk")
        outcomes = Counter(sync(pk) for pk in projects.values_list("pk", flat=True))
        if outcomes[Synced.NO_INDEX]:
            self.stderr.write(
                "No project showcase page (knowledge.ProjectIndexPage): "
                f"{outcomes[Synced.NO_INDEX]} consenting project(s) not shown."
            )
        summary = ", ".join(f"{outcome}: {count}" for outcome, count in sorted(outcomes.items()))
        self.stdout.write(f"Showcase synced ({summary or 'nothing to do'}).")
