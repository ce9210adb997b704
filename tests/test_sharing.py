"""What a page gives to be shared and indexed: a social card drawn by the portal (1200 x 630
PNG, once per content), Open Graph and Twitter tags, one canonical address with the filters
folded, one hreflang set with x-default, schema.org data that parses."""

import io
import json
import re
from html.parser import HTMLParser
from urllib.parse import urlsplit

import pytest
from django.core.files.storage import default_storage
from PIL import Image

from cities.social_cards import HEIGHT, WIDTH, Card, Point, card_url, draw
from tests.factories import (
    ArticleFactory,
    CityFactory,
    EventFactory,
    MembershipFactory,
    NetworkFactory,
)

pytestmark = pytest.mark.django_db


class Head(HTMLParser):
    """The head's meta and link elements and its JSON-LD blocks."""

    def __init__(self, html):
        super().__init__()
        self.meta, self.links, self.json_ld = {}, [], []
        self._in_json_ld = False
        self.feed(html)

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "meta":
            key = attrs.get("property") or attrs.get("name")
            self.meta.setdefault(key, []).append(attrs.get("content"))
        elif tag == "link":
            self.links.append(attrs)
        elif tag == "script" and attrs.get("type") == "application/ld+json":
            self._in_json_ld = True

    def handle_endtag(self, tag):
        self._in_json_ld = False

    def handle_data(self, data):
        if self._in_json_ld:
            self.json_ld.append(json.loads(data))

    def links_of(self, rel):
        return [link for link in self.links if link.get("rel") == rel]


def head(client, url):
    response = client.get(url)
    assert response.status_code == 200, url
    return Head(response.content.decode())


@pytest.fixture
def network():
    network = NetworkFactory(slug="card4all", name_lv="Card4All", name_en="Card4All")
    MembershipFactory(
        network=network,
        role="lead_partner",
        city=CityFactory(slug="gijon", name_en="Gijón", latitude=43.53, longitude=-5.66),
    )
    MembershipFactory(
        network=network, city=CityFactory(slug="jurmala", latitude=56.97, longitude=23.77)
    )
    return network


def png_from(client, url):
    """The PNG an absolute address answers with, fetched through the site."""
    response = client.get(urlsplit(url).path)
    assert response.status_code == 200, url
    assert response["Content-Type"] == "image/png"
    data = b"".join(response.streaming_content)
    image = Image.open(io.BytesIO(data))
    assert image.format == "PNG"
    return image


# --- social cards -----------------------------------------------------------------------


@pytest.mark.parametrize("language", ["lv", "en"])
def test_a_network_page_shares_its_own_card_a_1200_by_630_png(client, network, language):
    page = head(client, f"/{language}/networks/card4all/")
    (image_url,) = page.meta["og:image"]
    assert image_url.startswith("http://testserver/media/cards/network/card4all-")
    assert page.meta["og:image:width"] == ["1200"] and page.meta["og:image:height"] == ["630"]
    assert png_from(client, image_url).size == (1200, 630)
    assert page.meta["twitter:card"] == ["summary_large_image"]
    assert page.meta["og:title"] == ["Card4All"]
    assert page.meta["og:description"] and page.meta["og:type"]


@pytest.mark.parametrize(
    "url",
    ["/lv/cities/{country}/gijon/", "/en/countries/{country}/", "/lv/events/meeting/", "/en/"],
)
def test_cities_countries_events_and_the_rest_share_a_card(client, network, url):
    EventFactory(slug="meeting", network=network, place_lv="Hihona", place_en="Gijón")
    country = network.memberships.get(role="lead_partner").city.country.code.lower()
    page = head(client, url.format(country=country))
    (image_url,) = page.meta["og:image"]
    assert png_from(client, image_url).size == (WIDTH, HEIGHT)


def test_a_card_is_drawn_once_per_content_and_redrawn_when_it_changes(client, network):
    first = head(client, "/en/networks/card4all/").meta["og:image"][0]
    again = head(client, "/en/networks/card4all/").meta["og:image"][0]
    assert again == first
    stored = urlsplit(first).path.removeprefix("/media/")
    drawn_at = default_storage.get_modified_time(stored)
    assert head(client, "/en/networks/card4all/").meta["og:image"][0] == first
    assert default_storage.get_modified_time(stored) == drawn_at  # not drawn again
    network.name_en = "Card For All"
    network.save()
    renamed = head(client, "/en/networks/card4all/").meta["og:image"][0]
    assert renamed != first
    assert not default_storage.exists(stored)  # the old card is removed
    assert default_storage.exists(urlsplit(renamed).path.removeprefix("/media/"))


def test_a_card_is_a_png_of_the_right_size_whatever_its_text():
    card = Card(
        kind="network",
        key="long",
        language="lv",
        title="Vēsturisko dzīvojamo ēku atjaunošana sarūkošā pilsētā " * 4,
        kicker="Labās prakses pārneses tīkls · URBACT III",
        footer="URBACT Nacionālais kontaktpunkts · Latvija",
        points=(Point(56.95, 24.1, lead=True), Point(43.5, -5.7)),
        highlight="2 partneri",
    )
    image = Image.open(io.BytesIO(draw(card)))
    assert (image.format, image.size) == ("PNG", (1200, 630))
    # The lead partner's dot is drawn in the accent colour (196, 0, 106) on the map.
    colours = {
        colour
        for _count, colour in image.convert("RGB").crop((660, 0, 1200, 630)).getcolors(1_000_000)
    }
    assert any(abs(r - 196) + g + abs(b - 106) < 30 for r, g, b in colours)


