"""The back office in Latvian and forgiving: the package strings Django's and the packages'
catalogues lack (locale_overrides/), the portal's header on every admin page, slugs made from
titles, Latvian messages for taken slugs, the preview button."""

import json
import re

import pytest
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext, ngettext

from news.models import Article
from tests.factories import ArticleFactory, NetworkFactory, ProgrammeFactory

from .forms_html import form_data, post_data

pytestmark = pytest.mark.django_db


@pytest.fixture
def editor_client(client, editor):
    client.force_login(editor)
    return client


# What Django and the packages leave in English -------------------------------------------


@pytest.mark.parametrize(
    ("msgid", "latvian"),
    [
        ("- Select an option -", "– Izvēlieties –"),
        ("Filter by %(field_name)s", "Filtrēt pēc lauka “%(field_name)s”"),
        ("Choose a date from the list below to revert to a previous version of this object.",
         "Izvēlieties datumu no saraksta, lai atjaunotu kādu no iepriekšējām versijām."),
        ("Changed by", "Labotājs"),
        ("Account locked: too many login attempts. Please try again later.",
         "Konts bloķēts: pārāk daudz neveiksmīgu pieteikšanās mēģinājumu. Mēģiniet vēlāk "
         "vēlreiz."),
        ("Add %s", "Pievienot: %s"),
    ],
)  # fmt: skip
def test_package_strings_have_latvian(msgid, latvian):
    with translation.override("lv"):
        assert gettext(msgid) == latvian
    with translation.override("en"):
        assert gettext(msgid) == msgid


def test_the_portals_own_catalogue_wins_over_the_overrides():
    with translation.override("lv"):
        assert gettext("Date/time") == "Datums/laiks"
        assert (
            ngettext("%(counter)s revision", "%(counter)s revisions", 2) == "%(counter)s versijas"
        )


def js_catalogue(client):
    script = client.get(reverse("admin:jsi18n")).text
    match = re.search(r"const newcatalog = (\{.*?\});\n", script, re.S)
    return json.loads(match.group(1))


def test_the_admin_scripts_catalogue_has_the_time_zone_note(editor_client):
    catalogue = js_catalogue(editor_client)
    behind = catalogue[
        "Note: Enter times in the %(timezone)s timezone. (You are %(offset)s hour behind.)"
    ]
    assert behind[1] == (
        "Laiku norādiet laika joslā %(timezone)s (jūsu pulkstenis rāda par %(offset)s "
        "stundām mazāk)."
    )
    assert catalogue["Choose all %s"] == "Izvēlēties visus: %s"
    # The rich-text editor's dialogs take their words from the same catalogue.
    assert catalogue["Insert Table"] == "Ievietot tabulu"


def test_the_article_form_has_no_english_select_prompt(editor_client):
    html = editor_client.get(reverse("admin:news_article_add")).text
    assert "Select an option" not in html
    assert "– Izvēlieties –" in html
    assert "Pievienot: raksts" in html  # not "Pievienot raksts"


def test_history_pages_are_latvian_and_without_inline_style(editor_client):
    article = ArticleFactory()
    html = editor_client.get(reverse("admin:news_article_history", args=[article.pk])).text
    for english in ["Choose a date", "Changed by", "Change reason", "Created", 'style="']:
        assert english not in html
    for latvian in ["Labotājs", "Izmaiņas", "Izveidots", "1 versija"]:
        assert latvian in html


# Branding --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "url_name", ["admin:index", "admin:news_article_changelist", "admin:password_change"]
)
def test_every_admin_page_carries_the_portals_name_and_colours(editor_client, url_name):
    html = editor_client.get(reverse(url_name)).text
    assert "Django" not in html
    assert "URBACT portāla pārvaldība</title>" in html
    assert "Nacionālais kontaktpunkts · pārvaldība" in html
    assert '<a href="/lv/" class="portal-brand__public">Atvērt publisko vietni</a>' in html
    assert re.search(r'<link rel="stylesheet" href="/static/css/admin\.css', html)
    assert "favicon.svg" in html


def test_the_password_pages_outside_the_admin_are_branded_too(client):
    for url in [reverse("admin:login"), reverse("admin_password_reset"), "/reset/done/"]:
        html = client.get(url).text
        assert "Django" not in html, url
        assert "Nacionālais kontaktpunkts · pārvaldība" in html, url


def test_the_admin_stylesheet_is_served_and_has_no_imports(client):
    from django.contrib.staticfiles import finders

    path = finders.find("css/admin.css")
    with open(path, encoding="utf-8") as file:
        css = file.read()
    assert "--primary: var(--portal-brand)" in css
    assert "@import" not in css and "url(http" not in css


# Forgiving forms -------------------------------------------------------------------------


