"""Revisions (who, when, differences, restore) and no lost updates between two editors."""

import pytest
from django.urls import reverse
from django.utils import timezone

from networks.models import ProgressUpdate
from tests.factories import ArticleFactory, NetworkFactory, ProgressUpdateFactory

from .forms_html import change_url, form_data, open_form, post_data, save

pytestmark = pytest.mark.django_db


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
