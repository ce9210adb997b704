from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import include, path

from networks import calendar

from . import admin_views, password_reset, sitemaps, system_views, two_factor, views
from .api import api

urlpatterns = [
    path("", views.language_redirect, name="root"),
    # Django's password reset flow, in the admin's design: partner editors choose their first
    # password through it (networks.services.create_partner_editor sends the link).
    path(
        "admin/password_reset/",
        password_reset.LimitedPasswordResetView.as_view(),
        name="admin_password_reset",
    ),
    path(
        "admin/password_reset/done/",
        auth_views.PasswordResetDoneView.as_view(),
        name="password_reset_done",
    ),
    path(
        "reset/<uidb64>/<token>/",
        auth_views.PasswordResetConfirmView.as_view(),
        name="password_reset_confirm",
    ),
    path(
        "reset/done/",
        auth_views.PasswordResetCompleteView.as_view(),
        name="password_reset_complete",
    ),
    path(
        "admin/r/<int:content_type_id>/<path:object_id>/",
        admin.site.admin_view(admin_views.view_on_site),
        name="admin_view_on_site",
    ),
    path("admin/two-factor/", two_factor.setup, name="two_factor_setup"),
    path("admin/two-factor/verify/", two_factor.verify, name="two_factor_verify"),
    path(
        "admin/two-factor/recovery-codes/",
        two_factor.recovery_codes,
        name="two_factor_recovery_codes",
    ),
    path(
        "admin/two-factor/recovery-codes/file/",
        two_factor.recovery_codes_file,
        name="two_factor_recovery_codes_file",
    ),
    path("admin/", admin.site.urls),
    path("i18n/", include("django.conf.urls.i18n")),
    path("api/v1/", api.urls),
    path("sitemap.xml", sitemaps.sitemap_index, name="sitemap"),
    path("sitemap-<section>.xml", sitemaps.sitemap_section, name="sitemap_section"),
    path("robots.txt", system_views.robots_txt, name="robots_txt"),
    path("healthz", system_views.healthz, name="healthz"),
]

urlpatterns += i18n_patterns(
    path("", views.HomeView.as_view(), name="home"),
    path("networks/", include("networks.urls")),
    path("approvals/", include("networks.approval_urls")),
    path("events.ics", calendar.events_ics, name="events_ics"),
    path("events/", include("networks.event_urls")),
    path("calls/", include("calls.urls")),
    path("", include("networks.city_urls")),
    path("news/", include("news.urls")),
    path("search/", include("search.urls")),
    path("subscribe/", include("subscriptions.urls")),
    path("events/", include("registrations.urls")),
    path("good-practices/", include("networks.good_practice_urls")),
    path("outputs/", include("networks.output_urls")),
    path("", include("pages.urls")),
    prefix_default_language=True,
)

if settings.SERVE_MEDIA:
    from django.urls import re_path

    urlpatterns.append(
        re_path(rf"^{settings.MEDIA_URL.lstrip('/')}(?P<path>.*)$", system_views.media)
    )

handler404 = "urbact_portal.views.page_not_found"
handler500 = "urbact_portal.views.server_error"
