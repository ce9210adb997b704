"""What the search finds, in which order and language, on SQLite and on PostgreSQL."""

import datetime

import pytest
from django.utils import timezone

from search.models import Kind, SearchEntry
from search.query import search
from tests.factories import NetworkFactory

from .conftest import hours, postgresql_only

pytestmark = pytest.mark.django_db


def titles(results):
    return [result.title for result in results.page.object_list]


@pytest.mark.parametrize("query", ["jurmala", "Jūrmala", "JURMALA", "jūrmala ", "JŪRMALA!"])
@pytest.mark.parametrize("language", ["lv", "en"])
def test_the_same_city_whatever_the_accents_and_case(places, query, language):
    results = search(query, language)
    first = results.page.object_list[0]
    assert (first.kind, first.title) == (Kind.CITY, "Jūrmala")
    assert first.url == f"/{language}/cities/lv/jurmala/"


def test_latvian_name_finds_gijon_in_english_and_latvian(places):
    english = search("hihona", "en")
    assert titles(english)[0] == "Gijón"
    assert english.page.object_list[0].url == "/en/cities/es/gijon/"
    latvian = search("Hihona", "lv")
    assert titles(latvian)[0] == "Hihona"
    # And the English name on the Latvian page.
    assert titles(search("gijon", "lv"))[0] == "Hihona"


def test_misspelt_city_name_suggests_the_right_one(places):
    for language in ("lv", "en"):
        results = search("Chemnits", language)
        assert results.total == 0
        assert results.suggestion == "Chemnitz"
    # Searching the suggestion finds the city, under its Latvian name on the Latvian page.
    assert titles(search("Chemnitz", "lv"))[0] == "Kemnica"


def test_misspelt_network_name_suggests_the_network(places):
    assert search("Card4Alll", "en").suggestion == "Card4All"


def test_no_suggestion_for_a_correct_name(places):
    assert search("Chemnitz", "en").suggestion is None


def test_networks_are_found_by_their_good_practice(places):
    assert titles(search("citizen card", "en"))[:2] == ["Citizen card", "Card4All"]
    assert "Card4All" in titles(search("iedzivotaja karte", "lv"))


@pytest.mark.parametrize(
    ("language", "query", "title"),
    [("en", "Citizen card", "Citizen card"), ("lv", "Iedzīvotāja karte", "Iedzīvotāja karte")],
)
def test_a_good_practice_is_found_first_by_its_exact_title(places, language, query, title):
    first = search(query, language).page.object_list[0]
    assert (first.kind, first.title) == (Kind.PRACTICE, title)
    assert first.url == places["practice"].get_absolute_url().replace("/lv/", f"/{language}/")
    assert str(first.kind_label) in ("good practice", "labā prakse")


def test_a_good_practice_is_found_by_its_city_and_description(places):
    assert "Citizen card" in titles(search("services", "en"))
    assert "Citizen card" in titles(search("Gijón", "en"))


def test_a_renamed_or_deleted_practice_leaves_no_stale_entry(places, indexed):
    practice = places["practice"]
    with indexed():
        practice.title_en = "City card"
        practice.save()
    assert "City card" in titles(search("City card", "en"))
    assert "Citizen card" not in titles(search("Citizen card", "en"))
    with indexed():
        practice.networks.update(good_practice=None)
        practice.delete()
    assert not SearchEntry.objects.filter(kind=Kind.PRACTICE).exists()


def test_a_title_hit_ranks_above_a_body_hit(make_article):
    body_only = make_article(
        title_en="Meeting notes",
        body_en="<p>Heritage, heritage and heritage: the heritage of old towns.</p>",
        published_at=hours(-1),
    )
    in_title = make_article(
        title_en="Heritage in small towns",
        body_en="<p>About the old centres.</p>",
        published_at=hours(-48),
    )
    found = titles(search("heritage", "en"))
    assert found == [in_title.title_en, body_only.title_en]


def test_results_are_in_the_page_language(make_article):
    make_article(title_lv="Mobilitātes diena", title_en="Mobility day", slug="mobility")
    assert titles(search("mobility", "en")) == ["Mobility day"]
    assert titles(search("mobilitates", "lv")) == ["Mobilitātes diena"]
    en = search("mobility", "en").page.object_list[0]
    assert en.url == "/en/news/mobility/"


def test_an_article_without_english_is_not_found_in_english(make_article):
    make_article(title_lv="Tikai latviski", title_en="", body_en="", slug="only-latvian")
    assert titles(search("latviski", "lv")) == ["Tikai latviski"]
    assert search("latviski", "en").total == 0


@pytest.mark.parametrize("status", ["draft", "in_review"])
def test_drafts_and_articles_in_review_are_never_found(make_article, status):
    make_article(title_en="Secret plans", status=status, published_at=None)
    make_article(title_en="Secret plans again", status=status, published_at=hours(-1))
    assert search("secret", "en").total == 0
    assert not SearchEntry.objects.filter(kind=Kind.ARTICLE).exists()


def test_a_scheduled_article_appears_at_its_time(make_article):
    make_article(title_en="Coming soon", published_at=hours(2))
    assert search("coming", "en").total == 0
    assert search("coming", "en", now=hours(3)).total == 1


def test_unpublished_updates_are_never_found(make_update):
    make_update(title_en="Draft update", status="draft")
    make_update(title_en="Update in review", status="in_review")
    assert search("update", "en").total == 0


