from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CallsConfig(AppConfig):
    name = "calls"
    verbose_name = _("Calls for proposals")

    def ready(self):
        from core.cache import connect_invalidation, publication_schedules

        from .models import next_status_change

        connect_invalidation(self)
        # A call's status on the pages changes when it opens or closes: stored pages are
        # renewed then, as at an article's publication time.
        publication_schedules.append(next_status_change)
