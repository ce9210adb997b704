from django.contrib.syndication.views import Feed
from django.urls import reverse
from django.utils import translation
from django.utils.feedgenerator import Atom1Feed
from django.utils.translation import gettext_lazy as _

from .models import Article

FEED_LENGTH = 20


class LatestArticlesFeed(Feed):
    """Atom feed of the latest articles in the language of its address (/lv/… or /en/…);
    an article without a text in that language is left out."""

    feed_type = Atom1Feed
    title = _("URBACT National Contact Point: news")
    subtitle = _("News about URBACT and the city networks our cities take part in.")

    def get_object(self, request, *args, **kwargs):
        # The feed's "object" is its language, so one Feed instance serves every language.
        return translation.get_language()

    def link(self):
        return reverse("news:list")

    # Atom requires an author of the feed or of every entry (RFC 4287, 4.1.1): the National
    # Contact Point, which writes and publishes the news.
    def author_name(self):
        return _("URBACT National Contact Point")

    def feed_url(self):
        return reverse("news:feed")

    def items(self, language):
        return (
            Article.objects.published()
            .in_language(language)
            .select_related("author")
            .order_by("-published_at", "-pk")[:FEED_LENGTH]
        )

    def item_title(self, item):
        return item.title

    def item_description(self, item):
        return item.lead or item.seo_description

    def item_pubdate(self, item):
        return item.published_at

    def item_updateddate(self, item):
        return item.edited_at
