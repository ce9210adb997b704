"""The page cache: public pages and the API stored whole under their address, language and the
content version; never stale, never carrying anything of a session."""

import contextlib

import pytest
from django.utils import timezone

from networks.models import Network
from news.models import Article

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _page_cache_on(settings):
    settings.PAGE_CACHE_SECONDS = 60


NETWORK_PAGE = "/en/networks/active-ngos/"


def test_second_anonymous_request_is_served_from_the_cache(client, demo):
    first = client.get(NETWORK_PAGE)
    second = client.get(NETWORK_PAGE)
    assert first["X-Page-Cache"] == "miss"
    assert second["X-Page-Cache"] == "hit"
    assert second.content == first.content
    assert "public" in second["Cache-Control"]
    # The cached copy keeps the security headers.
    assert "script-src 'self'" in second["Content-Security-Policy"]


def test_a_cached_page_costs_one_query_the_content_version(client, demo, django_assert_num_queries):
    client.get(NETWORK_PAGE)
    with django_assert_num_queries(1) as queries:
        assert client.get(NETWORK_PAGE)["X-Page-Cache"] == "hit"
    assert "core_contentversion" in queries.captured_queries[0]["sql"]


def test_a_request_reads_the_content_version_once(client, demo):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as queries:
        assert client.get(NETWORK_PAGE)["X-Page-Cache"] == "miss"
    reads = [query for query in queries if "core_contentversion" in query["sql"]]
    assert len(reads) == 1


def test_editing_a_network_shows_at_once(client, demo):
    client.get(NETWORK_PAGE)
    network = Network.objects.get(slug="active-ngos")
    network.name_en = "Active NGOs renamed"
    network.save()
    response = client.get(NETWORK_PAGE)
    assert response["X-Page-Cache"] == "miss"
    assert "Active NGOs renamed" in response.content.decode()


def test_unpublishing_an_article_removes_it_at_once(client, demo):
    article = Article.objects.get()
    assert article.title_en in client.get("/en/").content.decode()
    article.status = "draft"
    article.save()
    assert article.title_en not in client.get("/en/").content.decode()
    assert client.get(article.get_absolute_url().replace("/lv/", "/en/")).status_code == 404


def test_publishing_an_article_shows_on_the_home_page_at_once(client, demo):
    from tests.factories import ArticleFactory

    client.get("/en/")
    ArticleFactory(title_en="Fresh news", published_at=timezone.now())
    assert "Fresh news" in client.get("/en/").content.decode()


def test_membership_change_updates_the_city_page(client, demo):
    url = "/en/cities/lv/aluksne/"
    link = 'href="/en/networks/re-growcity/"'  # the network's row (its meeting there stays)
    assert link in client.get(url).content.decode()
    Network.objects.get(slug="re-growcity").memberships.filter(city__slug="aluksne").delete()
    assert link not in client.get(url).content.decode()


def test_nothing_rendered_for_an_editor_is_stored(client, demo, django_user_model):
    from django.test import Client

    client.force_login(django_user_model.objects.create_user("editor-anna", is_staff=True))
    response = client.get(NETWORK_PAGE)
    assert "X-Page-Cache" not in response
    assert "private" in response["Cache-Control"]
    # The next visitor gets a page of their own, rendered for nobody in particular.
    assert Client().get(NETWORK_PAGE)["X-Page-Cache"] == "miss"


def test_a_cached_page_carries_nothing_from_a_session(client, demo, django_user_model):
    from django.test import Client

    public = Client().get(NETWORK_PAGE)
    assert public["X-Page-Cache"] == "miss"
    editor = django_user_model.objects.create_user("editor-anna", is_staff=True)
    client.force_login(editor)
    response = client.get(NETWORK_PAGE)
    assert response["X-Page-Cache"] == "hit"  # the same page as for everyone
    assert response.content == public.content
    page = response.content.decode()
    assert "editor-anna" not in page
    assert "csrfmiddlewaretoken" not in page
    assert client.session.session_key not in page
    assert not response.cookies
    assert "Cookie" not in response.get("Vary", "")


def test_admin_and_login_are_never_cached(client, demo):
    for url in ("/admin/login/", "/admin/login/"):
        response = client.get(url)
        assert "X-Page-Cache" not in response


def test_a_page_is_stored_with_its_etag_and_not_hashed_again(client, demo, monkeypatch):
    from django.middleware import http

    first = client.get(NETWORK_PAGE)
    hashed = []
    monkeypatch.setattr(http, "set_response_etag", lambda response: hashed.append(response))
    second = client.get(NETWORK_PAGE)
    assert second["X-Page-Cache"] == "hit" and second["ETag"] == first["ETag"]
    assert hashed == []


def test_browsers_revalidate_with_etag(client, demo):
    response = client.get(NETWORK_PAGE)
    etag = response["ETag"]
    assert client.get(NETWORK_PAGE, headers={"if-none-match": etag}).status_code == 304


def test_error_pages_are_not_cached(client, demo):
    assert "X-Page-Cache" not in client.get("/en/networks/nothing-here/")


def test_page_cache_can_be_switched_off(client, demo, settings):
    from django.test import override_settings

    with override_settings(PAGE_CACHE_SECONDS=0):
        from django.test import Client

        fresh = Client()
        fresh.get(NETWORK_PAGE)
        assert "X-Page-Cache" not in fresh.get(NETWORK_PAGE)


