from django.core.management.base import BaseCommand

from desk.tasks import retry_due_notifications


class Command(BaseCommand):
    help = "Send the request desk's due notifications (retries after mail failures)."

    def handle(self, *args, **options):
        sent = retry_due_notifications()
        self.stdout.write(f"{sent} notification(s) sent.")
