"""`make run`'s last words: where the site and the admin are, the account, the second factor."""

import io

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command

pytestmark = pytest.mark.django_db


def welcome():
    out = io.StringIO()
    call_command("ensure_admin", "--welcome", stdout=out)
    return out.getvalue()


def test_the_welcome_names_the_addresses_the_account_and_the_second_factor(settings, monkeypatch):
    monkeypatch.setenv("ADMIN_PASSWORD", "")
    settings.PORT = "8103"
    settings.STAFF_TWO_FACTOR = True
    text = welcome()
    assert "Site:    http://127.0.0.1:8103/" in text
    assert "Admin:   http://127.0.0.1:8103/admin/" in text
    password = text.split("password ", 1)[1].split()[0]
    assert get_user_model().objects.get(username="admin").check_password(password)
    assert "authenticator app" in text
    assert "STAFF_TWO_FACTOR=false make run" in text
    # Run again: the account is kept, and the welcome says how to set a new password.
    again = welcome()
    assert password not in again
    assert "python manage.py changepassword admin" in again


def test_without_a_second_factor_the_welcome_says_so(settings, monkeypatch):
    monkeypatch.setenv("ADMIN_PASSWORD", "correct-horse-battery")
    settings.STAFF_TWO_FACTOR = False
    text = welcome()
    assert "password (from ADMIN_PASSWORD)" in text
    assert "No second factor is asked for" in text
    assert get_user_model().objects.get(username="admin").check_password("correct-horse-battery")
