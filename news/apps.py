from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class NewsConfig(AppConfig):
    name = "news"
    verbose_name = _("News")

    def ready(self):
        from core.cache import connect_invalidation, schedule_publications

        from .models import Article, next_publication

        connect_invalidation(self)
        schedule_publications(next_publication, Article)
