"""The SQL queries of the main views do not grow with the data, and stay under a ceiling.

Each test builds what a view lists at a small and a large size (guides, roadmap updates,
requests, timeline events, revisions…), requests the view as the person who uses it and
counts its queries. A count that grows with the size is an N+1: a query per listed item,
usually a missing select_related/prefetch_related or a template tag querying per row.
The failure message prints the SQL of both runs so the extra queries are easy to spot.

Run with `SHOW_QUERIES=1 pytest -s tests/perf` to see every view's queries. The
ceilings are a little above today's counts (Wagtail pins its own page explorer at
21 queries): a new query on one of these pages must be a deliberate choice.
"""

import datetime
import os

import pytest
from django.core.cache import caches
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from wagtail.models import Page

from knowledge.models import (
    ExpertBody,
    ExpertBodyIndexPage,
    ExpertBodyPage,
    GuideIndexPage,
    GuidePage,
    Priority,
    PriorityIndexPage,
    PriorityPage,
    RoadmapIndexPage,
    RoadmapUpdatePage,
    StandardPage,
    Territory,
)
from search import indexing
from tests.factories import ExpertBodyFactory, PriorityFactory, TerritoryFactory, add_page

pytestmark = pytest.mark.django_db

SMALL, LARGE = 10, 100


def _get(client, url):
    response = client.get(url)
    assert response.status_code == 200, f"GET {url} answered {response.status_code}"
    return response


def measure(client, url):
    """The response and the SQL of one render of `url`."""
    # Warm-up: the first request after the data changed fills per-process lookups
    # (content types, the site's root paths, Wagtail's admin caches); counting them
    # would make the numbers depend on which test ran before.
    _get(client, url)
    # The anonymous page cache would answer without rendering: measure the real render.
    caches["pages"].clear()
    with CaptureQueriesContext(connection) as captured:
        response = _get(client, url)
    return response, [query["sql"] for query in captured.captured_queries]


def _listing(queries):
    return "\n".join(f"  {number:3d}. {sql}" for number, sql in enumerate(queries, start=1))


def assert_flat_queries(client, url, grow, ceiling, shows=None):
    """Grow the data to SMALL then LARGE items, render `url` at each size and fail if
    the query count grows with the size or passes `ceiling`. `shows(size)` is text the
    page must contain at that size, proof that the items are really rendered."""
    runs = {}
    for size in (SMALL, LARGE):
        grow(size)
        response, queries = measure(client, url() if callable(url) else url)
        if shows is not None:
            expected = shows(size)
            assert expected in response.content.decode(), f"{expected!r} not on the page"
        runs[size] = queries
    small, large = len(runs[SMALL]), len(runs[LARGE])
    print(f"\n{url() if callable(url) else url}: {small} queries at {SMALL}, {large} at {LARGE}")
    if os.environ.get("SHOW_QUERIES"):  # `SHOW_QUERIES=1 pytest -s tests/perf` lists them
        print(_listing(runs[LARGE]))
    if large > small or small > ceiling or large > ceiling:
        pytest.fail(
            f"{small} queries with {SMALL} items, {large} with {LARGE} (ceiling {ceiling}).\n"
            f"With {SMALL} items:\n{_listing(runs[SMALL])}\n"
            f"With {LARGE} items:\n{_listing(runs[LARGE])}",
            pytrace=False,
        )
    return small, large


def _count(model, **filters):
    return model.objects.filter(**filters).count()


def _publish(page):
    page.save_revision().publish()


_numbers = iter(range(1, 10**9))


def live_page(parent, page_class, **fields):
    """A live page without revision or log entry: what the views read, built fast."""
    number = next(_numbers)
    fields.setdefault("title", f"{page_class._meta.verbose_name} {number}")
    fields.setdefault("slug", f"perf-{page_class.__name__.lower()}-{number}")
    now = timezone.now()
    page = page_class(live=True, first_published_at=now, last_published_at=now, **fields)
    parent.add_child(instance=page)
    return page


# The public site --------------------------------------------------------------------


