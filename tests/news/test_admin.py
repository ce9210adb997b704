"""The editorial back office: who publishes, "Edited on", revisions (who, when, differences,
restore), no lost updates, the dashboard."""

import datetime
import re

import pytest
from django.contrib.auth.models import Group
from django.urls import reverse
from django.utils import timezone

from networks.models import Network, ProgressUpdate
from news import services
from news.dashboard import editorial_dashboard
from news.models import Article
from tests.factories import ArticleFactory, NetworkFactory, ProgressUpdateFactory

from .forms_html import form_data, post_data

pytestmark = pytest.mark.django_db


@pytest.fixture
def make_user(django_user_model):
    def make(username, group=None, **extra):
        user = django_user_model.objects.create_user(
            username, password=None, is_staff=True, **extra
        )
        if group:
            user.groups.add(Group.objects.get(name=group))
        return user

    return make


@pytest.fixture
def editor(make_user):
    return make_user("anna", "NCP editor")


@pytest.fixture
def writer(make_user):
    """Staff who may write articles but not publish them."""
    from django.contrib.auth.models import Permission

    user = make_user("writer")
    user.user_permissions.add(
        *Permission.objects.filter(
            content_type__app_label="news",
            codename__in=["add_article", "change_article", "view_article"],
        )
    )
    return user


def change_url(obj):
    opts = obj._meta
    return reverse(f"admin:{opts.app_label}_{opts.model_name}_change", args=[obj.pk])


def open_form(client, obj):
    response = client.get(change_url(obj))
    assert response.status_code == 200
    return form_data(response.content.decode(), f"{obj._meta.model_name}_form")


def save(client, obj, data, **changes):
    data = {**data, **{name: [value] for name, value in changes.items()}}
    return client.post(change_url(obj), post_data({**data, "_save": ["Save"]}))


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


# Revisions -------------------------------------------------------------------------------


def test_every_save_is_a_revision_with_who_and_when(client, editor):
    article = ArticleFactory(title_lv="Pirmais")
    client.force_login(editor)
    save(client, article, open_form(client, article), title_lv="Otrais")
    revisions = list(article.history.all())
    assert [r.title_lv for r in revisions] == ["Otrais", "Pirmais"]
    assert revisions[0].history_user == editor
    assert revisions[0].history_date <= timezone.now()
    html = client.get(reverse("admin:news_article_history", args=[article.pk])).content.decode()
    assert "anna" in html
    # The history lists the differences.
    assert "Pirmais" in html and "Otrais" in html


def test_restore_an_earlier_revision(client, editor):
    article = ArticleFactory(title_lv="Pirmais", title_en="First", body_en="<p>One.</p>")
    client.force_login(editor)
    save(client, article, open_form(client, article), title_lv="Otrais", title_en="Second")
    first = article.history.order_by("history_date").first()
    url = reverse("admin:news_article_simple_history", args=[article.pk, first.history_id])
    response = client.get(url)
    assert response.status_code == 200
    data = form_data(response.content.decode(), "historicalarticle_form")
    assert data["title_lv"] == ["Pirmais"]
    response = client.post(url, post_data({**data, "_save": ["Save"]}))
    assert response.status_code == 302
    article.refresh_from_db()
    assert (article.title_lv, article.title_en) == ("Pirmais", "First")
    assert article.history.count() == 3


@pytest.mark.parametrize(
    ("factory", "field"), [(NetworkFactory, "name_lv"), (ProgressUpdateFactory, "title_lv")]
)
def test_networks_and_updates_keep_revisions(client, editor, factory, field):
    obj = factory()
    client.force_login(editor)
    response = save(client, obj, open_form(client, obj), **{field: "Jauns nosaukums"})
    assert response.status_code == 302
    latest = obj.history.first()
    assert latest.history_user == editor
    opts = obj._meta
    history = reverse(f"admin:{opts.app_label}_{opts.model_name}_history", args=[obj.pk])
    assert "Jauns nosaukums" in client.get(history).content.decode()


