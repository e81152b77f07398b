"""Casting a vote, and adding the comment a voter offered afterwards.

Which pages take votes is decided here once, for the form's view and anything else that
records one: live guides and Q&A pages anyone may read. A draft, a page behind a login
or a password, and every other kind of page answer "no such page".

A vote changes no page, so it never clears the anonymous page cache: the cache clears
on page signals (knowledge/receivers.py), and a vote sends none of them.
"""

from django.db import transaction
from wagtail.models import Page

from knowledge.models import GuidePage, QuestionAnswerPage

from .models import PageVote
from .signals import page_vote_recorded

VOTABLE_PAGE_TYPES = (GuidePage, QuestionAnswerPage)


def votable_pages():
    return Page.objects.live().public().type(*VOTABLE_PAGE_TYPES)


def votable_page(page_id):
    """The live, public guide or Q&A page `page_id`, or None."""
    return votable_pages().filter(pk=page_id).first()


def cast_vote(page, helpful, comment=""):
    with transaction.atomic():
        vote = PageVote.objects.create(page=page, helpful=helpful, comment=comment)
        page_vote_recorded.send(sender=PageVote, vote=vote)
    return vote


def add_comment(vote, comment):
    """The comment offered on the thanks page, to a vote cast without one (a vote's
    comment is never replaced: the token that offers it would otherwise rewrite it)."""
    with transaction.atomic():
        updated = PageVote.objects.filter(pk=vote.pk, comment="").update(comment=comment)
        if updated:
            vote.comment = comment
            page_vote_recorded.send(sender=PageVote, vote=vote)
    return bool(updated)