def test_a_published_update_dated_later_appears_on_its_day(make_update):
    tomorrow = timezone.localdate() + datetime.timedelta(days=1)
    make_update(title_en="Tomorrow's update", date=tomorrow)
    assert search("tomorrow", "en").total == 0
    assert search("tomorrow", "en", now=hours(48)).total == 1


def test_published_updates_are_found_with_their_network_address(make_update, places):
    make_update(network=places["card4all"], title_en="Transfer plan ready", slug="plan")
    result = search("transfer plan", "en").page.object_list[0]
    assert (result.kind, result.url) == (Kind.UPDATE, "/en/networks/card4all/updates/plan/")


def test_counts_per_kind_and_the_kind_filter(places, make_update, make_article):
    make_update(network=places["card4all"], title_en="Card4All meets in Gijón")
    make_article(title_en="Card4All news")
    results = search("card4all", "en")
    assert results.counts == {Kind.ARTICLE: 1, Kind.NETWORK: 1, Kind.UPDATE: 1, Kind.PRACTICE: 1}
    only_updates = search("card4all", "en", kind=Kind.UPDATE)
    assert [r.kind for r in only_updates.page.object_list] == [Kind.UPDATE]
    assert only_updates.counts == results.counts  # the filter's counts stay


def test_results_are_paginated(make_update):
    for number in range(25):
        make_update(title_en=f"Housing report {number}")
    first, second = search("housing", "en", page=1), search("housing", "en", page=2)
    assert first.total == 25
    assert len(first.page.object_list) == 20
    assert len(second.page.object_list) == 5
    assert not set(titles(first)) & set(titles(second))
    # Out of range or not a number: the last or the first page, never an error.
    assert search("housing", "en", page=99).page.number == 2
    assert search("housing", "en", page="x").page.number == 1


def test_snippets_mark_matches_and_escape_the_text(make_article):
    make_article(
        title_en="Markup",
        body_en="<p>Tags like &lt;script&gt;alert(1)&lt;/script&gt; near the harbour.</p>",
    )
    snippet = str(search("harbour", "en").page.object_list[0].snippet)
    assert "<mark>harbour</mark>" in snippet
    assert "alert(1)" in snippet
    # Escaped (SQLite), or left out as markup by PostgreSQL's headline: never a tag.
    assert "<script" not in snippet
    assert snippet.replace("<mark>", "").replace("</mark>", "").count("<") == 0


@pytest.mark.parametrize(
    "query",
    [
        "",
        "   ",
        "a" * 2000,
        "'; DROP TABLE search_searchentry; --",
        '" OR 1=1 --',
        "!!! ??? ... ---",
        "& | ! ( ) : * < >",
        "\ud800",
        "ri\x00ga",
        "\ufffd\ufffd",
        "-",
        '"',
        "or",
    ],
)
def test_odd_queries_give_results_or_none_never_an_error(places, query):
    from search.text import clean_query

    cleaned, _cut = clean_query(query)
    results = search(cleaned, "en")
    assert results.total >= 0
    assert SearchEntry.objects.exists()  # the table is still there


@postgresql_only
def test_english_words_are_stemmed(make_article):
    make_article(title_en="Networks of cities", body_en="<p>Text.</p>")
    assert search("network", "en").total == 1


@postgresql_only
def test_websearch_syntax_excludes_words(make_article):
    make_article(title_en="Green streets")
    make_article(title_en="Green roofs")
    assert titles(search("green -roofs", "en")) == ["Green streets"]


@postgresql_only
def test_stored_vectors_are_weighted(places):
    from django.contrib.postgres.search import SearchQuery

    entry = SearchEntry.objects.get(kind=Kind.CITY, object_id=places["gijon"].pk, language="en")
    # The title and the other names weigh A; the text (here the country) B.
    lexemes = dict(item.split(":", 1) for item in entry.vector.split())
    assert lexemes["'gijon'"] == "1A"
    assert lexemes["'hihona'"].startswith("2A")
    assert lexemes["'spain'"].endswith("B")
    assert SearchEntry.objects.filter(
        pk=entry.pk, vector=SearchQuery("GIJÓN", config="portal_english")
    ).exists()


def test_a_city_searched_by_its_other_name_comes_first(places, indexed):
    with indexed():
        NetworkFactory(
            name_lv="ALT/BAU",
            summary_lv="Chemnitz, Chemnitz un vēlreiz Chemnitz: vēsturisko ēku atdzīvināšana.",
        )
    assert titles(search("Chemnitz", "lv"))[:2] == ["Kemnica", "ALT/BAU"]


def test_a_network_is_found_by_its_acronym_first(places, indexed):
    with indexed():
        NetworkFactory(name_en="Active NGOs", acronym="ACTIVE", summary_en="Active, active.")
        NetworkFactory(name_en="Other network", summary_en="Active cities are active here.")
    assert titles(search("active", "en"))[0] == "Active NGOs"


@postgresql_only
def test_the_rebuild_keeps_the_search_indexes(places):
    from django.core.management import call_command
    from django.db import connection

    call_command("rebuild_search_index", verbosity=0)
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT indexname FROM pg_indexes WHERE tablename = 'search_searchentry' "
            "AND (indexdef LIKE '%USING gin%' OR indexdef LIKE '%USING gist%')"
        )
        names = {row[0] for row in cursor.fetchall()}
    assert names == {"search_entry_vector_gin", "search_entry_names_trgm_gist"}
    assert titles(search("hihona", "en")) == ["Gijón"]
