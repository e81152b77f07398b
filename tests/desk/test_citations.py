"""Answers that cite guides and Q&A pages, and are told when one of them changes."""

from datetime import timedelta

import pytest
from django.core import mail
from django.test import override_settings
from django.urls import reverse
from django.utils import timezone
from wagtail.models import PageViewRestriction

from desk import citations, steps
from desk.forms import AnswerForm
from desk.models import AnswerCitation, Notification, RequestEvent
from desk.models.events import Action
from desk.states import Status
from knowledge.models import GuideIndexPage, GuidePage, QuestionAnswerPage, QuestionIndexPage
from tests.desk.citing import alerts, republish
from tests.factories import add_page

pytestmark = pytest.mark.django_db


@pytest.fixture
def guides(home):
    return add_page(home, GuideIndexPage, title="Modes d'emploi", slug="modes-d-emploi")


@pytest.fixture
def guide(guides):
    return add_page(
        guides,
        GuidePage,
        title="Financer des bornes de recharge",
        slug="financer-des-bornes",
        introduction="Les aides pour les bornes en zone rurale.",
        audience="Les communes rurales.",
    )


@pytest.fixture
def qa_page(home):
    index = add_page(home, QuestionIndexPage, title="Questions", slug="questions")
    return add_page(
        index,
        QuestionAnswerPage,
        title="Une borne par bourg ?",
        question="<p>Combien de bornes ?</p>",
        answer="<p>Une par bourg suffit.</p>",
    )


@pytest.fixture
def in_progress(holder, request_data, coordinator, expert, body, committed):
    with committed():
        request_obj = steps.file_request(holder, request_data())
        steps.route(request_obj, coordinator, [body])
        steps.claim(request_obj, expert)
    return request_obj


@pytest.fixture
def answered(in_progress, expert, guide, committed):
    with committed():
        steps.write_answer(in_progress, expert, "Voyez le guide.", citations=[guide])
    in_progress.refresh_from_db()
    return in_progress


def recipients_of(event):
    return set(Notification.objects.filter(event=event).values_list("email", flat=True))


# Citing ------------------------------------------------------------------------------


def test_an_answer_keeps_each_page_at_its_live_revision(in_progress, expert, guide, qa_page):
    event = steps.write_answer(in_progress, expert, "Deux lectures.", citations=[qa_page, guide])
    cited = list(AnswerCitation.objects.filter(event=event).order_by("position"))
    assert [(c.page_id, c.revision_id, c.position) for c in cited] == [
        (qa_page.pk, qa_page.live_revision_id, 0),
        (guide.pk, guide.live_revision_id, 1),
    ]
    assert all(c.told_revision_id == c.revision_id for c in cited)
    assert all(c.request_id == in_progress.pk for c in cited)


def test_the_step_refuses_a_page_that_is_not_public(in_progress, expert, guide):
    PageViewRestriction.objects.create(page=guide, restriction_type=PageViewRestriction.LOGIN)
    with pytest.raises(steps.TransitionError):
        steps.write_answer(in_progress, expert, "Voyez le guide.", citations=[guide])
    in_progress.refresh_from_db()
    assert in_progress.status == Status.IN_PROGRESS
    assert not AnswerCitation.objects.exists()


def _form(request_obj, expert, **data):
    data = {f"answer-{name}": value for name, value in data.items()}
    data.setdefault("answer-comment", "Une réponse.")
    from django.http import QueryDict

    query = QueryDict(mutable=True)
    for name, value in data.items():
        if isinstance(value, list):
            query.setlist(name, value)
        else:
            query[name] = value
    return AnswerForm(query, prefix="answer", how_to_request=request_obj, user=expert)


