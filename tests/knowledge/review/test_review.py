"""Review dates: owners, the date a publication sets, "mark reviewed", the report and who
sees what in it, and the public page's "last reviewed on"."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone
from wagtail.models import PageLogEntry

from knowledge.models import (
    ContentReview,
    GuidePage,
    GuideSectionPage,
    QuestionAnswerPage,
    QuestionIndexPage,
)
from knowledge.review import service
from tests.factories import add_page

pytestmark = pytest.mark.django_db

CANARY_OWN = "Canari-guide-du-pole-3a7e"
CANARY_OTHER = "Canari-guide-autre-organisme-91c2"
CANARY_EDITORS = "Canari-guide-des-editeurs-5d08"
REPORT = "/admin/reports/content-to-review/"


@pytest.fixture
def other_section(guides, other_body):
    return add_page(guides, GuideSectionPage, title="Guides de l'agence", expert_body=other_body)


@pytest.fixture
def own_guide(section):
    return add_page(section, GuidePage, title=CANARY_OWN)


@pytest.fixture
def other_guide(other_section):
    return add_page(other_section, GuidePage, title=CANARY_OTHER)


@pytest.fixture
def editors_guide(guides):
    return add_page(guides, GuidePage, title=CANARY_EDITORS)


def _review(page):
    return ContentReview.objects.get(page_id=page.pk)


def _today():
    return timezone.localdate()


# Owners and the date a publication sets ------------------------------------------------


def test_a_guide_in_a_bodys_section_is_that_bodys_and_due_a_year_after_publication(
    own_guide, editors_guide, body, settings
):
    assert own_guide.owner_body == body
    assert editors_guide.owner_body is None  # the editors
    review = _review(own_guide)
    assert review.owner == body
    assert review.review_by == _today() + datetime.timedelta(days=365)
    assert timezone.now() - review.reviewed_at < datetime.timedelta(minutes=1)
    assert _review(editors_guide).owner is None


def test_the_interval_is_a_setting(section, settings):
    settings.KNOWLEDGE_REVIEW_INTERVAL_DAYS = 30
    guide = add_page(section, GuidePage, title="Court")
    assert _review(guide).review_by == _today() + datetime.timedelta(days=30)


def test_a_qa_page_is_its_first_answering_bodys(home, body, other_body):
    index = add_page(home, QuestionIndexPage, title="Questions")
    page = QuestionAnswerPage(title="Bornes", slug="bornes", question="<p>Q</p>", answer="<p>R</p>")
    index.add_child(instance=page)
    page.expert_bodies.set([body, other_body])  # "Agence énergie" comes first by name
    page.save_revision().publish()
    page.refresh_from_db()
    assert page.owner_body == other_body
    assert _review(page).owner == other_body


def test_a_chosen_owner_is_kept_even_empty(section, body):
    guide = add_page(section, GuidePage, title="Choisi", publish=False)
    guide.owner_body = None
    guide._owner_body_chosen = True
    guide.save_revision().publish()
    guide.refresh_from_db()
    assert guide.owner_body is None and _review(guide).owner is None


def test_the_owner_takes_effect_at_publication(own_guide, other_body):
    draft = own_guide.get_latest_revision_as_object()
    draft.owner_body = other_body
    revision = draft.save_revision()
    assert _review(own_guide).owner != other_body  # a draft changes nothing yet
    revision.publish()
    assert _review(own_guide).owner == other_body


def test_an_unpublished_draft_has_no_review(section):
    guide = add_page(section, GuidePage, title="Brouillon", publish=False)
    assert not ContentReview.objects.filter(page_id=guide.pk).exists()


def test_other_page_types_have_no_review(guides):
    assert not ContentReview.objects.filter(page_id=guides.pk).exists()


# Mark reviewed -------------------------------------------------------------------------


def _age(page, days):
    """Make the page's review as if done `days` ago."""
    moment = timezone.now() - datetime.timedelta(days=days)
    ContentReview.objects.filter(page_id=page.pk).update(
        reviewed_at=moment, review_by=service.review_by_after(moment)
    )


