"""What every knowledge page shares: a short introduction that lists and searches well.

What is searchable is declared once, in each page type: it is guidance if it subclasses
`GuidancePage`, and its text is its `index.SearchField` entries. Wagtail's own index reads
them for the admin's search; `search.documents` derives the public guidance search's
documents from them (why two indexes: see there).
"""

from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.models import Page
from wagtail.search import index

from web.public_address import public_url


class KnowledgePage(Page):
    introduction = models.TextField(
        _("introduction"),
        blank=True,
        help_text=_("One or two sentences shown in lists, search results and feeds."),
    )

    search_fields = Page.search_fields + [index.SearchField("introduction")]

    class Meta:
        abstract = True

    def get_url_parts(self, request=None):
        """The page's URL at the site's public address (web/public_address.py), not at its
        Site record's host: `full_url`, and so the sitemap, the feeds and the calendars,
        use it. The site has one Site record; relative URLs do not change."""
        url_parts = super().get_url_parts(request)
        if url_parts is None or url_parts[1] is None:
            return url_parts
        site_id, _site_root_url, page_path = url_parts
        return site_id, public_url(), page_path


class GuidancePage(KnowledgePage):
    """A page the public guidance search finds; the home page and indexes are navigation.

    Its search document's text is read from its `index.SearchField` entries, in the
    order declared, except the title (the document holds it apart) and the fields named
    in `admin_search_only`."""

    admin_search_only = ()

    class Meta:
        abstract = True
