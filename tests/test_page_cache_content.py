"""Pages through the page cache (on in these tests): every change of what a page shows, a
scheduled publication and a new day renew it at once; nothing else does."""

import datetime
import importlib.metadata

import pytest
from django.utils import timezone

from core.cache import content_version
from core.release import release
from networks.models import Approval, Membership, Network
from tests.factories import ArticleFactory, MembershipFactory, NetworkFactory, ProgrammeFactory

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _page_cache_on(settings):
    settings.PAGE_CACHE_SECONDS = 60


NETWORK_PAGE = "/en/networks/active-ngos/"


def test_a_network_page_from_the_page_cache_reads_only_the_version(
    client, demo, django_assert_num_queries
):
    first = client.get(NETWORK_PAGE)
    with django_assert_num_queries(1):
        second = client.get(NETWORK_PAGE)
    assert second.content == first.content
    assert second["X-Page-Cache"] == "hit"


def test_an_unknown_network_is_not_remembered(client, demo):
    assert client.get("/en/networks/not-yet/").status_code == 404
    NetworkFactory(slug="not-yet", name_en="Arrived later")
    page = client.get("/en/networks/not-yet/")
    assert page.status_code == 200
    assert "<title>Arrived later · URBACT</title>" in page.content.decode()


def test_renaming_a_network_changes_its_head_breadcrumbs_and_content_at_once(client, demo):
    client.get(NETWORK_PAGE)
    network = Network.objects.get(slug="active-ngos")
    network.name_en = "Active NGOs renamed"
    network.save()
    page = client.get(NETWORK_PAGE).content.decode()
    assert "<title>Active NGOs renamed · URBACT</title>" in page
    assert '<meta property="og:title" content="Active NGOs renamed">' in page
    assert '<span aria-current="page">Active NGOs renamed</span>' in page
    assert "<h1>Active NGOs renamed</h1>" in page


def test_the_head_and_header_name_the_address_asked_for(client, demo):
    client.get(NETWORK_PAGE + "?from=newsletter")
    page = client.get(NETWORK_PAGE).content.decode()
    assert f'<meta property="og:url" content="http://testserver{NETWORK_PAGE}">' in page
    assert 'href="/lv/networks/active-ngos/" hreflang="lv"' in page
    asked = client.get(NETWORK_PAGE + "?from=newsletter").content.decode()
    assert 'href="/lv/networks/active-ngos/?from=newsletter" hreflang="lv"' in asked


def test_a_scheduled_article_about_the_network_appears_when_its_time_comes(
    client, demo, time_machine
):
    soon = timezone.now() + datetime.timedelta(minutes=5)
    article = ArticleFactory(title_en="Kick-off meeting report", published_at=soon)
    article.networks.add(Network.objects.get(slug="active-ngos"))
    assert "Kick-off meeting report" not in client.get(NETWORK_PAGE).content.decode()
    time_machine.move_to(soon + datetime.timedelta(seconds=1), tick=False)
    # Nothing was saved in between: only the passing publication time renews the stamp.
    assert "Kick-off meeting report" in client.get(NETWORK_PAGE).content.decode()


def test_editing_a_partner_shows_at_once(client, demo):
    client.get(NETWORK_PAGE)
    membership = Membership.objects.filter(network__slug="active-ngos").first()
    membership.organisation = "Municipal Youth Office"
    membership.save()
    assert "Municipal Youth Office" in client.get(NETWORK_PAGE).content.decode()


def test_editors_see_their_change_at_once(client, demo, django_user_model):
    client.force_login(django_user_model.objects.create_user("editor", is_staff=True))
    client.get(NETWORK_PAGE)
    network = Network.objects.get(slug="active-ngos")
    network.goals_en = "Freshly written goals."
    network.save()
    assert "Freshly written goals." in client.get(NETWORK_PAGE).content.decode()


def test_each_language_has_its_own_page(client, demo):
    english = client.get(NETWORK_PAGE).content.decode()
    latvian = client.get("/lv/networks/active-ngos/").content.decode()
    assert "Key facts" in english
    assert "Key facts" not in latvian
    assert "Galvenie fakti" in latvian


def test_a_news_item_about_the_network_shows_at_once(client, demo):
    client.get(NETWORK_PAGE)
    article = ArticleFactory(title_en="Network news today", published_at=timezone.now())
    article.networks.add(Network.objects.get(slug="active-ngos"))
    assert "Network news today" in client.get(NETWORK_PAGE).content.decode()


def test_the_version_moves_once_when_a_scheduled_publication_comes(demo, time_machine):
    soon = timezone.now() + datetime.timedelta(minutes=5)
    ArticleFactory(published_at=soon)
    before = content_version()
    assert content_version() == before
    time_machine.move_to(soon + datetime.timedelta(seconds=1), tick=False)
    after = content_version()
    assert after > before
    assert content_version() == after


def test_without_the_page_cache_every_page_is_read_from_the_database(client, demo, settings):
    settings.PAGE_CACHE_SECONDS = 0
    client.get(NETWORK_PAGE)
    network = Network.objects.get(slug="active-ngos")
    Network.objects.filter(pk=network.pk).update(lead_expert="Unsignalled Expert")
    assert "Unsignalled Expert" in client.get(NETWORK_PAGE).content.decode()


