"""A Permissions-Policy header on every response, cached or not, naming only features
browsers recognise today."""

import pytest

from core.security import PERMISSIONS_POLICY, permissions_policy_header
from tests.factories import NetworkFactory

pytestmark = pytest.mark.django_db

# Features of the W3C Permissions Policy registry that Chromium and Firefox implement
# (https://github.com/w3c/webappsec-permissions-policy/blob/main/features.md); an unknown one
# is reported in the console, and interest-cohort (FLoC) is gone, replaced by browsing-topics.
RECOGNISED = {
    "accelerometer", "autoplay", "browsing-topics", "camera", "display-capture",
    "encrypted-media", "fullscreen", "geolocation", "gyroscope", "magnetometer", "microphone",
    "midi", "payment", "picture-in-picture", "publickey-credentials-get", "screen-wake-lock",
    "sync-xhr", "usb", "web-share", "xr-spatial-tracking",
}  # fmt: skip


def test_the_policy_denies_what_the_portal_never_uses():
    header = permissions_policy_header()
    for feature in ("camera", "microphone", "geolocation", "payment", "usb", "browsing-topics"):
        assert f"{feature}=()" in header
    assert "fullscreen=(self)" in header
    assert "interest-cohort" not in header
    assert set(PERMISSIONS_POLICY) <= RECOGNISED
    # Structured-field syntax: feature=(allow list), separated by commas.
    for item in header.split(", "):
        feature, allow = item.split("=")
        assert allow.startswith("(") and allow.endswith(")")


@pytest.mark.parametrize(
    "url",
    ["/lv/", "/en/networks/", "/api/v1/networks", "/healthz", "/robots.txt", "/admin/login/",
     "/en/networks/no-such-network/", "/"],
)  # fmt: skip
def test_every_response_carries_it(client, url):
    NetworkFactory(slug="active-ngos")
    assert client.get(url)["Permissions-Policy"] == permissions_policy_header()


def test_a_cached_page_carries_it(client, settings):
    settings.PAGE_CACHE_SECONDS = 60
    client.get("/en/networks/")
    response = client.get("/en/networks/")
    assert response["X-Page-Cache"] == "hit"
    assert response["Permissions-Policy"] == permissions_policy_header()


def test_a_deployment_can_set_its_own(client, settings):
    settings.PERMISSIONS_POLICY = {"camera": "()", "fullscreen": "()"}
    from django.test import Client

    assert Client().get("/lv/")["Permissions-Policy"] == "camera=(), fullscreen=()"
