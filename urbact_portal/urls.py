from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.contrib import admin
from django.contrib.sitemaps.views import sitemap
from django.urls import include, path

from networks import calendar

from . import system_views, views
from .api import api
from .sitemaps import SITEMAPS

urlpatterns = [
    path("", views.language_redirect, name="root"),
    path("admin/", admin.site.urls),
    path("i18n/", include("django.conf.urls.i18n")),
    path("api/v1/", api.urls),
    path("sitemap.xml", sitemap, {"sitemaps": SITEMAPS}, name="sitemap"),
    path("robots.txt", system_views.robots_txt, name="robots_txt"),
    path("healthz", system_views.healthz, name="healthz"),
]

urlpatterns += i18n_patterns(
    path("", views.HomeView.as_view(), name="home"),
    path("networks/", include("networks.urls")),
    path("events.ics", calendar.events_ics, name="events_ics"),
    path("events/", include("networks.event_urls")),
    path("", include("cities.urls")),
    path("news/", include("news.urls")),
    prefix_default_language=True,
)

if settings.DEBUG:
    from django.conf.urls.static import static

    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)

handler404 = "urbact_portal.views.page_not_found"
handler500 = "urbact_portal.views.server_error"