def test_marking_reviewed_resets_the_date_and_writes_one_audit_log_entry(
    client, own_guide, expert, editor
):
    _age(own_guide, 400)
    assert _review(own_guide).review_by < _today()
    client.force_login(expert)
    url = reverse("knowledge_mark_reviewed", args=[own_guide.pk])
    confirm = client.get(url)
    assert confirm.status_code == 200
    assert CANARY_OWN in confirm.content.decode()
    assert _review(own_guide).review_by < _today()  # a GET changes nothing

    response = client.post(url, {"next": REPORT})
    assert response.status_code == 302 and response["Location"] == REPORT
    review = _review(own_guide)
    assert review.review_by == _today() + datetime.timedelta(days=365)
    entries = PageLogEntry.objects.filter(page=own_guide, action=service.MARK_REVIEWED_ACTION)
    assert entries.count() == 1
    assert entries.get().user == expert
    # Shown in the page's history and the site history, with its label.
    history = client.get(reverse("wagtailadmin_pages:history", args=[own_guide.pk]))
    assert "Marked reviewed without changes" in history.content.decode()
    client.force_login(editor)  # the site history, as someone who sees the whole site
    site_history = client.get(reverse("wagtailadmin_reports:site_history"))
    assert "Marked reviewed without changes" in site_history.content.decode()


def test_the_log_action_is_registered_with_its_label():
    from wagtail.log_actions import registry

    assert registry.get_action_label(service.MARK_REVIEWED_ACTION) == "Mark reviewed"


def test_mark_reviewed_refuses_an_outside_url_to_go_back_to(client, own_guide, expert):
    client.force_login(expert)
    url = reverse("knowledge_mark_reviewed", args=[own_guide.pk])
    response = client.post(url, {"next": "https://evil.example/"})
    assert response["Location"] == REPORT


def test_mark_reviewed_needs_a_post_with_its_csrf_token(own_guide, expert):
    from django.test import Client

    client = Client(enforce_csrf_checks=True)
    client.force_login(expert)
    _age(own_guide, 400)
    response = client.post(reverse("knowledge_mark_reviewed", args=[own_guide.pk]))
    assert response.status_code == 403
    assert _review(own_guide).review_by < _today()


def test_publishing_an_old_revision_keeps_the_newer_review_date(own_guide, expert, editor):
    old_revision = own_guide.latest_revision
    own_guide.title = "Nouvelle version"
    own_guide.save_revision().publish()
    _age(own_guide, 100)
    service.mark_reviewed(own_guide, expert)
    marked = _review(own_guide)
    old_revision.publish()  # back to the first version's content
    after = _review(own_guide)
    assert after.review_by >= marked.review_by
    assert after.reviewed_at >= marked.reviewed_at
    assert "review_by" not in old_revision.content and "reviewed_at" not in old_revision.content


def test_a_scheduled_revision_does_not_bring_an_old_date_back(own_guide, expert):
    revision = own_guide.save_revision(approved_go_live_at=timezone.now())  # scheduled
    _age(own_guide, 50)
    service.mark_reviewed(own_guide, expert)
    marked = _review(own_guide)
    revision.publish()
    assert _review(own_guide).review_by >= marked.review_by


def test_who_may_mark_reviewed(
    own_guide, editors_guide, expert, other_expert, coordinator, editor, reviewer, holder
):
    def may(user, page):
        return service.can_mark_reviewed(user, page, _review(page))

    assert may(expert, own_guide) and not may(expert, editors_guide)
    assert not may(other_expert, own_guide)
    assert not may(coordinator, own_guide) and not may(coordinator, editors_guide)
    assert may(editor, editors_guide) and not may(editor, own_guide)
    assert not may(reviewer, own_guide) and not may(holder, own_guide)
    from tests.factories import UserFactory

    admin = UserFactory(username="admin", is_superuser=True)
    assert may(admin, own_guide)  # may publish anything


