"""iCalendar feeds: all-day ranges with an exclusive end, RFC 5545 escaping and folding."""

import datetime

import pytest

from networks.calendar import escape_text, fold
from networks.models import Event
from tests.factories import EventFactory, NetworkFactory

pytestmark = pytest.mark.django_db


def unfold(body):
    """Content lines as a calendar application reads them, after checking the line rules."""
    assert body.endswith("\r\n")
    raw = body.split("\r\n")[:-1]
    for line in raw:
        assert len(line.encode()) <= 75, line
        assert "\n" not in line and "\r" not in line
    lines = []
    for line in raw:
        if line.startswith(" "):
            lines[-1] += line[1:]
        else:
            lines.append(line)
    return lines


def events_in(lines):
    events, current = [], None
    for line in lines:
        if line == "BEGIN:VEVENT":
            current = {}
        elif line == "END:VEVENT":
            events.append(current)
            current = None
        elif current is not None:
            name, value = line.split(":", 1)
            current[name] = value
    return events


def test_the_portal_calendar_has_every_event_as_an_all_day_range(
    client, demo, django_assert_num_queries
):
    with django_assert_num_queries(1):
        response = client.get("/en/events.ics")
    assert response.status_code == 200
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    lines = unfold(response.content.decode())
    assert lines[:2] == ["BEGIN:VCALENDAR", "VERSION:2.0"]
    assert lines[-1] == "END:VCALENDAR"
    events = {event["URL"].rsplit("/", 2)[-2]: event for event in events_in(lines)}
    assert len(events) == Event.objects.count()
    kick_off = events["transfer-networks-phase-2-kick-off"]
    campus = events["urbact-campus-2019"]
    # mid-January 2019: 11-20 January, so DTEND is the 21st (exclusive)
    assert kick_off["DTSTART;VALUE=DATE"] == "20190111"
    assert kick_off["DTEND;VALUE=DATE"] == "20190121"
    assert kick_off["STATUS"] == "TENTATIVE"
    assert kick_off["TRANSP"] == "TRANSPARENT"
    assert kick_off["DESCRIPTION"].startswith("mid-January 2019\\n")
    assert kick_off["SUMMARY"] == "Transfer Networks phase 2 kick-off meeting"
    assert kick_off["LOCATION"] == "Paris"
    assert kick_off["URL"].endswith("/en/events/transfer-networks-phase-2-kick-off/")
    assert kick_off["UID"] != campus["UID"] and "DTSTAMP" in kick_off
    # spring 2019: March to May
    assert (campus["DTSTART;VALUE=DATE"], campus["DTEND;VALUE=DATE"]) == ("20190301", "20190601")


def test_the_calendar_speaks_the_language_of_its_url(client, demo):
    lines = unfold(client.get("/lv/events.ics").content.decode())
    kick_off = next(event for event in events_in(lines) if event["LOCATION"] == "Parīze")
    assert kick_off["URL"].endswith("/lv/events/transfer-networks-phase-2-kick-off/")
    assert "janvāra vidū" in kick_off["DESCRIPTION"]


def test_an_exact_day_ends_the_next_day_and_text_is_escaped(client, db):
    EventFactory(
        title_en="Meeting; room 1, floor 2\\3",
        place_en="Rīga, Latvia",
        description_en="First line\nSecond line " + "ā" * 80,
        start_date=datetime.date(2019, 12, 31),
        end_date=datetime.date(2019, 12, 31),
    )
    event = events_in(unfold(client.get("/en/events.ics").content.decode()))[0]
    assert (event["DTSTART;VALUE=DATE"], event["DTEND;VALUE=DATE"]) == ("20191231", "20200101")
    assert event["SUMMARY"] == "Meeting\\; room 1\\, floor 2\\\\3"
    assert event["LOCATION"] == "Rīga\\, Latvia"
    assert event["DESCRIPTION"].startswith("First line\\nSecond line āāā")
    assert event["STATUS"] == "CONFIRMED"


def test_a_network_calendar_has_only_its_events(client, db, django_assert_max_num_queries):
    network = NetworkFactory(slug="active-ngos", name_en="Active NGOs")
    EventFactory(network=network, slug="ours", title_en="Ours")
    EventFactory(slug="theirs", title_en="Theirs")
    with django_assert_max_num_queries(2):
        response = client.get("/en/networks/active-ngos/events.ics")
    lines = unfold(response.content.decode())
    assert [event["SUMMARY"] for event in events_in(lines)] == ["Ours"]
    assert "X-WR-CALNAME:URBACT: Active NGOs" in lines
    assert client.get("/en/networks/nothing/events.ics").status_code == 404


def test_escaping_and_folding_follow_rfc_5545():
    assert escape_text("a\\b;c,d\r\ne") == "a\\\\b\\;c\\,d\\ne"
    folded = fold("SUMMARY:" + "ž" * 60)
    parts = folded.split("\r\n")
    assert all(len(part.encode()) <= 75 for part in parts)
    assert all(part.startswith(" ") for part in parts[1:])
    assert "".join([parts[0], *(part[1:] for part in parts[1:])]) == "SUMMARY:" + "ž" * 60
