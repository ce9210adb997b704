"""The partner maps: the points the network list, country and network pages hand to the map
script, in bounded queries and current through the page cache; the offline base map."""

import gzip
import json
import re
from pathlib import Path

import pytest
from django.conf import settings
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import translation

from networks.map_points import city_map_points, describe_city, partner_cities
from networks.models import Network
from tests.factories import (
    CityFactory,
    CountryFactory,
    MembershipFactory,
    NetworkFactory,
    ThemeFactory,
)

pytestmark = pytest.mark.django_db

VENDOR = Path(settings.BASE_DIR) / "static" / "vendor"


@pytest.fixture
def atlas():
    """Two networks: Riga leads "green" and is a partner of "blue"; Jūrmala and Gijón are in
    "green", Tartu in "blue"; Quiet town (no coordinates) in both."""
    lv = CountryFactory(code="LV", name_en="Latvia", name_lv="Latvija")
    es = CountryFactory(code="ES", name_en="Spain", name_lv="Spānija")
    ee = CountryFactory(code="EE", name_en="Estonia", name_lv="Igaunija")
    city = {
        "riga": CityFactory(
            country=lv, slug="riga", name_en="Riga", name_lv="Rīga", latitude=56.9496,
            longitude=24.1052,
        ),
        "jurmala": CityFactory(
            country=lv, slug="jurmala", name_en="Jūrmala", name_lv="Jūrmala", latitude=56.968,
            longitude=23.7704,
        ),
        "gijon": CityFactory(
            country=es, slug="gijon", name_en="Gijón", name_lv="Hihona", latitude=43.5322,
            longitude=-5.6611,
        ),
        "tartu": CityFactory(
            country=ee, slug="tartu", name_en="Tartu", name_lv="Tartu", latitude=58.378,
            longitude=26.729,
        ),
        "quiet": CityFactory(country=lv, slug="quiet", name_en="Quiet town"),
    }  # fmt: skip
    green = NetworkFactory(slug="green", name_en="Green")
    blue = NetworkFactory(slug="blue", name_en="Blue")
    green.themes.add(ThemeFactory(slug="parks"))
    MembershipFactory(network=green, city=city["riga"], role="lead_partner")
    MembershipFactory(network=green, city=city["jurmala"])
    MembershipFactory(network=green, city=city["gijon"])
    MembershipFactory(network=green, city=city["quiet"])
    MembershipFactory(network=blue, city=city["riga"])
    MembershipFactory(network=blue, city=city["tartu"])
    MembershipFactory(network=blue, city=city["quiet"])
    return city


def points_of(response):
    assert response.status_code == 200
    html = response.content.decode()
    found = re.search(r'<script id="map-points" type="application/json">(.*?)</script>', html)
    return json.loads(found[1]) if found else None


def by_name(points):
    return {point["name"]: point for point in points}


# --- the network list: every partner city of the selection --------------------------------


def test_list_page_has_one_point_per_partner_city_with_its_networks(client, atlas):
    points = points_of(client.get("/en/networks/"))
    assert [point["name"] for point in points] == ["Riga", "Tartu", "Gijón", "Jūrmala"]
    assert by_name(points)["Riga"] == {
        "name": "Riga",
        "country": "Latvia",
        "note": "2 networks, lead partner in 1",
        "networks": 2,
        "lead": True,
        "lat": 56.9496,
        "lng": 24.1052,
        "url": "/en/cities/lv/riga/",
    }
    assert by_name(points)["Tartu"]["note"] == "1 network"
    assert not by_name(points)["Tartu"]["lead"]
    assert "Quiet town" not in by_name(points)  # no coordinates: not on the map


def test_list_page_points_follow_the_filter(client, atlas):
    # Networks with a partner in Spain: only "green", with all of its partners' cities.
    points = points_of(client.get("/en/networks/?country=es"))
    assert sorted(point["name"] for point in points) == ["Gijón", "Jūrmala", "Riga"]
    assert by_name(points)["Riga"]["note"] == "1 network, lead partner in 1"
    points = points_of(client.get("/en/networks/?country=ee&theme=parks"))
    assert points is None  # no network matches: no map at all
    points = points_of(client.get("/en/networks/?country=ee&country=es"))
    assert by_name(points)["Riga"]["networks"] == 2


