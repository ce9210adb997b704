"""Network and city pages link the news that mention them."""

import pytest

pytestmark = pytest.mark.django_db


def test_network_and_city_pages_list_the_news_that_mention_them(client, demo):
    for url in ["/lv/networks/active-ngos/", "/lv/cities/lv/riga/"]:
        html = client.get(url).content.decode()
        assert 'href="/lv/news/23-labas-prakses-parneses-projekti-uzsak-otro-fazi/"' in html
