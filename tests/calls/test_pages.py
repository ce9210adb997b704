"""/calls/ and a call's page, in both languages: what they list, in what order, their info
days, bad addresses, and a fixed number of queries whatever the number of calls."""

import datetime
import zoneinfo

import pytest
import time_machine
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import translation
from django.utils.formats import date_format

from tests.factories import ApprovalFactory, CallFactory, EventFactory

pytestmark = pytest.mark.django_db

RIGA = zoneinfo.ZoneInfo("Europe/Riga")
WHILE_OPEN = datetime.datetime(2026, 4, 1, 12, tzinfo=RIGA)
DECEMBER = datetime.datetime(2026, 12, 7, 12, tzinfo=RIGA)


@pytest.fixture
def action_networks():
    return CallFactory(
        slug="action-networks-2026",
        title_lv="Projektu konkurss rīcības tīkliem (2026)",
        title_en="Call for Action Networks (2026)",
        closing_time_stated=False,
        closes_at=datetime.datetime(2026, 6, 17, 23, 59, 59, tzinfo=RIGA),
    )


def test_the_latvian_list_shows_the_2026_call_with_its_dates(client, action_networks):
    with time_machine.travel(WHILE_OPEN, tick=False):
        html = client.get("/lv/calls/").content.decode()
    with translation.override("lv"):
        dates = [
            date_format(datetime.date(2026, 3, 17), "DATE_FORMAT"),
            date_format(datetime.date(2026, 6, 17), "DATE_FORMAT"),
            date_format(datetime.date(2026, 11, 1), "DATE_FORMAT"),
            date_format(datetime.date(2029, 4, 30), "DATE_FORMAT"),
        ]
    assert "Projektu konkurss rīcības tīkliem (2026)" in html
    for text in dates:
        assert text in html
    assert "atvērts" in html  # its status that day, in Latvian
    assert action_networks.get_absolute_url() in html


def test_open_and_upcoming_calls_come_before_closed_and_decided_ones(client):
    riga = RIGA
    decided = CallFactory(
        slug="decided-2025",
        opens_at=datetime.datetime(2025, 4, 1, tzinfo=riga),
        closes_at=datetime.datetime(2025, 6, 30, 15, tzinfo=riga),
    )
    decided.approval = ApprovalFactory(
        programme=decided.programme,
        network_type=decided.network_type,
        approved_on=datetime.date(2025, 10, 8),
    )
    decided.save()
    CallFactory(slug="open-2026")
    CallFactory(
        slug="upcoming-2027",
        opens_at=datetime.datetime(2027, 1, 10, tzinfo=riga),
        closes_at=datetime.datetime(2027, 3, 20, 15, tzinfo=riga),
    )
    with time_machine.travel(WHILE_OPEN, tick=False):
        response = client.get("/en/calls/")
    current = [call.slug for call in response.context["current_calls"]]
    past = [call.slug for call in response.context["past_calls"]]
    assert current == ["open-2026", "upcoming-2027"]
    assert past == ["decided-2025"]
    html = response.content.decode()
    assert html.index("open-2026") < html.index("upcoming-2027") < html.index("decided-2025")


def test_a_calls_page_in_both_languages_with_its_info_days(client, action_networks):
    held_on, ahead_on = datetime.date(2026, 3, 25), datetime.date(2026, 5, 5)
    held = EventFactory(title_en="Info day held", start_date=held_on, end_date=held_on)
    ahead = EventFactory(title_en="Info day ahead", start_date=ahead_on, end_date=ahead_on)
    action_networks.events.set([held, ahead])
    action_networks.links.create(title_lv="Noteikumi", title_en="Terms", url="https://urbact.eu/t")
    with time_machine.travel(WHILE_OPEN, tick=False):
        english = client.get("/en/calls/action-networks-2026/")
        latvian = client.get("/lv/calls/action-networks-2026/")
    assert english.status_code == latvian.status_code == 200
    assert list(english.context["upcoming_events"]) == [ahead]
    assert list(english.context["past_events"]) == [held]
    html = english.content.decode()
    assert "Info day ahead" in html and "Info day held" in html
    assert 'href="https://urbact.eu/t"' in html
    assert "Call for Action Networks (2026)" in html
    assert "Projektu konkurss rīcības tīkliem (2026)" in latvian.content.decode()
    # The budget was not verified: the page says so rather than leaving a blank.
    assert "Not confirmed here" in html