def test_list_page_points_and_list_in_latvian(client, atlas):
    response = client.get("/lv/networks/")
    points = by_name(points_of(response))
    assert points["Hihona"]["country"] == "Spānija"
    assert points["Hihona"]["url"] == "/lv/cities/es/gijon/"
    assert points["Rīga"]["note"] == "2 tīkli, vadošais partneris 1 tīklā"
    assert points["Tartu"]["note"] == "1 tīkls"
    html = response.content.decode()
    assert "Kartē redzamās 4 pilsētas sarakstā" in html
    assert '<a href="/lv/cities/es/gijon/">Hihona</a> (Spānija) · 1 tīkls' in html


def test_list_page_map_markup_is_a_labelled_visual_copy_with_a_skip_link(client, atlas):
    html = client.get("/en/networks/").content.decode()
    assert '<figure class="map-figure">' in html
    assert '<a class="map-figure__skip" href="#map-caption">Skip the map</a>' in html
    assert 'id="map-caption"' in html
    assert 'aria-label="Map of the partner cities of all networks (the list after' in html
    assert 'data-labels="hover"' in html
    assert "The 4 cities on the map, as a list" in html
    assert '<a href="/en/cities/lv/riga/">Riga</a> (Latvia) · 2 networks, lead partner' in html
    filtered = client.get("/en/networks/?theme=parks").content.decode()
    assert "partner cities of the selected networks" in filtered


def test_list_page_points_cost_one_query(client, atlas, settings):
    with CaptureQueriesContext(connection) as queries:
        client.get("/en/networks/?country=lv")
    # The map's cities: the only query that reads coordinates.
    city_queries = [q["sql"] for q in queries if '"cities_city"."latitude"' in q["sql"]]
    assert len(city_queries) == 1, city_queries
    for number in range(30):
        MembershipFactory(
            network=Network.objects.get(slug="blue"),
            city=CityFactory(
                country=atlas["riga"].country, latitude=57, longitude=25 + number / 10
            ),
        )
    with CaptureQueriesContext(connection) as more:
        points = points_of(client.get("/en/networks/?country=lv"))
    assert len(points) == 34
    assert len(more) == len(queries)


def test_partner_cities_is_one_query_given_keys(atlas, django_assert_num_queries):
    """Given a page's own networks (keys), the memberships with their cities and countries
    in one query filtered by the keys, with no subquery; given a queryset, its keys are
    read first."""
    keys = list(Network.objects.filter(themes__slug="parks").values_list("pk", flat=True))
    with django_assert_num_queries(1) as queries:
        points = city_map_points(partner_cities(keys))
    assert [point["networks"] for point in points] == [1, 1, 1]
    sql = queries.captured_queries[0]["sql"]
    assert '"networks_membership"."network_id" IN (' in sql
    assert 'JOIN "cities_city"' in sql and 'JOIN "cities_country"' in sql
    assert "SELECT" not in sql.split(" FROM ", 1)[1]
    with django_assert_num_queries(2):
        selected = city_map_points(partner_cities(Network.objects.select(theme="parks")))
    assert by_name(selected) == by_name(points)
    with django_assert_num_queries(1):
        assert len(city_map_points(partner_cities())) == 4


def test_points_come_from_the_page_cache_and_change_with_the_content(client, atlas, settings):
    settings.PAGE_CACHE_SECONDS = 60
    assert len(points_of(client.get("/en/networks/"))) == 4
    with CaptureQueriesContext(connection) as queries:
        points_of(client.get("/en/networks/"))
    assert not [q for q in queries if 'FROM "cities_city"' in q["sql"]]  # the stored page
    MembershipFactory(
        network=Network.objects.get(slug="blue"),
        city=CityFactory(slug="valka", name_en="Valka", latitude=57.775, longitude=26.0),
    )
    assert "Valka" in by_name(points_of(client.get("/en/networks/")))
    # Per language: the Latvian page does not reuse the English names.
    assert "Rīga" in by_name(points_of(client.get("/lv/networks/")))


def test_describe_city():
    from django.utils import translation

    with translation.override("en"):
        assert describe_city(1, 0) == "1 network"
        assert describe_city(3, 2) == "3 networks, lead partner in 2"
    with translation.override("lv"):
        assert describe_city(1, 1) == "1 tīkls, vadošais partneris 1 tīklā"
        assert describe_city(5, 0) == "5 tīkli"
        assert describe_city(21, 0) == "21 tīkls"


# --- the country page: the country's partner cities, all of them --------------------------


