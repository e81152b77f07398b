"""The demo's votes: on live guides and Q&A pages, over several months, added once."""

import pytest

from demo.feedback import VOTES, build_demo_votes
from feedback.models import PageVote

pytestmark = pytest.mark.django_db


def test_the_demo_votes_are_added_once(guide, qa_page, guides):
    first = build_demo_votes()
    assert first["page votes"] == len(VOTES[0]) + len(VOTES[1])
    assert set(PageVote.objects.values_list("page_id", flat=True)) == {guide.pk, qa_page.pk}
    assert PageVote.objects.dates("created_on", "month").count() >= 2
    assert build_demo_votes() == {"page votes": 0}
    assert PageVote.objects.count() == first["page votes"]
