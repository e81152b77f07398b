"""RSS and Atom feeds of the roadmap updates and of the projects' showcase.

Every link in them, and the identifiers (RSS guid, Atom id), are absolute URLs at the
site's public address (web/public_address.py): a feed is read away from the site, and
Django would otherwise complete relative links with whatever host the request named.
"""

from datetime import datetime, time

from django.contrib.syndication.views import Feed
from django.utils import timezone
from django.utils.feedgenerator import Atom1Feed
from django.utils.translation import gettext_lazy as _

from web.public_address import public_url

FEED_LENGTH = 20


class RoadmapRssFeed(Feed):
    description = _("Dated updates of the Third Industrial Revolution roadmap.")

    def get_object(self, request, page):
        self.request = request
        return page

    def title(self, page):
        return page.title

    def link(self, page):
        return page.get_full_url(self.request)

    def feed_url(self, page):
        return public_url(self.request.path)

    def items(self, page):
        return page.updates().prefetch_related("priorities")[:FEED_LENGTH]

    def item_title(self, item):
        return item.title

    def item_description(self, item):
        return item.introduction

    def item_link(self, item):
        return item.get_full_url(self.request)

    def item_guid(self, item):
        return item.get_full_url(self.request)

    def item_pubdate(self, item):
        return timezone.make_aware(datetime.combine(item.date, time(9, 0)))

    def item_updateddate(self, item):
        return item.last_published_at

    def item_categories(self, item):
        return [priority.name for priority in item.priorities.all()]


class RoadmapAtomFeed(RoadmapRssFeed):
    feed_type = Atom1Feed

    def subtitle(self, page):
        return self.description


class ProjectRssFeed(Feed):
    """The projects shown on the showcase (with their owners' consent), newest first."""

    description = _(
        "Projects of the Third Industrial Revolution programme, shown with their holders' consent."
    )

    def get_object(self, request, page):
        self.request = request
        return page

    def title(self, page):
        return page.title

    def link(self, page):
        return page.get_full_url(self.request)

    def feed_url(self, page):
        return public_url(self.request.path)

    def items(self, page):
        return page.projects()[:FEED_LENGTH]

    def item_title(self, item):
        return item.title

    def item_description(self, item):
        return item.introduction

    def item_link(self, item):
        return item.get_full_url(self.request)

    def item_guid(self, item):
        return item.get_full_url(self.request)

    def item_pubdate(self, item):
        return item.first_published_at

    def item_updateddate(self, item):
        return item.last_published_at

    def item_categories(self, item):
        categories = [priority.name for priority in item.priorities.all()]
        if item.territory is not None:
            categories.append(item.territory.name)
        return categories


class ProjectAtomFeed(ProjectRssFeed):
    feed_type = Atom1Feed

    def subtitle(self, page):
        return self.description
