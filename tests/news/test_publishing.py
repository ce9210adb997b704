"""Who publishes: writers submit for review, NCP editors publish or schedule; "Edited on"
moves only with substantive edits."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from news import services
from news.models import Article
from tests.factories import ArticleFactory

from .forms_html import open_form, save

pytestmark = pytest.mark.django_db


# Publishing ------------------------------------------------------------------------------


def test_ncp_editors_have_the_publish_permission(editor, writer, make_user):
    assert services.can_publish(editor)
    assert not services.can_publish(writer)
    assert not services.can_publish(make_user("partner", "Partner editor"))
    assert services.can_publish(make_user("root", is_superuser=True))


def test_a_writer_cannot_publish_but_can_submit_for_review(client, writer):
    article = ArticleFactory(status="draft", published_at=None)
    client.force_login(writer)
    data = open_form(client, article)
    response = save(
        client,
        article,
        data,
        status="published",
        published_at_0="2026-01-01",
        published_at_1="10:00",
    )
    assert response.status_code == 200
    # The admin answers in Latvian (the site's first language) unless the browser asks
    # for another one.
    assert "Rakstus drīkst publicēt tikai NKP redaktori" in response.content.decode()
    article.refresh_from_db()
    assert article.status == "draft"

    response = save(client, article, open_form(client, article), status="in_review")
    assert response.status_code == 302
    article.refresh_from_db()
    assert article.status == "in_review"
    # The publish action is not even offered.
    changelist = client.get(reverse("admin:news_article_changelist")).content.decode()
    assert 'value="publish"' not in changelist
    assert 'value="submit_for_review"' in changelist


def test_an_ncp_editor_schedules_an_article(client, editor):
    article = ArticleFactory(status="in_review", published_at=None)
    client.force_login(editor)
    tomorrow = timezone.localtime() + datetime.timedelta(days=1)
    response = save(
        client,
        article,
        open_form(client, article),
        status="published",
        published_at_0=tomorrow.strftime("%Y-%m-%d"),
        published_at_1="09:00:00",
    )
    assert response.status_code == 302
    article.refresh_from_db()
    assert article.is_scheduled
    assert client.get(article.get_absolute_url()).status_code == 404


def test_publishing_without_a_time_means_now(client, editor):
    article = ArticleFactory(status="in_review", published_at=None)
    client.force_login(editor)
    before = timezone.now()
    response = save(client, article, open_form(client, article), status="published")
    assert response.status_code == 302
    article.refresh_from_db()
    assert before <= article.published_at <= timezone.now()
    assert article.is_public


def test_publish_service_and_action(client, editor, writer):
    article = ArticleFactory(status="in_review", published_at=None)
    with pytest.raises(services.PermissionDenied):
        services.publish(article, writer)
    client.force_login(editor)
    response = client.post(
        reverse("admin:news_article_changelist"),
        {"action": "publish", "_selected_action": [article.pk]},
    )
    assert response.status_code == 302
    article.refresh_from_db()
    assert article.is_public
    assert article.history.first().history_user == editor


# Edited on -------------------------------------------------------------------------------


def test_edited_on_moves_only_with_substantive_edits(client, editor):
    long_ago = datetime.datetime(2019, 1, 1, tzinfo=datetime.UTC)
    article = ArticleFactory(edited_at=long_ago)
    client.force_login(editor)
    assert (
        save(client, article, open_form(client, article), seo_description_lv="SEO").status_code
        == 302
    )
    article.refresh_from_db()
    assert article.edited_at == long_ago
    assert save(client, article, open_form(client, article), status="draft").status_code == 302
    article.refresh_from_db()
    assert article.edited_at == long_ago
    assert (
        save(client, article, open_form(client, article), body_en="<p>New text.</p>").status_code
        == 302
    )
    article.refresh_from_db()
    assert article.edited_at > long_ago


def test_the_article_form_alone_never_publishes():
    from news.admin import ArticleForm

    article = ArticleFactory(status="draft", published_at=None)
    form_class = type(
        "Form",
        (ArticleForm,),
        {"Meta": type("Meta", (), {"model": Article, "fields": ["status", "published_at"]})},
    )
    form = form_class({"status": "published", "published_at": "2020-01-01 10:00"}, instance=article)
    assert not form.is_valid()
    assert "status" in form.errors