def test_the_card_address_changes_with_what_it_shows():
    card = Card("city", "lv-riga", "lv", "Rīga", "Latvija", "URBACT", (Point(56.9, 24.1),))
    assert card.digest == Card(**{**card.__dict__}).digest
    assert Card(**{**card.__dict__, "title": "Riga"}).digest != card.digest
    assert Card(**{**card.__dict__, "points": ()}).digest != card.digest
    assert card_url(card) == card_url(card)
    assert re.fullmatch(r"/media/cards/city/lv-riga-lv-[0-9a-f]{16}\.png", card_url(card))


# --- canonical address and languages ------------------------------------------------------


@pytest.mark.parametrize(
    ("url", "canonical"),
    [
        ("/lv/networks/?programme=urbact-iii", "http://testserver/lv/networks/"),
        ("/en/networks/?country=lv&status=ongoing&page=2", "http://testserver/en/networks/"),
        ("/lv/networks/card4all/?utm_source=x", "http://testserver/lv/networks/card4all/"),
        ("/en/", "http://testserver/en/"),
    ],
)
def test_the_canonical_address_folds_the_filters(client, network, url, canonical):
    page = head(client, url)
    assert [link["href"] for link in page.links_of("canonical")] == [canonical]
    assert page.meta["og:url"] == [canonical]


def test_one_hreflang_set_with_x_default(client, network):
    page = head(client, "/en/networks/?programme=urbact-iii")
    alternates = {
        link["hreflang"]: link["href"]
        for link in page.links_of("alternate")
        if link.get("hreflang")
    }
    assert alternates == {
        "lv": "http://testserver/lv/networks/",
        "en": "http://testserver/en/networks/",
        "x-default": "http://testserver/lv/networks/",
    }


def test_an_article_has_one_absolute_hreflang_set_of_its_own_languages(client):
    ArticleFactory(slug="only-latvian", title_en="", body_en="")
    ArticleFactory(slug="both")
    page = head(client, "/lv/news/only-latvian/")
    hreflangs = [link for link in page.links_of("alternate") if link.get("hreflang")]
    assert [(link["hreflang"], link["href"]) for link in hreflangs] == [
        ("lv", "http://testserver/lv/news/only-latvian/"),
        ("x-default", "http://testserver/lv/news/only-latvian/"),
    ]
    both = head(client, "/en/news/both/")
    hreflangs = [link["hreflang"] for link in both.links_of("alternate") if link.get("hreflang")]
    assert hreflangs == ["lv", "en", "x-default"]  # once each, every one absolute
    assert all(
        link["href"].startswith("http://")
        for link in both.links_of("alternate")
        if link.get("hreflang")
    )


# --- schema.org -------------------------------------------------------------------------


def test_home_describes_the_ncp_as_an_organization(client, network):
    (data,) = head(client, "/en/").json_ld
    assert data["@context"] == "https://schema.org"
    assert data["@type"] == "Organization"
    assert data["url"] == "http://testserver/en/"
    assert data["parentOrganization"]["name"] == "URBACT"


def test_a_network_is_a_project_with_its_partners_as_members(client, network):
    page = head(client, "/en/networks/card4all/")
    (data,) = page.json_ld
    assert data["@type"] == "Project"
    assert data["name"] == "Card4All"
    assert data["image"] == page.meta["og:image"][0]
    assert [member["location"]["name"] for member in data["member"]][0] == "Gijón"
    assert data["foundingDate"] == "2019-01-01"


def test_an_event_is_an_event(client, network):
    EventFactory(slug="meeting", network=network, place_en="Gijón, Spain")
    (data,) = head(client, "/en/events/meeting/").json_ld
    assert data["@type"] == "Event"
    assert data["startDate"] == "2019-01-15"
    assert data["location"]["name"] == "Gijón, Spain"
    assert data["organizer"]["@type"] == "Organization"


def test_an_article_is_a_news_article_with_its_og_tags(client):
    ArticleFactory(slug="news", title_en="Networks start", lead_en="Twenty-three networks.")
    page = head(client, "/en/news/news/")
    (data,) = page.json_ld
    assert data["@type"] == "NewsArticle"
    assert data["headline"] == "Networks start"
    assert data["datePublished"]
    assert page.meta["og:title"] == ["Networks start"]
    assert page.meta["og:description"] == ["Twenty-three networks."]
    assert page.meta["og:type"] == ["article"]
    assert png_from(client, page.meta["og:image"][0]).size == (1200, 630)  # the site's card


def test_json_ld_cannot_be_closed_by_a_value(client, network):
    network.name_en = "</script><script>alert(1)</script>"
    network.save()
    html = client.get("/en/networks/card4all/").content.decode()
    block = html.split('<script type="application/ld+json">', 1)[1].split("</script>", 1)[0]
    assert json.loads(block)["name"] == "</script><script>alert(1)</script>"


def test_the_csp_allows_no_inline_script_so_json_ld_is_a_data_block(client, network):
    response = client.get("/en/networks/card4all/")
    policy = response["Content-Security-Policy"]
    assert "'unsafe-inline'" not in policy
    # Browsers do not run a data block, so no nonce is needed and the page stays cacheable.
    assert "nonce" not in response.content.decode()
