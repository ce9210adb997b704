"""The network list, a network's section, its updates and its feed."""

import datetime
import json
import re

import pytest
from django.core.cache import caches
from django.urls import reverse
from django.utils import timezone

from networks.dates import add_months
from networks.models import Period
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


def page(response):
    assert response.status_code == 200
    return response.content.decode()


# --- the list --------------------------------------------------------------------------


@pytest.fixture
def listed():
    lv, es = CountryFactory(code="LV", name_en="Latvia"), CountryFactory(code="ES")
    shrinking = ThemeFactory(slug="shrinking", name_en="Shrinking cities")
    ThemeFactory(slug="unused", name_en="Nobody's theme")
    riga = CityFactory(country=lv, slug="riga", name_en="Riga")
    active = NetworkFactory(slug="active", name_en="Active NGOs")
    regrow = NetworkFactory(slug="regrow", name_en="Re-growCity")
    other = NetworkFactory(slug="other", name_en="Other network")
    regrow.themes.add(shrinking)
    MembershipFactory(network=active, city=riga, role="lead_partner")
    MembershipFactory(network=regrow, city=CityFactory(country=lv))
    MembershipFactory(network=other, city=CityFactory(country=es), role="lead_partner")
    PhaseFactory(network=active)
    return {"active": active, "regrow": regrow, "other": other}


def network_rows(html):
    return re.findall(r'<th scope="row"><a href="/en/networks/([\w-]+)/">', html)


def test_list_shows_every_network_with_lead_partner_and_figures(client, listed):
    response = client.get("/en/networks/")
    html = page(response)
    assert network_rows(html) == ["active", "other", "regrow"]
    assert 'href="/en/cities/lv/riga/">Riga</a> (Latvia)' in html
    assert "Phase 2 · finished on 31 December 2020" in html
    assert response.context["figures"]["networks"] == 3


def test_list_filters_combine_and_take_several_values(client, listed):
    response = client.get("/en/networks/?country=lv&country=es&theme=shrinking")
    assert network_rows(page(response)) == ["regrow"]
    assert response.context["figures"] == {
        "networks": 1,
        "partners": 1,
        "countries": 1,
        "newcomers": 0,
        "newcomer_share": 0.0,
    }
    response = client.get("/en/networks/?country=lv&country=es")
    assert network_rows(page(response)) == ["active", "other", "regrow"]


def test_the_form_keeps_the_filter_and_offers_only_used_values(client, listed):
    html = page(client.get("/en/networks/?theme=shrinking&country=lv"))
    assert re.search(r'name="theme" value="shrinking" id="[\w-]+" checked', html)
    assert re.search(r'name="country" value="lv" id="[\w-]+" checked', html)
    assert re.search(r'name="country" value="es" id="[\w-]+">', html)
    assert "Nobody&#x27;s theme" not in html and "Nobody's theme" not in html
    assert 'value="upcoming"' not in html  # no network is upcoming
    assert "Clear filters" in html


def test_per_country_counts_follow_the_filter(client, listed):
    counts = client.get("/en/networks/?country=lv").context["country_counts"]
    assert [(c.code, c.networks, c.partners) for c in counts] == [("LV", 2, 2)]


@pytest.mark.parametrize(
    "query",
    [
        "?country=zz",
        "?phase=abc",
        "?status=bogus&status=ongoing",
        "?programme=%00",
        "?theme=" + "x" * 500,
        "?country=lv&country=lv",
        "?page=-1",
    ],
)
def test_bad_filter_values_are_ignored_not_errors(client, listed, query):
    html = page(client.get("/en/networks/" + query))
    assert "networks" in html


def test_an_unknown_value_keeps_the_valid_filters(client, listed):
    response = client.get("/en/networks/?country=zz&theme=shrinking")
    assert network_rows(page(response)) == ["regrow"]
    assert "An unknown value was ignored." in page(response)


def test_no_match_says_so(client, listed):
    html = page(client.get("/en/networks/?theme=shrinking&country=es"))
    assert "No network matches this selection." in html