def test_the_form_takes_ticked_pages_numbers_and_addresses(in_progress, expert, guide, qa_page):
    form = _form(
        in_progress,
        expert,
        citations=[str(guide.pk)],
        citations_text=f"{qa_page.full_url}\n{guide.pk}",
    )
    assert form.is_valid(), form.errors
    assert [page.pk for page in form.cleaned_data["citations"]] == [guide.pk, qa_page.pk]
    admin_address = reverse("wagtailadmin_pages:edit", args=[qa_page.pk])
    form = _form(in_progress, expert, citations_text=admin_address)
    assert form.is_valid(), form.errors
    assert [page.pk for page in form.cleaned_data["citations"]] == [qa_page.pk]


def test_the_form_refuses_drafts_private_pages_and_other_kinds(in_progress, expert, guides):
    draft = add_page(guides, GuidePage, publish=False, title="Brouillon")
    private = add_page(guides, GuidePage, title="Réservé")
    PageViewRestriction.objects.create(page=private, restriction_type=PageViewRestriction.LOGIN)
    for refused in (draft, private, guides):
        form = _form(in_progress, expert, citations=[str(refused.pk)])
        assert not form.is_valid()
        assert str(refused.pk) in form.errors["citations"][0]
    form = _form(in_progress, expert, citations_text="/pas-une-page/ 99999")
    assert not form.is_valid()
    assert "/pas-une-page/" in form.errors["citations"][0]
    # Numbers no page can have, digits that are not ASCII, addresses that are not: read
    # as nothing, said in the field's error (never an overflow or a 500).
    for typed in ("99999999999999999999999", "²", "http://[", "/admin/pages/99999999999/"):
        form = _form(in_progress, expert, citations_text=typed)
        assert not form.is_valid(), typed
        assert typed in form.errors["citations"][0]
    form = _form(in_progress, expert, citations=["99999999999999999999999"])
    assert not form.is_valid() and "99999999999999999999999" in form.errors["citations"][0]


def test_a_bad_citation_in_the_admin_keeps_what_was_typed(client, in_progress, expert, guide):
    client.force_login(expert)
    url = reverse("desk_admin:step", args=[in_progress.pk, "answer"])
    response = client.post(
        url,
        {
            "answer-comment": "Ma réponse TAPÉE-ICI",
            "answer-citations": [str(guide.pk), "abc"],
            "answer-citations_text": "/nulle-part/",
        },
    )
    assert response.status_code == 400
    text = response.content.decode()
    assert "TAPÉE-ICI" in text
    assert "/nulle-part/" in text
    assert f'value="{guide.pk}" checked' in text  # the page ticked stays ticked
    in_progress.refresh_from_db()
    assert in_progress.status == Status.IN_PROGRESS


def test_the_admin_answer_form_cites_and_loads_its_script(client, in_progress, expert, guide):
    client.force_login(expert)
    page = client.get(reverse("desk_admin:inspect", args=[in_progress.pk])).content.decode()
    assert "js/cite.js" in page
    assert "data-cite" in page
    response = client.post(
        reverse("desk_admin:step", args=[in_progress.pk, "answer"]),
        {"answer-comment": "Voyez le guide.", "answer-citations": [str(guide.pk)]},
    )
    assert response.status_code == 302
    assert AnswerCitation.objects.get().page_id == guide.pk


def test_a_follow_up_answer_has_its_own_citations(
    answered, holder, expert, guide, qa_page, committed
):
    with committed():
        steps.follow_up(answered, holder, "Et pour deux bourgs ?")
        answered.refresh_from_db()
        second = steps.write_answer(answered, expert, "Voyez la Q&R.", citations=[qa_page])
    assert [c.page_id for c in citations.latest_answer_citations(answered)] == [qa_page.pk]
    assert AnswerCitation.objects.filter(request=answered).count() == 2
    assert AnswerCitation.objects.get(event=second).page_id == qa_page.pk


# What the holder and the staff see ---------------------------------------------------------


def test_the_holder_sees_the_cited_pages_as_links(client, answered, holder, guide):
    client.force_login(holder)
    page = client.get(answered.get_absolute_url()).content.decode()
    assert "Pages sur lesquelles s’appuie cette réponse" in page
    assert f'href="{guide.url}"' in page
    assert guide.title in page


