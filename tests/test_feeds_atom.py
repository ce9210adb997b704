"""Every feed is valid Atom as a feed reader sees it: an author (RFC 4287, 4.1.1), titles,
links and summaries that are HTML once, in the address's language."""

import feedparser
import pytest

from tests.factories import ArticleFactory, NetworkFactory, ProgressUpdateFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def feeds(db):
    network = NetworkFactory(slug="card4all", name_en="Card4All", name_lv="Card4All")
    ProgressUpdateFactory(network=network, title_en="Transfer plan", body_en="<p>Ready.</p>")
    ArticleFactory(title_en="Riga leads", lead_en="Riga leads a network.")
    return ["/{}/news/feed/", "/{}/networks/card4all/feed/"]


def parse(client, url):
    response = client.get(url)
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/atom+xml")
    feed = feedparser.parse(response.content)
    assert not feed.bozo, feed.get("bozo_exception")
    return feed


@pytest.mark.parametrize("language", ["lv", "en"])
def test_every_feed_names_its_author(client, feeds, language):
    for url in feeds:
        feed = parse(client, url.format(language))
        assert feed.version == "atom10"
        assert feed.feed.author_detail.name
        assert feed.entries
        for entry in feed.entries:
            # An entry without its own author takes the feed's (RFC 4287, 4.2.1).
            assert entry.get("author") or feed.feed.author
            assert entry.title and entry.link and entry.id


def test_the_authors_are_the_ncp_and_the_networks_partners(client, feeds):
    assert parse(client, "/en/news/feed/").feed.author == "URBACT National Contact Point"
    assert parse(client, "/lv/news/feed/").feed.author == "URBACT Nacionālais kontaktpunkts"
    assert parse(client, "/en/networks/card4all/feed/").feed.author == "Card4All partners"
    assert parse(client, "/lv/networks/card4all/feed/").feed.author == "Card4All partneri"


def test_an_unknown_network_has_no_feed(client, db):
    assert client.get("/en/networks/nowhere/feed/").status_code == 404
