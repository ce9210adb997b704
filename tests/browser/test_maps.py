"""The partner maps in a real browser with no tile server configured: country outlines from
the portal's own simplified copy of Natural Earth's data under the markers, loaded when the
map comes into view, and not one request to another host."""

import pytest

from networks.models import Network
from tests.factories import CityFactory, CountryFactory, MembershipFactory, NetworkFactory

from .conftest import SCREENSHOTS, run_axe, screenshot

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

# Real coordinates, so the screenshots show what a visitor would see.
CITIES = {
    "riga": ("LV", "Rīga", "Riga", 56.9496, 24.1052),
    "jurmala": ("LV", "Jūrmala", "Jūrmala", 56.9680, 23.7704),
    "aluksne": ("LV", "Alūksne", "Alūksne", 57.4242, 27.0469),
    "gijon": ("ES", "Hihona", "Gijón", 43.5322, -5.6611),
    "santa-pola": ("ES", "Santapola", "Santa Pola", 38.1917, -0.5658),
    "altena": ("DE", "Altena", "Altena", 51.2994, 7.6731),
    "chemnitz": ("DE", "Kemnica", "Chemnitz", 50.8278, 12.9214),
    "seraing": ("BE", "Seraina", "Seraing", 50.5833, 5.5000),
    "turin": ("IT", "Turīna", "Turin", 45.0703, 7.6869),
    "budapest": ("HU", "Budapešta", "Budapest", 47.4979, 19.0402),
    "tartu": ("EE", "Tartu", "Tartu", 58.3780, 26.7290),
}
COUNTRY_NAMES = {
    "LV": ("Latvija", "Latvia"),
    "ES": ("Spānija", "Spain"),
    "DE": ("Vācija", "Germany"),
    "BE": ("Beļģija", "Belgium"),
    "IT": ("Itālija", "Italy"),
    "HU": ("Ungārija", "Hungary"),
    "EE": ("Igaunija", "Estonia"),
}
NETWORKS = {
    "active-ngos": ("riga", ["jurmala", "gijon", "seraing", "turin", "budapest", "chemnitz"]),
    "card4all": ("gijon", ["jurmala", "santa-pola", "altena", "tartu"]),
    "re-growcity": ("altena", ["aluksne", "riga", "chemnitz"]),
}


@pytest.fixture
def maps_site(site_settings, live_server):
    assert site_settings.MAP_TILE_URL == ""
    countries = {
        code: CountryFactory(code=code, name_lv=lv, name_en=en)
        for code, (lv, en) in COUNTRY_NAMES.items()
    }
    cities = {
        slug: CityFactory(
            slug=slug,
            country=countries[code],
            name_lv=lv,
            name_en=en,
            latitude=f"{lat:.5f}",
            longitude=f"{lng:.5f}",
        )
        for slug, (code, lv, en, lat, lng) in CITIES.items()
    }
    for slug, (lead, partners) in NETWORKS.items():
        network = NetworkFactory(slug=slug, name_lv=slug.title(), name_en=slug.title())
        MembershipFactory(network=network, city=cities[lead], role="lead_partner")
        for partner in partners:
            MembershipFactory(network=network, city=cities[partner])
    return live_server.url


PAGES = {
    # name: (address, markers expected)
    "network": ("/en/networks/active-ngos/", 7),
    "networks": ("/en/networks/", len(CITIES)),
    "networks-filtered": ("/lv/networks/?country=ee", 5),
    "country": ("/en/countries/lv/", 3),
}


def test_maps_draw_outlines_and_markers_from_the_site_alone(maps_site, open_page):
    requests = []
    for width in (1280, 375):
        page = open_page(width=width)
        page.on("request", lambda request: requests.append(request.url))
        for name, (path, markers) in PAGES.items():
            page.goto(f"{maps_site}{path}")
            page.locator(".map").scroll_into_view_if_needed()
            page.wait_for_selector(".map--outlined path.map__outline", state="attached")
            page.wait_for_selector(".map--drawn path.map__marker")
            # Every country of the built file, under the partners' markers.
            assert page.locator("path.map__outline").count() >= 70, path
            assert page.locator("path.map__marker").count() == markers, path
            assert page.locator(".leaflet-tile").count() == 0, path
            under = page.evaluate(
                """() => {
                    const outline = document.querySelector('path.map__outline');
                    const marker = document.querySelector('path.map__marker');
                    const z = (el) => Number(getComputedStyle(el.closest('.leaflet-pane')).zIndex);
                    return z(outline) < z(marker);
                }"""
            )
            assert under, f"{path}: the outlines are drawn over the markers"
            # The outlines around the markers are drawn, not only created.
            drawn = page.evaluate(
                """() => [...document.querySelectorAll('path.map__outline')]
                    .filter((p) => (p.getAttribute('d') || '').length > 20).length"""
            )
            assert drawn >= 3, path
            screenshot(page, f"map-{name}-{width}")
            page.locator(".map-figure").screenshot(
                path=str(SCREENSHOTS / f"map-{name}-{width}-map.png")
            )
    assert any(url.endswith("/map/europe.json") for url in requests)
    elsewhere = [url for url in requests if not url.startswith(f"{maps_site}/")]
    assert elsewhere == []
    # open_page's watcher also fails the test on a console error or a failed request.


def test_keyboard_users_can_skip_the_map(maps_site, open_page):
    page = open_page()
    page.goto(f"{maps_site}/en/networks/")
    page.locator(".map").scroll_into_view_if_needed()
    page.wait_for_selector(".map--drawn path.map__marker")
    skip = page.locator(".map-figure__skip")
    assert skip.bounding_box()["width"] <= 1  # out of sight until focused
    skip.focus()
    assert skip.bounding_box()["width"] > 50
    assert skip.inner_text() == "Skip the map"
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.id") == "map-caption"
    # The same cities are in the list after the map.
    page.click(".city-list summary")
    items = page.locator(".city-list__items li").all_inner_texts()
    assert len(items) == len(CITIES)
    assert "Riga (Latvia) · 2 networks, lead partner in 1" in items
    assert Network.objects.count() == 3


def test_the_map_stays_hidden_without_javascript(maps_site, open_page):
    page = open_page(java_script_enabled=False)
    page.goto(f"{maps_site}/en/countries/lv/")
    assert page.locator(".map-figure").is_hidden()
    assert page.locator(".city-block").count() == 3


def test_pages_with_a_drawn_map_pass_axe(maps_site, open_page):
    failures = []
    for width in (1280, 375):
        checker = open_page(width=width, bypass_csp=True)
        for name, (path, _markers) in PAGES.items():
            checker.goto(f"{maps_site}{path}")
            checker.locator(".map").scroll_into_view_if_needed()
            checker.wait_for_selector(".map--drawn path.map__marker")
            for violation in run_axe(checker):
                failures.append(f"{name} at {width}px: {violation}")
    assert failures == []


def test_the_map_loads_nothing_until_it_comes_into_view(maps_site, open_page):
    requests = []
    page = open_page(width=375, height=640)
    page.on("request", lambda request: requests.append(request.url))
    page.goto(f"{maps_site}/en/networks/active-ngos/", wait_until="networkidle")
    assert page.locator(".map").is_visible()  # shown where scripts run, below the fold
    assert not [url for url in requests if "leaflet" in url or url.endswith(".json")]
    page.locator(".map").scroll_into_view_if_needed()
    page.wait_for_selector(".map--drawn path.map__marker")
    assert any(url.endswith("/vendor/leaflet/leaflet.js") for url in requests)
    assert any(url.endswith("/map/europe.json") for url in requests)
