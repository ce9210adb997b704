from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CitiesConfig(AppConfig):
    name = "cities"
    verbose_name = _("Cities and countries")

    def ready(self):
        from core.cache import connect_invalidation

        connect_invalidation(self)