def _answer(response):
    """What the admin answered: Wagtail turns a refusal into a redirect to the dashboard
    (with a message), and sends the signed-out and the holders to sign in."""
    if response.status_code == 302:
        if "/login/" in response["Location"]:
            return "sign in"
        if response["Location"] == "/admin/":
            return "refused"
    return response.status_code


@pytest.mark.parametrize(
    "who, answer",
    [
        ("anonymous", "sign in"),
        ("holder", "sign in"),
        ("expert", 200),
        ("other_expert", 404),
        ("coordinator", "refused"),  # sees it in the report, may not mark it
        ("editor", "refused"),
        ("reviewer", 404),
    ],
)
def test_the_mark_reviewed_view_answers_each_role(client, request, own_guide, who, answer):
    _age(own_guide, 400)
    if who != "anonymous":
        client.force_login(request.getfixturevalue(who))
    url = reverse("knowledge_mark_reviewed", args=[own_guide.pk])
    shown = client.get(url)
    assert _answer(shown) == answer
    assert (CANARY_OWN in shown.content.decode()) == (answer == 200)
    response = client.post(url)
    if answer == 200:
        assert response.status_code == 302 and response["Location"] == REPORT
    else:
        assert _answer(response) == answer
    changed = _review(own_guide).review_by >= _today()
    assert changed == (answer == 200)


def test_mark_reviewed_of_a_page_without_review_is_404(client, guides, section, expert):
    client.force_login(expert)
    draft = add_page(section, GuidePage, title="Brouillon", publish=False)
    for page in (guides, draft):
        assert client.get(reverse("knowledge_mark_reviewed", args=[page.pk])).status_code == 404
    assert client.get(reverse("knowledge_mark_reviewed", args=[999999])).status_code == 404


def test_the_edit_views_header_offers_mark_reviewed_to_who_may(
    client, own_guide, expert, other_expert, editor
):
    url = reverse("wagtailadmin_pages:edit", args=[own_guide.pk])
    mark_url = reverse("knowledge_mark_reviewed", args=[own_guide.pk])
    client.force_login(expert)
    assert mark_url in client.get(url).content.decode()
    client.force_login(editor)  # may edit it, may not mark it
    response = client.get(url)
    assert response.status_code == 200 and mark_url not in response.content.decode()


# The report ----------------------------------------------------------------------------


@pytest.fixture
def scene(own_guide, other_guide, editors_guide):
    _age(own_guide, 200)  # due in 165 days
    _age(other_guide, 400)  # overdue
    _age(editors_guide, 350)  # due in 15 days
    return own_guide, other_guide, editors_guide


def _order(html, *titles):
    return sorted(titles, key=html.index)


def test_the_report_lists_overdue_first_then_soonest_due(client, scene, editor):
    own_guide, other_guide, editors_guide = scene
    client.force_login(editor)
    response = client.get(REPORT)
    assert response.status_code == 200
    html = response.content.decode()
    assert _order(html, CANARY_OWN, CANARY_OTHER, CANARY_EDITORS) == [
        CANARY_OTHER,
        CANARY_EDITORS,
        CANARY_OWN,
    ]
    assert "Overdue" in html
    assert reverse("wagtailadmin_pages:edit", args=[own_guide.pk]) in html
    # The editors may mark their own page from the row, not the bodies' pages.
    assert reverse("knowledge_mark_reviewed", args=[editors_guide.pk]) in html
    assert reverse("knowledge_mark_reviewed", args=[own_guide.pk]) not in html