def test_a_cited_page_no_longer_public_is_no_longer_listed(client, answered, holder, guide):
    """Its title and address are no longer anyone's to read (the API says the same)."""
    client.force_login(holder)
    before = client.get(f"/api/v1/requests/{answered.public_id}").json()["citations"]
    assert [cited["id"] for cited in before] == [guide.pk]
    PageViewRestriction.objects.create(page=guide, restriction_type=PageViewRestriction.LOGIN)
    page = client.get(answered.get_absolute_url()).content.decode()
    assert guide.title not in page and f'href="{guide.url}"' not in page
    detail = client.get(f"/api/v1/requests/{answered.public_id}").json()
    assert detail["citations"] == []
    guide.unpublish()
    PageViewRestriction.objects.filter(page=guide).delete()
    assert client.get(f"/api/v1/requests/{answered.public_id}").json()["citations"] == []


def test_the_staff_see_the_cited_pages(client, answered, expert, guide):
    client.force_login(expert)
    page = client.get(reverse("desk_admin:inspect", args=[answered.pk])).content.decode()
    assert f'href="{guide.url}"' in page


def test_the_answer_under_review_shows_no_links_to_the_holder(
    client, in_progress, holder, expert, guide
):
    steps.write_answer(in_progress, expert, "Voyez le guide.", review=True, citations=[guide])
    client.force_login(holder)
    page = client.get(in_progress.get_absolute_url()).content.decode()
    assert "Pages sur lesquelles s’appuie cette réponse" not in page


def test_the_holders_page_costs_the_same_with_many_citations(
    client, in_progress, holder, expert, guides, committed
):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    def queries_with(count, request_obj):
        pages = [add_page(guides, GuidePage, title=f"Guide {count}-{n}") for n in range(count)]
        with committed():
            steps.write_answer(request_obj, expert, "Lisez tout.", citations=pages)
        client.get(request_obj.get_absolute_url())  # warm the site root paths' cache
        with CaptureQueriesContext(connection) as queries:
            page = client.get(request_obj.get_absolute_url()).content.decode()
        assert all(cited.title in page for cited in pages)
        return len(queries)

    client.force_login(holder)
    one = queries_with(1, in_progress)
    with committed():
        steps.follow_up(in_progress, holder, "Et encore ?")
    in_progress.refresh_from_db()
    assert queries_with(6, in_progress) <= one + 2  # the follow-up's own events, not the pages


def test_an_alias_is_cited_as_the_page_it_copies_and_tells_of_its_changes(
    in_progress, expert, editor, guide, guides, home, committed
):
    """Wagtail leaves an alias's own revision where it was when the original changes: the
    citation holds the original, which tells."""
    elsewhere = add_page(home, GuideIndexPage, title="Ailleurs", slug="ailleurs")
    alias = guide.create_alias(parent=elsewhere, update_slug="bornes-ailleurs")
    event = steps.write_answer(in_progress, expert, "Voyez la copie.", citations=[alias, guide])
    cited = AnswerCitation.objects.get(event=event)  # the two are one page
    assert (cited.page_id, cited.revision_id) == (guide.pk, guide.live_revision_id)
    with committed():
        republish(guide, editor, audience="Les intercommunalités.")
    assert alerts(in_progress).count() == 1


# Change alerts ------------------------------------------------------------------------------


def test_a_changed_page_tells_the_expert_and_the_holder_once(
    answered, holder, expert, editor, guide, committed
):
    mail.outbox.clear()
    with committed():
        revision = republish(guide, editor, audience="Les communes et leurs syndicats.")
    [event] = alerts(answered)
    assert event.actor is None
    assert not event.internal
    assert event.details["page"] == guide.pk
    assert event.details["old_revision"] == guide.live_revision_id
    assert event.details["new_revision"] == revision.pk
    assert event.details["title"] == guide.title
    assert recipients_of(event) == {holder.email, expert.email}
    assert {message.to[0] for message in mail.outbox} == {holder.email, expert.email}
    holder_mail = next(m for m in mail.outbox if m.to == [holder.email])
    assert reverse("desk:cited_page_changes", args=[answered.public_id, event.pk]) in (
        holder_mail.body
    )
    assert guide.title in holder_mail.subject

    # The signal received again, or the page republished without a change: nobody hears.
    mail.outbox.clear()
    with committed():
        assert citations.tell_of_change(type(guide).objects.get(pk=guide.pk), revision) == []
        republish(guide, editor)
    assert alerts(answered).count() == 1
    assert mail.outbox == []


