"""`__any_of`: the rows whose field is one of a list, as `__in`, sent to PostgreSQL as one
array parameter."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from cities.models import City
from tests.factories import CityFactory

pytestmark = pytest.mark.django_db


def test_any_of_finds_what_in_finds():
    cities = [CityFactory() for _ in range(5)]
    keys = [cities[0].pk, cities[3].pk, cities[3].pk, None, 10**9]
    with CaptureQueriesContext(connection) as queries:
        found = set(City.objects.filter(pk__any_of=keys))
    assert found == set(City.objects.filter(pk__in=keys)) == {cities[0], cities[3]}
    sql = queries.captured_queries[0]["sql"]
    if connection.vendor == "postgresql":
        assert '"cities_city"."id" = ANY(' in sql  # one array, not a parameter per key
    else:
        assert '"cities_city"."id" IN (' in sql


def test_any_of_nothing_finds_nothing(django_assert_num_queries):
    CityFactory()
    with django_assert_num_queries(0):
        assert list(City.objects.filter(pk__any_of=[])) == []
        assert list(City.objects.filter(pk__any_of=[None])) == []


def test_any_of_a_subquery_is_in():
    cities = [CityFactory() for _ in range(3)]
    chosen = City.objects.filter(pk__in=[cities[1].pk]).values("pk")
    assert list(City.objects.filter(pk__any_of=chosen)) == [cities[1]]
