"""Failed admin logins are throttled per user name and address together; the login page is
never cached."""

import pytest
from django.urls import reverse

from core.security import client_ip

pytestmark = pytest.mark.django_db

PASSWORD = "a-long-test-password-9"


@pytest.fixture
def editor(django_user_model, settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    return django_user_model.objects.create_user("editor", password=PASSWORD, is_staff=True)


def attempt(client, password, ip="192.0.2.1", username="editor"):
    return client.post(
        reverse("admin:login"),
        {"username": username, "password": password},
        REMOTE_ADDR=ip,
    )


def test_admin_login_page_is_not_cached(client):
    response = client.get(reverse("admin:login"))
    assert response.status_code == 200
    cache_control = response.headers["Cache-Control"]
    assert "no-store" in cache_control and "private" in cache_control


def test_failed_logins_lock_out_that_user_from_that_address(client, editor, settings):
    assert settings.AXES_COOLOFF_TIME is not None  # never a permanent lockout
    for _ in range(settings.AXES_FAILURE_LIMIT - 1):
        assert attempt(client, "wrong").status_code == 200  # the form again
    assert attempt(client, "wrong").status_code == 429  # the last failure allowed
    # Locked out: even the right password is refused now.
    assert attempt(client, PASSWORD).status_code == 429
    # The same user from another address, and another user from this one, are not locked out.
    assert attempt(client, PASSWORD, ip="198.51.100.7").status_code == 302
    client.post(reverse("admin:logout"))
    assert attempt(client, "wrong", username="someone-else").status_code == 200


def test_client_address_behind_a_proxy(rf, settings):
    request = rf.get("/", REMOTE_ADDR="10.0.0.1", HTTP_X_FORWARDED_FOR="6.6.6.6, 203.0.113.9")
    assert client_ip(request) == "10.0.0.1"  # the header is ignored unless a proxy is trusted
    settings.TRUSTED_PROXY_COUNT = 1
    assert client_ip(request) == "203.0.113.9"  # not the forgeable left-most entry
