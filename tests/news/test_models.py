"""Article querysets, read time, languages, the sanitizer on the body."""

import datetime

import pytest
from django.utils import timezone

from news.models import Article, read_time_minutes
from tests.factories import ArticleFactory, CityFactory, NetworkFactory

pytestmark = pytest.mark.django_db

NOW = timezone.now()


def test_published_excludes_drafts_reviews_and_future_articles():
    public = ArticleFactory()
    ArticleFactory(status="draft", published_at=None)
    ArticleFactory(status="in_review", published_at=None)
    future = ArticleFactory(published_at=NOW + datetime.timedelta(hours=1))
    assert list(Article.objects.published()) == [public]
    assert list(Article.objects.scheduled()) == [future]
    # A scheduled article becomes public at its time, with no job to run.
    later = NOW + datetime.timedelta(hours=2)
    assert set(Article.objects.published(now=later)) == {public, future}
    assert not future.is_public
    assert future.is_scheduled


def test_in_review_and_drafts():
    draft = ArticleFactory(status="draft", published_at=None)
    review = ArticleFactory(status="in_review", published_at=None)
    assert list(Article.objects.drafts()) == [draft]
    assert list(Article.objects.in_review()) == [review]


def test_in_language_and_missing_translation():
    both = ArticleFactory()
    latvian_only = ArticleFactory(title_en="", body_en="")
    no_english_text = ArticleFactory(body_en=None)
    assert set(Article.objects.in_language("lv")) == {both, latvian_only, no_english_text}
    assert list(Article.objects.in_language("en")) == [both]
    assert set(Article.objects.missing_translation()) == {latvian_only, no_english_text}
    assert latvian_only.available_languages == ["lv"]
    assert latvian_only.missing_languages == ["en"]


def test_mentioning_and_years():
    network, city = NetworkFactory(), CityFactory()
    old = ArticleFactory(published_at=datetime.datetime(2018, 12, 7, tzinfo=datetime.UTC))
    new = ArticleFactory(published_at=datetime.datetime(2020, 3, 1, tzinfo=datetime.UTC))
    old.networks.add(network)
    new.cities.add(city)
    assert list(Article.objects.mentioning_network(network)) == [old]
    assert list(Article.objects.mentioning_city(city)) == [new]
    assert list(Article.objects.from_year(2018)) == [old]
    assert list(Article.objects.years()) == [2020, 2018]


def test_queryset_methods_survive_modeltranslation_manager():
    # modeltranslation patches the manager; the chain must keep our methods.
    assert hasattr(Article.objects.all(), "published")
    assert hasattr(Article.objects.published(), "in_language")


@pytest.mark.parametrize(
    ("words", "minutes"), [(0, 1), (1, 1), (200, 1), (201, 2), (400, 2), (401, 3)]
)
def test_read_time_is_words_over_200_rounded_up_at_least_one(words, minutes):
    assert read_time_minutes("<p>" + " ".join(["vārds"] * words) + "</p>") == minutes


def test_seed_article_reads_in_two_minutes(demo):
    article = Article.objects.get()
    assert article.read_time == 2
    assert article.available_languages == ["lv", "en"]


XSS_PAYLOADS = [
    ("<script>alert(1)</script><p>ok</p>", "<script"),
    ('<img src="x" onerror="alert(1)">', "onerror"),
    ('<a href="javascript:alert(1)">link</a>', "javascript:"),
    ('<a href="JaVaScRiPt:alert(1)">link</a>', "javascript:"),
    ('<a href="&#106;avascript:alert(1)">link</a>', "avascript"),
    ('<iframe src="https://evil.example/"></iframe>', "<iframe"),
    ('<svg onload="alert(1)"><circle r="1"/></svg>', "onload"),
    ('<a href="data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==">x</a>', "data:"),
    ('<p style="background:url(javascript:alert(1))">x</p>', "style"),
    ('<object data="x.swf"></object><embed src="x.swf">', "<object"),
    ('<form action="https://evil.example/"><input name="q"></form>', "<form"),
    ('<p onclick="alert(1)">x</p>', "onclick"),
    ("<math><mtext><table><mglyph><style><img src=x onerror=alert(1)>", "onerror"),
]


@pytest.mark.parametrize(("payload", "forbidden"), XSS_PAYLOADS)
def test_body_is_sanitized_whoever_saves_it(payload, forbidden):
    article = ArticleFactory(body_lv=payload, body_en=payload)
    article.refresh_from_db()
    for body in (article.body_lv, article.body_en):
        assert forbidden.lower() not in body.lower()


def test_sanitizer_keeps_the_editors_markup():
    html = (
        '<h2>Virsraksts</h2><p><strong>Treknraksts</strong> un <a href="https://urbact.eu/">'
        "saite</a></p><ul><li>punkts</li></ul><blockquote>citāts</blockquote>"
    )
    article = ArticleFactory(body_lv=html)
    article.refresh_from_db()
    assert "<h2>Virsraksts</h2>" in article.body_lv
    assert 'href="https://urbact.eu/"' in article.body_lv
    assert "<ul><li>punkts</li></ul>" in article.body_lv
