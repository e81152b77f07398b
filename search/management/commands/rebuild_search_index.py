import sys

from django.core.management.base import BaseCommand

from search import indexing


class Command(BaseCommand):
    help = (
        "Rebuild the guidance search index from the live, public pages, with its vocabulary "
        "(typo corrections) and, on the engine, the current synonym groups."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--missing", action="store_true", help="Only index pages that have no document."
        )

    def handle(self, *args, **options):
        show = options["verbosity"] > 0 and self.stdout.isatty()

        def progress(done, total):
            if show:
                width = 40
                filled = width * done // max(total, 1)
                bar = "#" * filled + "-" * (width - filled)
                sys.stdout.write(f"\r[{bar}] {done}/{total}")
                sys.stdout.flush()

        indexed = indexing.rebuild(progress=progress, only_missing=options["missing"])
        if show:
            sys.stdout.write("\n")
        self.stdout.write(self.style.SUCCESS(f"{indexed} page(s) indexed."))