def add_article(client, **fields):
    html = client.get(reverse("admin:news_article_add")).text
    data = form_data(html, "article_form")
    data.update(
        {
            "title_lv": ["Jauns raksts par Jūrmalu"],
            "body_lv": ["<p>Teksts.</p>"],
            "slug": [""],
            "_save": ["Saglabāt"],
        }
    )
    data.update({name: [value] for name, value in fields.items()})
    return client.post(reverse("admin:news_article_add"), post_data(data))


def test_an_article_without_slug_gets_one_from_its_title(editor_client):
    ArticleFactory(slug="jauns-raksts-par-jurmalu")
    response = add_article(editor_client)
    assert response.status_code == 302, response.text[:3000]
    assert Article.objects.filter(slug="jauns-raksts-par-jurmalu-2").exists()


def test_a_taken_slug_says_what_to_do_in_latvian(editor_client):
    ArticleFactory(slug="aiznemts")
    response = add_article(editor_client, slug="aiznemts")
    assert response.status_code == 200
    assert "Šāda adrese (URL identifikators) jau ir aizņemta." in response.text
    assert "Jau pastāv" not in response.text


def test_publishing_a_new_article_without_a_time_publishes_it_now(editor_client):
    response = add_article(editor_client, status="published")
    assert response.status_code == 302, response.text[:3000]
    article = Article.objects.get(slug="jauns-raksts-par-jurmalu")
    assert article.is_public


def test_other_unique_fields_get_a_grammatical_message(editor_client):
    ProgrammeFactory(slug="urbact-v", name="URBACT V")
    response = editor_client.post(
        reverse("admin:networks_programme_add"),
        {"name": "URBACT V bis", "slug": "urbact-v", "start_year": "2030", "end_year": ""},
    )
    assert response.status_code == 200
    assert "Programma ar šādu lauka “URL identifikators” vērtību jau ir" in response.text


def test_the_article_form_has_a_preview_button_and_no_public_link_for_a_draft(editor_client):
    draft = ArticleFactory(status="draft", published_at=None)
    html = editor_client.get(reverse("admin:news_article_change", args=[draft.pk])).text
    assert f'href="/lv/news/preview/{draft.pk}/" class="previewlink"' in html
    assert "viewsitelink" not in html
    public = ArticleFactory()
    html = editor_client.get(reverse("admin:news_article_change", args=[public.pk])).text
    assert "viewsitelink" in html and "previewlink" in html


def test_the_article_list_links_each_articles_preview_in_each_language(editor_client):
    articles = [ArticleFactory(status="draft", published_at=None) for _ in range(3)]
    html = editor_client.get(reverse("admin:news_article_changelist")).text
    for article in articles:
        for code in ("lv", "en"):
            assert f'<a href="/{code}/news/preview/{article.pk}/" hreflang="{code}"' in html


def test_addresses_of_many_pages_are_those_reverse_gives():
    from core.addresses import addresses

    with translation.override("en"):
        preview = addresses("news:preview", "pk")
        for pk in (1, 42, 918273645501):
            assert preview(pk=pk) == reverse("news:preview", kwargs={"pk": pk})


def test_the_network_form_links_its_public_page(editor_client):
    network = NetworkFactory()
    html = editor_client.get(reverse("admin:networks_network_change", args=[network.pk])).text
    assert "viewsitelink" in html


def test_a_writer_cannot_publish_by_leaving_the_time_empty(client, django_user_model):
    from django.contrib.auth.models import Permission

    writer = django_user_model.objects.create_user("writer", password=None, is_staff=True)
    writer.user_permissions.add(
        *Permission.objects.filter(
            content_type__app_label="news", codename__in=["add_article", "view_article"]
        )
    )
    client.force_login(writer)
    response = add_article(client, status="published")
    assert response.status_code == 200
    assert "Rakstus drīkst publicēt tikai NKP redaktori." in response.text
    assert not Article.objects.exists()


def test_history_shows_values_as_editors_read_them(editor_client):
    article = ArticleFactory(status="draft", published_at=None)
    article.status = "published"
    article.published_at = article.edited_at
    article.save()
    html = editor_client.get(reverse("admin:news_article_history", args=[article.pk])).text
    assert "melnraksts &rarr; publicēts" in html
    assert "None" not in html and "+00:00" not in html
    assert "Publicēšanas laiks:</strong> – &rarr;" in html


def test_the_ncp_first_page_runs_the_same_queries_for_more_content(
    editor_client, django_assert_max_num_queries
):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from tests.factories import ProgressUpdateFactory

    def count():
        with CaptureQueriesContext(connection) as queries:
            assert editor_client.get(reverse("admin:index")).status_code == 200
        return len(queries)

    ArticleFactory(status="in_review", published_at=None)
    few = count()
    for _ in range(12):
        ArticleFactory(status="in_review", published_at=None, title_en="")
        ProgressUpdateFactory(status="in_review")
        NetworkFactory()
    assert count() == few
    with django_assert_max_num_queries(25):
        editor_client.get(reverse("admin:index"))
