"""The article list's filters by network and city: offered while the choices are few, left
to the search when they are many; either way the list reads a bounded number of rows."""

import pytest

from tests.factories import ArticleFactory, CityFactory, CountryFactory
from urbact_portal.admin_filters import FEW

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
