"""Public pages are cached for anonymous visitors and forgotten when what they show changes."""

import pytest
from django.urls import reverse
from wagtail.models import PageViewRestriction

from knowledge.models import GuideIndexPage, GuidePage
from tests.factories import PriorityFactory, UserFactory, add_page

pytestmark = pytest.mark.django_db

HEADER = "X-Page-Cache"


@pytest.fixture
def guide(home):
    guides = add_page(home, GuideIndexPage, title="Modes d'emploi")
    return add_page(guides, GuidePage, title="Monter une boucle d'autoconsommation")


def get(client, url, **extra):
    response = client.get(url, **extra)
    assert response.status_code == 200, response.status_code
    return response


def test_second_anonymous_visit_is_served_from_the_cache_without_a_query(
    client, guide, django_assert_num_queries
):
    first = get(client, guide.url)
    assert first[HEADER] == "miss"
    with django_assert_num_queries(0):
        second = get(client, guide.url)
    assert second[HEADER] == "hit"
    assert second.content == first.content
    assert second["Content-Type"] == first["Content-Type"]


def test_cached_pages_keep_the_security_and_language_headers(client, guide):
    get(client, guide.url)
    hit = get(client, guide.url)
    assert hit[HEADER] == "hit"
    assert hit["Content-Language"] == "fr"
    assert hit["X-Content-Type-Options"] == "nosniff"
    assert "X-Frame-Options" in hit


def test_each_language_has_its_own_copy(client, guide):
    french = get(client, guide.url, HTTP_ACCEPT_LANGUAGE="fr")
    english = get(client, guide.url, HTTP_ACCEPT_LANGUAGE="en")
    assert english[HEADER] == "miss"
    assert 'lang="fr"' in french.content.decode()
    assert 'lang="en"' in english.content.decode()
    assert get(client, guide.url, HTTP_ACCEPT_LANGUAGE="en")[HEADER] == "hit"


def test_signed_in_visitors_are_never_cached(client, guide):
    client.force_login(UserFactory())
    for _ in range(2):
        response = get(client, guide.url)
        assert HEADER not in response
        assert "Sign out" in response.content.decode() or "Se déconnecter" in (
            response.content.decode()
        )


def test_a_signed_in_visit_does_not_fill_the_cache_for_anonymous_ones(client, guide):
    client.force_login(UserFactory())
    get(client, guide.url)
    client.logout()
    assert get(client, guide.url)[HEADER] == "miss"


def test_the_message_after_signing_out_is_shown_not_a_cached_copy(client, home):
    get(client, home.url)
    assert get(client, home.url)[HEADER] == "hit"
    client.force_login(UserFactory())
    response = client.post(reverse("account_logout"), follow=True)
    assert response.redirect_chain[-1][0] == home.url
    assert response.get(HEADER) != "hit"
    messages = [str(m) for m in response.context["messages"]]
    assert messages and messages[0] in response.content.decode()


def test_restricted_pages_are_never_cached(client, guide):
    PageViewRestriction.objects.create(page=guide, restriction_type="password", password="x1")
    for _ in range(2):
        response = get(client, guide.url)  # the password form
        assert HEADER not in response


def test_publishing_a_change_purges_the_cache(client, guide, django_capture_on_commit_callbacks):
    get(client, guide.url)
    assert get(client, guide.url)[HEADER] == "hit"
    guide.title = "Monter une opération d'autoconsommation collective"
    with django_capture_on_commit_callbacks(execute=True):
        guide.save_revision().publish()
    response = get(client, guide.url)
    assert response[HEADER] == "miss"
    assert "opération d&#x27;autoconsommation collective" in response.content.decode()


def test_unpublishing_purges_the_cache(client, guide, django_capture_on_commit_callbacks):
    get(client, guide.url)
    with django_capture_on_commit_callbacks(execute=True):
        guide.unpublish()
    assert client.get(guide.url).status_code == 404


def test_a_page_shown_elsewhere_purges_its_neighbours(
    client, guide, home, django_capture_on_commit_callbacks
):
    """The guide index lists its guides: a new guide must appear there at once."""
    index = guide.get_parent().specific
    get(client, index.url)
    assert get(client, index.url)[HEADER] == "hit"
    with django_capture_on_commit_callbacks(execute=True):
        add_page(index, GuidePage, title="Financer une borne de recharge")
    response = get(client, index.url)
    assert response[HEADER] == "miss"
    assert "Financer une borne de recharge" in response.content.decode()


def test_a_new_privacy_restriction_purges_the_cache(
    client, guide, django_capture_on_commit_callbacks
):
    get(client, guide.url)
    with django_capture_on_commit_callbacks(execute=True):
        PageViewRestriction.objects.create(page=guide, restriction_type="login")
    response = client.get(guide.url)
    assert response.status_code == 302  # to the sign-in page, not the cached copy


def test_reference_data_changes_purge_the_cache(client, guide, django_capture_on_commit_callbacks):
    get(client, guide.url)
    with django_capture_on_commit_callbacks(execute=True):
        PriorityFactory(name="Sobriété numérique")
    assert get(client, guide.url)[HEADER] == "miss"


def test_only_pages_are_cached_not_other_views(client, guide):
    for _ in range(2):
        response = client.get("/recherche/", {"q": "autoconsommation"})
        assert HEADER not in response
