"""Public pages, feeds, calendars and API endpoints run the same number of SQL queries
whatever the amount of data."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from cities.models import Country
from networks.models import Membership, Milestone, Network, Period, ProgressUpdate
from tests import demo_rows
from tests.factories import (
    ArticleFactory,
    CityFactory,
    CountryFactory,
    EventFactory,
    GoodPracticeFactory,
    MembershipFactory,
    NetworkFactory,
    PhaseFactory,
    ProgressUpdateFactory,
    ThemeFactory,
)

pytestmark = pytest.mark.django_db
D = datetime.date

PAGES = [
    "/en/",
    "/en/networks/",
    "/en/networks/?country=lv&country=es&theme=theme-a&status=closed",
    "/en/networks/main/",
    "/en/networks/main/updates/",
    "/en/networks/main/updates/update-main-0/",
    "/en/networks/main/feed/",
    "/en/cities/lv/riga/",
    "/en/countries/lv/",
    "/en/events/",
    "/en/events/event-main/",
    "/en/news/",
    "/en/news/?network=main",
    "/en/news/main-article/",
    "/en/news/feed/",
    "/en/events.ics",
    "/en/networks/main/events.ics",
    "/sitemap.xml",
    "/sitemap-networks.xml",
    "/sitemap-updates.xml",
    "/api/v1/networks",
    "/api/v1/networks?country=lv&status=closed",
    "/api/v1/networks/main",
    "/api/v1/cities",
    "/api/v1/countries",
    "/api/v1/events",
    "/api/v1/figures?country=lv&phase=2",
    "/api/v1/networks.csv",
]

COUNTRIES = ["LV", "ES", "DE", "IT", "FR", "PL", "PT", "BE"]


def build(networks, partners, updates):
    """`networks` networks; the first one ("main") has `partners` partners, Riga as lead, and
    `updates` progress updates (a quarter of them drafts); each network has a phase with two
    periods and a milestone, a theme, an event and an article."""
    countries = [CountryFactory(code=code) for code in COUNTRIES]
    riga = CityFactory(country=countries[0], slug="riga", latitude=56.9, longitude=24.1)
    theme = ThemeFactory(slug="theme-a")
    for index in range(networks):
        network = NetworkFactory(
            slug="main" if index == 0 else f"net-{index}",
            planned_start=D(2019, 1, 1),
            planned_end=D(2020, 12, 31),
            good_practice=GoodPracticeFactory(city=riga),
        )
        network.themes.add(theme)
        phase = PhaseFactory(network=network)
        Period.objects.create(phase=phase, kind="learning", start=D(2019, 1, 1), end=D(2020, 6, 30))
        Period.objects.create(phase=phase, kind="sharing", start=D(2020, 7, 1), end=D(2020, 12, 31))
        Milestone.objects.create(phase=phase, month=18, title_lv="Beigas", title_en="End")
        EventFactory(
            network=network,
            slug="event-main" if index == 0 else f"event-{index}",
            city=riga,
            organiser_en="Riga City Council",
        )
        article = ArticleFactory(slug="main-article" if index == 0 else f"article-{index}")
        article.networks.add(network)
        article.cities.add(riga)
        ArticleFactory().cities.add(riga)
        MembershipFactory(
            network=network, city=riga, role="lead_partner" if index == 0 else "partner"
        )
        count = partners - 1 if index == 0 else 2
        for number in range(count):
            MembershipFactory(
                network=network,
                city=CityFactory(
                    country=countries[number % len(countries)], latitude=50, longitude=10
                ),
                is_newcomer=number % 2 == 0,
            )
        if index == 0:
            for number in range(updates):
                ProgressUpdateFactory(
                    network=network,
                    slug=f"update-main-{number}",
                    status="draft" if number % 4 == 3 else "published",
                )


def build_small():
    """`build(networks=1, partners=3, updates=2)`, made once a run and written again from its
    rows for the other tests (`tests.demo_rows.replay`)."""
    demo_rows.replay("query counts: small", lambda: build(networks=1, partners=3, updates=2))


def grow():
    """`build_more()`, likewise."""
    demo_rows.replay("query counts: more", build_more)


def count_queries(client, url):
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200, url
    return len(queries)


@pytest.mark.parametrize("url", PAGES)
def test_queries_do_not_grow_with_the_data(client, django_assert_num_queries, url):
    build_small()
    small = count_queries(client, url)
    assert small <= 20, f"{url}: {small} queries"
    grow()
    with django_assert_num_queries(small):
        assert client.get(url).status_code == 200


def build_more():
    """Grow the same data to 5 networks, 40 partners in the main one and 200 updates."""
    main = Network.objects.get(slug="main")
    countries = list(Country.objects.all())
    for number in range(40 - main.memberships.count()):
        MembershipFactory(
            network=main,
            city=CityFactory(country=countries[number % len(countries)], latitude=45, longitude=5),
            is_newcomer=number % 3 == 0,
        )
    for number in range(2, 200):
        ProgressUpdateFactory(
            network=main,
            slug=f"update-main-{number}",
            status="in_review" if number % 5 == 0 else "published",
        )
    riga = main.memberships.get(role="lead_partner").city
    theme = main.themes.get()
    for index in range(1, 5):
        network = NetworkFactory(slug=f"more-{index}", good_practice=GoodPracticeFactory(city=riga))
        network.themes.add(theme)
        phase = PhaseFactory(network=network)
        Period.objects.create(phase=phase, kind="learning", start=D(2019, 1, 1), end=D(2020, 6, 30))
        Milestone.objects.create(phase=phase, month=3, title_lv="Plāns", title_en="Plan")
        EventFactory(network=network, city=riga)
        ArticleFactory().networks.add(main)
        ArticleFactory().cities.add(riga)
        MembershipFactory(network=network, city=riga)
        for number in range(3):
            MembershipFactory(
                network=network, city=CityFactory(country=countries[(index + number) % 8])
            )
    assert Network.objects.count() == 5
    assert main.memberships.count() == 40
    assert ProgressUpdate.objects.filter(network=main).count() == 200
    assert Membership.objects.filter(city=riga).count() == 5


@pytest.mark.parametrize(
    ("url", "before", "after"),
    [
        ("/en/networks/", 3, 40),
        ("/en/networks/?country=lv", 3, 40),
        ("/en/countries/lv/", 2, 6),
        # Riga and its partners in its networks.
        ("/en/cities/lv/riga/", 3, 40),
    ],
)
def test_map_points_grow_with_the_data_but_not_the_queries(
    client, django_assert_num_queries, url, before, after
):
    """The partner maps of the network list and the country page: one marker per city with
    coordinates, read in one query however many there are."""
    build_small()
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert len(response.context["map_points"]) == before
    small = len(queries)
    grow()
    with django_assert_num_queries(small):
        response = client.get(url)
    assert len(response.context["map_points"]) == after
