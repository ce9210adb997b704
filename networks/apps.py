from django.apps import AppConfig
from django.db import DEFAULT_DB_ALIAS
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


def _refresh_tallies(using, **kwargs):
    from .models import refresh_tallies

    if using == DEFAULT_DB_ALIAS:
        refresh_tallies()


class NetworksConfig(AppConfig):
    name = "networks"
    verbose_name = _("Networks")

    def ready(self):
        from core.cache import connect_invalidation, content_changed

        from .models import tallies

        connect_invalidation(self)
        content_changed.connect(tallies.content_changed, dispatch_uid="networks-tallies")
        # A database migrated from before the tallies (or restored) gets them worked out.
        post_migrate.connect(_refresh_tallies, sender=self, dispatch_uid="networks-tallies")
