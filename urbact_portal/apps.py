from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PortalConfig(AppConfig):
    name = "urbact_portal"
    verbose_name = _("Portal")

    def ready(self):
        from . import lookups  # noqa: F401 (registers `__any_of`)
