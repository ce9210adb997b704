"""Configurations of Django's and django-otp's apps for the portal (INSTALLED_APPS names them):
the admin with the portal's site, the second factor's devices under names editors know."""

from django.contrib.admin.apps import AdminConfig
from django.utils.translation import gettext_lazy as _
from django_otp.plugins.otp_static.apps import DefaultConfig as StaticConfig
from django_otp.plugins.otp_totp.apps import DefaultConfig as TOTPConfig


class PortalAdminConfig(AdminConfig):
    """django.contrib.admin with the portal's site (second factor for every admin view)."""

    default_site = "urbact_portal.admin_site.PortalAdminSite"


class RecoveryCodesConfig(StaticConfig):
    """django-otp's single-use codes, named as editors know them in the admin."""

    verbose_name = _("Recovery codes")

    def ready(self):
        name_model(
            self.get_model("StaticDevice"), _("recovery code list"), _("recovery code lists")
        )


class AuthenticatorAppsConfig(TOTPConfig):
    """django-otp's time-based codes: the editors' authenticator apps."""

    verbose_name = _("Authenticator apps")

    def ready(self):
        name_model(self.get_model("TOTPDevice"), _("authenticator app"), _("authenticator apps"))


def name_model(model, singular, plural):
    """The package's models carry English names that gettext never sees: give them
    translatable ones (the admin's index, lists and messages read them from _meta)."""
    model._meta.verbose_name = singular
    model._meta.verbose_name_plural = plural