# --- the section -----------------------------------------------------------------------


@pytest.fixture
def section(settings):
    settings.MAP_TILE_URL = ""
    today = timezone.localdate()
    lv = CountryFactory(code="LV", name_en="Latvia")
    riga = CityFactory(
        country=lv, slug="riga", name_en="Riga", latitude="56.94960", longitude="24.10520"
    )
    network = NetworkFactory(
        slug="active",
        name_en="Active NGOs",
        summary_en="Riga shares its NGO House.",
        goals_en="Stronger NGOs.",
        challenges_en="Funding.",
        lead_expert="Ms Expert",
        planned_start=add_months(today, -6),
        planned_end=add_months(today, 18),
        good_practice=GoodPracticeFactory(city=riga, title_en="NGO House"),
    )
    MembershipFactory(network=network, city=riga, role="lead_partner")
    MembershipFactory(network=network, city=CityFactory(name_en="Gijón"), is_newcomer=True)
    phase = PhaseFactory(network=network, start=add_months(today, -6), end=add_months(today, 18))
    Period.objects.create(
        phase=phase,
        kind="learning",
        start=phase.start,
        end=add_months(phase.start, 18) - datetime.timedelta(days=1),
    )
    ProgressUpdateFactory(network=network, title_en="Kick-off held", slug="kick-off")
    ProgressUpdateFactory(network=network, title_en="Secret draft", status="draft")
    ProgressUpdateFactory(network=network, title_en="Waiting review", status="in_review")
    ProgressUpdateFactory(network=network, title_en="Tomorrow", date=today + datetime.timedelta(1))
    EventFactory(network=network, title_en="Transnational meeting in Riga")
    ArticleFactory(title_en="Riga leads Active NGOs").networks.add(network)
    ArticleFactory(title_en="Draft article", status="draft").networks.add(network)
    ArticleFactory(title_en="", body_en="", title_lv="Tikai latviski").networks.add(network)
    return network


def test_section_shows_the_network(client, section):
    html = page(client.get("/en/networks/active/"))
    for text in [
        "<h1>Active NGOs</h1>",
        "Riga shares its NGO House.",
        "Stronger NGOs.",
        "Funding.",
        "NGO House",
        "A good practice of Riga (Latvia)",
        "Ms Expert",
        "Gijón",
        "Lead partner",
        "Phase 2 · learning period · month 7 of 18",
        "Transnational meeting in Riga",
        "Kick-off held",
        "Riga leads Active NGOs",
        '<progress class="stage__bar" max="18" value="7"',
    ]:
        assert text in html, text
    assert html.count("<h1") == 1


def test_section_hides_drafts_and_future_updates(client, section):
    html = page(client.get("/en/networks/active/"))
    for hidden in ["Secret draft", "Waiting review", "Tomorrow", "Draft article"]:
        assert hidden not in html


def test_news_missing_in_the_language_is_not_listed(client, section):
    assert "Tikai latviski" not in page(client.get("/en/networks/active/"))
    assert "Tikai latviski" in page(client.get("/lv/networks/active/"))


def test_section_map_data_and_tiles(client, section, settings):
    html = page(client.get("/en/networks/active/"))
    points = json.loads(
        re.search(r'<script id="map-points" type="application/json">(.*?)</script>', html)[1]
    )
    assert points == [
        {
            "name": "Riga",
            "country": "Latvia",
            "role": "lead partner",
            "lead": True,
            "lat": 56.9496,
            "lng": 24.1052,
            "url": "/en/cities/lv/riga/",
        }
    ]  # Gijón has no coordinates: only in the table
    assert 'data-tile-url=""' in html
    assert "vendor/leaflet/leaflet.js" in html
    assert "http://" not in html.split("<main")[1].split("</main>")[0].replace(
        "http://testserver", ""
    )
    settings.MAP_TILE_URL = "https://tiles.example.org/{z}/{x}/{y}.png"
    caches[settings.PAGE_CACHE_ALIAS].clear()  # pages outlive a settings change
    assert 'data-tile-url="https://tiles.example.org/{z}/{x}/{y}.png"' in page(
        client.get("/en/networks/active/")
    )


