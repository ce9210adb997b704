"""The public site in a real browser: navigation, language switch, filters, accessibility
(axe-core), layout at phone width, screenshots for a human to look at."""

import datetime

import pytest
from django.utils import timezone

from networks.dates import add_months
from networks.models import Network, Period
from tests import demo_rows
from tests.factories import (
    CityFactory,
    CountryFactory,
    EventFactory,
    MembershipFactory,
    NetworkFactory,
    PhaseFactory,
    ProgressUpdateFactory,
)

from .conftest import check_pages

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


@pytest.fixture
def site(site_settings, live_server):
    """The demo data, plus what a visitor would see on a live portal: progress updates, an
    upcoming event and an ongoing network in its learning period."""
    demo_rows.load()
    today = timezone.localdate()
    active = Network.objects.get(slug="active-ngos")
    for number, (lv, en) in enumerate(
        [
            ("Starptautiskā tikšanās Rīgā", "Transnational meeting in Riga"),
            ("Pārneses plāns pabeigts", "Transfer plan completed"),
            ("Sākumsanāksme Parīzē", "Kick-off meeting in Paris"),
        ]
    ):
        ProgressUpdateFactory(
            network=active,
            title_lv=lv,
            title_en=en,
            slug=f"update-{number}",
            date=datetime.date(2019, 9 - number * 3, 10),
        )
    EventFactory(
        title_lv="URBACT nacionālās mācības",
        title_en="URBACT national training",
        place_lv="Rīga",
        place_en="Riga",
        start_date=today + datetime.timedelta(days=30),
        end_date=today + datetime.timedelta(days=31),
    )
    lv = CountryFactory(code="LV")
    ongoing = NetworkFactory(
        slug="green-streets",
        name_lv="Zaļās ielas",
        name_en="Green Streets",
        planned_start=add_months(today, -6),
        planned_end=add_months(today, 18),
    )
    MembershipFactory(network=ongoing, city=lv.cities.get(slug="jurmala"), role="lead_partner")
    MembershipFactory(
        network=ongoing,
        city=CityFactory(
            name_lv="Tartu",
            name_en="Tartu",
            latitude="58.37800",
            longitude="26.72900",
            country=CountryFactory(code="EE", name_lv="Igaunija", name_en="Estonia"),
        ),
    )
    phase = PhaseFactory(network=ongoing, start=ongoing.planned_start, end=ongoing.planned_end)
    Period.objects.create(
        phase=phase,
        kind="learning",
        start=phase.start,
        end=add_months(phase.start, 18) - datetime.timedelta(days=1),
    )
    return live_server.url


def test_home_in_latvian_then_english_on_a_network_page(site, open_page, watcher):
    page = open_page()
    page.goto(f"{site}/lv/")
    assert page.get_attribute("html", "lang") == "lv"
    assert page.inner_text("h1") == "URBACT Latvijā"
    assert "Jaunākās ziņas" in page.inner_text("main")
    assert "Latest news" not in page.inner_text("main")
    page.click(".site-nav >> text=Sadarbības tīkli")
    page.wait_for_url(f"{site}/lv/networks/")
    page.click("table >> text=ACTive NGOs")
    page.wait_for_url(f"{site}/lv/networks/active-ngos/")
    assert "Vadošais partneris" in page.inner_text("main")
    page.click(".language-switcher >> text=English")
    page.wait_for_url(f"{site}/en/networks/active-ngos/")
    assert page.get_attribute("html", "lang") == "en"
    assert page.inner_text("h1") == "ACTive NGOs"
    assert "Lead partner" in page.inner_text("main")
    assert page.locator(".update-list li").count() == 4  # the demo's update and these 3
    # The map is drawn from the table's data, without tiles when none are configured.
    page.locator(".partners__map").scroll_into_view_if_needed()
    page.wait_for_selector(".partners__map .map--drawn .leaflet-interactive")
    assert page.locator(".leaflet-tile").count() == 0