def test_the_navigation_marks_the_section_of_each_page(client, demo):
    client.get("/en/news/")
    page = client.get(NETWORK_PAGE).content.decode()
    assert 'href="/en/networks/" aria-current="page"' in page
    assert 'href="/en/news/" aria-current="page"' not in page
    news = client.get("/en/news/").content.decode()
    assert 'href="/en/news/" aria-current="page"' in news


def _figure(page, label):
    return page.split(f"<dt>{label}</dt><dd>", 1)[1].split("</dd>", 1)[0]


def test_home_figures_follow_a_new_partner_at_once(client, demo):
    response = client.get("/en/")
    before = int(_figure(response.content.decode(), "partners"))
    # A partner of a network of the approval whose figures the home page shows.
    approval = response.context["approval"]
    MembershipFactory(network=approval.networks().first())
    after = int(_figure(client.get("/en/").content.decode(), "partners"))
    assert after == before + 1 == Approval.objects.get(pk=approval.pk).figures()["partners"]


def test_list_figures_are_per_selection(client, demo):
    NetworkFactory(programme=ProgrammeFactory(slug="urbact-iv"))
    everything = _figure(client.get("/en/networks/").content.decode(), "networks")
    selected = _figure(client.get("/en/networks/?programme=urbact-iv").content.decode(), "networks")
    assert int(everything) == Network.objects.count()
    assert int(selected) == Network.objects.select(programme="urbact-iv").count()
    assert int(selected) < int(everything)


def test_the_network_list_is_worked_out_once_per_content_version(client, demo):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as first:
        client.get("/en/networks/")
    with CaptureQueriesContext(connection) as second:
        client.get("/en/networks/")
    # The filters' choices and the list, with its figures, country counts and map, come
    # from the page cache: only the version is read.
    assert len(first) > 5
    assert len(second) == 1


def test_a_new_programme_becomes_a_filter_at_once(client, demo):
    assert 'value="urbact-v"' not in client.get("/en/networks/").content.decode()
    NetworkFactory(programme=ProgrammeFactory(slug="urbact-v", name="URBACT V"))
    assert 'value="urbact-v"' in client.get("/en/networks/").content.decode()


def test_while_developing_every_request_has_a_release_of_its_own(settings):
    settings.DEBUG = True
    assert release() != release()


def test_the_release_is_the_setting_else_the_checkouts_commit_else_the_version(settings, tmp_path):
    from core import release as cache

    settings.RELEASE = "3f2a9c1"
    assert release() == "3f2a9c1"
    settings.RELEASE = ""
    git = tmp_path / ".git"
    (git / "refs" / "heads").mkdir(parents=True)
    (git / "HEAD").write_text("ref: refs/heads/main\n")
    (git / "refs" / "heads" / "main").write_text("0123456789abcdef0123456789abcdef01234567\n")
    assert cache._checkout_commit(git) == "0123456789ab"
    (git / "refs" / "heads" / "main").unlink()
    (git / "packed-refs").write_text(
        "# pack-refs with: peeled fully-peeled sorted\n"
        "fedcba9876543210fedcba9876543210fedcba98 refs/heads/main\n"
    )
    assert cache._checkout_commit(git) == "fedcba987654"
    (git / "HEAD").write_text("aaaabbbbccccddddeeeeffff0000111122223333\n")  # detached
    assert cache._checkout_commit(git) == "aaaabbbbcccc"
    assert cache._checkout_commit(tmp_path / "not-a-checkout") is None
    assert cache._package_version() == importlib.metadata.version("urbact-portal")


def test_the_network_page_etag_follows_its_content(client, demo):
    first = client.get(NETWORK_PAGE)
    etag = first["ETag"]
    assert client.get(NETWORK_PAGE, headers={"if-none-match": etag}).status_code == 304
    assert client.get("/lv/networks/active-ngos/")["ETag"] != etag
    assert client.get(NETWORK_PAGE + "?from=newsletter")["ETag"] != etag
    network = Network.objects.get(slug="active-ngos")
    network.lead_expert = "A new lead expert"
    network.save()
    changed = client.get(NETWORK_PAGE, headers={"if-none-match": etag})
    assert changed.status_code == 200
    assert "A new lead expert" in changed.content.decode()
    assert changed["ETag"] != etag


def test_the_etag_hashes_the_page(client, demo):
    import hashlib

    response = client.get(NETWORK_PAGE)
    assert response["ETag"] == f'"{hashlib.md5(response.content).hexdigest()}"'


def test_a_new_release_renews_pages(client, demo, settings):
    settings.RELEASE = "3f2a9c1"
    client.get(NETWORK_PAGE)
    assert client.get(NETWORK_PAGE)["X-Page-Cache"] == "hit"
    settings.RELEASE = "4b7e0d2"
    assert client.get(NETWORK_PAGE)["X-Page-Cache"] == "miss"
