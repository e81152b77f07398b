""" "Did this page help?": a plain POST from the cached page, then thanks; linked to nobody."""

import re
from html import unescape

import pytest
from django.urls import reverse
from wagtail.models import PageViewRestriction

from feedback.models import COMMENT_MAX_LENGTH, PageVote
from knowledge.models import GuidePage, StandardPage
from tests.factories import UserFactory, add_page
from tests.limits import assert_retry_after, tiny

pytestmark = pytest.mark.django_db

HEADER = "X-Page-Cache"
FORM = re.compile(r'<form class="form page-vote__form" method="post" action="([^"]+)"')


def vote_url(page):
    return reverse("feedback:vote", args=[page.pk])


def post_vote(client, page, helpful="yes", comment="", data=(), **extra):
    fields = {"vote-helpful": helpful, "vote-comment": comment, **dict(data)}
    return client.post(vote_url(page), fields, **extra)


def test_a_vote_works_on_a_cached_page_which_stays_cached_and_identical(client, guide):
    first = client.get(guide.url)
    cached = client.get(guide.url)
    assert (first[HEADER], cached[HEADER]) == ("miss", "hit")
    html = cached.content.decode()
    assert "csrfmiddlewaretoken" not in html
    action = unescape(FORM.search(html).group(1))

    response = client.post(action, {"vote-helpful": "no", "vote-comment": "Il manque un exemple."})

    assert response.status_code == 302
    vote = PageVote.objects.get()
    assert (vote.page_id, vote.helpful, vote.comment) == (guide.pk, False, "Il manque un exemple.")
    again = client.get(guide.url)
    assert again[HEADER] == "hit"
    assert again.content == cached.content


def test_the_page_is_the_same_for_two_visitors_and_sets_no_cookie(client, guide):
    from django.test import Client

    first = client.get(guide.url)
    other = Client().get(guide.url, HTTP_ACCEPT_LANGUAGE="fr")
    assert not first.cookies
    assert first.content == other.content
    assert f'action="{vote_url(guide)}"' in first.content.decode()


def test_a_vote_stores_nothing_about_the_voter(client, guide):
    client.force_login(UserFactory())
    post_vote(client, guide, "yes", REMOTE_ADDR="203.0.113.9")
    fields = {field.name for field in PageVote._meta.get_fields()}
    assert fields == {"id", "page", "helpful", "comment", "created_on"}
    assert PageVote.objects.get().helpful is True


def test_after_the_vote_the_thanks_page_links_back_and_offers_a_comment(client, qa_page):
    response = post_vote(client, qa_page, "yes")
    assert response.status_code == 302
    thanks = client.get(response["Location"])
    assert thanks.status_code == 200
    page = thanks.content.decode()
    assert f'href="{qa_page.url}"' in page
    assert f'action="{reverse("feedback:comment", args=[qa_page.pk])}"' in page
    token = re.search(r'name="token" value="([^"]+)"', page).group(1)

    commented = client.post(
        reverse("feedback:comment", args=[qa_page.pk]),
        {"token": unescape(token), "comment": "Très clair, merci."},
    )

    assert commented.status_code == 302
    assert PageVote.objects.get().comment == "Très clair, merci."
    # The same token does not rewrite it.
    client.post(
        reverse("feedback:comment", args=[qa_page.pk]),
        {"token": unescape(token), "comment": "Autre chose"},
    )
    assert PageVote.objects.get().comment == "Très clair, merci."
    after = client.get(commented["Location"]).content.decode()
    assert reverse("feedback:comment", args=[qa_page.pk]) not in after


def test_a_vote_with_a_comment_is_thanked_without_another_offer(client, guide):
    response = post_vote(client, guide, "no", "Trop long")
    thanks = client.get(response["Location"]).content.decode()
    assert reverse("feedback:comment", args=[guide.pk]) not in thanks


def test_a_forged_token_offers_nothing_and_is_refused_with_the_comment_kept(client, guide):
    post_vote(client, guide, "yes")
    thanks = client.get(reverse("feedback:thanks", args=[guide.pk]), {"vote": "1:forged"})
    assert reverse("feedback:comment", args=[guide.pk]) not in thanks.content.decode()
    response = client.post(
        reverse("feedback:comment", args=[guide.pk]),
        {"token": "1:forged", "comment": "Mon commentaire canari"},
    )
    assert response.status_code == 400
    assert "Mon commentaire canari" in response.content.decode()
    assert PageVote.objects.get().comment == ""


def test_no_choice_answers_400_with_the_form_and_what_was_typed(client, guide):
    response = post_vote(client, guide, "", "Texte gardé tel quel")
    assert response.status_code == 400
    page = response.content.decode()
    assert "Texte gardé tel quel" in page
    assert 'class="error-summary"' in page
    assert f'action="{vote_url(guide)}"' in page
    assert not PageVote.objects.exists()


def test_a_comment_too_long_answers_400_and_keeps_it(client, guide):
    response = post_vote(client, guide, "no", "x" * (COMMENT_MAX_LENGTH + 1))
    assert response.status_code == 400
    assert "x" * (COMMENT_MAX_LENGTH + 1) in response.content.decode()
    assert not PageVote.objects.exists()


def test_an_unknown_choice_answers_400(client, guide):
    assert post_vote(client, guide, "maybe").status_code == 400
    assert not PageVote.objects.exists()


def test_the_honeypot_is_thanked_and_nothing_is_stored(client, guide):
    response = post_vote(client, guide, "yes", data={"vote-website": "http://spam.example"})
    assert response.status_code == 302
    assert response["Location"] == reverse("feedback:thanks", args=[guide.pk])
    assert not PageVote.objects.exists()


def test_over_the_limit_the_form_again_429_and_nothing_stored(client, guide):
    with tiny(feedback_vote="2/h"):
        assert post_vote(client, guide, "yes").status_code == 302
        assert post_vote(client, guide, "yes").status_code == 302
        refused = post_vote(client, guide, "no", "Je garde ce texte")
    assert refused.status_code == 429
    assert_retry_after(refused, 3600)
    assert "Je garde ce texte" in refused.content.decode()
    assert PageVote.objects.count() == 2


def test_the_limit_is_per_address(client, guide):
    with tiny(feedback_vote="1/h"):
        assert post_vote(client, guide, REMOTE_ADDR="198.51.100.1").status_code == 302
        assert post_vote(client, guide, REMOTE_ADDR="198.51.100.2").status_code == 302
        assert post_vote(client, guide, REMOTE_ADDR="198.51.100.1").status_code == 429
    assert PageVote.objects.count() == 2


def test_a_draft_another_kind_of_page_or_a_restricted_one_is_404(client, home, guides):
    draft = add_page(guides, GuidePage, publish=False, title="Brouillon")
    standard = add_page(home, StandardPage, title="Mentions légales")
    private = add_page(guides, GuidePage, title="Réservé")
    PageViewRestriction.objects.create(page=private, restriction_type="login")
    for page in (draft, standard, private, guides):
        assert post_vote(client, page).status_code == 404
        assert client.get(reverse("feedback:thanks", args=[page.pk])).status_code == 404
    assert client.post("/avis/999999/", {"vote-helpful": "yes"}).status_code == 404
    assert not PageVote.objects.exists()


def test_a_vote_is_a_post(client, guide):
    assert client.get(vote_url(guide)).status_code == 405
    assert client.post(reverse("feedback:thanks", args=[guide.pk])).status_code == 405


def test_the_vote_never_clears_the_page_cache(client, guide, qa_page):
    client.get(qa_page.url)
    post_vote(client, guide, "yes")
    assert client.get(qa_page.url)[HEADER] == "hit"