def test_home_page(client, home):
    """The home page lists every priority page, the latest updates, the menu and footer."""
    priorities = add_page(home, PriorityIndexPage, slug="priorites")
    roadmap = add_page(home, RoadmapIndexPage, slug="feuille-de-route")
    start = datetime.date(2020, 1, 1)

    def grow(n):
        for i in range(_count(PriorityPage), n):
            priority = PriorityFactory(
                name=f"Priorité {i:03d}", slug=f"priorite-{i}", summary=f"Résumé {i:03d}"
            )
            live_page(priorities, PriorityPage, priority=priority, title=f"Priorité {i:03d}")
            live_page(
                roadmap,
                RoadmapUpdatePage,
                title=f"Mise à jour {i:03d}",
                date=start + datetime.timedelta(days=i),
            )
            # Standard pages are in the footer; shown in menus, in the main menu too.
            live_page(home, StandardPage, title=f"Page pratique {i:03d}", show_in_menus=True)

    assert_flat_queries(client, "/", grow, ceiling=17, shows=lambda n: f"Résumé {n - 1:03d}")


def _guide_relations(home):
    """A guide index with a section of reference pages to link to."""
    return {
        "guides": add_page(home, GuideIndexPage, slug="guides"),
        "priorities": add_page(home, PriorityIndexPage, slug="priorites"),
        "bodies": add_page(home, ExpertBodyIndexPage, slug="ingenierie"),
    }


def test_guide_page(client, home):
    """A guide with as many priorities, territories, expert bodies and tags as there
    are items (each priority and body with its live page), among as many sibling guides."""
    parents = _guide_relations(home)
    guide = add_page(
        parents["guides"],
        GuidePage,
        title="Guide mesuré",
        introduction="Le guide dont on compte les requêtes.",
        audience="Les collectivités.",
        eligibility="<p>Toutes les communes.</p>",
    )

    def grow(n):
        for i in range(_count(PriorityPage), n):
            priority = PriorityFactory(name=f"Priorité {i:03d}", slug=f"priorite-{i}")
            live_page(parents["priorities"], PriorityPage, priority=priority)
            TerritoryFactory(name=f"Territoire {i:03d}", slug=f"territoire-{i}")
            body = ExpertBodyFactory(
                name=f"Organisme {i:03d}", slug=f"organisme-{i}", acronym=f"ORG{i:03d}"
            )
            live_page(parents["bodies"], ExpertBodyPage, expert_body=body)
            live_page(parents["guides"], GuidePage, title=f"Guide voisin {i:03d}")
        page = GuidePage.objects.get(pk=guide.pk)
        page.priorities.set(Priority.objects.all())
        page.territories.set(Territory.objects.all())
        page.expert_bodies.set(ExpertBody.objects.all())
        page.tags.set([f"mot-{i:03d}" for i in range(n)])
        _publish(page)

    assert_flat_queries(
        client, guide.url, grow, ceiling=23, shows=lambda n: f"Organisme {n - 1:03d}"
    )


def test_roadmap_index(client, home):
    roadmap = add_page(home, RoadmapIndexPage, slug="feuille-de-route")
    start = datetime.date(2020, 1, 1)

    def grow(n):
        for i in range(_count(RoadmapUpdatePage), n):
            update = live_page(
                roadmap,
                RoadmapUpdatePage,
                title=f"Mise à jour {i:03d}",
                date=start + datetime.timedelta(days=i),
                decided_by="Assemblée plénière",
                introduction=f"Ce qui change {i:03d}.",
            )
            update.priorities.set([PriorityFactory(name=f"Priorité {i:03d}", slug=f"p-{i}")])
            update.tags.add(f"etape-{i}")
            update.save()

    assert_flat_queries(
        client, roadmap.url, grow, ceiling=17, shows=lambda n: f"Ce qui change {n - 1:03d}."
    )


def test_search_page(client, home, settings):
    """As many matching guides as items, each with its own priority, territory and
    body: the hits are one page, the facets list every value."""
    settings.SEARCH_URL = ""  # the database backend, as in production without an engine
    guides = add_page(home, GuideIndexPage, slug="guides")

    def grow(n):
        for i in range(_count(GuidePage), n):
            guide = live_page(
                guides,
                GuidePage,
                title=f"Guide énergie {i:03d}",
                introduction="Produire une énergie renouvelable locale.",
            )
            guide.priorities.set([PriorityFactory(name=f"Priorité {i:03d}", slug=f"p-{i}")])
            guide.territories.set([TerritoryFactory(name=f"Territoire {i:03d}", slug=f"t-{i}")])
            guide.expert_bodies.set(
                [ExpertBodyFactory(name=f"Organisme {i:03d}", slug=f"o-{i}", acronym=f"O{i}")]
            )
            guide.save()
        indexing.rebuild()

    url = reverse("search:search") + "?q=énergie"
    assert_flat_queries(client, url, grow, ceiling=9, shows=lambda n: f"Territoire {n - 1:03d}")


