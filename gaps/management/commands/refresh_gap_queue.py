from django.core.management.base import BaseCommand

from gaps.refresh import refresh


class Command(BaseCommand):
    help = (
        "Refresh the guidance-gap queue from searches without results, pages rated "
        "unhelpful and requests without a guide (the worker does it every "
        "GAPS_REFRESH_SECONDS). Safe to run again."
    )

    def handle(self, *args, **options):
        counts = refresh()
        self.stdout.write(
            "Guidance gaps: {created} new, {updated} updated, {closed} closed, "
            "{reopened} reopened.".format(**counts)
        )
