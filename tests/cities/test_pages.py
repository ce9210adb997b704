"""City and country pages."""

import datetime
import re

import pytest

from cities.models import City
from tests.factories import (
    ArticleFactory,
    CityFactory,
    CountryFactory,
    MembershipFactory,
    NetworkFactory,
)
from tests.test_query_counts import count_queries

pytestmark = pytest.mark.django_db
D = datetime.date


@pytest.fixture
def latvia():
    lv = CountryFactory(code="LV", name_en="Latvia", name_lv="Latvija")
    riga = CityFactory(country=lv, slug="riga", name_en="Riga", name_lv="Rīga")
    jurmala = CityFactory(country=lv, slug="jurmala", name_en="Jūrmala", name_lv="Jūrmala")
    CityFactory(country=lv, slug="nowhere", name_en="Quiet town")
    refill = NetworkFactory(
        slug="refill", name_en="REFILL", planned_start=D(2015, 9, 1), planned_end=D(2018, 5, 31)
    )
    active = NetworkFactory(slug="active", name_en="Active NGOs")
    card = NetworkFactory(slug="card", name_en="Card4All")
    MembershipFactory(network=refill, city=riga, is_newcomer=True)
    MembershipFactory(network=active, city=riga, role="lead_partner", organisation="NGO House")
    MembershipFactory(network=card, city=jurmala, is_newcomer=True)
    ArticleFactory(title_en="Riga in the news").cities.add(riga)
    ArticleFactory(title_en="Unpublished", status="in_review").cities.add(riga)
    return lv


def text(response):
    assert response.status_code == 200
    return response.content.decode()


def test_city_page_lists_memberships_over_time(client, latvia):
    html = text(client.get("/en/cities/lv/riga/"))
    assert "<h1>Riga</h1>" in html
    assert html.index("REFILL") < html.index("Active NGOs")  # oldest first
    assert "2015–2018" in html
    assert "yes: first URBACT network" in html
    assert "Lead partner" in html
    assert "NGO House" in html
    assert "Riga in the news" in html
    assert "Unpublished" not in html
    assert '<a href="/en/countries/lv/">Latvia</a>' in html  # breadcrumb and kicker


def test_city_page_in_latvian(client, latvia):
    html = text(client.get("/lv/cities/lv/riga/"))
    assert "<h1>Rīga</h1>" in html
    assert "jā: pirmais URBACT tīkls" in html


def test_country_page_counts_networks_per_city(client, latvia):
    response = client.get("/en/countries/lv/")
    html = text(response)
    cities = list(response.context["cities"])
    assert [(c.slug, c.network_count) for c in cities] == [("jurmala", 1), ("riga", 2)]
    assert "2 networks" in html and "1 network<" in html
    assert "Quiet town" not in html
    assert "First lead partner from Latvia" in html
    assert re.search(
        r'<a href="/en/cities/lv/riga/">Riga</a> · <a href="/en/networks/active/">', html
    )
    assert response.context["figures"]["networks"] == 3
    assert 'href="/en/networks/?country=lv"' in html


def test_taking_part_is_alphabetical_with_network_counts(latvia):
    assert list(City.objects.taking_part().values_list("slug", "network_count")) == [
        ("jurmala", 1),
        ("riga", 2),
    ]


@pytest.mark.parametrize(
    "url",
    [
        "/en/cities/lv/nope/",
        "/en/cities/xx/riga/",
        "/en/cities/lvv/riga/",
        "/en/cities/1v/riga/",
        "/en/countries/zz/",
        "/en/countries/l/",
        "/en/countries/%C4%81%C4%81/",
    ],
)
def test_unknown_or_malformed_addresses_are_404(client, latvia, url):
    assert client.get(url).status_code == 404


def test_country_without_partners_says_so(client, latvia):
    CountryFactory(code="EE", name_en="Estonia")
    html = text(client.get("/en/countries/ee/"))
    assert "No city of this country takes part in a network yet." in html


def test_country_page_lists_its_cities_a_page_at_a_time(client, latvia, settings):
    from networks import city_views as views

    network = NetworkFactory(slug="big", name_en="Big network")
    for number in range(views.CITIES_PER_PAGE):
        city = CityFactory(country=latvia, slug=f"town-{number:02}", name_en=f"Town {number:02}")
        MembershipFactory(network=network, city=city)
    first = text(client.get("/en/countries/lv/"))
    second = text(client.get("/en/countries/lv/?page=2"))
    taking_part = views.CITIES_PER_PAGE + 2  # Riga and Jūrmala too
    on_first = first.count('class="city-block"')
    assert on_first == views.CITIES_PER_PAGE
    assert second.count('class="city-block"') == taking_part - on_first
    assert "Page 2 of 2" in second and 'rel="prev"' in second
    # Alphabetical: Jūrmala and Riga come first; a bad page number shows the nearest page.
    riga_block = '<a href="/en/cities/lv/riga/">Riga</a> <span class="city-block__count">'
    assert riga_block in first and riga_block not in second
    assert "Page 2 of 2" in text(client.get("/en/countries/lv/?page=99"))
    assert "Page 1 of 2" in text(client.get("/en/countries/lv/?page=x"))


def test_country_page_names_a_programmes_latest_lead_partners_and_how_many_more(client, latvia):
    """A programme with more lead partners from the country than the page names shows its
    latest ones, oldest of them first, and says how many earlier networks it leaves out; the
    page runs as many queries with 12 lead partners as with 1."""
    from networks.city_views import LEADS_PER_PROGRAMME

    url = "/en/countries/lv/"
    queries_with_one = count_queries(client, url)
    riga = City.objects.get(slug="riga")
    extra = LEADS_PER_PROGRAMME + 1
    for year in range(extra):
        network = NetworkFactory(
            slug=f"led-{year:02}",
            name_en=f"Led {2000 + year}",
            planned_start=D(2000 + year, 1, 1),
            planned_end=D(2001 + year, 1, 1),
        )
        MembershipFactory(network=network, city=riga, role="lead_partner")
    html = text(client.get(url))
    assert count_queries(client, url) == queries_with_one
    leads = html[html.index('id="leads-heading"') : html.index('id="cities-heading"')]
    shown = re.findall(r">Led (\d{4})<", leads)
    # Active NGOs (2019) is the latest; then the latest nine of the eleven "Led" networks.
    assert shown == [str(year) for year in range(2002, 2011)]
    assert "Active NGOs" in leads
    assert "and 2 earlier networks" in leads


def test_country_page_says_how_many_earlier_lead_partners_in_latvian(client, latvia):
    from networks.city_views import LEADS_PER_PROGRAMME

    riga = City.objects.get(slug="riga")
    for year in range(LEADS_PER_PROGRAMME):
        network = NetworkFactory(slug=f"led-{year:02}", planned_start=D(2000 + year, 1, 1))
        MembershipFactory(network=network, city=riga, role="lead_partner")
    html = text(client.get("/lv/countries/lv/"))
    leads = html[html.index('id="leads-heading"') : html.index('id="cities-heading"')]
    assert "un vēl 1 agrāks tīkls" in leads
    assert '<a href="/lv/cities/lv/riga/">Rīga</a>' in leads  # named in the page's language
    assert '<a href="/lv/networks/active/">' in leads