def test_a_decided_call_names_its_approval(client, action_networks):
    action_networks.approval = ApprovalFactory(
        programme=action_networks.programme,
        network_type=action_networks.network_type,
        approved_on=datetime.date(2026, 10, 8),
        announced_networks=20,
    )
    action_networks.save()
    with time_machine.travel(DECEMBER, tick=False):
        html = client.get("/en/calls/action-networks-2026/").content.decode()
    assert "Decided by the URBACT Monitoring Committee on 8 October 2026" in html
    assert "20 networks approved. 0 of them are recorded on this portal." in html


@pytest.mark.parametrize("path", ["/lv/calls/no-such-call/", "/en/calls/no-such-call/"])
def test_an_unknown_call_is_a_404_in_the_sites_design(client, path):
    response = client.get(path)
    assert response.status_code == 404
    assert 'class="site-header' in response.content.decode()


def test_a_draft_call_is_not_public(client):
    draft = CallFactory(status="draft")
    assert client.get(f"/en/calls/{draft.slug}/").status_code == 404
    assert draft.slug not in client.get("/en/calls/").content.decode()
    assert draft.slug not in client.get("/sitemap-calls.xml").content.decode()


def test_the_sitemap_lists_the_calls(client, action_networks):
    assert "/sitemap-calls.xml</loc>" in client.get("/sitemap.xml").content.decode()
    xml = client.get("/sitemap-calls.xml").content.decode()
    assert "/lv/calls/action-networks-2026/" in xml
    assert "/en/calls/action-networks-2026/" in xml
    assert "/lv/calls/</loc>" in client.get("/sitemap-pages.xml").content.decode()


def _queries(client, path):
    with time_machine.travel(WHILE_OPEN, tick=False), CaptureQueriesContext(connection) as done:
        assert client.get(path).status_code == 200
    return len(done)


def test_the_list_runs_a_fixed_number_of_queries(client):
    """Two for the calls (open and upcoming; closed and decided), with their programme,
    type and approval; the rest is the content stamp's (when the next call opens or
    closes, the next article is published)."""
    CallFactory()
    few = _queries(client, "/en/calls/")
    CallFactory.create_batch(12)
    assert _queries(client, "/en/calls/") == few <= 5


def test_a_calls_page_runs_a_fixed_number_of_queries(client):
    call = CallFactory(events=EventFactory.create_batch(1))
    call.links.create(title_lv="S", title_en="L", url="https://example.eu/0")
    few = _queries(client, call.get_absolute_url())
    call.events.add(*EventFactory.create_batch(7))
    for number in range(1, 8):
        call.links.create(
            title_lv=f"S{number}", title_en=f"L{number}", url=f"https://e.eu/{number}"
        )
    assert _queries(client, call.get_absolute_url()) == few <= 7


def test_the_api_lists_the_calls_with_their_status(client, action_networks):
    with time_machine.travel(WHILE_OPEN, tick=False):
        answer = client.get("/api/v1/calls").json()
        only_open = client.get("/api/v1/calls?status=open").json()
        none_decided = client.get("/api/v1/calls?status=decided").json()
    (call,) = answer["items"]
    assert call["slug"] == "action-networks-2026"
    assert call["status"] == "open"
    assert call["networks_start"] == "2026-11-01"
    assert call["title"]["lv"] == "Projektu konkurss rīcības tīkliem (2026)"
    assert only_open["count"] == 1 and none_decided["count"] == 0
    assert client.get("/api/v1/calls?status=whenever").status_code == 422