def test_section_has_breadcrumbs_alternates_and_open_graph(client, section):
    html = page(client.get("/en/networks/active/"))
    assert '<nav class="breadcrumbs" aria-label="You are here">' in html
    assert '<span aria-current="page">Active NGOs</span>' in html
    assert (
        '<link rel="alternate" hreflang="lv" href="http://testserver/lv/networks/active/">' in html
    )
    assert (
        '<link rel="alternate" hreflang="en" href="http://testserver/en/networks/active/">' in html
    )
    assert '<meta property="og:title" content="Active NGOs">' in html
    assert '<meta property="og:description" content="Riga shares its NGO House.">' in html
    assert 'type="application/atom+xml"' in html


def test_language_switcher_keeps_the_object_and_the_query(client, section):
    html = page(client.get("/en/networks/active/"))
    assert 'href="/lv/networks/active/" hreflang="lv"' in html
    html = page(client.get("/lv/networks/?country=lv&theme=x"))
    assert 'href="/en/networks/?country=lv&amp;theme=x" hreflang="en"' in html
    html = page(client.get("/lv/networks/active/updates/kick-off/"))
    assert 'href="/en/networks/active/updates/kick-off/" hreflang="en"' in html


def test_unknown_network_is_the_designed_404(client, section):
    for url in ["/en/networks/nope/", "/en/networks/nope/updates/", "/en/networks/nope/feed/"]:
        response = client.get(url)
        assert response.status_code == 404, url
    assert "site-header" in client.get("/en/networks/nope/").content.decode()


# --- updates and feed --------------------------------------------------------------------


def test_updates_are_paginated_and_published_only(client, section):
    for day in range(1, 13):
        ProgressUpdateFactory(network=section, date=datetime.date(2020, 1, day))
    first = client.get("/en/networks/active/updates/")
    assert len(first.context["updates"]) == 10
    assert "Secret draft" not in page(first)
    second = client.get("/en/networks/active/updates/?page=2")
    assert len(second.context["updates"]) == 3
    assert client.get("/en/networks/active/updates/?page=9").status_code == 404
    assert client.get("/en/networks/active/updates/?page=x").status_code == 404


def test_one_update_and_drafts_404(client, section):
    html = page(client.get("/en/networks/active/updates/kick-off/"))
    assert "<h1>Kick-off held</h1>" in html
    draft = section.updates.get(status="draft")
    assert client.get(draft.get_absolute_url()).status_code == 404
    other = NetworkFactory(slug="other")
    url = reverse("networks:update", kwargs={"network_slug": other.slug, "slug": "kick-off"})
    assert client.get(url).status_code == 404


def test_atom_feed_lists_published_updates(client, section):
    response = client.get("/en/networks/active/feed/")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/atom+xml")
    xml = response.content.decode()
    assert "Active NGOs: progress updates" in xml
    assert "Kick-off held" in xml
    assert "/en/networks/active/updates/kick-off/" in xml
    for hidden in ["Secret draft", "Waiting review", "Tomorrow"]:
        assert hidden not in xml
    assert 'xml:lang="en"' in xml
    assert 'xml:lang="lv"' in client.get("/lv/networks/active/feed/").content.decode()


def test_event_list_puts_upcoming_events_before_past_ones(client):
    today = timezone.localdate()
    EventFactory(
        title_en="Last year",
        start_date=today - datetime.timedelta(days=365),
        end_date=today - datetime.timedelta(days=365),
    )
    EventFactory(
        title_en="Next month",
        start_date=today + datetime.timedelta(30),
        end_date=today + datetime.timedelta(31),
    )
    html = page(client.get("/en/events/"))
    assert (
        html.index("Upcoming events")
        < html.index("Next month")
        < html.index("Past events")
        < html.index("Last year")
    )
