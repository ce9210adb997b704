"""The search page: what it shows, what it costs and that no input breaks it."""

import pytest
from django.test import Client

from tests.factories import ArticleFactory, CityFactory, NetworkFactory, ProgressUpdateFactory

pytestmark = pytest.mark.django_db

SEARCH = "/{}/search/"


def page(client, language="en", **params):
    response = client.get(SEARCH.format(language), params)
    assert response.status_code == 200
    return response.content.decode()


def test_empty_page_has_a_labelled_box_and_no_results(client, places):
    html = page(client)
    assert '<label class="search-form__label" for="search-query">' in html
    assert 'id="search-query" name="q" value=""' in html
    assert 'role="search"' in html
    assert "search-result " not in html
    assert '<meta name="robots" content="noindex">' in html


@pytest.mark.parametrize("language", ["lv", "en"])
def test_results_link_to_pages_in_the_visitors_language(client, places, language):
    html = page(client, language, q="jurmala")
    assert f'href="/{language}/cities/lv/jurmala/"' in html
    assert "Jūrmala" in html


def test_the_latvian_page_is_in_latvian(client, places):
    html = page(client, "lv", q="gijon")
    assert "Hihona" in html
    assert 'href="/lv/cities/es/gijon/"' in html
    assert 'lang="lv"' in html


def test_kind_filter_shows_counts_and_filters(client, places, make_update):
    make_update(network=places["card4all"], title_en="Card4All meets")
    html = page(client, q="card4all")
    assert "All results" in html
    assert 'href="/en/search/?q=card4all&amp;kind=update"' in html
    filtered = page(client, q="card4all", kind="update")
    assert "Card4All meets" in filtered
    assert 'href="/en/networks/card4all/"' not in filtered.split("search-results")[1]


def test_a_kind_without_results_says_so(client, places):
    html = page(client, q="card4all", kind="output")
    assert "Nothing among outputs matches this query." in html


def test_no_results_and_did_you_mean(client, places):
    html = page(client, q="Chemnits")
    assert "Nothing matches “Chemnits”." in html
    assert 'Did you mean <a href="/en/search/?q=Chemnitz">Chemnitz</a>?' in html


def test_the_query_is_escaped_everywhere(client, places):
    html = page(client, q='<script>alert("x")</script>')
    assert "<script>alert" not in html
    assert "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;" in html


def test_a_long_query_is_cut_and_the_page_says_so(client, places):
    html = page(client, q="jurmala " * 300)
    assert "only its first 200 characters were searched" in html


def test_pagination_keeps_the_query(client, make_update):
    for number in range(25):
        make_update(title_en=f"Housing report {number}")
    html = page(client, q="housing")
    assert "25 results" in html
    assert 'href="?q=housing&amp;page=2"' in html
    second = page(client, q="housing", page=2)
    assert second.count('class="search-result ') == 5


@pytest.mark.parametrize(
    "query_string",
    [
        "",
        "q=",
        "q=" + "a" * 2000,
        "q=%27%3B+DROP+TABLE+search_searchentry%3B+--",
        "q=%22+OR+1%3D1+--",
        "q=%21%21%21+%3F%3F%3F",
        "q=%ED%A0%80",  # a lone surrogate, UTF-8 encoded
        "q=%ED%A0%80%ED%B0%80",
        "q=%C0%AF",  # overlong UTF-8
        "q=%00",
        "q=ri%00ga",
        "q=%FF%FE",
        "q=jurmala&kind=nonsense",
        "q=jurmala&kind=",
        "q=jurmala&page=abc",
        "q=jurmala&page=-1",
        "q=jurmala&page=99999999999999999999",
        "q=jurmala&q=riga",
        "kind=city",
        "q=%E2%80%AE%E2%80%8B",  # direction override, zero-width space
        "q=" + "%F0%9F%98%80" * 50,  # emoji
    ],
)
@pytest.mark.parametrize("language", ["lv", "en"])
def test_bad_inputs_give_a_page_never_an_error(places, query_string, language):
    client = Client(raise_request_exception=True)
    response = client.get(SEARCH.format(language), QUERY_STRING=query_string)
    assert response.status_code == 200
    assert 'id="search-query"' in response.content.decode()


def test_a_lone_surrogate_in_the_query_is_dropped(places):
    from search.text import clean_query

    assert clean_query("jurmala\ud800")[0] == "jurmala"


def _add_content(count, indexed):
    with indexed():
        for number in range(count):
            network = NetworkFactory(name_en=f"Housing network {number}")
            CityFactory(name_en=f"Housing city {number}")
            ProgressUpdateFactory(network=network, title_en=f"Housing update {number}")
            ArticleFactory(title_en=f"Housing article {number}")


@pytest.mark.parametrize("query", ["housing", "Chemnits", "", "!!!"])
def test_queries_per_page_do_not_grow_with_the_data(
    client, indexed, django_assert_max_num_queries, query, places
):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    def count():
        with CaptureQueriesContext(connection) as queries:
            page(client, q=query)
            page(client, q=query, kind="update", page=2)
        return len(queries)

    _add_content(3, indexed)
    small = count()
    _add_content(30, indexed)
    assert count() == small
    with django_assert_max_num_queries(3):
        page(client, q=query)


def test_header_has_a_search_box_that_works_without_javascript(client, places):
    html = page(client, "en")
    assert '<form class="site-search" role="search" method="get" action="/en/search/">' in html
    assert '<label class="visually-hidden" for="site-search-query">' in html
    home = client.get("/lv/").content.decode()
    assert 'action="/lv/search/"' in home


def test_the_page_cache_keeps_queries_apart(client, settings, places):
    settings.PAGE_CACHE_SECONDS = 60
    fresh = Client()
    first = fresh.get("/en/search/", {"q": "jurmala"})
    other = fresh.get("/en/search/", {"q": "chemnitz"})
    again = fresh.get("/en/search/", {"q": "jurmala"})
    assert first["X-Page-Cache"] == "miss"
    assert other["X-Page-Cache"] == "miss"
    assert again["X-Page-Cache"] == "hit"
    assert "Chemnitz" in other.content.decode()
    assert "Chemnitz" not in again.content.decode().split("search-results")[-1]


def test_an_edit_shows_in_cached_search_pages_at_once(settings, places, indexed):
    settings.PAGE_CACHE_SECONDS = 60
    fresh = Client()
    assert "Jūrmala" in fresh.get("/en/search/", {"q": "jurmala"}).content.decode()
    city = places["jurmala"]
    with indexed():
        city.name_en = "Jurmala Beach"
        city.save()
    response = fresh.get("/en/search/", {"q": "jurmala"})
    assert response["X-Page-Cache"] == "miss"
    assert "Jurmala Beach" in response.content.decode()


def test_a_search_with_more_matches_than_it_ranks_says_so(client, places, monkeypatch):
    from search import query

    monkeypatch.setattr(query, "MAX_CANDIDATES", 1)
    capped = page(client, q="jurmala")
    assert "only the first 1 matches are counted and ranked" in capped
    monkeypatch.setattr(query, "MAX_CANDIDATES", 1000)
    assert "counted and ranked" not in page(client, q="jurmala")


def test_the_search_page_says_it_finds_good_practices_in_both_languages(client, db):
    from tests.pagetext import page_text

    assert "cities, good practices, progress updates" in page_text(client.get("/en/search/"))
    assert "pilsētas, labās prakses, progresa ziņas" in page_text(client.get("/lv/search/"))
