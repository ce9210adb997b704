"""The admin pages editors use most run the same number of SQL queries whatever the amount of
data: the network, progress update and article change lists, and a network's change form
with 40 partners. As an NCP editor (a superuser sees the same) and as a partner editor."""

import pytest
from django.contrib.auth.models import Group
from django.db import connection
from django.test.utils import CaptureQueriesContext

from core.groups import NCP_EDITOR, PARTNER_EDITOR
from networks.models import Network, PartnerEditor, ProgressUpdate
from tests.test_query_counts import build, build_more

pytestmark = pytest.mark.django_db

NCP_PAGES = [
    "/admin/networks/network/",
    "/admin/networks/progressupdate/",
    "/admin/news/article/",
    "/admin/networks/network/{main}/change/",
    "/admin/networks/progressupdate/{update}/change/",
]
PARTNER_PAGES = [
    "/admin/networks/progressupdate/",
    "/admin/networks/progressupdate/add/",
    "/admin/networks/progressupdate/{update}/change/",
]


def editor(django_user_model, group, username):
    user = django_user_model.objects.create_user(username, password="x", is_staff=True)
    user.groups.add(Group.objects.get(name=group))
    return user


def address(url):
    main = Network.objects.get(slug="main")
    update = ProgressUpdate.objects.filter(network=main).order_by("pk").first()
    return url.format(main=main.pk, update=update.pk)


def queries(client, url):
    client.get(address(url))  # the first visit fills the per-process caches (content types)
    with CaptureQueriesContext(connection) as captured:
        response = client.get(address(url))
    assert response.status_code == 200, url
    return len(captured)


@pytest.mark.parametrize("url", NCP_PAGES)
def test_an_ncp_editors_pages_cost_the_same_at_any_size(client, django_user_model, url):
    client.force_login(editor(django_user_model, NCP_EDITOR, "inga"))
    build(networks=1, partners=3, updates=2)
    small = queries(client, url)
    build_more()
    assert Network.objects.get(slug="main").memberships.count() == 40
    large = queries(client, url)
    assert large == small, f"{url}: {small} queries with 1 network, {large} with 5"
    assert small <= 40, f"{url}: {small} queries"


@pytest.mark.parametrize("url", PARTNER_PAGES)
def test_a_partner_editors_pages_cost_the_same_at_any_size(client, django_user_model, url):
    user = editor(django_user_model, PARTNER_EDITOR, "liga")
    client.force_login(user)
    build(networks=1, partners=3, updates=2)
    PartnerEditor.objects.create(user=user, network=Network.objects.get(slug="main"))
    first = ProgressUpdate.objects.filter(network__slug="main").order_by("pk").first()
    ProgressUpdate.objects.filter(pk=first.pk).update(author=user, status="draft")
    small = queries(client, url)
    build_more()
    large = queries(client, url)
    assert large == small, f"{url}: {small} queries with 1 network, {large} with 5"
    assert small <= 40, f"{url}: {small} queries"


@pytest.mark.parametrize("url", ["/admin/networks/progressupdate/", "/admin/news/article/"])
def test_the_long_change_lists_count_their_rows_once(client, django_user_model, url):
    """The tables that grow fastest are counted for the paginator only, not a second time
    for a total beside it (a pass over the whole table on PostgreSQL)."""
    build(networks=1, partners=3, updates=2)
    client.force_login(editor(django_user_model, NCP_EDITOR, "anna"))
    client.get(url)
    for search in ("", "?q=main"):
        with CaptureQueriesContext(connection) as captured:
            response = client.get(url + search)
        assert response.status_code == 200
        counts = [query["sql"] for query in captured if "COUNT(" in query["sql"].upper()]
        assert len(counts) == 1, counts
