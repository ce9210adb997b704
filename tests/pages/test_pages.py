"""The accessibility statement and the privacy notice: created by the migrations in both
languages, shown at /<lang>/accessibility/ and /<lang>/privacy/, linked from every page's
footer and listed in the sitemap, edited only by NCP staff; edits show at once through the
page cache; a missing page is the site's 404, never a 500."""

import datetime
import re

import pytest
from django.contrib.auth.models import Group
from django.core.exceptions import ValidationError
from django.db import IntegrityError

from core.groups import NCP_EDITOR, PARTNER_EDITOR
from pages.models import Page
from tests.factories import GoodPracticeFactory, NetworkFactory

pytestmark = pytest.mark.django_db

PATHS = {
    "accessibility": {"lv": "/lv/accessibility/", "en": "/en/accessibility/"},
    "privacy": {"lv": "/lv/privacy/", "en": "/en/privacy/"},
}


def test_a_fresh_database_has_both_pages_in_both_languages():
    pages = {page.kind: page for page in Page.objects.all()}
    assert set(pages) == {"accessibility", "privacy"}
    for page in pages.values():
        for code in ("lv", "en"):
            assert getattr(page, f"title_{code}")
            assert len(getattr(page, f"body_{code}")) > 2000
        assert page.last_reviewed == datetime.date(2026, 12, 3)
    assert pages["accessibility"].conformance == "partial"
    assert pages["privacy"].conformance == ""


@pytest.mark.parametrize(
    ("kind", "language", "title", "words"),
    [
        ("accessibility", "lv", "Piekļūstamības paziņojums", ["Sūdzību iesniegšana", "daļēji"]),
        ("accessibility", "en", "Accessibility statement", ["Enforcement procedure", "partially"]),
        ("privacy", "lv", "Privātuma paziņojums", ["Sīkdatnes", "Datu valsts inspekcijā"]),
        ("privacy", "en", "Privacy notice", ["Cookies", "Data State Inspectorate"]),
    ],
)
def test_the_pages_answer_in_both_languages(client, kind, language, title, words):
    response = client.get(PATHS[kind][language])
    assert response.status_code == 200
    html = response.content.decode()
    assert f"<h1>{title}</h1>" in html
    assert f'<html lang="{language}">' in html
    for word in words:
        assert word in html
    assert 'datetime="2026-12-03"' in html  # last reviewed


def test_the_statement_shows_the_model_statements_parts(client):
    html = client.get("/en/accessibility/").content.decode()
    for heading in (
        "Compliance status",
        "Non-accessible content",
        "Preparation of this statement",
        "Feedback and contact information",
        "Enforcement procedure",
    ):
        assert f">{heading}</h2>" in html
    assert "<strong>partially compliant</strong>" in html
    assert "mailto:pasts@varam.gov.lv" in html


def test_the_privacy_notice_names_the_cookies_the_site_really_sets(client, settings):
    html = client.get("/en/privacy/").content.decode()
    for cookie in (settings.SESSION_COOKIE_NAME, settings.CSRF_COOKIE_NAME, "messages"):
        assert f"<td>{cookie}</td>" in html
    assert settings.SESSION_COOKIE_AGE == 14 * 24 * 3600  # "at most two weeks"


@pytest.mark.parametrize(
    "path",
    ["/lv/", "/en/networks/", "/en/good-practices/", "/lv/outputs/", "/en/privacy/", "/"],
)
def test_public_pages_set_no_cookie_as_the_notice_says(client, path):
    response = client.get(path)
    assert response.status_code in (200, 302)
    assert response.cookies == {}


def test_every_page_links_both_from_its_footer(client):
    for path in ("/lv/", "/en/networks/", "/en/no-such-page/"):
        html = client.get(path).content.decode()
        footer = html.split('class="site-footer"')[1]
        language = path.split("/")[1]
        assert f'href="/{language}/accessibility/"' in footer
        assert f'href="/{language}/privacy/"' in footer


def test_both_pages_are_in_the_sitemap_with_their_alternates(client):
    NetworkFactory()
    xml = client.get("/sitemap.xml").content.decode()
    for path in ("/lv/accessibility/", "/en/accessibility/", "/lv/privacy/", "/en/privacy/"):
        assert f"<loc>http://testserver{path}</loc>" in xml
    assert re.search(r'hreflang="en"\s+href="http://testserver/en/privacy/"', xml)


def test_the_library_pages_are_in_the_sitemap_and_the_search_is_not(client):
    practice = GoodPracticeFactory(slug="citizen-card")
    NetworkFactory(good_practice=practice)
    xml = client.get("/sitemap.xml").content.decode()
    for path in ("/good-practices/", "/outputs/", "/good-practices/citizen-card/"):
        for language in ("lv", "en"):
            assert f"<loc>http://testserver/{language}{path}</loc>" in xml
    # The results of a query are not pages to index (they say so: robots noindex).
    assert "/search/" not in xml


