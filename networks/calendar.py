"""iCalendar (RFC 5545) feeds of events: the whole portal's and one network's.

Events carry dates, not times, so every event is an all-day range whose DTEND is the day after
its last day (DTEND is exclusive). Approximate dates ("mid-January 2019", "spring 2019") are the
range they stand for, marked tentative and transparent so they do not block a calendar, with
the dates as written at the start of the description.
"""

import datetime

from django.conf import settings
from django.http import HttpResponse
from django.shortcuts import get_object_or_404
from django.utils import timezone
from django.utils.html import strip_tags
from django.utils.translation import gettext as _
from icalendar import Calendar
from icalendar import Event as CalendarEvent

from .models import DatePrecision, Event, Network


def calendar_event(event, *, request, stamp):
    approximate = event.precision != DatePrecision.DAY
    url = request.build_absolute_uri(event.get_absolute_url())
    description = [event.when] if approximate else []
    if event.description:
        description.append(strip_tags(event.description).strip())
    description.append(url)
    entry = CalendarEvent()
    entry.add("uid", f"event-{event.pk}@{request.get_host()}")
    entry.add("dtstamp", stamp)
    entry.add("dtstart", event.start_date)
    entry.add("dtend", event.end_date + datetime.timedelta(days=1))
    entry.add("summary", event.title)
    entry.add("description", "\n".join(description))
    entry.add("url", url)
    if event.place:
        entry.add("location", event.place)
    if approximate:
        entry.add("status", "TENTATIVE")
        entry.add("transp", "TRANSPARENT")
    else:
        entry.add("status", "CONFIRMED")
    return entry


def render(events, *, name, request):
    """The calendar as bytes (icalendar escapes and folds the lines)."""
    stamp = timezone.now().astimezone(datetime.UTC).replace(microsecond=0)
    calendar = Calendar()
    calendar.add("version", "2.0")
    calendar.add(
        "prodid", f"-//URBACT National Contact Point {settings.PORTAL_COUNTRY}//Portal//EN"
    )
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", "PUBLISH")
    calendar.add("x-wr-calname", name)
    for event in events:
        calendar.add_component(calendar_event(event, request=request, stamp=stamp))
    return calendar.to_ical()


def _response(events, name, request, filename="events.ics"):
    response = HttpResponse(
        render(events, name=name, request=request), content_type="text/calendar; charset=utf-8"
    )
    response["Content-Disposition"] = f'inline; filename="{filename}"'
    return response


def events_ics(request):
    """Every event, in the language of the URL."""
    return _response(Event.objects.order_by("start_date", "slug"), _("URBACT events"), request)


def network_events_ics(request, slug):
    network = get_object_or_404(Network, slug=slug)
    return _response(
        network.events.order_by("start_date", "slug"),
        _("URBACT: %(network)s") % {"network": network.name},
        request,
    )


def event_ics(request, slug):
    """One event, for "add to calendar" on its page."""
    event = get_object_or_404(Event, slug=slug)
    return _response([event], event.title, request, filename=f"{event.slug}.ics")