def test_filtering_the_network_list(site, open_page):
    page = open_page()
    page.goto(f"{site}/en/networks/")
    # The first page of the list: 25 networks a page.
    assert page.locator("table.table--stack tbody tr").count() == min(Network.objects.count(), 25)
    page.check("label:text-is('Shrinking cities') >> xpath=../input")
    page.click("text=Show networks")
    page.wait_for_url("**/en/networks/?*theme=shrinking-cities*")
    names = page.locator("table.table--stack tbody th").all_inner_texts()
    assert [name.splitlines()[0] for name in names] == ["ALT/BAU", "Re-growCity"]
    assert page.is_checked("label:text-is('Shrinking cities') >> xpath=../input")
    page.check("label:text-is('Digital services') >> xpath=../input")
    page.click("text=Show networks")
    page.wait_for_url("**theme=digital-services*")
    names = page.locator("table.table--stack tbody th").all_inner_texts()
    assert [name.splitlines()[0] for name in names] == [
        "ALT/BAU",
        "Card4All",
        "DIGI-INCLUSION",
        "Re-growCity",
        "Tech Revolution",
    ]
    assert page.inner_text(".figures__item dd >> nth=0") == "5"
    # The language switch keeps the filter.
    page.click(".language-switcher >> text=Latviešu")
    page.wait_for_url("**/lv/networks/?*theme=digital-services*")
    assert page.locator("table.table--stack tbody tr").count() == 5


def test_a_partners_city_page(site, open_page):
    page = open_page()
    page.goto(f"{site}/en/networks/card4all/")
    page.click(".partners__table >> text=Jūrmala")
    page.wait_for_url(f"{site}/en/cities/lv/jurmala/")
    assert page.inner_text("h1") == "Jūrmala"
    assert "Card4All" in page.inner_text("main")
    page.click(".breadcrumbs >> text=Latvia")
    page.wait_for_url(f"{site}/en/countries/lv/")
    callout = page.inner_text(".callout")
    assert "First lead partner from Latvia" in callout
    assert "Riga · ACTive NGOs · 2019" in callout


def test_keyboard_users_see_where_they_are(site, open_page):
    page = open_page()
    page.goto(f"{site}/en/")
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.className") == "skip-link"
    outline = page.evaluate("getComputedStyle(document.activeElement).outlineStyle")
    assert outline == "solid"


MAIN_PAGES = {
    "home": "/lv/",
    "home-en": "/en/",
    "networks": "/lv/networks/",
    "networks-filtered": "/en/networks/?country=lv&status=closed",
    "network": "/lv/networks/active-ngos/",
    "network-ongoing": "/en/networks/green-streets/",
    "updates": "/en/networks/active-ngos/updates/",
    "update": "/en/networks/active-ngos/updates/update-0/",
    "city": "/lv/cities/lv/riga/",
    "country": "/en/countries/lv/",
    "events": "/lv/events/",
    "not-found": "/en/networks/no-such-network/",
}


def test_main_pages_are_accessible_and_fit_a_phone(site, open_page, watcher):
    watcher.expect_status(f"{site}{MAIN_PAGES['not-found']}", 404)
    assert check_pages(open_page, site, MAIN_PAGES) == []


def test_the_network_filters_fold_on_a_phone_and_open_on_a_wide_screen(site, open_page):
    phone = open_page(width=375, height=740)
    phone.goto(f"{site}/en/networks/")
    assert not phone.is_visible("text=Show networks")
    # The first network is on the first screen, not 2.5 screens down.
    assert phone.locator("table.table--stack tbody tr >> nth=0").bounding_box()["y"] < 740 * 1.5
    phone.click("summary >> text=Filter networks")
    phone.check("label:text-is('Shrinking cities') >> xpath=../input")
    phone.click("text=Show networks")
    phone.wait_for_url("**theme=shrinking-cities*")
    assert "Filter networks (1 chosen)" in phone.inner_text(".filters-fold__summary")
    assert not phone.is_visible("text=Show networks")

    wide = open_page(width=1280)
    wide.goto(f"{site}/en/networks/")
    assert wide.is_visible("text=Show networks")
    # Open without the script too, where the browser styles a details element's content.
    bare = open_page(width=1280, java_script_enabled=False)
    bare.goto(f"{site}/en/networks/")
    assert bare.is_visible("text=Show networks")