def test_a_missing_page_is_a_404_in_the_site_design(client):
    Page.objects.filter(kind="privacy").delete()
    response = client.get("/en/privacy/")
    assert response.status_code == 404
    assert 'class="error-page"' in response.content.decode()
    assert client.get("/en/accessibility/").status_code == 200


def test_an_edit_shows_at_once_through_the_page_cache(client, settings):
    settings.PAGE_CACHE_SECONDS = 60
    first = client.get("/en/privacy/")
    assert client.get("/en/privacy/")["X-Page-Cache"] == "hit"
    page = Page.objects.get(kind="privacy")
    page.body_en = "<p>The notice as edited.</p>"
    page.save()
    again = client.get("/en/privacy/")
    assert again["X-Page-Cache"] == "miss"
    assert "The notice as edited." in again.content.decode()
    assert first.content != again.content


def test_the_body_is_sanitized_whoever_saves_it():
    page = Page.objects.get(kind="privacy")
    page.body_en = '<p onclick="x()">Hi<script>alert(1)</script><a href="javascript:x()">l</a></p>'
    page.save()
    page.refresh_from_db()
    assert "script" not in page.body_en
    assert "onclick" not in page.body_en
    assert "javascript:" not in page.body_en


def test_one_page_per_kind_and_a_compliance_status_for_the_statement_only():
    with pytest.raises(IntegrityError):
        Page.objects.create(kind="privacy", title="Again", body="x", last_reviewed="2026-12-03")


def test_the_compliance_status_rules():
    statement = Page.objects.get(kind="accessibility")
    statement.conformance = ""
    with pytest.raises(ValidationError):
        statement.full_clean()
    notice = Page.objects.get(kind="privacy")
    notice.conformance = "full"
    with pytest.raises(ValidationError):
        notice.full_clean()


# Admin


@pytest.fixture
def staff(django_user_model, settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]

    def make(name, group):
        user = django_user_model.objects.create_user(name, password="pw-long-enough-1")
        user.is_staff = True
        user.save()
        user.groups.add(Group.objects.get(name=group))
        return user

    return make


def test_ncp_editors_edit_both_languages_but_cannot_delete(client, staff):
    client.force_login(staff("ncp", NCP_EDITOR))
    page = Page.objects.get(kind="privacy")
    url = f"/admin/pages/page/{page.pk}/change/"
    form = client.get(url)
    assert form.status_code == 200
    html = form.content.decode()
    assert 'name="body_lv"' in html and 'name="body_en"' in html
    response = client.post(
        url,
        {
            "title_lv": "Privātuma paziņojums",
            "title_en": "Privacy notice",
            "conformance": "",
            "last_reviewed": "2027-01-15",
            "body_lv": "<p>Jauns teksts.</p>",
            "body_en": "<p>New text.</p>",
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    page.refresh_from_db()
    assert (page.body_en, page.last_reviewed) == ("<p>New text.</p>", datetime.date(2027, 1, 15))
    assert page.kind == "privacy"  # read-only once created
    assert client.get(f"/admin/pages/page/{page.pk}/delete/").status_code == 403


def test_the_add_form_offers_only_a_missing_kind(client, staff):
    client.force_login(staff("ncp", NCP_EDITOR))
    data = {
        "kind": "privacy",
        "title_lv": "Cits",
        "title_en": "Another",
        "conformance": "",
        "last_reviewed": "2027-01-01",
        "body_lv": "<p>x</p>",
        "body_en": "<p>x</p>",
    }
    form = client.get("/admin/pages/page/add/").content.decode()
    assert 'value="privacy"' not in form and 'value="accessibility"' not in form
    assert client.post("/admin/pages/page/add/", data).status_code == 200  # refused
    assert Page.objects.filter(kind="privacy").count() == 1
    Page.objects.filter(kind="privacy").delete()
    form = client.get("/admin/pages/page/add/").content.decode()
    assert 'value="privacy"' in form and 'value="accessibility"' not in form
    assert client.post("/admin/pages/page/add/", data).status_code == 302
    assert Page.objects.get(kind="privacy").title_en == "Another"


def test_partner_editors_cannot_see_or_edit_the_pages(client, staff):
    client.force_login(staff("partner", PARTNER_EDITOR))
    page = Page.objects.get(kind="accessibility")
    for url in ("/admin/pages/page/", f"/admin/pages/page/{page.pk}/change/"):
        assert client.get(url).status_code == 403
    response = client.post(
        f"/admin/pages/page/{page.pk}/change/",
        {"title_lv": "x", "title_en": "x", "conformance": "full", "last_reviewed": "2027-01-01",
         "body_lv": "x", "body_en": "x"},
    )  # fmt: skip
    assert response.status_code == 403
    page.refresh_from_db()
    assert page.conformance == "partial"
