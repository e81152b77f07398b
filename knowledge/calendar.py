"""iCalendar (RFC 5545) export of event pages."""

from datetime import timedelta

from django.http import HttpResponse
from django.utils import timezone
from icalendar import Calendar, Event

from web.public_address import public_host

# An event entered without an end lasts this long in calendars.
DEFAULT_DURATION = timedelta(hours=2)


def build_calendar(request, events, name):
    calendar = Calendar()
    calendar.add("prodid", "-//TRI//Base de connaissances//FR")
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("x-wr-calname", name)
    # The UID names the event for good, whichever host the calendar was fetched from.
    host = public_host()
    for page in events:
        event = Event()
        event.add("uid", f"event-{page.pk}@{host}")
        event.add("dtstamp", page.last_published_at or timezone.now())
        event.add("dtstart", page.start)
        event.add("dtend", page.end or page.start + DEFAULT_DURATION)
        event.add("summary", page.title)
        if page.introduction:
            event.add("description", page.introduction)
        location = ", ".join(part for part in (page.location, page.address) if part)
        if location:
            event.add("location", location)
        event.add("url", page.get_full_url(request))  # public address: KnowledgePage.get_url_parts
        calendar.add_component(event)
    return calendar


def calendar_response(request, events, name, slug):
    response = HttpResponse(
        build_calendar(request, events, name).to_ical(),
        content_type="text/calendar; charset=utf-8",
    )
    response["Content-Disposition"] = f'attachment; filename="{slug}.ics"'
    return response
