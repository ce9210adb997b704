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

from .models import DatePrecision, Event, Network


def escape_text(value):
    """A TEXT value (RFC 5545, 3.3.11): backslash, semicolon, comma and newline escaped."""
    value = str(value).replace("\\", "\\\\").replace(";", "\\;").replace(",", "\\,")
    return value.replace("\r\n", "\n").replace("\r", "\n").replace("\n", "\\n")


def fold(line, limit=75):
    """Split a content line into lines of at most `limit` octets (RFC 5545, 3.1), never inside
    a UTF-8 character; continuation lines start with a space."""
    parts, current, size = [], "", 0
    for char in line:
        width = len(char.encode())
        if size + width > limit:
            parts.append(current)
            current, size, limit = " ", 1, 75
        current += char
        size += width
    parts.append(current)
    return "\r\n".join(parts)


def _date(day):
    return day.strftime("%Y%m%d")


def event_lines(event, *, request, stamp):
    approximate = event.precision != DatePrecision.DAY
    url = request.build_absolute_uri(event.get_absolute_url())
    description = [event.when] if approximate else []
    if event.description:
        description.append(strip_tags(event.description).strip())
    description.append(url)
    lines = [
        "BEGIN:VEVENT",
        f"UID:event-{event.pk}@{request.get_host()}",
        f"DTSTAMP:{stamp}",
        f"DTSTART;VALUE=DATE:{_date(event.start_date)}",
        f"DTEND;VALUE=DATE:{_date(event.end_date + datetime.timedelta(days=1))}",
        f"SUMMARY:{escape_text(event.title)}",
        f"DESCRIPTION:{escape_text(chr(10).join(description))}",
        f"URL:{url}",
    ]
    if event.place:
        lines.append(f"LOCATION:{escape_text(event.place)}")
    if approximate:
        lines += ["STATUS:TENTATIVE", "TRANSP:TRANSPARENT"]
    else:
        lines.append("STATUS:CONFIRMED")
    lines.append("END:VEVENT")
    return lines


def render(events, *, name, request):
    stamp = timezone.now().astimezone(datetime.UTC).strftime("%Y%m%dT%H%M%SZ")
    lines = [
        "BEGIN:VCALENDAR",
        "VERSION:2.0",
        f"PRODID:-//URBACT National Contact Point {settings.PORTAL_COUNTRY}//Portal//EN",
        "CALSCALE:GREGORIAN",
        "METHOD:PUBLISH",
        f"X-WR-CALNAME:{escape_text(name)}",
    ]
    for event in events:
        lines += event_lines(event, request=request, stamp=stamp)
    lines.append("END:VCALENDAR")
    return "".join(fold(line) + "\r\n" for line in lines)


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