def test_a_second_change_is_told_again_from_the_revision_last_told(
    answered, editor, guide, committed
):
    with committed():
        first = republish(guide, editor, audience="Premier changement.")
    with committed():
        second = republish(guide, editor, audience="Second changement.")
    told = list(alerts(answered).order_by("pk"))
    assert len(told) == 2
    assert told[1].details["old_revision"] == first.pk
    assert told[1].details["new_revision"] == second.pk
    assert AnswerCitation.objects.get().told_revision_id == second.pk
    assert AnswerCitation.objects.get().revision_id == guide.live_revision_id  # still as cited


def test_a_resave_that_changes_no_word_tells_nobody(answered, editor, guide, committed):
    """What saving in the admin rewrites without changing a word: rich text's markup,
    the order of tags."""

    def publish(eligibility, tags):
        page = GuidePage.objects.get(pk=guide.pk)
        page.eligibility = eligibility
        page.tags.set(tags, clear=True)
        page.save_revision(user=editor).publish(user=editor, skip_permission_checks=True)

    with committed():
        publish("<p>Toute commune.</p>", ["bornes", "aides"])
    told = alerts(answered).count()
    assert told == 1
    with committed():
        publish('<p data-block-key="x1">Toute commune.</p>', ["aides", "bornes"])
    assert alerts(answered).count() == told


def test_changes_outside_the_content_tell_nobody(answered, editor, guide, committed):
    with committed():
        republish(guide, editor, seo_title="Bornes : le guide", search_description="Pour le SEO")
    assert not alerts(answered).exists()


def test_an_uncited_page_changing_tells_nobody(answered, editor, guides, committed):
    other = add_page(guides, GuidePage, title="Autre guide")
    with committed():
        republish(other, editor, audience="Changé.")
    assert not alerts(answered).exists()


def test_no_alert_once_the_window_after_the_answer_has_passed(
    answered, holder, editor, guide, committed
):
    with committed():
        steps.accept_answer(answered, holder, "Merci")
    AnswerCitation.objects.update()
    answer_event = answered.events.get(action=Action.ANSWER)
    old = timezone.now() - timedelta(days=7 * 31)
    RequestEvent.objects.filter(pk=answer_event.pk).update(created_at=old)
    mail.outbox.clear()
    with committed():
        republish(guide, editor, audience="Changé trop tard.")
    assert not alerts(answered).exists()
    assert mail.outbox == []


def test_an_answered_request_is_told_within_the_window_only(answered, editor, guide, committed):
    answer_event = answered.events.get(action=Action.ANSWER)
    RequestEvent.objects.filter(pk=answer_event.pk).update(
        created_at=timezone.now() - timedelta(days=5 * 30)
    )
    with committed():
        republish(guide, editor, audience="Dans la fenêtre.")
    assert alerts(answered).count() == 1
    with override_settings(DESK_CITATION_ALERT_MONTHS=3), committed():
        republish(guide, editor, audience="Hors de la fenêtre.")
    assert alerts(answered).count() == 1


def test_an_open_request_is_told_however_old_its_answer(answered, holder, editor, guide, committed):
    with committed():
        steps.follow_up(answered, holder, "Encore une question.")
    RequestEvent.objects.filter(request=answered, action=Action.ANSWER).update(
        created_at=timezone.now() - timedelta(days=400)
    )
    with committed():
        republish(guide, editor, audience="Changé pendant la relance.")
    assert alerts(answered).count() == 1