# The holder's side of the request desk ---------------------------------------------


def test_my_requests(client, holder, file_request, coordinator, body, expert):
    from desk import steps

    def grow(n):
        from desk.models import HowToRequest

        for i in range(HowToRequest.objects.count(), n):
            request = file_request(i)
            if i % 2:
                steps.route(request, coordinator, [body])
            if i % 4 == 3:
                steps.claim(request, expert)
                steps.ask_holder(request, expert, "Quel budget ?")

    client.force_login(holder)
    assert_flat_queries(
        client,
        reverse("desk:my_requests"),
        grow,
        ceiling=11,
        shows=lambda n: f"Demande numéro {n - 1:03d}",
    )


def test_request_detail_with_a_long_timeline(client, holder, long_timeline):
    client.force_login(holder)
    request = long_timeline.request
    assert_flat_queries(
        client,
        request.get_absolute_url(),
        long_timeline,
        # 17: the staff named by their body for the holder (desk/actors.py, two queries
        # for the whole timeline) came with issue #14.
        ceiling=17,
        shows=lambda n: f'id="event-{request.events.filter(internal=False).last().pk}"',
    )


# The staff side, in the Wagtail admin ------------------------------------------------


def test_expert_queue(client, expert, queue_requests):
    client.force_login(expert)
    assert_flat_queries(
        client, reverse("desk_admin:index"), queue_requests, ceiling=18, shows=lambda n: "D-"
    )


def test_coordinator_overdue_list(client, coordinator, queue_requests):
    client.force_login(coordinator)
    url = reverse("desk_admin:index") + "?queue=overdue"
    assert_flat_queries(client, url, queue_requests, ceiling=18, shows=lambda n: "D-")


def test_admin_dashboard_with_the_queue_panel(client, coordinator, queue_requests):
    client.force_login(coordinator)
    assert_flat_queries(
        client,
        reverse("wagtailadmin_home"),
        queue_requests,
        ceiling=24,
        shows=lambda n: 'id="desk-queues-heading"',
    )


def test_admin_request_page_with_a_long_timeline(client, expert, long_timeline):
    """The request's page in the admin: its timeline (notes included) and its steps."""
    client.force_login(expert)
    request = long_timeline.request
    assert_flat_queries(
        client,
        reverse("desk_admin:inspect", args=[request.pk]),
        long_timeline,
        # With the request's project (its pillars, its team's size) and roadmap actions.
        ceiling=20,
        shows=lambda n: request.events.filter(internal=True).last().comment,
    )


def test_admin_request_edit_view(client, coordinator, long_timeline):
    client.force_login(coordinator)
    request = long_timeline.request
    assert_flat_queries(
        client,
        reverse("desk_admin:edit", args=[request.pk]),
        long_timeline,
        ceiling=18,
        shows=lambda n: request.title,
    )


def test_admin_page_edit_view_in_a_workflow(client, home, editor, make_user):
    """A guide submitted to the editorial review after many revisions, opened by an
    editor (who reviews): the edit view with its workflow status and history."""
    from workflows import roles

    author = make_user(roles.EDITORS, username="author")
    guides = add_page(home, GuideIndexPage, slug="guides")
    guide = add_page(guides, GuidePage, title="Guide relu")

    def grow(n):
        page = GuidePage.objects.get(pk=guide.pk)
        for i in range(page.revisions.count(), n):
            page.title = f"Guide relu, version {i:03d}"
            page.save_revision(user=author)
        state = page.current_workflow_state
        if state is None:
            page.get_workflow().start(page, author)

    client.force_login(editor)
    assert_flat_queries(
        client,
        reverse("wagtailadmin_pages:edit", args=[guide.pk]),
        grow,
        # 94 since the review dates: the owner's choices, the page's review state and
        # the editor's expert bodies for the "mark reviewed" button; flat with revisions.
        ceiling=94,
        shows=lambda n: f"version {n - 1:03d}",
    )
    assert Page.objects.get(pk=guide.pk).workflow_in_progress
