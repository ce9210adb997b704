"""Anonymous pages are cached and never stale; editors never get a cached page."""

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


def test_cached_page_uses_no_database_query(client, demo, django_assert_num_queries):
    client.get(NETWORK_PAGE)
    with django_assert_num_queries(0):
        assert client.get(NETWORK_PAGE)["X-Page-Cache"] == "hit"


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
    assert "Re-growCity" in client.get(url).content.decode()
    Network.objects.get(slug="re-growcity").memberships.filter(city__slug="aluksne").delete()
    assert "Re-growCity" not in client.get(url).content.decode()


def test_logged_in_editors_never_get_a_cached_page(client, demo, django_user_model):
    client.get(NETWORK_PAGE)  # cached for anonymous visitors
    client.force_login(django_user_model.objects.create_user("editor", is_staff=True))
    response = client.get(NETWORK_PAGE)
    assert "X-Page-Cache" not in response
    assert "private" in response["Cache-Control"]


def test_admin_and_login_are_never_cached(client, demo):
    for url in ("/admin/login/", "/admin/login/"):
        response = client.get(url)
        assert "X-Page-Cache" not in response


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


def test_a_page_is_not_kept_past_the_next_scheduled_publication(client, demo):
    import datetime

    from core.cache import ContentFragments
    from tests.factories import ArticleFactory

    ArticleFactory(published_at=timezone.now() - datetime.timedelta(seconds=5))
    assert ContentFragments().lifetime(60) == 60
    ArticleFactory(
        title_en="Scheduled", published_at=timezone.now() + datetime.timedelta(seconds=20)
    )
    assert 1 <= ContentFragments().lifetime(60) <= 20
    assert "Scheduled" not in client.get("/en/news/").content.decode()


def test_a_page_rendered_under_an_older_version_is_not_served(client, demo):
    from core.cache import bump_content_version

    client.get(NETWORK_PAGE)
    bump_content_version()
    assert client.get(NETWORK_PAGE)["X-Page-Cache"] == "miss"


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


def test_a_worker_serves_its_own_copy_without_fetching_the_page(client, demo, settings):
    from django.core.cache import caches

    from core.cache import NEXT_PUBLICATION_KEY, VERSION_KEY

    client.get(NETWORK_PAGE)
    shared = caches[settings.PAGE_CACHE_ALIAS]
    stamp_parts = shared.get_many([VERSION_KEY, NEXT_PUBLICATION_KEY])
    shared.clear()
    shared.set_many(stamp_parts, None)
    # The shared copy is gone, the worker's own is not: the hit needed only the stamp.
    assert client.get(NETWORK_PAGE)["X-Page-Cache"] == "hit"


def test_a_forged_host_gets_400_not_a_cached_page(client, demo):
    client.get(NETWORK_PAGE)
    response = client.get(NETWORK_PAGE, headers={"host": "evil.example"})
    assert response.status_code == 400
    assert "X-Page-Cache" not in response


def test_no_copy_of_a_page_outlives_page_cache_seconds(client, demo, settings, time_machine):
    from django.core.cache import caches

    time_machine.move_to(timezone.now(), tick=False)
    client.get(NETWORK_PAGE)
    caches[settings.PAGE_STORE_ALIAS].local.clear()  # another worker, with no copy yet
    time_machine.shift(40)
    assert client.get(NETWORK_PAGE)["X-Page-Cache"] == "hit"  # fetched late, and copied
    time_machine.shift(30)
    assert client.get(NETWORK_PAGE)["X-Page-Cache"] == "miss"
