"""The portal addresses its readers formally in Latvian, Django's own strings included."""

import re

import pytest
from django.utils import translation
from django.utils.translation import gettext

INFORMAL = re.compile(r"\b(Tu|Tev|Tava|Tavam|vari|Aizmirsi|ievadi|Izvēlies)\b")

DJANGO_STRINGS = [
    "Your password was changed.",
    "Your password has been set.  You may go ahead and log in now.",
    "You may edit it again below.",
    "Forgotten your login credentials?",
    "In case you’ve forgotten, you are:",
    "Enter the same password as before, for verification.",
    "Your old password was entered incorrectly. Please enter it again.",
]


@pytest.mark.parametrize("message", DJANGO_STRINGS)
def test_djangos_strings_are_formal_in_latvian(message):
    with translation.override("lv"):
        latvian = gettext(message)
    assert latvian != message
    assert not INFORMAL.search(latvian), latvian


def test_the_admin_password_page_says_jusu(admin_client):
    response = admin_client.get("/admin/password_change/done/", HTTP_ACCEPT_LANGUAGE="lv")
    assert response.status_code == 200
    assert "Jūsu parole ir nomainīta." in response.content.decode()
