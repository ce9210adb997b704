from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class NewsConfig(AppConfig):
    name = "news"
    verbose_name = _("News")

    def ready(self):
        from core.cache import connect_invalidation, publication_schedules

        from .models import next_publication

        connect_invalidation(self)
        publication_schedules.append(next_publication)
