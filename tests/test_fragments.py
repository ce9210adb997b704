"""Template fragments keyed by the content version: pages rendered afresh (the page cache is
off in these tests, as it is for editors) reuse what has not changed, and nothing else."""

import datetime
import importlib.metadata

import pytest
from django.utils import timezone

from core.cache import ContentFragments, release
from networks.models import Approval, Membership, Network
from tests.factories import ArticleFactory, MembershipFactory, NetworkFactory, ProgrammeFactory

pytestmark = pytest.mark.django_db

NETWORK_PAGE = "/en/networks/active-ngos/"


def test_a_network_page_with_its_fragments_kept_runs_no_query(
    client, demo, django_assert_num_queries
):
    first = client.get(NETWORK_PAGE)
    with django_assert_num_queries(0):
        second = client.get(NETWORK_PAGE)
    assert second.content == first.content
    assert "X-Page-Cache" not in second


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


def test_each_language_has_its_own_fragment(client, demo):
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


def test_the_stamp_changes_with_the_day_and_the_content(demo, time_machine):
    # Across midnight in two seconds, with no publication or edit in between: only the day
    # changes.
    tomorrow = timezone.localdate() + datetime.timedelta(days=1)
    midnight = timezone.make_aware(datetime.datetime.combine(tomorrow, datetime.time()))
    time_machine.move_to(midnight - datetime.timedelta(seconds=1), tick=False)
    today = ContentFragments().stamp
    Network.objects.get(slug="active-ngos").save()
    assert ContentFragments().stamp != today
    after_edit = ContentFragments().stamp
    time_machine.shift(2)
    assert ContentFragments().stamp != after_edit
    assert ContentFragments().stamp.endswith(release())


def test_the_stamp_changes_when_a_scheduled_publication_comes(demo, time_machine):
    soon = timezone.now() + datetime.timedelta(minutes=5)
    ArticleFactory(published_at=soon)
    before = ContentFragments().stamp
    assert ContentFragments().stamp == before
    time_machine.move_to(soon + datetime.timedelta(seconds=1), tick=False)
    assert ContentFragments().stamp != before


def test_fragments_end_at_the_next_scheduled_publication(demo):
    ArticleFactory(published_at=timezone.now() + datetime.timedelta(seconds=30))
    assert 1 <= ContentFragments().seconds <= 30


def test_fragments_can_be_switched_off(client, demo, settings):
    settings.FRAGMENT_CACHE_SECONDS = 0
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
    before = int(_figure(client.get("/en/").content.decode(), "partners"))
    MembershipFactory(network=Network.objects.get(slug="active-ngos"))
    after = int(_figure(client.get("/en/").content.decode(), "partners"))
    approval = Approval.objects.get()
    assert after == before + 1 == approval.figures()["partners"]


def test_list_figures_are_kept_per_selection(client, demo):
    NetworkFactory(programme=ProgrammeFactory(slug="urbact-iv"))
    everything = _figure(client.get("/en/networks/").content.decode(), "networks")
    selected = _figure(client.get("/en/networks/?programme=urbact-iv").content.decode(), "networks")
    assert int(everything) == Network.objects.count()
    assert int(selected) == Network.objects.select(programme="urbact-iv").count()
    assert int(selected) < int(everything)


def test_figures_and_filters_are_worked_out_once_per_content_version(client, demo):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client.get(NETWORK_PAGE)  # looks up the next scheduled publication for this version
    with CaptureQueriesContext(connection) as first:
        client.get("/en/networks/")
    with CaptureQueriesContext(connection) as second:
        client.get("/en/networks/")
    # Kept: the filters' choices and the list's content, with its figures, country counts
    # and map: nothing is left to query.
    assert len(first) > 5
    assert len(second) == 0


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


def test_a_remembered_none_is_not_worked_out_again(rf):
    from core.cache import kept

    calls = []

    def compute():
        calls.append(1)

    assert kept(rf.get("/"), "nothing", "LV", compute) is None
    assert kept(rf.get("/"), "nothing", "LV", compute) is None
    assert len(calls) == 1


def test_the_network_page_etag_follows_its_fragments(client, demo):
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


def test_without_fragments_the_etag_hashes_the_page(client, demo, settings):
    import hashlib

    settings.FRAGMENT_CACHE_SECONDS = 0
    response = client.get(NETWORK_PAGE)
    assert response["ETag"] == f'"{hashlib.md5(response.content).hexdigest()}"'


def test_a_kept_page_is_kept_per_address_and_renewed_by_an_edit_or_a_release(rf, settings, db):
    from django.http import HttpResponse, HttpResponseNotFound

    from core import cache

    calls = []

    def respond(response_class=HttpResponse, cookie=False):
        def answer():
            calls.append(1)
            response = response_class(f"page {len(calls)}")
            if cookie:
                response.set_cookie("seen", "1")
            return response

        return answer

    def page(path="/en/x/", **kwargs):
        return cache.kept_response(rf.get(path), "test page", respond(**kwargs)).content

    assert page() == b"page 1"
    assert page() == b"page 1"  # kept
    assert page("/en/x/?from=newsletter") == b"page 2"  # another address
    cache.bump_content_version()
    assert page() == b"page 3"  # an edit renews it
    settings.RELEASE = "next"
    assert page() == b"page 4"  # so does a release
    assert page("/en/missing/", response_class=HttpResponseNotFound) == b"page 5"
    assert page("/en/missing/", response_class=HttpResponseNotFound) == b"page 6"  # not kept
    assert page("/en/cookie/", cookie=True) == b"page 7"
    assert page("/en/cookie/", cookie=True) == b"page 8"  # not kept


def test_a_kept_page_is_rendered_every_time_without_fragments(rf, settings, db):
    from django.http import HttpResponse

    from core import cache

    settings.FRAGMENT_CACHE_SECONDS = 0
    calls = []

    def respond():
        calls.append(1)
        return HttpResponse("page")

    cache.kept_response(rf.get("/en/x/"), "test page", respond)
    cache.kept_response(rf.get("/en/x/"), "test page", respond)
    assert len(calls) == 2
