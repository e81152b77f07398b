"""The pages an answer cites, for the request's pages (the holder's and the admin's)."""

from django import template

from .. import citations

register = template.Library()


@register.simple_tag
def answer_citations(how_to_request):
    """The citations of the answer shown (the latest), pages loaded: one query."""
    return citations.latest_answer_citations(how_to_request)


@register.simple_tag
def wagtail_comparison_url(event, user):
    """Wagtail's comparison of a change alert's revisions, for who may edit the page."""
    return citations.wagtail_comparison_url(event, user)
