from django.core.management.base import BaseCommand
from django.utils import timezone

from desk.tasks import schedule_reminders


class Command(BaseCommand):
    help = (
        "Make sure one run of the request desk's daily reminders is queued for the task "
        "worker (idempotent; `run_worker` does it at start and every few minutes)."
    )

    def handle(self, *args, **options):
        run_after = schedule_reminders()
        if run_after is None:
            self.stdout.write(
                "The task queue cannot hold a deferred run: "
                "run `manage.py send_desk_reminders` daily instead."
            )
            return
        self.stdout.write(
            f"Desk reminders queued for {timezone.localtime(run_after):%Y-%m-%d %H:%M %Z}."
        )