def test_history_is_limited_to_what_the_admin_shows(client, editor, monkeypatch):
    """An admin that hides an object (a partner's view) hides its history too."""
    from networks.admin import ProgressUpdateAdmin

    update = ProgressUpdateFactory()
    client.force_login(editor)
    monkeypatch.setattr(
        ProgressUpdateAdmin, "get_queryset", lambda self, request: ProgressUpdate.objects.none()
    )
    revision = update.history.first()
    assert (
        client.get(reverse("admin:networks_progressupdate_history", args=[update.pk])).status_code
        == 404
    )
    assert (
        client.get(
            reverse(
                "admin:networks_progressupdate_simple_history",
                args=[update.pk, revision.history_id],
            )
        ).status_code
        == 404
    )


# No lost updates -------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("factory", "field"),
    [
        (ArticleFactory, "title_lv"),
        (NetworkFactory, "name_lv"),
        (ProgressUpdateFactory, "title_lv"),
    ],
)
def test_the_second_of_two_concurrent_saves_is_refused(client, make_user, factory, field):
    obj = factory()
    anna, peteris = make_user("anna", "NCP editor"), make_user("peteris", "NCP editor")
    client.force_login(anna)
    annas_form = open_form(client, obj)
    client.force_login(peteris)
    peteris_form = open_form(client, obj)

    client.force_login(anna)
    assert save(client, obj, annas_form, **{field: "Annas versija"}).status_code == 302

    client.force_login(peteris)
    response = save(client, obj, peteris_form, **{field: "Pētera versija"})
    assert response.status_code == 200
    html = response.content.decode()
    assert "anna saglabāja šo ierakstu" in html
    assert "Jūsu izmaiņas netika saglabātas" in html
    obj.refresh_from_db()
    assert getattr(obj, field) == "Annas versija"

    # Having reopened it, Pēteris can save.
    assert save(client, obj, open_form(client, obj), **{field: "Pētera versija"}).status_code == 302
    obj.refresh_from_db()
    assert getattr(obj, field) == "Pētera versija"


def test_the_conflict_message_in_english(client, make_user):
    article = ArticleFactory()
    client.force_login(make_user("anna", "NCP editor"))
    stale = open_form(client, article)
    save(client, article, open_form(client, article), title_lv="Jauns")
    response = client.post(
        change_url(article),
        post_data({**stale, "_save": ["Save"]}),
        headers={"accept-language": "en"},
    )
    html = response.content.decode()
    assert "anna saved this article on" in html
    assert "Your changes were not saved" in html


def test_a_stale_form_cannot_skip_the_check_by_dropping_the_token(client, editor):
    article = ArticleFactory()
    client.force_login(editor)
    data = open_form(client, article)
    data.pop("opened_revision")
    response = save(client, article, data, title_lv="Bez žetona")
    assert response.status_code == 200
    article.refresh_from_db()
    assert article.title_lv != "Bez žetona"


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
    response = client.post(
        change_url(article), {**data, "image": polyglot, "image_alt_lv": "Rīgas skats"}
    )
    assert response.status_code == 302
    article.refresh_from_db()
    assert article.image.name.startswith("news/") and article.image.name.endswith(".png")
    assert b"<script" not in article.image.read()
    html = client.get(article.get_absolute_url()).content.decode()
    assert 'alt="Rīgas skats"' in html


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


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_saving_and_restoring_outside_a_test_transaction(client, django_user_model):
    """As in production (autocommit between requests): the row lock needs a transaction,
    which the change view and the restore view both open."""
    user = django_user_model.objects.create_superuser("root", "root@example.org", None)
    article = ArticleFactory(title_lv="Pirmais")
    client.force_login(user)
    assert save(client, article, open_form(client, article), title_lv="Otrais").status_code == 302
    first = article.history.order_by("history_date").first()
    url = reverse("admin:news_article_simple_history", args=[article.pk, first.history_id])
    data = form_data(client.get(url).content.decode(), "historicalarticle_form")
    assert client.post(url, post_data({**data, "_save": ["Save"]})).status_code == 302
    article.refresh_from_db()
    assert article.title_lv == "Pirmais"


def test_changelist_filters_scheduled_and_public_articles(client, editor):
    scheduled = ArticleFactory(published_at=timezone.now() + datetime.timedelta(days=1))
    public = ArticleFactory()
    client.force_login(editor)
    url = reverse("admin:news_article_changelist")
    html = client.get(url, {"publication": "scheduled"}).content.decode()
    assert scheduled.title_lv in html and public.title_lv not in html
    html = client.get(url, {"publication": "public"}).content.decode()
    assert public.title_lv in html and scheduled.title_lv not in html