@pytest.mark.parametrize(
    "who, status, sees",
    [
        ("anonymous", "sign in", ()),
        ("holder", "sign in", ()),
        ("reviewer", "refused", ()),
        ("expert", 200, (CANARY_OWN,)),
        ("other_expert", 200, (CANARY_OTHER,)),
        ("coordinator", 200, (CANARY_OWN, CANARY_OTHER, CANARY_EDITORS)),
        ("editor", 200, (CANARY_OWN, CANARY_OTHER, CANARY_EDITORS)),
    ],
)
def test_the_report_shows_each_role_what_it_may_see(client, request, scene, who, status, sees):
    if who != "anonymous":
        client.force_login(request.getfixturevalue(who))
    for url in (REPORT, REPORT + "results/", REPORT + "?export=csv"):
        response = client.get(url)
        assert _answer(response) == status, url
        body = b"".join(response) if hasattr(response, "streaming_content") else response.content
        text = body.decode()
        for canary in (CANARY_OWN, CANARY_OTHER, CANARY_EDITORS):
            assert (canary in text) == (canary in sees), (url, canary)


def test_the_reports_menu_shows_it_to_who_may(client, scene, expert, reviewer):
    client.force_login(expert)
    assert REPORT in client.get("/admin/").content.decode()
    client.force_login(reviewer)
    assert REPORT not in client.get("/admin/").content.decode()


def test_the_report_filters_by_owner_and_due_date(client, scene, editor, body):
    client.force_login(editor)
    html = client.get(REPORT, {"owner": str(body.pk)}).content.decode()
    assert CANARY_OWN in html and CANARY_OTHER not in html and CANARY_EDITORS not in html
    html = client.get(REPORT, {"owner": "editors"}).content.decode()
    assert CANARY_EDITORS in html and CANARY_OWN not in html
    html = client.get(REPORT, {"due": "overdue"}).content.decode()
    assert CANARY_OTHER in html and CANARY_EDITORS not in html and CANARY_OWN not in html
    html = client.get(REPORT, {"due": "30"}).content.decode()
    assert CANARY_OTHER in html and CANARY_EDITORS in html and CANARY_OWN not in html
    response = client.get(REPORT, {"due": "nonsense", "owner": "nobody"})
    assert response.status_code == 200  # an unknown choice is ignored, not a 500


def test_the_report_exports_as_csv_and_xlsx(client, scene, editor):
    client.force_login(editor)
    csv = b"".join(client.get(REPORT + "?export=csv")).decode()
    assert csv.splitlines()[0].startswith("Page,Type,Owner,Last reviewed,Review by,Status")
    assert "The editors" in csv and "PM" in csv
    xlsx = client.get(REPORT + "?export=xlsx")
    assert xlsx.status_code == 200
    assert "spreadsheetml" in xlsx["Content-Type"]


def test_unpublished_pages_leave_the_report(client, scene, editor):
    own_guide = scene[0]
    own_guide.unpublish()
    client.force_login(editor)
    assert CANARY_OWN not in client.get(REPORT).content.decode()


@pytest.mark.parametrize("size", [3, 12])
def test_the_reports_queries_do_not_grow_with_its_rows(
    client, guides, section, other_section, editor, expert, size, django_assert_max_num_queries
):
    for number in range(size):
        for parent in (guides, section, other_section):
            add_page(parent, GuidePage, title=f"Guide {number}")
    # The same ceiling at both sizes: the rows' pages, owners and types are joined, the
    # "mark reviewed" rule reads the person's bodies and page permissions once.
    for user in (editor, expert):
        client.force_login(user)
        client.get(REPORT)  # warm the per-process caches (content types, sites)
        with django_assert_max_num_queries(17):
            response = client.get(REPORT)
        assert response.status_code == 200
        assert response.content.decode().count("Guide ") >= size
        with django_assert_max_num_queries(9):
            assert b"".join(client.get(REPORT + "?export=csv"))


# The public page -----------------------------------------------------------------------