def test_country_page_has_its_partner_cities_only(client, atlas):
    points = points_of(client.get("/en/countries/lv/"))
    assert [point["name"] for point in points] == ["Riga", "Jūrmala"]
    assert by_name(points)["Riga"]["note"] == "2 networks, lead partner in 1"
    assert by_name(points)["Jūrmala"]["lead"] is False
    html = client.get("/en/countries/lv/").content.decode()
    assert 'aria-label="Map of the cities of Latvia that take part in networks' in html
    assert 'data-labels="always"' in html
    assert '<a class="map-figure__skip" href="#map-caption">Skip the map</a>' in html


def test_country_page_map_shows_the_cities_on_the_page(client, atlas, settings):
    lv = atlas["riga"].country
    network = Network.objects.get(slug="blue")
    for number in range(30):
        MembershipFactory(
            network=network, city=CityFactory(country=lv, latitude=57, longitude=21 + number / 5)
        )
    with CaptureQueriesContext(connection) as queries:
        response = client.get("/en/countries/lv/")
    assert len(response.context["cities"]) == 25  # the list is paginated
    # And so is the map: its markers are the cities of the page that have coordinates.
    located = [city.name for city in response.context["cities"] if city.latitude is not None]
    assert sorted(point["name"] for point in points_of(response)) == sorted(located)
    assert len(located) == 25  # alphabetical: the 30 new towns come before Jūrmala
    html = response.content.decode()
    assert 'data-labels="hover"' in html  # too many names to show
    assert "Map of the cities of Latvia on this page" in html
    # Page 2: five towns, Jūrmala, Quiet town (no coordinates) and Riga.
    with CaptureQueriesContext(connection) as second:
        assert len(points_of(client.get("/en/countries/lv/?page=2"))) == 7
    MembershipFactory(network=network, city=CityFactory(country=lv, latitude=56, longitude=22))
    with CaptureQueriesContext(connection) as more:
        assert len(points_of(client.get("/en/countries/lv/?page=2"))) == 8
    assert len(more) == len(second)
    # A later page reads the first page's cities once more, for the country's one card: their
    # keys, then their memberships with the cities (two queries).
    assert len(more) == len(queries) + 2


def test_country_without_partner_cities_has_no_map(client, atlas):
    CountryFactory(code="FI")
    response = client.get("/en/countries/fi/")
    assert points_of(response) is None
    assert "map-figure" not in response.content.decode()


def test_country_page_in_latvian(client, atlas):
    points = by_name(points_of(client.get("/lv/countries/es/")))
    assert points == {
        "Hihona": {
            "name": "Hihona",
            "country": "Spānija",
            "note": "1 tīkls",
            "networks": 1,
            "lead": False,
            "lat": 43.5322,
            "lng": -5.6611,
            "url": "/lv/cities/es/gijon/",
        }
    }


# --- the base map: outlines or tiles ------------------------------------------------------


@pytest.mark.parametrize("url", ["/en/networks/", "/en/countries/lv/", "/en/networks/green/"])
def test_without_tiles_the_map_loads_the_built_outlines_only_when_shown(
    client, atlas, settings, url
):
    settings.MAP_TILE_URL = ""
    html = client.get(url).content.decode()
    assert 'data-tile-url=""' in html
    assert 'data-outlines-url="/static/map/europe.json"' in html
    assert 'data-topojson-js="/static/vendor/topojson-client/topojson-client.min.js"' in html
    assert 'data-leaflet-js="/static/vendor/leaflet/leaflet.js"' in html
    assert 'data-leaflet-css="/static/vendor/leaflet/leaflet.css"' in html
    # Nothing of the map loads with the page: the script fetches it when the map is in view.
    assert '<script src="/static/vendor/' not in html
    assert 'rel="stylesheet" href="/static/vendor/leaflet' not in html
    assert "Skip the map" in html


@pytest.mark.parametrize("url", ["/en/networks/", "/en/countries/lv/"])
def test_with_tiles_the_page_uses_them_and_skips_the_outline_script(client, atlas, settings, url):
    settings.MAP_TILE_URL = "https://tiles.example.org/{z}/{x}/{y}.png"
    html = client.get(url).content.decode()
    assert 'data-tile-url="https://tiles.example.org/{z}/{x}/{y}.png"' in html
    assert "topojson-client.min.js" not in html
    assert "data-outlines-url" not in html
    assert 'data-leaflet-js="/static/vendor/leaflet/leaflet.js"' in html


MAP_DATA = Path(settings.BASE_DIR) / "static" / "map" / "europe.json"