def test_an_answer_under_review_tells_its_expert_only(
    in_progress, holder, expert, editor, guide, committed
):
    with committed():
        steps.write_answer(in_progress, expert, "En relecture.", review=True, citations=[guide])
        republish(guide, editor, audience="Changé pendant la relecture.")
    [event] = alerts(in_progress)
    assert event.internal
    assert recipients_of(event) == {expert.email}


def test_a_failure_never_undoes_the_publication(answered, editor, guide, monkeypatch, committed):
    def broken(page, revision, now=None):
        raise RuntimeError("boom")

    monkeypatch.setattr(citations, "tell_of_change", broken)
    with committed():  # the task runs, and fails, after the publication's commit
        revision = republish(guide, editor, audience="Publié malgré tout.")
    guide.refresh_from_db()
    assert guide.live_revision_id == revision.pk
    assert not alerts(answered).exists()


def test_the_staff_email_links_to_wagtails_comparison_for_who_may_edit(
    answered, expert, editor, guide, committed
):
    mail.outbox.clear()
    with committed():
        event_revision = republish(guide, editor, audience="Changé.")
    [event] = alerts(answered)
    link = citations.wagtail_comparison_url(event, editor)
    assert link == reverse(
        "wagtailadmin_pages:revisions_compare",
        args=[guide.pk, guide.live_revision_id, event_revision.pk],
    )
    # The expert of another section may not edit the guide: the request's own page.
    assert citations.wagtail_comparison_url(event, expert) is None
    expert_mail = next(m for m in mail.outbox if m.to == [expert.email])
    assert reverse("desk:cited_page_changes", args=[answered.public_id, event.pk]) in (
        expert_mail.body
    )


# The comparison -----------------------------------------------------------------------------


def test_the_comparison_shows_the_words_changed(client, answered, holder, editor, guide, committed):
    with committed():
        republish(guide, editor, audience="Les communes rurales et leurs syndicats.")
    [event] = alerts(answered)
    client.force_login(holder)
    response = client.get(reverse("desk:cited_page_changes", args=[answered.public_id, event.pk]))
    assert response.status_code == 200
    text = response.content.decode()
    assert "<ins>" in text
    assert "syndicats" in text
    assert f'href="{guide.url}"' in text
    # The holder's request page links to it from the timeline.
    detail = client.get(answered.get_absolute_url()).content.decode()
    assert reverse("desk:cited_page_changes", args=[answered.public_id, event.pk]) in detail


def test_the_comparison_of_a_page_no_longer_public_shows_nothing_of_it(
    client, answered, holder, editor, guide, committed
):
    with committed():
        republish(guide, editor, audience="SECRET-DESORMAIS")
    [event] = alerts(answered)
    PageViewRestriction.objects.create(page=guide, restriction_type=PageViewRestriction.LOGIN)
    client.force_login(holder)
    response = client.get(reverse("desk:cited_page_changes", args=[answered.public_id, event.pk]))
    assert response.status_code == 200
    assert "SECRET-DESORMAIS" not in response.content.decode()


def test_accessible_diff_marks_changes_with_ins_and_del():
    html = '<span class="deletion">old</span> <span class="addition">new</span>'
    marked = str(citations.accessible_diff(html))
    assert "<del>" in marked and "old" in marked
    assert "<ins>" in marked and "new" in marked
    assert 'class="visually-hidden"' in marked


def test_months_ago_keeps_the_end_of_the_month():
    moment = timezone.now().replace(year=2026, month=8, day=31)
    assert citations.months_ago(6, moment).date().isoformat() == "2026-02-28"
    assert citations.months_ago(1, moment.replace(month=3)).date().isoformat() == "2026-02-28"


def test_the_demo_answers_cite_the_guide_they_name(demo):
    from demo.requests import DEMO_ANSWER_CITES

    cited = AnswerCitation.objects.filter(page__slug=DEMO_ANSWER_CITES)
    assert cited.exists()
    assert all(citation.revision_id for citation in cited)