def test_api_answers_are_cached_and_invalidated_too(client, demo):
    url = "/api/v1/networks/active-ngos"
    assert client.get(url)["X-Page-Cache"] == "miss"
    assert client.get(url)["X-Page-Cache"] == "hit"
    Network.objects.filter(slug="active-ngos").update(acronym="ANGO")  # no signal: stays cached
    assert client.get(url).json()["acronym"] != "ANGO"
    network = Network.objects.get(slug="active-ngos")
    network.save()
    assert client.get(url).json()["acronym"] == "ANGO"


def test_the_version_knows_the_next_scheduled_publication(client, demo):
    import datetime

    from core.models import ContentVersion
    from tests.factories import ArticleFactory

    ArticleFactory(published_at=timezone.now() - datetime.timedelta(seconds=5))
    assert ContentVersion.objects.get().next_publication is None
    soon = timezone.now() + datetime.timedelta(seconds=20)
    ArticleFactory(title_en="Scheduled", published_at=soon)
    assert ContentVersion.objects.get().next_publication == soon
    assert "Scheduled" not in client.get("/en/news/").content.decode()


def test_only_writes_that_can_move_the_next_publication_work_it_out(db, monkeypatch):
    import datetime

    from core import cache
    from core.models import ContentVersion
    from tests.factories import ArticleFactory, CityFactory

    soon = timezone.now() + datetime.timedelta(hours=1)
    ArticleFactory(title_en="Scheduled", published_at=soon)
    version = ContentVersion.objects.get()
    asked = []
    monkeypatch.setattr(cache, "next_publication", lambda: asked.append(1))
    CityFactory()  # a city has no publication time: the version moves, the moment stays
    after = ContentVersion.objects.get()
    assert after.value > version.value and after.next_publication == soon
    assert asked == []
    cache.bump_content_version()  # a bulk write names no model: it may have moved it
    assert asked == [1]


def test_a_page_rendered_under_an_older_version_is_not_served(client, demo):
    from core.cache import bump_content_version

    client.get(NETWORK_PAGE)
    bump_content_version()
    assert client.get(NETWORK_PAGE)["X-Page-Cache"] == "miss"


def test_the_version_only_moves_forward(db):
    from core.cache import bump_content_version, content_version
    from core.models import ContentVersion

    first = content_version()
    bump_content_version()
    second = content_version()
    assert second > first
    # Emptied (a flush) or restored from an older copy: made later, it is higher still.
    ContentVersion.objects.all().delete()
    assert content_version() > second
    ContentVersion.objects.update(value=first)
    bump_content_version()
    assert content_version() > second


def test_a_rolled_back_write_leaves_the_version_alone(db):
    from django.db import transaction

    from core.cache import content_version
    from tests.factories import NetworkFactory

    before = content_version()
    with contextlib.suppress(RuntimeError), transaction.atomic():
        network = NetworkFactory(slug="gone")
        assert content_version() > before  # moved in the writing transaction
        raise RuntimeError(network)
    assert content_version() == before


def test_a_scheduled_article_appears_on_cached_pages_when_its_time_comes(
    client, demo, time_machine
):
    import datetime

    from tests.factories import ArticleFactory

    soon = timezone.now() + datetime.timedelta(minutes=5)
    ArticleFactory(title_en="Scheduled for later", published_at=soon)
    client.get("/en/news/")
    assert client.get("/en/news/")["X-Page-Cache"] == "hit"
    time_machine.move_to(soon + datetime.timedelta(seconds=1), tick=False)
    response = client.get("/en/news/")
    assert response["X-Page-Cache"] == "miss"
    assert "Scheduled for later" in response.content.decode()


def test_a_new_day_renders_pages_afresh(client, demo, time_machine):
    import datetime

    # Across midnight in two seconds, so the copy is still well within PAGE_CACHE_SECONDS:
    # only the new day can make the next request a miss.
    tomorrow = timezone.localdate() + datetime.timedelta(days=1)
    midnight = timezone.make_aware(datetime.datetime.combine(tomorrow, datetime.time()))
    time_machine.move_to(midnight - datetime.timedelta(seconds=1), tick=False)
    client.get(NETWORK_PAGE)
    time_machine.shift(2)
    assert client.get(NETWORK_PAGE)["X-Page-Cache"] == "miss"


def test_each_host_gets_its_own_copy(client, demo, settings):
    settings.ALLOWED_HOSTS = ["urbact.lv", "www.urbact.lv"]
    first = client.get(NETWORK_PAGE, headers={"host": "urbact.lv"}).content.decode()
    other = client.get(NETWORK_PAGE, headers={"host": "www.urbact.lv"})
    assert other["X-Page-Cache"] == "miss"
    assert f'content="http://urbact.lv{NETWORK_PAGE}"' in first
    assert f'content="http://www.urbact.lv{NETWORK_PAGE}"' in other.content.decode()


def test_a_forged_host_gets_400_not_a_cached_page(client, demo):
    client.get(NETWORK_PAGE)
    response = client.get(NETWORK_PAGE, headers={"host": "evil.example"})
    assert response.status_code == 400
    assert "X-Page-Cache" not in response


def test_no_page_outlives_page_cache_seconds(client, demo, time_machine):
    time_machine.move_to(timezone.now(), tick=False)
    client.get(NETWORK_PAGE)
    time_machine.shift(40)
    assert client.get(NETWORK_PAGE)["X-Page-Cache"] == "hit"
    time_machine.shift(30)
    assert client.get(NETWORK_PAGE)["X-Page-Cache"] == "miss"
