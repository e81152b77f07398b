"""Starting a guide from an item, and items closing when a page covering them is
published: its own draft, or any guide or Q&A page that answers it."""

import datetime

import pytest
from django.utils import timezone
from wagtail.models import Comment, PageLogEntry

from feedback.models import PageVote
from gaps import actions
from gaps.models import GapItem, Kind, State
from gaps.refresh import refresh
from knowledge.models import GuidePage, QuestionAnswerPage
from tests.factories import add_page, searched_without_results
from tests.gaps.conftest import HOLDER_CANARY

pytestmark = pytest.mark.django_db

CHARGING = "Comment financer des bornes de recharge pour véhicules électriques en milieu rural ?"


def searched(query, count=3):
    searched_without_results(query, count)


def publish(page, committed, **changes):
    page = page.specific
    page = page.get_latest_revision_as_object()
    for name, value in changes.items():
        setattr(page, name, value)
    with committed():
        page.save_revision().publish()
    return page


def test_start_a_guide_drafts_it_in_the_body_section_with_the_evidence(
    guides, file_requests, editor, body
):
    _, section = guides
    made = file_requests(3, CHARGING)
    refresh()
    item = GapItem.objects.get()
    page = actions.start_guide(item, editor)
    assert isinstance(page, GuidePage)
    assert not page.live and page.get_parent().pk == section.pk
    assert page.title.startswith("Bornes")
    assert list(page.expert_bodies.all()) == [body]
    item.refresh_from_db()
    assert item.draft_id == page.pk and item.state == State.OPEN
    comment = Comment.objects.get(page=page)
    for how_to_request in made:
        assert how_to_request.reference in comment.text
    assert f"http://testserver/admin/guidance-gaps/{item.pk}/" in comment.text
    assert HOLDER_CANARY not in comment.text
    logged = PageLogEntry.objects.get(page=page, action="gaps.start_guide")
    assert logged.user == editor and logged.data["gap"] == item.pk
    # The editor's view of the draft shows the comment (Wagtail's comments panel data).
    assert page.get_latest_revision_as_object().wagtail_admin_comments.count() == 1
    # Asked again, the same draft: never a second one.
    assert actions.start_guide(item, editor).pk == page.pk
    assert GuidePage.objects.count() == 1


def test_without_a_body_the_guide_goes_under_the_guides_index(guides, editor):
    index, _ = guides
    searched("hydrogène vert")
    refresh()
    page = actions.start_guide(GapItem.objects.get(), editor)
    assert page.get_parent().pk == index.pk
    assert page.title == "Hydrogène vert"


def test_the_item_closes_when_its_draft_is_published(guides, editor, committed):
    searched("hydrogène vert")
    refresh()
    item = GapItem.objects.get()
    page = actions.start_guide(item, editor)
    # Titled otherwise by its editor: it closes as the item's own guide all the same.
    publish(page, committed, title="Produire et stocker l'hydrogène")
    item.refresh_from_db()
    assert item.state == State.CLOSED and item.closed_by_id == page.pk
    assert item.state_changed_at is not None


def test_a_search_closes_when_another_page_that_finds_it_is_published(guides, questions, committed):
    _, section = guides
    searched("hydrogène vert")
    searched("vélo cargo")
    refresh()
    with committed():
        qa = add_page(
            questions,
            QuestionAnswerPage,
            title="Financer une flotte",
            question="<p>Des aides pour l'hydrogène ?</p>",
            answer="<p>Oui, pour l'hydrogène vert produit localement.</p>",
        )
    closed = GapItem.objects.get(key="hydrogen vert")
    assert closed.state == State.CLOSED and closed.closed_by_id == qa.pk
    assert GapItem.objects.get(key="cargo velo").state == State.OPEN
    refresh()  # the refresh agrees: nothing reopens
    closed.refresh_from_db()
    assert closed.state == State.CLOSED


def test_a_request_group_closes_when_a_guide_on_its_terms_is_published(
    guides, file_requests, committed
):
    _, section = guides
    file_requests(3, CHARGING)
    refresh()
    item = GapItem.objects.get()
    with committed():
        add_page(section, GuidePage, title="Une page sur autre chose")
    item.refresh_from_db()
    assert item.state == State.OPEN
    with committed():
        guide = add_page(section, GuidePage, title="Bornes de recharge : le guide")
    item.refresh_from_db()
    assert item.state == State.CLOSED and item.closed_by_id == guide.pk


def test_a_draft_saved_but_not_published_closes_nothing(guides, committed):
    _, section = guides
    searched("hydrogène vert")
    refresh()
    with committed():
        add_page(section, GuidePage, publish=False, title="L'hydrogène vert")
    assert GapItem.objects.get().state == State.OPEN


def test_an_unhelpful_page_closes_when_republished_with_another_text(guides, committed):
    _, section = guides
    with committed():
        page = add_page(section, GuidePage, title="Le guide obscur", audience="Tout le monde")
    for _ in range(3):
        PageVote.objects.create(page=page, helpful=False)
    refresh()
    item = GapItem.objects.get(kind=Kind.UNHELPFUL)
    publish(page, committed)  # republished as it was
    item.refresh_from_db()
    assert item.state == State.OPEN
    publish(page, committed, audience="Les communes de moins de 2 000 habitants")
    item.refresh_from_db()
    assert item.state == State.CLOSED and item.closed_by_id == page.pk
    refresh()  # the old votes do not reopen it: only votes after the day it closed
    item.refresh_from_db()
    assert item.state == State.CLOSED


def test_new_no_votes_after_the_rewrite_reopen_it(guides, committed):
    _, section = guides
    with committed():
        page = add_page(section, GuidePage, title="Le guide obscur")
    for _ in range(3):
        PageVote.objects.create(page=page, helpful=False)
    refresh()
    item = GapItem.objects.get()
    publish(page, committed, audience="Réécrit")
    tomorrow = timezone.localdate() + datetime.timedelta(days=1)
    for _ in range(3):
        PageVote.objects.create(page=page, helpful=False, created_on=tomorrow)
    refresh()
    item.refresh_from_db()
    assert item.state == State.OPEN
    assert item.evidence["no"] == 3 and item.evidence["since"] == timezone.localdate().isoformat()


def test_dismiss_needs_a_reason_and_an_open_item(coordinator):
    searched("hydrogène vert")
    refresh()
    item = GapItem.objects.get()
    with pytest.raises(ValueError):
        actions.dismiss(item, coordinator, "   ")
    actions.dismiss(item, coordinator, "Hors champ")
    with pytest.raises(actions.NotNow):
        actions.dismiss(item, coordinator, "Encore")
    with pytest.raises(actions.NotNow):
        actions.start_guide(item, coordinator)