def test_the_built_outlines_cover_europe_and_stay_light():
    text = MAP_DATA.read_bytes()
    assert len(gzip.compress(text, compresslevel=9)) <= 60 * 1024
    world = json.loads(text)
    assert world["type"] == "Topology"
    west, south, east, north = world["bbox"]
    # Every partner city of the programme lies inside: Lisbon to Cyprus, Malta to Oulu.
    assert west <= -9.2 and east >= 34 and south <= 35 and north >= 65
    countries = {country.get("id") for country in world["objects"]["countries"]["geometries"]}
    # Latvia, Spain, Malta, Cyprus, Luxembourg, Iceland by their ISO 3166-1 numeric codes.
    assert {"428", "724", "470", "196", "442", "352"} <= countries
    assert not countries & {"840", "036", "076"}  # the USA, Australia, Brazil are cut away
    # Quantized and delta-encoded: whole numbers only.
    assert all(isinstance(value, int) for arc in world["arcs"] for point in arc for value in point)


def test_the_map_tools_are_pinned_and_their_licences_kept():
    licences = [VENDOR / "topojson-client" / "LICENSE", MAP_DATA.parent / "LICENSE-world-atlas"]
    for licence in licences:
        assert "Permission to use, copy, modify" in licence.read_text()
    script = (VENDOR / "topojson-client" / "topojson-client.min.js").read_text()
    assert script.startswith("// https://github.com/topojson/topojson-client v3.1.0")
    package = json.loads((Path(settings.BASE_DIR) / "package.json").read_text())
    assert package["devDependencies"]["world-atlas"] == "2.0.2"
    assert package["devDependencies"]["topojson-server"] == "3.0.1"
    assert package["devDependencies"]["topojson-simplify"] == "3.0.3"
    assert package["dependencies"]["topojson-client"] == "3.1.0"
    assert "scripts/build-map.js" in package["scripts"]["build-map"]


def test_a_list_longer_than_a_page_maps_the_networks_on_the_page(client, atlas):
    # 31 more networks, each with a partner city of its own: the list has two pages.
    for number in range(31):
        network = NetworkFactory(slug=f"zz-{number:02}", name_en=f"Zz network {number:02}")
        MembershipFactory(
            network=network,
            city=CityFactory(slug=f"zz-city-{number:02}", latitude=50, longitude=number / 10),
        )
    first = client.get("/en/networks/")
    second = client.get("/en/networks/?page=2")
    listed = {
        page: [n.pk for n in response.context["page_obj"].object_list]
        for page, response in ((1, first), (2, second))
    }
    for page, response in ((1, first), (2, second)):
        expected = {
            row["slug"] for row in partner_cities(Network.objects.filter(pk__in=listed[page]))
        }
        assert {point["url"].rstrip("/").rsplit("/", 1)[1] for point in points_of(response)} == (
            expected
        )
        html = response.content.decode()
        assert "partner cities of the networks on this page" in html
    assert len(points_of(first)) <= 30 * 1 + 4
    lv = client.get("/lv/networks/").content.decode()
    assert "Šajā lapā uzskaitīto sadarbības tīklu partnerpilsētu karte" in lv


def test_each_point_links_the_city_page_and_names_it_in_the_visitors_language(atlas):
    from cities.models import City

    atlas["tartu"].name_en = ""  # no English name: the Latvian one stands in
    atlas["tartu"].save()
    with translation.override("en"):
        points = by_name(city_map_points(partner_cities(Network.objects.all())))
        for name, slug in (("Riga", "riga"), ("Gijón", "gijon"), ("Tartu", "tartu")):
            assert points[name]["url"] == City.objects.get(slug=slug).get_absolute_url()
        assert points["Gijón"]["country"] == "Spain"
    with translation.override("lv"):
        points = by_name(city_map_points(partner_cities(Network.objects.all())))
        assert points["Hihona"]["url"] == "/lv/cities/es/gijon/"
        assert points["Hihona"]["country"] == "Spānija"


@pytest.mark.parametrize("path", ["/en/networks/", "/en/networks/green/", "/en/countries/lv/"])
def test_a_city_name_cannot_close_the_map_data(client, atlas, path):
    """The map's data is JSON in a script element: a name with markup in it stays a name,
    escaped so that it cannot end the element, and reads back whole."""
    name = '</script><script>alert("x")</script> & <b>'
    atlas["riga"].name_en = name
    atlas["riga"].save()
    html = client.get(path).content.decode()
    data = html.split('<script id="map-points" type="application/json">', 1)[1]
    data = data.split("</script>", 1)[0]
    assert "<" not in data and ">" not in data and "&" not in data
    assert name in {point["name"] for point in json.loads(data)}
