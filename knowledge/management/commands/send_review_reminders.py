from django.core.management.base import BaseCommand

from knowledge.review.reminders import send_due_reminders


class Command(BaseCommand):
    help = (
        "Send the owners of guides and Q&A pages due for review their daily digest "
        "(idempotent: a second run the same day sends nothing twice). For cron or a "
        "systemd timer, daily; the task worker also runs it."
    )

    def handle(self, *args, **options):
        sent = send_due_reminders()
        self.stdout.write(f"{sent} review reminder email(s) sent.")
