from django.core.management.base import BaseCommand, CommandError

from desk.reminders import send_due_reminders


class Command(BaseCommand):
    help = (
        "Send the request desk's reminders and escalations due today (idempotent: a "
        "second run the same day sends nothing). For cron or a systemd timer, daily."
    )

    def handle(self, *args, **options):
        report = send_due_reminders()
        self.stdout.write(
            f"{report.reminded} reminder(s), {report.escalated} escalation(s) recorded."
        )
        if report.failed:
            raise CommandError(f"{report.failed} request(s) failed (logged); run again later.")
