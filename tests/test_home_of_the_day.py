"""The home page tells what is current on the day it is read: an open or upcoming call (else
the latest decided one), the networks of our cities running now (else those that ended
last), the next events (else the latest, shown as past); its headline figures name the
approval they count. Its queries do not grow with the data."""

import datetime
import zoneinfo

import pytest
import time_machine
from django.conf import settings
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tests.factories import (
    ApprovalFactory,
    CallFactory,
    CityFactory,
    CountryFactory,
    EventFactory,
    MembershipFactory,
    NetworkFactory,
    PhaseFactory,
)

pytestmark = pytest.mark.django_db

RIGA = zoneinfo.ZoneInfo("Europe/Riga")
WHILE_OPEN = datetime.datetime(2026, 4, 1, 12, tzinfo=RIGA)
DECEMBER = datetime.datetime(2026, 12, 7, 12, tzinfo=RIGA)
OLD_MEETING = datetime.date(2024, 5, 7)


def home(client, day, language="en"):
    with time_machine.travel(day, tick=False):
        return client.get(f"/{language}/")


@pytest.fixture
def calls():
    decided = CallFactory(
        slug="transfer-networks-2025",
        title_en="Call for Transfer Networks (2025)",
        opens_at=datetime.datetime(2025, 4, 1, tzinfo=RIGA),
        closes_at=datetime.datetime(2025, 6, 30, 15, tzinfo=RIGA),
    )
    decided.approval = ApprovalFactory(
        programme=decided.programme,
        network_type=decided.network_type,
        approved_on=datetime.date(2025, 10, 8),
    )
    decided.save()
    action = CallFactory(slug="action-networks-2026", title_en="Call for Action Networks (2026)")
    return decided, action


def test_on_a_day_with_an_open_call_it_leads(client, calls):
    response = home(client, WHILE_OPEN)
    assert [call.slug for call in response.context["calls"]] == ["action-networks-2026"]
    html = response.content.decode()
    assert "Calls for proposals open now or coming up" in html
    assert "Call for Action Networks (2026)" in html
    assert "Call for Transfer Networks (2025)" not in html


def test_on_a_day_with_no_open_call_the_latest_decided_one_shows(client, calls):
    decided, action = calls
    action.delete()
    response = home(client, DECEMBER)
    assert [call.slug for call in response.context["calls"]] == [decided.slug]
    html = response.content.decode()
    assert "No call is open now: the latest calls" in html
    assert ">decided<" in html


def test_a_call_awaiting_its_decision_shows_beside_the_latest_decided_one(client, calls):
    response = home(client, DECEMBER, "lv")
    slugs = [call.slug for call in response.context["calls"]]
    assert slugs == ["action-networks-2026", "transfer-networks-2025"]
    html = response.content.decode()
    assert "slēgts" in html and "izlemts" in html


def test_with_no_event_ahead_the_latest_show_as_past(client):
    EventFactory(title_en="Old meeting", start_date=OLD_MEETING, end_date=OLD_MEETING)
    response = home(client, DECEMBER)
    assert response.context["events_are_past"] is True
    html = response.content.decode()
    assert "Latest events" in html and "Old meeting" in html
    assert "No event is announced yet" in html


def test_the_next_events_come_first(client):
    EventFactory(title_en="Old meeting", start_date=OLD_MEETING, end_date=OLD_MEETING)
    ahead = EventFactory(start_date=datetime.date(2027, 1, 20), end_date=datetime.date(2027, 1, 20))
    response = home(client, DECEMBER)
    assert response.context["events_are_past"] is False
    assert list(response.context["events"]) == [ahead]
    assert "Old meeting" not in response.content.decode()


def test_our_networks_running_now_else_those_that_ended_last(client):
    city = CityFactory(country=CountryFactory(code=settings.PORTAL_COUNTRY))
    old = MembershipFactory(city=city).network  # 2019-2020
    ended_2025 = MembershipFactory(
        city=city,
        network=NetworkFactory(
            planned_start=datetime.date(2023, 6, 1), planned_end=datetime.date(2025, 12, 31)
        ),
    ).network
    running = MembershipFactory(
        city=city,
        network=NetworkFactory(
            planned_start=datetime.date(2026, 11, 1), planned_end=datetime.date(2029, 4, 30)
        ),
    ).network
    NetworkFactory(planned_start=datetime.date(2026, 1, 1), planned_end=datetime.date(2027, 1, 1))
    response = home(client, DECEMBER)
    assert response.context["our_networks_running"] is True
    assert list(response.context["our_networks"]) == [running]
    running.delete()
    response = home(client, DECEMBER)
    assert response.context["our_networks_running"] is False
    assert list(response.context["our_networks"]) == [ended_2025]
    assert old not in response.context["our_networks"]
    assert "that ended most recently" in response.content.decode()


def test_the_headline_figures_name_the_approval_they_count(client):
    network = MembershipFactory(city=CityFactory()).network
    PhaseFactory(network=network, number=2, approved_on=datetime.date(2018, 12, 4))
    counted = ApprovalFactory(
        phase=2, approved_on=datetime.date(2018, 12, 4), announced_networks=23
    )
    # A later approval of which nothing is recorded yet: the figures stay with the one that
    # counts something, and say which.
    ApprovalFactory(phase=1, approved_on=datetime.date(2025, 10, 8), announced_networks=25)
    response = home(client, DECEMBER)
    assert response.context["approval"] == counted
    html = response.content.decode()
    assert "URBACT III: Transfer Network, phase 2" in html
    assert "1 of the 23 approved networks are recorded here" in html


def _count(client, day):
    with time_machine.travel(day, tick=False), CaptureQueriesContext(connection) as done:
        assert client.get("/en/").status_code == 200
    return len(done)


@pytest.mark.parametrize("day", [WHILE_OPEN, DECEMBER])
def test_the_home_page_runs_a_fixed_number_of_queries(client, calls, day):
    city = CityFactory(country=CountryFactory(code=settings.PORTAL_COUNTRY))
    MembershipFactory(city=city)
    EventFactory()
    few = _count(client, day)
    for _ in range(6):
        MembershipFactory(city=city)
        CallFactory()
        EventFactory(start_date=datetime.date(2027, 2, 1), end_date=datetime.date(2027, 2, 1))
    assert _count(client, day) <= few + 1 <= 20
