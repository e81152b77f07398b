"""Forget cached pages whenever something they show changes (see web/pagecache.py); a
published guide or Q&A page counts as reviewed, and the worker's rounds send the review
reminders (knowledge/review/)."""

from django.db.models.signals import post_delete, post_save
from wagtail.models import Page, PageViewRestriction, Site
from wagtail.signals import page_published, page_slug_changed, page_unpublished, post_page_move

from web import pagecache
from web.signals import worker_housekeeping

from . import tasks
from .models import ExpertBody, Priority, RoadmapAction, Territory
from .review import service as review


def _purge(sender, **kwargs):
    pagecache.purge()


for signal in (page_published, page_unpublished, post_page_move, page_slug_changed):
    signal.connect(_purge, dispatch_uid=f"pagecache-{signal!r}")
post_delete.connect(_purge, sender=Page, dispatch_uid="pagecache-page-delete")
# Privacy, sites and the reference data shown on cards and page headers (the roadmap's
# actions on the accountability page and the showcased projects' pages).
for model in (PageViewRestriction, Site, Priority, Territory, ExpertBody, RoadmapAction):
    post_save.connect(_purge, sender=model, dispatch_uid=f"pagecache-save-{model.__name__}")
    post_delete.connect(_purge, sender=model, dispatch_uid=f"pagecache-delete-{model.__name__}")


def _record_review(sender, instance, **kwargs):
    if review.is_reviewed_page(instance):
        review.record_publication(instance)


page_published.connect(_record_review, dispatch_uid="knowledge-review-on-publication")


def _queue_review_reminders(sender, **kwargs):
    """The worker's rounds queue the review reminders, hourly at most (knowledge/tasks.py)."""
    tasks.queue_review_reminders()


worker_housekeeping.connect(_queue_review_reminders, dispatch_uid="knowledge-review-reminders")
