"""The change lists render their rows cheaply without changing what editors get: the action
checkbox is the admin's own markup, 50 rows a page, the preview links in every language."""

import pytest
from django.contrib import admin
from django.urls import reverse
from django.utils import translation

from networks.models import Network, ProgressUpdate
from news.models import Article
from tests.factories import ArticleFactory, NetworkFactory, ProgressUpdateFactory

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("language", ["lv", "en"])
def test_the_action_checkbox_is_the_admins_own(language):
    article = ArticleFactory(title_en='Parks & "gardens" <b>', title_lv='Parki & "dārzi" <b>')
    model_admin = admin.site._registry[Article]
    with translation.override(language):
        light = model_admin.action_checkbox(article)
        django = admin.ModelAdmin.action_checkbox(model_admin, article)
    assert light == django
    assert "&lt;b&gt;" in light and "&amp;" in light


@pytest.mark.parametrize(
    "model, factory",
    [(Article, ArticleFactory), (ProgressUpdate, ProgressUpdateFactory), (Network, NetworkFactory)],
)
def test_the_long_lists_show_50_rows_a_page(admin_client, model, factory):
    factory.create_batch(51)
    url = reverse(f"admin:{model._meta.app_label}_{model._meta.model_name}_changelist")
    first = admin_client.get(url)
    assert len(first.context["cl"].result_list) == 50
    assert len(admin_client.get(url, {"p": 2}).context["cl"].result_list) == 1


def test_the_preview_links_name_each_language(admin_client):
    article = ArticleFactory()
    html = admin_client.get(reverse("admin:news_article_changelist")).content.decode()
    for code in ("lv", "en"):
        with translation.override(code):
            preview = reverse("news:preview", kwargs={"pk": article.pk})
        assert f'<a href="{preview}" hreflang="{code}" target="_blank"' in html
