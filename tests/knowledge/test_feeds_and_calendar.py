"""The roadmap feeds and the iCal exports parse, and list only live public items; they and
the sitemap link to the configured public address, not the Site record's localhost."""

import datetime
import re

import feedparser
import pytest
from icalendar import Calendar
from wagtail.models import PageViewRestriction

from knowledge.models import (
    EventIndexPage,
    EventPage,
    RoadmapIndexPage,
    RoadmapUpdatePage,
)
from tests.factories import add_page, event_fields

pytestmark = pytest.mark.django_db


@pytest.fixture
def roadmap(home):
    roadmap = add_page(home, RoadmapIndexPage, title="Feuille de route", slug="feuille")
    add_page(
        roadmap,
        RoadmapUpdatePage,
        title="Validation en plénière",
        date=datetime.date(2013, 6, 20),
        introduction="113 élus valident la feuille de route.",
    )
    add_page(
        roadmap,
        RoadmapUpdatePage,
        title="Installation de la Commission 15",
        date=datetime.date(2013, 9, 12),
    )
    add_page(
        roadmap,
        RoadmapUpdatePage,
        title="Brouillon non publié",
        date=datetime.date(2014, 1, 1),
        publish=False,
    )
    return roadmap


@pytest.mark.parametrize("route, version", [("rss", "rss20"), ("atom", "atom10")])
def test_roadmap_feed_parses_and_lists_live_updates(client, roadmap, route, version):
    response = client.get(roadmap.url + roadmap.reverse_subpage(route))

    assert response.status_code == 200
    feed = feedparser.parse(response.content)
    assert not feed.bozo, feed.bozo_exception
    assert feed.version == version
    assert feed.feed.title == "Feuille de route"
    titles = [entry.title for entry in feed.entries]
    assert titles == ["Installation de la Commission 15", "Validation en plénière"]
    assert feed.entries[1].link.endswith("/feuille/validation-en-pleniere/") or (
        "/feuille/" in feed.entries[1].link
    )
    assert "113 élus" in feed.entries[1].summary


def test_roadmap_index_links_to_its_feeds(client, roadmap):
    html = client.get(roadmap.url).content.decode()
    assert 'type="application/rss+xml"' in html
    assert 'type="application/atom+xml"' in html


@pytest.fixture
def events(home):
    index = add_page(home, EventIndexPage, title="Agenda", slug="agenda")
    assises = add_page(
        index,
        EventPage,
        title="Assises de la TRI",
        location="Lille Grand Palais",
        introduction="Les projets de l'année.",
        **event_fields(days_from_now=40),
    )
    add_page(
        index,
        EventPage,
        title="Conférence des financeurs",
        **event_fields(days_from_now=10, kind="funders", end=None),
    )
    private = add_page(index, EventPage, title="Réunion interne", **event_fields(5))
    PageViewRestriction.objects.create(page=private, restriction_type=PageViewRestriction.LOGIN)
    return index, assises


def _calendar(response):
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/calendar")
    return Calendar.from_ical(response.content)


def test_event_index_ical_lists_public_events(client, events):
    index, _ = events
    calendar = _calendar(client.get(index.url + index.reverse_subpage("ical")))

    vevents = calendar.walk("VEVENT")
    assert [str(event["SUMMARY"]) for event in vevents] == [
        "Conférence des financeurs",
        "Assises de la TRI",
    ]
    # An event without an end still gets one, so calendars can place it.
    assert all("DTEND" in event for event in vevents)
    assert len({str(event["UID"]) for event in vevents}) == 2


def test_single_event_ical(client, events):
    _, assises = events
    calendar = _calendar(client.get(assises.url + assises.reverse_subpage("ical")))

    (event,) = calendar.walk("VEVENT")
    assert str(event["SUMMARY"]) == "Assises de la TRI"
    assert str(event["LOCATION"]) == "Lille Grand Palais"
    assert event.decoded("DTSTART") == assises.start
    assert str(event["URL"]).endswith(assises.url)


PUBLIC_ADDRESS = "https://tri.example.org"


@pytest.fixture
def public_address(settings):
    """A public address unlike both the Site record (localhost:80) and the test client's
    host (testserver)."""
    settings.WAGTAILADMIN_BASE_URL = PUBLIC_ADDRESS + "/"
    return PUBLIC_ADDRESS


def _update(title):
    return RoadmapUpdatePage.objects.get(title=title)


def _assert_at_public_address(urls):
    assert urls
    for url in urls:
        assert url.startswith(PUBLIC_ADDRESS + "/"), url


def test_rss_links_and_guids_are_at_the_public_address(client, roadmap, public_address):
    response = client.get(roadmap.url + roadmap.reverse_subpage("rss"))

    assert b"localhost" not in response.content and b"testserver" not in response.content
    feed = feedparser.parse(response.content)
    _assert_at_public_address([feed.feed.link] + [entry.link for entry in feed.entries])
    guids = [entry.id for entry in feed.entries]
    _assert_at_public_address(guids)
    assert guids[1] == PUBLIC_ADDRESS + _update("Validation en plénière").url


def test_atom_ids_and_links_are_at_the_public_address(client, roadmap, public_address):
    feed_path = roadmap.url + roadmap.reverse_subpage("atom")
    response = client.get(feed_path)

    assert b"localhost" not in response.content and b"testserver" not in response.content
    feed = feedparser.parse(response.content)
    assert feed.feed.id == PUBLIC_ADDRESS + "/feuille/"
    _assert_at_public_address([entry.id for entry in feed.entries])
    links = [link.href for link in feed.feed.links]
    links += [link.href for entry in feed.entries for link in entry.links]
    _assert_at_public_address(links)
    assert PUBLIC_ADDRESS + feed_path in links  # the feed's own address (rel="self")


def test_ical_urls_and_uids_name_the_public_address(client, events, public_address):
    index, assises = events
    for page in (index, assises):
        response = client.get(page.url + page.reverse_subpage("ical"))
        assert b"localhost" not in response.content and b"testserver" not in response.content
        vevents = _calendar(response).walk("VEVENT")
        _assert_at_public_address([str(event["URL"]) for event in vevents])
        assert all(str(event["UID"]).endswith("@tri.example.org") for event in vevents)
    assert str(vevents[0]["URL"]) == PUBLIC_ADDRESS + assises.url


def test_sitemap_locations_are_at_the_public_address(client, roadmap, public_address):
    response = client.get("/sitemap.xml")

    assert response.status_code == 200
    locations = re.findall(r"<loc>([^<]+)</loc>", response.content.decode())
    _assert_at_public_address(locations)
    assert PUBLIC_ADDRESS + _update("Validation en plénière").url in locations
    assert PUBLIC_ADDRESS + _update("Brouillon non publié").url not in locations
    # Links on the site itself stay relative.
    assert roadmap.url == "/feuille/"
