"""The index follows every save and delete, once the transaction commits."""

import io

import pytest
from django.core.management import call_command
from django.db import transaction

from search import index
from search.models import Kind, SearchEntry
from search.query import search
from tests.factories import (
    CityFactory,
    MembershipFactory,
    NetworkFactory,
    ProgressUpdateFactory,
)

pytestmark = pytest.mark.django_db


def titles(query, language="en"):
    return [result.title for result in search(query, language).page.object_list]


def test_one_entry_per_object_and_language(places):
    entries = SearchEntry.objects.filter(kind=Kind.CITY, object_id=places["gijon"].pk)
    assert {(e.language, e.title) for e in entries} == {("lv", "Hihona"), ("en", "Gijón")}


def test_nothing_is_written_before_the_commit(db):
    # Inside the test's transaction and without running the commit callbacks.
    CityFactory(name_en="Uncommitted")
    assert not SearchEntry.objects.filter(title="Uncommitted").exists()


def test_a_rolled_back_save_never_reaches_the_index(indexed):
    with indexed():
        try:
            with transaction.atomic():
                CityFactory(name_en="Rolled back", name_lv="Atcelts")
                raise RuntimeError
        except RuntimeError:
            pass
    assert titles("rolled") == []


def test_renaming_a_city_follows(places, indexed):
    city = places["chemnitz"]
    with indexed():
        city.name_en = "Karl-Marx-Stadt"
        city.save()
    assert titles("karl marx stadt") == ["Karl-Marx-Stadt"]
    assert titles("chemnitz") == []
    # The Latvian row lists the other language's name.
    assert titles("karl marx stadt", "lv") == ["Kemnica"]


def test_renaming_a_country_reindexes_its_cities(places, indexed):
    country = places["gijon"].country
    with indexed():
        country.name_en = "Kingdom of Spain"
        country.save()
    assert titles("kingdom") == ["Gijón"]


def test_editing_the_good_practice_reindexes_its_network(places, indexed):
    practice = places["practice"]
    with indexed():
        practice.title_en = "Tarjeta ciudadana"
        practice.save()
    assert titles("tarjeta") == ["Tarjeta ciudadana", "Card4All"]  # the practice, its network


def test_deleting_objects_removes_their_entries(places, indexed, make_update):
    update = make_update(network=places["card4all"], title_en="Kick-off")
    network = places["card4all"]
    with indexed():
        network.delete()
    assert titles("card4all") == []
    assert not SearchEntry.objects.filter(kind=Kind.UPDATE, object_id=update.pk).exists()


def test_unpublishing_removes_and_publishing_adds(make_article, indexed):
    article = make_article(title_en="Turning point")
    assert titles("turning") == ["Turning point"]
    with indexed():
        article.status = "draft"
        article.save()
    assert titles("turning") == []
    with indexed():
        article.status = "published"
        article.save()
    assert titles("turning") == ["Turning point"]


def test_an_update_sent_back_to_draft_disappears(make_update, indexed):
    update = make_update(title_en="Meeting in Turin")
    with indexed():
        update.status = "in_review"
        update.save()
    assert titles("turin") == []


def test_a_new_network_slug_moves_its_updates_addresses(places, make_update, indexed):
    make_update(network=places["card4all"], title_en="Plans", slug="plans")
    network = places["card4all"]
    with indexed():
        network.slug = "card-for-all"
        network.save()
    assert search("plans", "en").page.object_list[0].url == (
        "/en/networks/card-for-all/updates/plans/"
    )


def test_outputs_are_indexed_with_their_network(places, indexed):
    from networks.models import Output

    membership = MembershipFactory(network=places["card4all"], city=places["jurmala"])
    with indexed():
        Output.objects.create(
            network=places["card4all"],
            membership=membership,
            kind="learning_log",
            title="Learning log of Jūrmala",
            url="https://example.org/log.pdf",
        )
    results = search("learning log", "en")
    assert [(r.kind, r.title) for r in results.page.object_list] == [
        (Kind.OUTPUT, "Learning log of Jūrmala")
    ]


def test_rebuild_writes_the_same_index(places, make_article, make_update):
    make_article(title_en="Rebuilt article")
    make_update(network=places["card4all"], title_en="Rebuilt update")
    before = set(SearchEntry.objects.values_list("kind", "object_id", "language", "title", "url"))
    SearchEntry.objects.all().delete()
    out = io.StringIO()
    call_command("rebuild_search_index", stdout=out)
    after = set(SearchEntry.objects.values_list("kind", "object_id", "language", "title", "url"))
    assert after == before
    assert f"Search index rebuilt: {len(before)} entries." in out.getvalue()


def test_rebuild_finds_rows_written_without_signals(db):
    from cities.models import City

    country = CityFactory().country
    City.objects.bulk_create(
        [City(name_lv="Liepāja", name_en="Liepāja", slug="liepaja", country=country)]
    )
    assert titles("liepaja") == []
    call_command("rebuild_search_index", stdout=io.StringIO())
    assert titles("liepaja") == ["Liepāja"]


def test_rebuild_runs_in_batches_whatever_the_data(db, django_assert_max_num_queries, monkeypatch):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    monkeypatch.setattr(index, "BATCH", 10)

    def rebuild_queries():
        with CaptureQueriesContext(connection) as queries:
            index.rebuild()
        return len(queries)

    network = NetworkFactory()
    for number in range(5):
        ProgressUpdateFactory(network=network, title_en=f"Update {number}")
    few = rebuild_queries()
    for number in range(5, 95):
        ProgressUpdateFactory(network=network, title_en=f"Update {number}")
    many = rebuild_queries()
    # 95 updates in batches of 10: ten batches of (ids, objects, insert) more, not 95 queries.
    assert many - few <= 9 * 4
    assert SearchEntry.objects.filter(kind=Kind.UPDATE).count() == 95 * 2


def test_reindexing_many_objects_costs_a_few_queries_per_batch(
    db, indexed, django_assert_max_num_queries
):
    network = NetworkFactory()
    updates = [ProgressUpdateFactory(network=network) for _ in range(40)]
    with django_assert_max_num_queries(6):
        index.reindex(Kind.UPDATE, [update.pk for update in updates])
    assert SearchEntry.objects.filter(kind=Kind.UPDATE).count() == 80


def test_networks_and_cities_imported_in_bulk_are_indexed(indexed):
    from networks.importer.apply import import_networks
    from tests.csvdata import phase2_rows, to_csv, transfer_network_template

    transfer_network_template()
    rows = phase2_rows(networks=1, partners_per_network=2, newcomers=0)
    rows[0].update(city="Gijón", country="ES", good_practice="Citizen card")
    with indexed():
        import_networks(to_csv(rows).encode())
    assert titles("network 01") == ["Network 01"]
    assert titles("gijon") == ["Gijón"]
    assert "Network 01" in titles("citizen card")
