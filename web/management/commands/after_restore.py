"""`manage.py after_restore`: run once a database backup is back in place, before the
site serves again. What lives outside the database still tells of the newer state: the
page cache serves pages the backup never had (or no longer has), the search engine finds
them, the breaker and the rate limits count from before. This clears the caches and lets
the apps put the rest right (`web.signals.database_restored`: the search index is rebuilt
from the restored pages). Tasks that were running when the backup was taken are queued
again by the worker itself (their workers' beats are old), and a notification then being
sent is sent again once."""

from django.core.cache import caches
from django.core.management.base import BaseCommand, CommandError

from web.signals import database_restored


class Command(BaseCommand):
    help = (
        "After restoring a database backup: clear the page cache and the other caches, "
        "and rebuild the search index from the restored pages."
    )

    def handle(self, *args, **options):
        failed = []
        for alias in caches:
            try:
                caches[alias].clear()
            except Exception as error:  # the next step still runs; the operator is told
                failed.append(f"cache {alias!r}: {error}")
            else:
                self.stdout.write(f"Cache {alias!r} cleared.")
        for receiver, outcome in database_restored.send_robust(sender=type(self)):
            if isinstance(outcome, Exception):
                failed.append(f"{receiver.__module__}.{receiver.__name__}: {outcome}")
            elif outcome:
                self.stdout.write(str(outcome))
        if failed:
            raise CommandError("After the restore, these failed:\n  " + "\n  ".join(failed))
        self.stdout.write(self.style.SUCCESS("The site agrees with the restored database."))
