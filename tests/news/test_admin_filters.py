"""The article list's filters by network and city: offered while the choices are few, left
to the search when they are many; either way the list reads a bounded number of rows."""

import pytest

from core.admin_filters import FEW
from tests.factories import ArticleFactory, CityFactory, CountryFactory

pytestmark = pytest.mark.django_db
LIST = "/admin/news/article/"


@pytest.fixture
def boss(client, django_user_model):
    client.force_login(django_user_model.objects.create_superuser("boss", "b@example.org", "x"))
    return client


def linked_cities(count):
    country = CountryFactory(code="LV")
    article = ArticleFactory(title_lv="Saistīts", title_en="Linked")
    cities = [CityFactory(country=country, name_lv=f"Ciems {n:03}") for n in range(count)]
    article.cities.add(*cities)
    return cities


def test_a_few_cities_are_offered_as_a_filter(boss):
    cities = linked_cities(3)
    CityFactory(country=cities[0].country, name_lv="Nesaistīts ciems")
    html = boss.get(LIST).content.decode()
    assert f"cities__id__exact={cities[0].pk}" in html
    assert "Nesaistīts ciems" not in html  # only cities some article links to


def test_many_cities_leave_the_filter_to_the_search(boss):
    cities = linked_cities(FEW + 1)
    ArticleFactory(title_lv="Citur", title_en="Elsewhere")
    html = boss.get(LIST).content.decode()
    assert "cities__id__exact" not in html
    # The search covers the cities' names (in the default language).
    found = boss.get(LIST, {"q": cities[-1].name_lv}).content.decode()
    assert "Saistīts" in found and "Citur" not in found


def test_the_filter_reads_at_most_a_few_more_rows_than_it_offers(boss):
    """The related rows are walked and each checked by index for a linking row, so finding
    out whether there are few reads `FEW` + 1 rows, not every article's links."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    linked_cities(FEW + 5)
    with CaptureQueriesContext(connection) as queries:
        assert boss.get(LIST).status_code == 200
    found = [q["sql"] for q in queries if q["sql"].startswith('SELECT "cities_city"."id" AS "pk"')]
    assert len(found) == 1
    assert "EXISTS" in found[0] and f"LIMIT {FEW + 1}" in found[0]
    assert "ORDER BY" not in found[0]  # the first ones found: no sort of all of them
