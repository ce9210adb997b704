from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CallsConfig(AppConfig):
    name = "calls"
    verbose_name = _("Calls for proposals")

    def ready(self):
        from core.cache import connect_invalidation, schedule_publications
        from subscriptions.sources import register

        from .models import Call, next_status_change
        from .subscriptions import call_items

        connect_invalidation(self)
        # A call's status on the pages changes when it opens or closes: stored pages are
        # renewed then, as at an article's publication time.
        schedule_publications(next_status_change, Call)
        # People follow the calls by email: each call reaches them at once.
        register("calls", call_items, immediate=True)
