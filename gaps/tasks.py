"""The gap queue's background work."""

from django_tasks import task


@task()
def refresh_gap_queue_task():
    from .refresh import refresh

    return refresh()


@task()
def close_covered_gaps_task(page_id):
    """A page was published: close the items it covers (`gaps.actions.close_covered_by`)."""
    from wagtail.models import Page

    from .actions import close_covered_by

    page = Page.objects.filter(pk=page_id).specific().first()
    if page is None or not page.live:
        return 0
    return len(close_covered_by(page))
