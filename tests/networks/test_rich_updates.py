"""Progress updates are rich text: cleaned when saved, shown as paragraphs, and updates
written as plain text before keep their paragraphs and line breaks."""

import importlib

import feedparser
import pytest
from django.apps import apps
from django.urls import reverse

from core.editor import CSPSafeProseEditorWidget
from core.fields import paragraphs_from_plain_text
from networks.models import ProgressUpdate
from tests.factories import NetworkFactory, ProgressUpdateFactory
from tests.pagetext import page_text

pytestmark = pytest.mark.django_db

migration = importlib.import_module("networks.migrations.0013_update_body_rich_text")


def test_a_script_or_handler_never_reaches_the_database():
    update = ProgressUpdateFactory(
        body_en='<p onclick="x()">Met <script>alert(1)</script><a href="javascript:x">here</a></p>'
    )
    update.refresh_from_db()
    assert update.body_en == '<p>Met <a rel="noopener noreferrer">here</a></p>'


def test_an_update_reads_as_paragraphs_with_no_tag_visible(client):
    update = ProgressUpdateFactory(
        body_en="<p>First <strong>paragraph</strong>.</p><ul><li>One point</li></ul><p>Second.</p>"
    )
    text = page_text(client.get(f"/en{update.get_absolute_url()[3:]}"))
    assert "First paragraph.\nOne point\nSecond." in text
    assert "<" not in text and "&lt;" not in text


def test_the_demo_updates_show_no_escaped_tag_in_either_language(client, demo):
    for update in ProgressUpdate.objects.published():
        for code in ("lv", "en"):
            response = client.get(f"/{code}{update.get_absolute_url()[3:]}")
            text = page_text(response)
            assert "<p>" not in text and "</" not in text and "<em>" not in text
    jurmala = ProgressUpdate.objects.get(slug="jurmala-transfer-plan")
    text = page_text(client.get(f"/lv{jurmala.get_absolute_url()[3:]}"))
    assert "Pārneses plānošanas posma beigās Jūrmala apraksta" in text


def test_plain_text_becomes_paragraphs_and_line_breaks():
    assert paragraphs_from_plain_text("One\nline two\n\nNext & last <3") == (
        "<p>One<br>line two</p>\n\n<p>Next &amp; last &lt;3</p>"
    )
    html = "<p>Already <em>HTML</em></p>"
    assert paragraphs_from_plain_text(html) == html
    assert paragraphs_from_plain_text("") == ""
    assert paragraphs_from_plain_text(None) is None


def test_the_migration_keeps_the_line_breaks_of_a_plain_text_update(client):
    update = ProgressUpdateFactory(body_en="<p>Kept as it is.</p>")
    # Written before the field held HTML (an update()'s write skips the field's cleaning).
    ProgressUpdate.objects.filter(pk=update.pk).update(
        body_lv="Pirmā rinda\notrā rinda\n\nJauna rindkopa", body_en="<p>Kept as it is.</p>"
    )
    migration.plain_text_to_paragraphs(apps, None)
    update.refresh_from_db()
    assert update.body_lv == "<p>Pirmā rinda<br>otrā rinda</p>\n\n<p>Jauna rindkopa</p>"
    assert update.body_en == "<p>Kept as it is.</p>"
    text = page_text(client.get(f"/lv{update.get_absolute_url()[3:]}"))
    assert "Pirmā rinda\notrā rinda\nJauna rindkopa" in text


def test_the_feed_summary_is_the_html_once_with_no_paragraph_in_a_paragraph(client):
    network = NetworkFactory(slug="card4all")
    ProgressUpdateFactory(network=network, body_en="<p>One.</p><p>Two.</p>")
    content = client.get("/en/networks/card4all/feed/").content.decode()
    assert "<p><p>" not in content.replace("&lt;", "<")
    feed = feedparser.parse(content)
    assert feed.entries[0].summary == "<p>One.</p><p>Two.</p>"


def test_partner_editors_write_updates_in_the_articles_editor(admin_client):
    response = admin_client.get(reverse("admin:networks_progressupdate_add"))
    assert response.status_code == 200
    widgets = [
        field.field.widget
        for field in response.context["adminform"].form
        if field.name.startswith("body")
    ]
    assert widgets and all(isinstance(w, CSPSafeProseEditorWidget) for w in widgets)
