"""Dates read in the case their sentence needs, and ranges compactly, in both languages;
tested on the words of the demo's pages (articles, updates, events, phases), not the markup."""

import datetime

import pytest
from django.template import Context, Template
from django.utils import timezone, translation

from core import dates
from pages.models import Page
from tests.pagetext import page_text

pytestmark = pytest.mark.django_db
D = datetime.date


@pytest.mark.parametrize(
    ("language", "case", "expected"),
    [
        ("lv", dates.NOMINATIVE, "2018. gada 7. decembris"),
        ("lv", dates.LOCATIVE, "2018. gada 7. decembrī"),
        ("lv", dates.GENITIVE, "2018. gada 7. decembra"),
        ("en", dates.NOMINATIVE, "7 December 2018"),
        ("en", dates.LOCATIVE, "7 December 2018"),
    ],
)
def test_a_day_in_each_case(language, case, expected):
    with translation.override(language):
        assert dates.day(D(2018, 12, 7), case) == expected


def test_an_unknown_case_is_an_error():
    with pytest.raises(ValueError, match="dative"):
        dates.day(D(2018, 12, 7), "dative")


@pytest.mark.parametrize(
    ("language", "start", "end", "expected"),
    [
        ("lv", D(2019, 6, 12), D(2019, 6, 13), "2019. gada 12.–13. jūnijs"),
        ("en", D(2019, 6, 12), D(2019, 6, 13), "12–13 June 2019"),
        ("lv", D(2019, 1, 31), D(2019, 2, 1), "2019. gada 31. janvāris – 1. februāris"),
        ("en", D(2019, 1, 31), D(2019, 2, 1), "31 January – 1 February 2019"),
        (
            "lv",
            D(2019, 1, 1),
            D(2020, 12, 31),
            "2019. gada 1. janvāris – 2020. gada 31. decembris",
        ),
        ("en", D(2018, 12, 31), D(2019, 1, 1), "31 December 2018 – 1 January 2019"),
        ("lv", D(2019, 6, 12), D(2019, 6, 12), "2019. gada 12. jūnijs"),
    ],
)
def test_ranges_say_the_year_and_month_once(language, start, end, expected):
    with translation.override(language):
        assert dates.day_range(start, end) == expected


def test_a_range_in_the_locative():
    with translation.override("lv"):
        assert dates.day_range(D(2019, 6, 12), D(2019, 6, 13), dates.LOCATIVE) == (
            "2019. gada 12.–13. jūnijā"
        )


def test_a_moment_is_its_day_in_riga():
    late = datetime.datetime(2018, 12, 6, 23, 30, tzinfo=datetime.UTC)  # 7 Dec in Riga
    with translation.override("lv"):
        assert dates.day_locative(late) == "2018. gada 7. decembrī"


def render(source, **context):
    return Template("{% load words %}" + source).render(Context(context))


def test_the_template_filters():
    moment = timezone.make_aware(datetime.datetime(2018, 12, 7, 12, 0, 0, 123456))
    with translation.override("lv"):
        assert render("{{ d|day_locative }}", d=D(2018, 12, 7)) == "2018. gada 7. decembrī"
        assert render("{{ d|day_genitive }}", d=D(2018, 12, 7)) == "2018. gada 7. decembra"
        assert render("{{ a|day_range:b }}", a=D(2019, 6, 12), b=None) == (
            "2019. gada 12. jūnijs – …"
        )
        assert render("{{ d|day }}", d=None) == ""
        assert render("{{ share|percent }}", share=0.373) == "37\u00a0%"
    with translation.override("en"):
        assert render("{{ share|percent }}", share=0.373) == "37%"
    # HTML's valid datetime has at most three fraction digits: the second is enough.
    assert render("{{ m|iso_datetime }}", m=moment) == "2018-12-07T12:00:00+02:00"
    assert render("{{ d|iso_datetime }}", d=D(2018, 12, 7)) == "2018-12-07"


# --- the demo's pages, read as words ---------------------------------------------------


