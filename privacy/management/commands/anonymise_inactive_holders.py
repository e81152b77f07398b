"""Erase the holders inactive for the retention period; safe to run daily."""

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from privacy import retention


class Command(BaseCommand):
    help = (
        "Erase the accounts of project holders with no login and no request activity for "
        "the retention period (TRIHUB_RETENTION_DAYS); their requests stay, anonymised. "
        "Staff accounts are never touched."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--days",
            type=int,
            default=None,
            help=f"Inactivity period in days (default {settings.TRIHUB_RETENTION_DAYS}).",
        )
        parser.add_argument("--dry-run", action="store_true", help="Only say who would be erased.")

    def handle(self, *args, days=None, dry_run=False, **options):
        # 0 (or less) puts the cutoff at now or later: every holder would be "inactive",
        # a typo that erases them all. A day is the shortest period that means anything.
        if days is not None and days < 1:
            raise CommandError(
                f"--days must be at least 1 (got {days}): a period of {days} days would "
                "erase every holder."
            )
        cutoff = retention.retention_cutoff(days=days)
        found, failed = retention.anonymise_inactive(cutoff, dry_run=dry_run)
        since = f"{cutoff:%Y-%m-%d}"
        if not found and not failed:
            self.stdout.write(f"No holder inactive since {since}: nothing to do.")
        elif dry_run:
            self.stdout.write(f"{len(found)} holder(s) inactive since {since} would be erased:")
            # Account numbers only: this output ends up in logs, which must not hold emails.
            for user in found:
                last_seen = user.last_login or user.date_joined
                self.stdout.write(f"  account #{user.pk}, last seen {last_seen:%Y-%m-%d}")
        else:
            self.stdout.write(
                self.style.SUCCESS(f"{len(found)} holder(s) inactive since {since} erased.")
            )
        if failed:
            ids = ", ".join(f"#{user.pk}" for user in failed)
            raise CommandError(f"Could not erase account(s) {ids}; see the log. Run again later.")
