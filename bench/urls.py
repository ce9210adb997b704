"""The portal's addresses and the benchmark's floor: a fixed 20 KB page through the whole
middleware stack, outside the page cache's addresses, so every request runs it."""

from django.http import HttpResponse
from django.urls import path

from urbact_portal.urls import handler404, handler500, urlpatterns  # noqa: F401

FLOOR_BODY = b"<!doctype html><title>floor</title>" + b"x" * 20_000


def floor(request):
    return HttpResponse(FLOOR_BODY)


urlpatterns = [*urlpatterns, path("bench/floor/", floor)]
