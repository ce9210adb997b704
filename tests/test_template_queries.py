"""Views resolve their context: no public page runs a SQL query while its template renders
(a query there is one no view chose, and one no query-count test of the view can see)."""

from contextlib import contextmanager

import pytest
from django.db import connection
from django.template.backends.django import Template

from tests.factories import OutputFactory
from tests.test_query_counts import PAGES, build

pytestmark = pytest.mark.django_db

MORE_PAGES = [
    "/lv/",
    "/lv/networks/main/",
    "/en/good-practices/",
    "/en/outputs/",
    "/en/networks/main/outputs/",
    "/en/search/?q=riga",
    "/en/accessibility/",
    "/en/privacy/",
]


@contextmanager
def queries_while_rendering(monkeypatch):
    """The SQL run while a template renders (the view's own queries are not counted)."""
    depth, found = [0], []
    render = Template.render

    def counted_render(self, context=None, request=None):
        depth[0] += 1
        try:
            return render(self, context, request)
        finally:
            depth[0] -= 1

    def guard(execute, sql, params, many, context):
        if depth[0]:
            found.append(sql)
        return execute(sql, params, many, context)

    monkeypatch.setattr(Template, "render", counted_render)
    with connection.execute_wrapper(guard):
        yield found


@pytest.mark.parametrize("url", PAGES + MORE_PAGES)
def test_no_query_while_a_page_renders(client, monkeypatch, url):
    build(networks=1, partners=3, updates=2)
    main = __import__("networks.models", fromlist=["Network"]).Network.objects.get(slug="main")
    OutputFactory(network=main)
    with queries_while_rendering(monkeypatch) as found:
        response = client.get(url)
    assert response.status_code == 200, url
    assert found == [], f"{url}: {len(found)} queries in the template, first: {found[:1]}"


def test_the_guard_sees_a_query_in_a_template(client, monkeypatch):
    from django.template import engines

    build(networks=1, partners=3, updates=2)
    template = engines["django"].from_string("{{ networks.count }}")
    from networks.models import Network

    with queries_while_rendering(monkeypatch) as found:
        template.render({"networks": Network.objects.all()})
    assert len(found) == 1
