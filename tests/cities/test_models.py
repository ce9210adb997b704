import pytest
from django.db import DataError, IntegrityError, transaction

from cities.models import City, Country
from tests.factories import CityFactory, CountryFactory

pytestmark = pytest.mark.django_db


def test_country_code_is_stored_upper_case():
    country = Country.objects.create(code="lv", name_lv="Latvija", name_en="Latvia")
    country.refresh_from_db()
    assert country.code == "LV"
    assert country.get_absolute_url() == "/lv/countries/lv/"


@pytest.mark.parametrize("code", ["lv", "LVA", "L"])
def test_database_rejects_codes_that_are_not_two_upper_case_letters(code):
    # PostgreSQL refuses an over-long value before any constraint (DataError).
    with pytest.raises((IntegrityError, DataError)), transaction.atomic():
        Country.objects.bulk_create([Country(code=code, name_lv="X")])


def test_city_slug_is_unique_per_country_only():
    city = CityFactory(slug="riga")
    CityFactory(slug="riga", country=CountryFactory(code="XX"))
    with pytest.raises(IntegrityError), transaction.atomic():
        CityFactory(slug="riga", country=city.country)


def test_coordinates_come_in_pairs_and_in_range():
    with pytest.raises(IntegrityError), transaction.atomic():
        CityFactory(latitude=56.9)
    with pytest.raises(IntegrityError), transaction.atomic():
        CityFactory(latitude=91, longitude=10)
    assert CityFactory(latitude=56.9, longitude=24.1).pk


def test_cities_match_by_name_ignoring_case_and_accents():
    riga = CityFactory(name_lv="Rīga", slug="riga", country=CountryFactory(code="LV"))
    assert list(City.objects.matching("RIGA", "lv")) == [riga]
    assert list(City.objects.matching("Rīga", "LV")) == [riga]
    assert not City.objects.matching("Riga", "EE").exists()


def test_names_sort_in_latvian_order():
    from cities.models import collation_key

    names = ["Īrija", "Zviedrija", "Čehija", "Dānija", "Cipra", "Itālija", "igaunija"]
    assert sorted(names, key=collation_key) == [
        "Cipra",
        "Čehija",
        "Dānija",
        "igaunija",
        "Itālija",
        "Īrija",
        "Zviedrija",
    ]


def test_letters_without_a_decomposition_match_as_typed():
    from cities.models import match_key

    assert match_key("Łódź") == match_key("Lodz") == "lodz"
    assert match_key("Wrocław") == "wroclaw"
    assert match_key("Jūrmala") == match_key("JURMALA") == "jurmala"
