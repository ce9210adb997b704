"""Pages showing calls are renewed when a published call opens or closes: the content stamp
moves at the next opening or closing as it does at an article's publication time."""

import datetime
import zoneinfo

import pytest
import time_machine

from core.cache import next_publication
from tests.factories import ArticleFactory, CallFactory

pytestmark = pytest.mark.django_db

RIGA = zoneinfo.ZoneInfo("Europe/Riga")


def test_the_next_moment_is_a_calls_opening_or_closing_or_a_publication():
    call = CallFactory()
    CallFactory(status="draft", opens_at=datetime.datetime(2026, 2, 1, tzinfo=RIGA))
    ArticleFactory(published_at=datetime.datetime(2026, 5, 1, tzinfo=RIGA))
    with time_machine.travel(datetime.datetime(2026, 1, 1, tzinfo=RIGA), tick=False):
        assert next_publication() == call.opens_at  # the draft's opening does not count
    with time_machine.travel(datetime.datetime(2026, 4, 1, tzinfo=RIGA), tick=False):
        assert next_publication() == datetime.datetime(2026, 5, 1, tzinfo=RIGA)
    with time_machine.travel(datetime.datetime(2026, 6, 1, tzinfo=RIGA), tick=False):
        assert next_publication() == call.closes_at
    with time_machine.travel(datetime.datetime(2026, 7, 1, tzinfo=RIGA), tick=False):
        assert next_publication() is None
