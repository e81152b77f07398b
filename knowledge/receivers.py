"""Forget cached pages whenever something they show changes (see web/pagecache.py)."""

from django.db.models.signals import post_delete, post_save
from wagtail.models import Page, PageViewRestriction, Site
from wagtail.signals import page_published, page_slug_changed, page_unpublished, post_page_move

from web import pagecache

from .models import ExpertBody, Priority, RoadmapAction, Territory


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
