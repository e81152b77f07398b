from django.core.management.base import BaseCommand

from workflows.services import ensure_roles


class Command(BaseCommand):
    help = (
        "Create or complete the staff groups, their permissions and the publication "
        "workflows. Safe to run again: it only adds what is missing."
    )

    def handle(self, *args, **options):
        groups = ensure_roles()
        self.stdout.write(self.style.SUCCESS("Roles ready: " + ", ".join(sorted(groups))))
