"""The editorial back office: its pages, the editor widget, the dashboard, image uploads
through the form and the change list's filters."""

import datetime
import re

import pytest
from django.urls import reverse
from django.utils import timezone

from networks.models import Network
from news.dashboard import editorial_dashboard
from news.models import Article
from tests.factories import ArticleFactory, NetworkFactory, ProgressUpdateFactory

from .forms_html import change_url, open_form, post_data

pytestmark = pytest.mark.django_db


def test_admin_pages_open(client, editor, demo):
    client.force_login(editor)
    article = Article.objects.get()
    for url in [
        reverse("admin:index"),
        reverse("admin:news_article_changelist"),
        reverse("admin:news_article_add"),
        change_url(article),
        reverse("admin:news_article_history", args=[article.pk]),
        reverse("admin:networks_network_history", args=[Network.objects.first().pk]),
    ]:
        assert client.get(url).status_code == 200, url


def test_the_editor_widget_is_on_the_body_and_the_import_map_has_the_nonce(client, editor):
    client.force_login(editor)
    response = client.get(reverse("admin:news_article_add"))
    html = response.content.decode()
    assert 'data-django-prose-editor-configurable="' in html
    nonce = response["Content-Security-Policy"].split("'nonce-")[1].split("'")[0]
    assert f'<script type="importmap" nonce="{nonce}">' in html
    assert "prose-editor-csp.js" in html
    # Nothing from another origin (a random token may well contain "cdn": look at addresses).
    assert not re.search(r'(?:src|href)="(?:https?:)?//', html)


def test_public_pages_carry_no_nonce(client, demo):
    response = client.get("/lv/news/")
    assert "nonce" not in response["Content-Security-Policy"]


# Dashboard -------------------------------------------------------------------------------


def test_dashboard_lists_what_needs_attention(client, editor):
    review = ArticleFactory(status="in_review", published_at=None, title_lv="Pārskatāmais")
    update = ProgressUpdateFactory(status="in_review", title_lv="Jaunums pārskatīšanai")
    scheduled = ArticleFactory(
        published_at=timezone.now() + datetime.timedelta(days=3), title_lv="Plānotais"
    )
    untranslated = ArticleFactory(title_en="", body_en="", title_lv="Bez tulkojuma")
    today = timezone.localdate()
    quiet = NetworkFactory(
        name_lv="Klusais tīkls",
        planned_start=today - datetime.timedelta(days=400),
        planned_end=today + datetime.timedelta(days=400),
    )
    ProgressUpdateFactory(network=quiet, date=today - datetime.timedelta(days=90))
    busy = NetworkFactory(
        name_lv="Aktīvais tīkls",
        planned_start=today - datetime.timedelta(days=400),
        planned_end=today + datetime.timedelta(days=400),
    )
    ProgressUpdateFactory(network=busy, date=today - datetime.timedelta(days=5))

    data = editorial_dashboard()
    assert data["articles_in_review"]["items"] == [review]
    assert data["updates_in_review"]["items"] == [update]
    assert data["scheduled"]["items"] == [scheduled]
    assert untranslated in data["missing_translation"]["items"]
    assert data["quiet_networks"]["items"] == [quiet]

    client.force_login(editor)
    html = client.get(reverse("admin:index")).content.decode()
    for text in ["Pārskatāmais", "Jaunums pārskatīšanai", "Plānotais", "Bez tulkojuma"]:
        assert text in html
    assert "Klusais tīkls" in html and "Aktīvais tīkls" not in html


def test_dashboard_queries_are_bounded(django_assert_max_num_queries):
    for _ in range(15):
        ArticleFactory(status="in_review", published_at=None, title_en="")
        ProgressUpdateFactory(status="in_review")
    with django_assert_max_num_queries(10):
        data = editorial_dashboard()
        [str(update.network) for update in data["updates_in_review"]["items"]]
    assert len(data["articles_in_review"]["items"]) == 10
    assert data["articles_in_review"]["count"] == 15


def test_dashboard_is_only_for_ncp_editors(client, make_user):
    ArticleFactory(status="in_review", published_at=None, title_lv="Pārskatāmais")
    client.force_login(make_user("partner", "Partner editor"))
    html = client.get(reverse("admin:index")).content.decode()
    assert "Pārskatāmais" not in html
    assert "editorial-dashboard" not in html


# Image uploads through the form ----------------------------------------------------------


def png_upload(name="photo.png", extra=b""):
    import io

    from django.core.files.uploadedfile import SimpleUploadedFile
    from PIL import Image

    buffer = io.BytesIO()
    Image.new("RGB", (30, 20), (10, 120, 200)).save(buffer, format="PNG")
    return SimpleUploadedFile(name, buffer.getvalue() + extra, content_type="image/png")


def test_a_fake_image_is_refused_with_a_clear_message(client, editor):
    from django.core.files.uploadedfile import SimpleUploadedFile

    article = ArticleFactory()
    client.force_login(editor)
    data = post_data({**open_form(client, article), "_save": ["Save"]})
    fake = SimpleUploadedFile("photo.png", b"<html><script>alert(1)</script>", "image/png")
    response = client.post(change_url(article), {**data, "image": fake, "image_alt_lv": "x"})
    assert response.status_code == 200
    assert "Šis fails nav attēls" in response.content.decode()
    article.refresh_from_db()
    assert not article.image


def test_an_image_needs_a_description_and_is_stored_reencoded(client, editor, settings):
    article = ArticleFactory()
    client.force_login(editor)
    data = post_data({**open_form(client, article), "_save": ["Save"]})
    response = client.post(change_url(article), {**data, "image": png_upload()})
    assert response.status_code == 200
    assert "Aprakstiet attēlu" in response.content.decode()

    data = post_data({**open_form(client, article), "_save": ["Save"]})
    polyglot = png_upload("photo.png", extra=b"<script>alert(1)</script>")
    described = {"image_alt_lv": "Rīgas skats"}
    response = client.post(change_url(article), {**data, "image": polyglot, **described})
    # Described in Latvian only: the English description is asked for too.
    assert response.status_code == 200
    assert "Aprakstiet attēlu lasītājiem" in response.content.decode()
    data = post_data({**open_form(client, article), "_save": ["Save"]})
    described["image_alt_en"] = "A view of Riga"
    polyglot = png_upload("photo.png", extra=b"<script>alert(1)</script>")
    response = client.post(change_url(article), {**data, "image": polyglot, **described})
    assert response.status_code == 302
    article.refresh_from_db()
    assert article.image.name.startswith("news/") and article.image.name.endswith(".png")
    with article.image.open("rb") as stored:
        assert b"<script" not in stored.read()
    html = client.get(article.get_absolute_url()).content.decode()
    assert 'alt="Rīgas skats"' in html


def test_changelist_filters_scheduled_and_public_articles(client, editor):
    scheduled = ArticleFactory(published_at=timezone.now() + datetime.timedelta(days=1))
    public = ArticleFactory()
    client.force_login(editor)
    url = reverse("admin:news_article_changelist")
    html = client.get(url, {"publication": "scheduled"}).content.decode()
    assert scheduled.title_lv in html and public.title_lv not in html
    html = client.get(url, {"publication": "public"}).content.decode()
    assert public.title_lv in html and scheduled.title_lv not in html
