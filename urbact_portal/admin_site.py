"""The back office's admin site: django-otp's OTPAdminSite, so that every admin view (the
models' pages, custom admin views, anything registered later) needs a staff session verified
by a second factor. The password is asked on the login page and the code on its own page
(urbact_portal.two_factor), where an account without an authenticator also sets one up.
`STAFF_TWO_FACTOR = False` turns the requirement off (local development)."""

from django.conf import settings
from django.contrib.admin import AdminSite
from django.contrib.admin.forms import AdminAuthenticationForm
from django_otp.admin import OTPAdminSite

from core.security import second_factor_missing


class PortalAdminSite(OTPAdminSite):
    # The password first, as on any admin; the code is the next page.
    login_form = AdminAuthenticationForm
    login_template = None

    def __init__(self, name="admin"):
        super().__init__(name)

    def has_permission(self, request):
        if settings.STAFF_TWO_FACTOR:
            return super().has_permission(request)
        return AdminSite.has_permission(self, request)

    def login(self, request, extra_context=None):
        """A session that gave its password is sent on to its second factor."""
        from .two_factor import second_factor_page

        if request.method == "GET" and second_factor_missing(request.user):
            return second_factor_page(request)
        response = super().login(request, extra_context)
        if response.status_code == 302 and second_factor_missing(request.user):
            return second_factor_page(request)
        return response
