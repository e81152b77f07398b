from django.core.management.base import BaseCommand

from search import statistics


class Command(BaseCommand):
    help = (
        "Fold the search statistics of the queries never shown (searched fewer than "
        "SEARCH_STATISTICS_MIN_SEARCHES times, last more than SEARCH_STATISTICS_RARE_DAYS "
        "days ago) into counts without their words, and forget such searches without results."
    )

    def handle(self, *args, **options):
        folded, forgotten = statistics.fold_rare_queries()
        self.stdout.write(
            f"{folded} statistic rows folded, {forgotten} searches without results forgotten."
        )
