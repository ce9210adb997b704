"""Public news pages: the seed article in both languages, drafts and scheduled articles hidden,
the missing-translation notice, the list's filters and pages, the feed, the staff preview."""

import datetime
import xml.etree.ElementTree as ET

import pytest
from django.contrib.auth.models import Group, User
from django.utils import timezone

from news.models import Article
from tests.factories import ArticleFactory, CityFactory, NetworkFactory

pytestmark = pytest.mark.django_db

SEED = "23-labas-prakses-parneses-projekti-uzsak-otro-fazi"


def page(client, url, status=200):
    response = client.get(url)
    assert response.status_code == status, url
    return response.content.decode()


def test_seed_article_in_latvian(client, demo):
    html = page(client, f"/lv/news/{SEED}/")
    assert "23 labās prakses pārneses projekti uzsāk īstenošanas otro fāzi" in html
    assert "2 min" in html
    assert "Labots" in html  # "Edited on"
    for network in ("active-ngos", "card4all", "re-growcity", "alt-bau", "refill"):
        assert f'href="/lv/networks/{network}/"' in html
    for city in ("lv/riga", "lv/jurmala", "lv/aluksne", "es/gijon", "de/altena", "de/chemnitz"):
        assert f'href="/lv/cities/{city}/"' in html
    assert "Hihona" in html and "Kemnica" in html
    assert 'class="breadcrumbs"' in html
    assert f'hreflang="en" href="http://testserver/en/news/{SEED}/"' in html
    assert html.count('hreflang="en"') == 2  # the head's set and the language switcher


def test_seed_article_in_english(client, demo):
    html = page(client, f"/en/news/{SEED}/")
    assert "23 Transfer Networks start the second phase" in html
    assert "2 min read" in html
    assert "Edited on" in html
    assert 'href="/en/networks/active-ngos/"' in html
    assert 'href="/en/cities/es/gijon/"' in html
    assert "Gijón" in html
    assert "uzsāk" not in html


def test_edited_on_shows_the_last_substantive_edit(client):
    article = ArticleFactory(edited_at=datetime.datetime(2020, 5, 17, 9, 0, tzinfo=datetime.UTC))
    html = page(client, f"/en/news/{article.slug}/")
    assert 'datetime="2020-05-17T12:00:00+03:00"' in html


@pytest.mark.parametrize(
    "kwargs",
    [
        {"status": "draft", "published_at": None},
        {"status": "in_review", "published_at": None},
        {"status": "draft", "published_at": timezone.now() - datetime.timedelta(days=1)},
        {"status": "published", "published_at": timezone.now() + datetime.timedelta(hours=1)},
    ],
)
def test_drafts_and_future_articles_are_not_public(client, kwargs):
    article = ArticleFactory(**kwargs)
    for lang in ("lv", "en"):
        page(client, f"/{lang}/news/{article.slug}/", status=404)
        assert article.title_lv not in page(client, f"/{lang}/news/")
        assert article.slug not in page(client, f"/{lang}/news/feed/")
        assert article.title_lv not in page(client, f"/{lang}/")


def test_scheduled_article_appears_at_its_time(client, time_machine):
    article = ArticleFactory(published_at=timezone.now() + datetime.timedelta(minutes=30))
    page(client, f"/lv/news/{article.slug}/", status=404)
    time_machine.move_to(timezone.now() + datetime.timedelta(hours=1), tick=False)
    page(client, f"/lv/news/{article.slug}/")


def test_article_without_english_is_not_listed_and_points_to_latvian(client):
    article = ArticleFactory(title_en="", body_en="", lead_en="")
    assert article.title_lv in page(client, "/lv/news/")
    assert article.slug not in page(client, "/en/news/")
    assert article.slug not in page(client, "/en/news/feed/")
    html = page(client, f"/en/news/{article.slug}/", status=404)
    assert "not available in English" in html
    assert f'href="/lv/news/{article.slug}/"' in html
    assert article.title_lv in html
    assert "Latvian" in html
    # ... and the Latvian page of an English-only article says so in Latvian.
    english_only = ArticleFactory(title_lv="", body_lv="")
    html = page(client, f"/lv/news/{english_only.slug}/", status=404)
    assert f'href="/en/news/{english_only.slug}/"' in html
    assert "nav pieejams šajā valodā" in html


def test_previous_and_next(client):
    day = datetime.timedelta(days=1)
    now = timezone.now()
    first = ArticleFactory(published_at=now - 3 * day)
    middle = ArticleFactory(published_at=now - 2 * day)
    ArticleFactory(published_at=now - 1.5 * day, title_en="", body_en="")  # no English
    last = ArticleFactory(published_at=now - day)
    ArticleFactory(status="draft", published_at=now - 1.2 * day)
    html = page(client, f"/en/news/{middle.slug}/")
    assert f'rel="prev" href="/en/news/{first.slug}/"' in html
    assert f'rel="next" href="/en/news/{last.slug}/"' in html
    html = page(client, f"/en/news/{first.slug}/")
    assert 'rel="prev"' not in html


def test_list_is_paginated_newest_first(client):
    now = timezone.now()
    articles = [
        ArticleFactory(published_at=now - datetime.timedelta(hours=n)) for n in range(1, 13)
    ]
    first = page(client, "/en/news/")
    assert articles[0].title_en in first and articles[10].title_en not in first
    assert "Page 1 of 2" in first
    second = page(client, "/en/news/?page=2")
    assert articles[11].title_en in second
    page(client, "/en/news/?page=9", status=404)
    page(client, "/en/news/?page=abc", status=404)


