"""The home page's networks of our cities are found from our cities' memberships, then read
by key: a query over every network grew with the data on PostgreSQL. (Those running today,
then, when none is, those that ended last: each of the two lists is read by key.)"""

import pytest
from django.conf import settings
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tests.factories import CityFactory, CountryFactory, MembershipFactory, NetworkFactory

pytestmark = pytest.mark.django_db


def test_our_networks_are_read_by_key(client):
    ours = CountryFactory(code=settings.PORTAL_COUNTRY)
    city = CityFactory(country=ours)
    mine = [MembershipFactory(city=city).network for _ in range(2)]
    others = [NetworkFactory() for _ in range(3)]
    with CaptureQueriesContext(connection) as queries:
        response = client.get("/en/")
    shown = list(response.context["our_networks"])
    assert set(shown) == set(mine)
    assert not set(shown) & set(others)
    listing = [
        query["sql"]
        for query in queries.captured_queries
        if query["sql"].startswith('SELECT "networks_network"."id"')
        and "effective_start" in query["sql"]
    ]
    assert len(listing) == 2, listing  # running today (none), then those that ended last
    keys = '"networks_network"."id" IN ('
    for query in listing:
        assert keys in query
        assert "networks_membership" not in query.split(" FROM ", 1)[1]
