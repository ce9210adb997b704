from django import template
from django.urls import reverse
from django.utils.http import urlencode
from django.utils.translation import get_language

from cities.models import City
from networks.models import Network

from ..models import Article

register = template.Library()


@register.inclusion_tag("news/_related_news.html")
def news_mentioning(obj, limit=5):
    """The latest published articles (in the page's language) that mention a network or a
    city, with a link to all of them in the news list. One query."""
    articles = Article.objects.published().in_language(get_language())
    if isinstance(obj, Network):
        articles = articles.mentioning_network(obj)
        query = {"network": obj.slug}
    elif isinstance(obj, City):
        articles = articles.mentioning_city(obj)
        query = {"city": f"{obj.country.code.lower()}/{obj.slug}"}
    else:
        raise TypeError(f"news_mentioning takes a network or a city, not {type(obj).__name__}")
    latest = list(
        articles.order_by("-published_at", "-pk").only(
            "slug", "published_at", "title_lv", "title_en"
        )[: limit + 1]
    )
    return {
        "articles": latest[:limit],
        "more_url": f"{reverse('news:list')}?{urlencode(query)}" if len(latest) > limit else "",
    }
