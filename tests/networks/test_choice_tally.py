"""The network list's filter choices, read from their tally in one query: the statuses held
until the next start or end of a network, the labels in each language, and the counts the
list and a country page take from the tallies instead of counting rows."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone, translation

from networks.filters import filter_choices, status_choices
from networks.models import ChoiceTally, refresh_tallies
from tests.factories import (
    CityFactory,
    CountryFactory,
    MembershipFactory,
    NetworkFactory,
    ThemeFactory,
)

pytestmark = pytest.mark.django_db
DAY = datetime.timedelta(days=1)


@pytest.fixture
def today():
    return timezone.localdate()


def statuses(choices):
    return [value for value, _label in choices["status"]]


def test_the_choices_are_one_query_at_any_number_of_networks(today, django_assert_num_queries):
    theme = ThemeFactory(slug="parks", name_en="Parks", name_lv="Parki")
    for _number in range(2):
        NetworkFactory(planned_start=today - DAY, planned_end=today + DAY).themes.add(theme)
    refresh_tallies()
    with django_assert_num_queries(1):
        few = filter_choices(today)
    for _number in range(20):
        NetworkFactory(planned_start=today - 9 * DAY, planned_end=today - 2 * DAY)
    refresh_tallies()
    with django_assert_num_queries(1):
        many = filter_choices(today)
    assert statuses(few) == ["ongoing"]
    assert statuses(many) == ["ongoing", "closed"]
    with translation.override("en"), django_assert_num_queries(1):
        assert filter_choices(today)["theme"] == [("parks", "Parks")]


def test_the_labels_are_kept_in_each_language(today):
    network = NetworkFactory(planned_start=today, planned_end=today + DAY)
    network.themes.add(ThemeFactory(name_en="Parks", name_lv="Parki"))
    refresh_tallies()
    with translation.override("lv"):
        assert [label for _slug, label in filter_choices(today)["theme"]] == ["Parki"]
        assert filter_choices(today)["status"] == [("ongoing", "notiekošs")]
    with translation.override("en"):
        assert [label for _slug, label in filter_choices(today)["theme"]] == ["Parks"]


def test_the_statuses_hold_until_a_network_starts_or_ends(today, django_assert_num_queries):
    NetworkFactory(planned_start=today + 3 * DAY, planned_end=today + 9 * DAY)
    NetworkFactory(planned_start=today - 9 * DAY, planned_end=today + 5 * DAY)
    refresh_tallies()
    tally = ChoiceTally.objects.get(language="en")
    assert (tally.statuses_on, tally.statuses_until) == (today, today + 3 * DAY)
    assert statuses(filter_choices(today)) == ["upcoming", "ongoing"]
    with django_assert_num_queries(1):  # the day before the first start: still the tally's
        assert statuses(filter_choices(today + 2 * DAY)) == ["upcoming", "ongoing"]
    # From the start of the first, the tally no longer holds: the statuses are found again.
    with django_assert_num_queries(2):
        assert statuses(filter_choices(today + 3 * DAY)) == ["ongoing"]
    assert statuses(filter_choices(today + 10 * DAY)) == ["closed"]
    assert statuses(filter_choices(today - DAY)) == ["upcoming", "ongoing"]  # a day before


def test_without_a_network_that_starts_or_ends_again_the_statuses_hold_for_good(today):
    NetworkFactory(planned_start=today - 9 * DAY, planned_end=today - 2 * DAY)
    refresh_tallies()
    assert ChoiceTally.objects.get(language="en").statuses_until is None
    assert statuses(filter_choices(today + 3650 * DAY)) == ["closed"]


def test_before_any_tally_the_choices_are_found_from_the_networks(today):
    network = NetworkFactory(planned_start=today + DAY, planned_end=today + 9 * DAY)
    network.themes.add(ThemeFactory(slug="parks"))
    refresh_tallies()
    ChoiceTally.objects.all().delete()
    choices = filter_choices(today)
    assert [slug for slug, _label in choices["theme"]] == ["parks"]
    assert choices["status"] == status_choices(today) == [("upcoming", "gaidāms")]


def counts(queries, table):
    """The queries that count rows of `table` (not a count per row in a select list)."""
    return [
        q["sql"]
        for q in queries
        if q["sql"].startswith("SELECT COUNT(") and f'"{table}"' in q["sql"]
    ]


def test_the_unfiltered_list_and_a_country_page_count_no_rows(client, today):
    latvia = CountryFactory(code="LV", name_en="Latvia")
    network = NetworkFactory(slug="green", name_en="Green")
    for number in range(30):
        MembershipFactory(network=network, city=CityFactory(country=latvia, slug=f"t-{number:02}"))
    refresh_tallies()
    with CaptureQueriesContext(connection) as queries:
        listed = client.get("/en/networks/")
        country = client.get("/en/countries/lv/")
    assert not counts(queries, "networks_network") and not counts(queries, "cities_city")
    assert listed.context["paginator"].count == 1
    assert country.context["paginator"].count == 30
    assert "Page 1 of 2" in country.content.decode()
    with CaptureQueriesContext(connection) as queries:  # a selection counts its own rows
        assert client.get("/en/networks/?country=lv").context["paginator"].count == 1
    assert counts(queries, "networks_network")
