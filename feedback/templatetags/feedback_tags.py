from django import template

from ..forms import VoteForm

register = template.Library()


@register.simple_tag
def vote_form():
    """The vote's form, unbound: the same for every visitor, so cached pages may hold it."""
    return VoteForm(prefix="vote")
