from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


def next_article_publication(using):
    """When the next scheduled article goes public, or None."""
    from .models import Article

    return (
        Article.objects.using(using)
        .scheduled()
        .order_by("published_at")
        .values_list("published_at", flat=True)
        .first()
    )


class NewsConfig(AppConfig):
    name = "news"
    verbose_name = _("News")

    def ready(self):
        from core.content_version import register_schedule

        register_schedule("news.Article", next_article_publication)