def words(client, url):
    response = client.get(url)
    assert response.status_code == 200, url
    return page_text(response)


ARTICLE = "/{}/news/23-labas-prakses-parneses-projekti-uzsak-otro-fazi/"


def test_an_article_is_published_and_edited_on_a_day(client, demo):
    latvian = words(client, ARTICLE.format("lv"))
    assert "Publicēts 2018. gada 7. decembrī" in latvian
    assert "Labots 2018. gada 7. decembrī" in latvian
    assert "decembris" not in latvian.split("Publicēts")[1][:40]
    english = words(client, ARTICLE.format("en"))
    assert "Published 7 December 2018" in english


def test_an_update_is_dated_in_the_nominative(client, demo):
    url = "/{}/networks/alt-bau/updates/transnational-meeting-riga/"
    assert "\n2019. gada 14. jūnijs\n" in words(client, url.format("lv"))
    assert "\n14 June 2019\n" in words(client, url.format("en"))


@pytest.mark.parametrize(
    ("slug", "latvian", "english"),
    [
        ("alt-bau-meeting-riga-2019", "2019. gada 12.–13. jūnijs", "12–13 June 2019"),
        (
            "re-growcity-meeting-aluksne-2019",
            "2019. gada 31. janvāris – 1. februāris",
            "31 January – 1 February 2019",
        ),
        ("transfer-networks-phase-2-kick-off", "2019. gada janvāra vidū", "mid-January 2019"),
        ("urbact-campus-2019", "2019. gada pavasarī", "spring 2019"),
        ("alt-bau-kick-off-seraing-2019", "2019. gada janvāris", "January 2019"),
    ],
)
def test_events_read_as_written(client, demo, slug, latvian, english):
    assert f"When\n{english}" in words(client, f"/en/events/{slug}/")
    assert f"\n{latvian}\n" in words(client, f"/lv/events/{slug}/")


def test_phases_read_compactly_and_their_approval_in_the_locative(client, demo):
    latvian = words(client, "/lv/networks/alt-bau/")
    assert "2019. gada 1. janvāris – 2020. gada 31. decembris" in latvian
    assert "URBACT Uzraudzības komiteja to apstiprināja 2018. gada 4. decembrī." in latvian
    assert "2019. gada 1. janvāris – 2020. gada 30. jūnijs" in latvian  # learning period
    english = words(client, "/en/networks/alt-bau/")
    assert "Approved by the URBACT Monitoring Committee on 4 December 2018." in english
    assert "1 January 2019 – 31 December 2020" in english


def test_a_statement_was_last_reviewed_on_a_day(client, db):
    page = Page.objects.get(kind="accessibility")
    Page.objects.filter(pk=page.pk).update(last_reviewed=D(2026, 12, 3))
    latvian = words(client, page.get_absolute_url().replace("/en/", "/lv/", 1))
    assert "Pēdējoreiz pārskatīts 2026. gada 3. decembrī" in latvian
    assert "3. decembris" not in latvian


def test_shares_follow_each_languages_typography(client, demo):
    english = words(client, "/en/networks/?phase=2")
    latvian = words(client, "/lv/networks/?phase=2")
    assert " %" not in english and "\u00a0%" not in english
    share = [line for line in english.splitlines() if line.endswith("%")]
    assert share and all(line[:-1].isdigit() for line in share)
    assert any(line.endswith("\u00a0%") or line.endswith(" %") for line in latvian.splitlines())


def test_every_datetime_attribute_is_valid_html(client, demo):
    """HTML's valid date and time strings allow at most three fraction digits: the
    statements' "Updated on" carried six."""
    import re

    pattern = re.compile(r'datetime="([^"]*)"')
    valid = re.compile(
        r"^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d{1,3})?)?([+-]\d{2}:\d{2}|Z))?$"
    )
    for url in ["/lv/accessibility/", "/en/privacy/", ARTICLE.format("lv"), "/en/news/", "/lv/"]:
        values = pattern.findall(client.get(url).content.decode())
        assert values or url == "/lv/", url
        assert [value for value in values if not valid.match(value)] == [], url
