"""iCalendar feeds: all-day ranges with an exclusive end, read back with the icalendar
package; RFC 5545's line rules hold."""

import datetime

import pytest
from icalendar import Calendar

from networks.models import Event
from tests.factories import EventFactory, NetworkFactory

pytestmark = pytest.mark.django_db


def parsed(response):
    """The calendar as a calendar application reads it, after checking the line rules."""
    body = response.content.decode()
    assert body.endswith("\r\n")
    for line in body.split("\r\n")[:-1]:
        assert len(line.encode()) <= 75, line
    return Calendar.from_ical(response.content)


def events_in(calendar):
    return calendar.walk("VEVENT")


def test_the_portal_calendar_has_every_event_as_an_all_day_range(
    client, demo, django_assert_num_queries
):
    with django_assert_num_queries(1):
        response = client.get("/en/events.ics")
    assert response.status_code == 200
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    calendar = parsed(response)
    assert calendar["VERSION"] == "2.0"
    assert response.content.startswith(b"BEGIN:VCALENDAR\r\n")
    assert response.content.endswith(b"END:VCALENDAR\r\n")
    events = {str(event["URL"]).rsplit("/", 2)[-2]: event for event in events_in(calendar)}
    assert len(events) == Event.objects.count() >= 10
    kick_off = events["transfer-networks-phase-2-kick-off"]
    campus = events["urbact-campus-2019"]
    # mid-January 2019: 11-20 January, so DTEND is the 21st (exclusive)
    assert kick_off.decoded("DTSTART") == datetime.date(2019, 1, 11)
    assert kick_off.decoded("DTEND") == datetime.date(2019, 1, 21)
    assert b"DTSTART;VALUE=DATE:20190111" in response.content
    assert kick_off["STATUS"] == "TENTATIVE"
    assert kick_off["TRANSP"] == "TRANSPARENT"
    assert str(kick_off["DESCRIPTION"]).startswith("mid-January 2019\n")
    assert kick_off["SUMMARY"] == "Transfer Networks phase 2 kick-off meeting"
    assert kick_off["LOCATION"] == "Paris"
    assert str(kick_off["URL"]).endswith("/en/events/transfer-networks-phase-2-kick-off/")
    assert kick_off["UID"] != campus["UID"] and "DTSTAMP" in kick_off
    # spring 2019: March to May
    assert (campus.decoded("DTSTART"), campus.decoded("DTEND")) == (
        datetime.date(2019, 3, 1),
        datetime.date(2019, 6, 1),
    )


def test_the_calendar_speaks_the_language_of_its_url(client, demo):
    calendar = parsed(client.get("/lv/events.ics"))
    kick_off = next(event for event in events_in(calendar) if event.get("LOCATION") == "Parīze")
    assert str(kick_off["URL"]).endswith("/lv/events/transfer-networks-phase-2-kick-off/")
    assert "janvāra vidū" in kick_off["DESCRIPTION"]


def test_an_exact_day_ends_the_next_day_and_text_is_escaped(client, db):
    EventFactory(
        title_en="Meeting; room 1, floor 2\\3",
        place_en="Rīga, Latvia",
        description_en="First line\nSecond line " + "ā" * 80,
        start_date=datetime.date(2019, 12, 31),
        end_date=datetime.date(2019, 12, 31),
    )
    response = client.get("/en/events.ics")
    event = events_in(parsed(response))[0]
    assert (event.decoded("DTSTART"), event.decoded("DTEND")) == (
        datetime.date(2019, 12, 31),
        datetime.date(2020, 1, 1),
    )
    # Escaped as RFC 5545 asks, read back as written.
    assert b"SUMMARY:Meeting\\; room 1\\, floor 2\\\\3" in response.content
    assert event["SUMMARY"] == "Meeting; room 1, floor 2\\3"
    assert event["LOCATION"] == "Rīga, Latvia"
    assert str(event["DESCRIPTION"]).startswith("First line\nSecond line āāā")
    assert event["STATUS"] == "CONFIRMED"


def test_a_network_calendar_has_only_its_events(client, db, django_assert_max_num_queries):
    network = NetworkFactory(slug="active-ngos", name_en="Active NGOs")
    EventFactory(network=network, slug="ours", title_en="Ours")
    EventFactory(slug="theirs", title_en="Theirs")
    with django_assert_max_num_queries(2):
        response = client.get("/en/networks/active-ngos/events.ics")
    calendar = parsed(response)
    assert [event["SUMMARY"] for event in events_in(calendar)] == ["Ours"]
    assert calendar["X-WR-CALNAME"] == "URBACT: Active NGOs"
    assert client.get("/en/networks/nothing/events.ics").status_code == 404
