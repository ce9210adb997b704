"""The "news that mention it" fragment for network and city pages."""

import pytest
from django.template import Context, Template
from django.utils import translation

from tests.factories import ArticleFactory, CityFactory, NetworkFactory

pytestmark = pytest.mark.django_db

TEMPLATE = Template("{% load news_tags %}{% news_mentioning obj 2 %}")


def render(obj):
    return TEMPLATE.render(Context({"obj": obj}))


def test_lists_published_articles_about_a_network_in_the_pages_language(
    django_assert_num_queries,
):
    network = NetworkFactory()
    about = ArticleFactory(title_en="About it")
    about.networks.add(network)
    ArticleFactory(title_en="Unrelated")
    draft = ArticleFactory(status="draft", published_at=None, title_en="Draft about it")
    draft.networks.add(network)
    latvian_only = ArticleFactory(title_en="", body_en="", title_lv="Tikai latviski")
    latvian_only.networks.add(network)
    with translation.override("en"), django_assert_num_queries(1):
        html = render(network)
    assert "About it" in html
    assert "Unrelated" not in html and "Draft" not in html and "Tikai" not in html
    assert f'href="/en/news/{about.slug}/"' in html
    assert "?network=" not in html  # nothing more to show


def test_links_to_the_filtered_list_when_there_are_more():
    city = CityFactory(slug="riga")
    for _ in range(3):
        ArticleFactory().cities.add(city)
    html = render(city)
    assert f"/lv/news/?city={city.country.code.lower()}%2Friga" in html


def test_nothing_for_nothing():
    assert render(NetworkFactory()).strip() == ""
    with pytest.raises(TypeError):
        render(ArticleFactory())


def test_network_and_city_pages_list_the_news_that_mention_them(client, demo):
    for url in ["/lv/networks/active-ngos/", "/lv/cities/lv/riga/"]:
        html = client.get(url).content.decode()
        assert 'class="related-news"' in html
        assert 'href="/lv/news/23-labas-prakses-parneses-projekti-uzsak-otro-fazi/"' in html