def test_list_filters_by_network_city_and_year(client):
    network, city = NetworkFactory(slug="active-ngos"), CityFactory(slug="riga")
    old = ArticleFactory(published_at=datetime.datetime(2018, 12, 7, 10, tzinfo=datetime.UTC))
    new = ArticleFactory()
    other = ArticleFactory()
    old.networks.add(network)
    new.networks.add(network)
    new.cities.add(city)
    key = f"{city.country.code.lower()}/riga"

    html = page(client, "/en/news/?network=active-ngos")
    assert old.title_en in html and new.title_en in html and other.title_en not in html
    html = page(client, f"/en/news/?city={key}")
    assert new.title_en in html and old.title_en not in html
    html = page(client, "/en/news/?network=active-ngos&year=2018")
    assert old.title_en in html and new.title_en not in html
    assert '<option value="2018" selected>' in html


@pytest.mark.parametrize(
    "query",
    [
        "network=no-such-network",
        "city=xx/nowhere",
        "city=no-slash",
        "year=abc",
        "year=99999999999999999999",
        "network=%00",
        "year=2018&year=2019",
    ],
)
def test_bad_filter_values_never_break_the_list(client, query):
    article = ArticleFactory()
    html = page(client, f"/en/news/?{query}")
    assert article.title_en in html  # an unknown filter is ignored


def test_list_query_count_does_not_grow(client, django_assert_max_num_queries):
    network = NetworkFactory()
    for _ in range(15):
        ArticleFactory().networks.add(network)
    with django_assert_max_num_queries(6):
        page(client, f"/en/news/?network={network.slug}")


def test_detail_query_count_does_not_grow(client, demo, django_assert_num_queries):
    # The article with its four kinds of links, and its two neighbours.
    with django_assert_num_queries(7):
        page(client, f"/lv/news/{SEED}/")


def test_atom_feed_per_language(client, demo):
    for lang, title in [("lv", "23 labās prakses"), ("en", "23 Transfer Networks")]:
        response = client.get(f"/{lang}/news/feed/")
        assert response.status_code == 200
        assert response["Content-Type"].startswith("application/atom+xml")
        root = ET.fromstring(response.content)
        ns = {"atom": "http://www.w3.org/2005/Atom"}
        assert root.get("{http://www.w3.org/XML/1998/namespace}lang") == lang
        entries = root.findall("atom:entry", ns)
        assert len(entries) == 1
        assert entries[0].find("atom:title", ns).text.startswith(title)
        link = entries[0].find("atom:link", ns).get("href")
        assert link.endswith(f"/{lang}/news/{SEED}/")


# Staff preview ---------------------------------------------------------------------------


@pytest.fixture
def ncp_editor(db):
    user = User.objects.create_user("editor", password=None, is_staff=True)
    user.groups.add(Group.objects.get(name="NCP editor"))
    return user


def test_staff_preview_of_a_draft_in_both_languages(client, ncp_editor):
    draft = ArticleFactory(status="draft", published_at=None)
    client.force_login(ncp_editor)
    for lang, title in [("lv", draft.title_lv), ("en", draft.title_en)]:
        response = client.get(f"/{lang}/news/preview/{draft.pk}/")
        assert response.status_code == 200
        html = response.content.decode()
        assert title in html
        assert 'class="news-preview"' in html
        assert "noindex" in html
        assert "no-cache" in response["Cache-Control"] or "max-age=0" in response["Cache-Control"]
        assert "private" in response["Cache-Control"] or "no-store" in response["Cache-Control"]


def test_preview_of_a_scheduled_article(client, ncp_editor):
    future = ArticleFactory(published_at=timezone.now() + datetime.timedelta(days=2))
    client.force_login(ncp_editor)
    html = page(client, f"/en/news/preview/{future.pk}/")
    assert "Scheduled for" in html


def test_preview_refuses_visitors_and_non_staff(client, django_user_model):
    draft = ArticleFactory(status="draft", published_at=None)
    url = f"/en/news/preview/{draft.pk}/"
    response = client.get(url)
    assert response.status_code == 302
    assert response["Location"].startswith("/admin/login/")
    assert "no-cache" in response["Cache-Control"]
    client.force_login(django_user_model.objects.create_user("visitor", password=None))
    assert client.get(url).status_code == 404
    # Staff without access to articles (a partner editor) do not see it either.
    partner = django_user_model.objects.create_user("partner", password=None, is_staff=True)
    partner.groups.add(Group.objects.get(name="Partner editor"))
    client.force_login(partner)
    assert client.get(url).status_code == 404
    assert client.get("/en/news/preview/999999/").status_code == 404


def test_article_count_helper_is_consistent(demo):
    assert Article.objects.published().in_language("en").count() == 1


def test_the_news_list_skips_no_heading_level(client, db):
    import re

    from tests.factories import ArticleFactory

    ArticleFactory(title_en="Riga leads")
    html = client.get("/en/news/").content.decode()
    main = html.split("<main", 1)[1].split("</main>", 1)[0]
    levels = [int(level) for level in re.findall(r"<h([1-6])\b", main)]
    assert levels[0] == 1 and "Riga leads</a></h2>" in main
    assert all(later <= earlier + 1 for earlier, later in zip(levels, levels[1:], strict=False))