def test_the_public_page_says_when_it_was_last_reviewed_in_french(client, own_guide, settings):
    settings.LANGUAGE_CODE = "fr"
    moment = timezone.make_aware(datetime.datetime(2026, 3, 5, 10, 0))
    ContentReview.objects.filter(page_id=own_guide.pk).update(reviewed_at=moment)
    first = client.get(own_guide.url, HTTP_ACCEPT_LANGUAGE="fr")
    html = first.content.decode()
    assert "Dernière relecture le" in html and "5 mars 2026" in html
    assert '<time datetime="2026-03-05">' in html
    second = client.get(own_guide.url, HTTP_ACCEPT_LANGUAGE="fr")
    assert second["X-Page-Cache"] == "hit"
    assert second.content == first.content


def test_marking_reviewed_clears_the_cached_pages(
    client, own_guide, expert, django_capture_on_commit_callbacks
):
    _age(own_guide, 100)
    first = client.get(own_guide.url)
    assert client.get(own_guide.url)["X-Page-Cache"] == "hit"
    with django_capture_on_commit_callbacks(execute=True):
        service.mark_reviewed(own_guide, expert)
    again = client.get(own_guide.url)
    assert again["X-Page-Cache"] == "miss"
    assert again.content != first.content  # the new date


def test_the_qa_page_says_it_too(client, home, settings):
    settings.LANGUAGE_CODE = "fr"
    index = add_page(home, QuestionIndexPage, title="Questions")
    page = add_page(index, QuestionAnswerPage, question="<p>Q</p>", answer="<p>R</p>")
    assert "Dernière relecture le" in client.get(page.url).content.decode()


# The data migration --------------------------------------------------------------------


def test_the_migration_gives_published_pages_an_owner_and_a_date(
    own_guide, editors_guide, body, settings
):
    import importlib

    from django.apps import apps

    migration = importlib.import_module("knowledge.migrations.0005_content_review")
    published = timezone.now() - datetime.timedelta(days=100)
    ContentReview.objects.all().delete()
    GuidePage.objects.filter(pk=own_guide.pk).update(owner_body=None, last_published_at=published)
    # The migration's interval is its own (the setting's default then), whatever the setting.
    settings.KNOWLEDGE_REVIEW_INTERVAL_DAYS = 30
    migration.give_owners_and_review_dates(apps, None)
    own_guide.refresh_from_db()
    assert own_guide.owner_body == body
    assert own_guide.get_latest_revision_as_object().owner_body == body
    review = _review(own_guide)
    assert review.owner == body
    assert review.review_by == timezone.localtime(published + datetime.timedelta(days=365)).date()
    assert _review(editors_guide).owner is None


# The demo -------------------------------------------------------------------------------


def test_the_demo_guides_have_owners_and_one_is_overdue_one_due_soon(demo):
    from django.core.management import call_command

    reviews = ContentReview.objects.filter(page__content_type__model="guidepage")
    owners = {review.page.slug: review.owner for review in reviews.select_related("page", "owner")}
    assert owners["droit-commun-ou-ingenierie-mutualisee"] is None  # the editors'
    assert str(owners["dossier-conference-des-financeurs"]) == "ADEME"
    today = _today()
    overdue = reviews.get(page__slug="dossier-conference-des-financeurs").review_by
    soon = reviews.get(page__slug="bornes-de-recharge-territoire-rural").review_by
    assert overdue < today < soon <= today + datetime.timedelta(days=30)
    before = list(reviews.order_by("page_id").values_list("page_id", "review_by", "owner"))
    call_command("load_demo", verbosity=0)  # a second run changes nothing
    assert list(reviews.order_by("page_id").values_list("page_id", "review_by", "owner")) == before


def test_the_editor_offers_a_new_guide_its_sections_body(client, section, body):
    from tests.factories import UserFactory

    client.force_login(UserFactory(username="admin", is_superuser=True))
    url = reverse("wagtailadmin_pages:add", args=["knowledge", "guidepage", section.pk])
    html = client.get(url).content.decode()
    assert f'<option value="{body.pk}" selected>' in html
    assert '<option value="">The editors</option>' in html and "---------" not in html
