"""Staff accounts (NCP and partner editors) reach the admin only with a second factor: an
authenticator app's code, or a single-use recovery code."""

import pytest
from django.contrib.auth.models import Group
from django_otp import devices_for_user
from django_otp.oath import totp
from django_otp.plugins.otp_static.models import StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from core.groups import NCP_EDITOR, PARTNER_EDITOR
from networks.models import PartnerEditor
from tests.factories import NetworkFactory

pytestmark = pytest.mark.django_db
PASSWORD = "a-long-test-password-9"


@pytest.fixture(autouse=True)
def _second_factor_on(settings):
    settings.STAFF_TWO_FACTOR = True
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


def staff(django_user_model, username, group):
    user = django_user_model.objects.create_user(username, password=PASSWORD, is_staff=True)
    user.groups.add(Group.objects.get(name=group))
    return user


@pytest.fixture
def editor(django_user_model):
    return staff(django_user_model, "ncp", NCP_EDITOR)


@pytest.fixture
def partner(django_user_model):
    user = staff(django_user_model, "partner", PARTNER_EDITOR)
    PartnerEditor.objects.create(user=user, network=NetworkFactory())
    return user


def log_in(client, user):
    response = client.post(
        "/admin/login/?next=/admin/", {"username": user.username, "password": PASSWORD}
    )
    assert response.status_code == 302
    return response


def code_of(device):
    return f"{totp(device.bin_key, step=device.step, t0=device.t0, digits=device.digits):06d}"


def set_up(client, user):
    log_in(client, user)
    client.get("/admin/two-factor/")
    device = TOTPDevice.objects.get(user=user)
    response = client.post("/admin/two-factor/", {"code": code_of(device), "next": "/admin/"})
    return device, response


@pytest.mark.parametrize("role", ["editor", "partner"])
def test_a_password_alone_does_not_open_the_admin(client, role, request):
    user = request.getfixturevalue(role)
    response = log_in(client, user)
    response = client.get("/admin/")
    assert response.status_code == 302
    assert response["Location"].startswith("/admin/two-factor/?next=/admin/")
    for path in ("/admin/news/article/", "/admin/networks/progressupdate/add/"):
        assert client.get(path)["Location"].startswith("/admin/two-factor/")


def test_setting_up_the_authenticator_shows_the_key_and_gives_recovery_codes(client, editor):
    log_in(client, editor)
    page = client.get("/admin/two-factor/?next=/admin/")
    html = page.content.decode()
    assert page.status_code == 200
    assert "<svg" in html and "two-factor__key" in html
    assert page["Cache-Control"].startswith("max-age=0")
    device = TOTPDevice.objects.get(user=editor, confirmed=False)
    # A wrong code is refused with a message and confirms nothing.
    wrong = client.post(
        "/admin/two-factor/", {"code": "000000" if code_of(device) != "000000" else "111111"}
    )
    assert "Šis kods nav derīgs" in wrong.content.decode()
    assert not TOTPDevice.objects.filter(user=editor, confirmed=True).exists()
    # Right after a wrong code, the authenticator makes the next try wait.
    throttled = client.post("/admin/two-factor/", {"code": code_of(device)})
    assert "Pārāk daudz nepareizu kodu" in throttled.content.decode()
    device.refresh_from_db()
    device.throttle_reset()
    # The same key is offered until it is confirmed.
    client.get("/admin/two-factor/")
    assert TOTPDevice.objects.filter(user=editor).count() == 1
    response = client.post("/admin/two-factor/", {"code": code_of(device), "next": "/admin/"})
    codes = response.context["codes"]
    assert len(codes) == 10 and len(set(codes)) == 10
    assert all(code in response.content.decode() for code in codes)
    assert client.get("/admin/").status_code == 200


def test_a_new_session_asks_for_a_code_and_a_recovery_code_works_once(client, editor):
    device, _response = set_up(client, editor)
    recovery = StaticToken.objects.filter(device__user=editor).first().token
    client.logout()
    log_in(client, editor)
    assert client.get("/admin/")["Location"].startswith("/admin/two-factor/verify/")
    refused = client.post("/admin/two-factor/verify/", {"code": "wrong123"})
    assert "Šis kods nav derīgs" in refused.content.decode()
    assert client.get("/admin/").status_code == 302
    # Each wrong code makes the next try wait.
    waiting = client.post("/admin/two-factor/verify/", {"code": recovery})
    assert "Pārāk daudz nepareizu kodu" in waiting.content.decode()
    for throttled in devices_for_user(editor):
        throttled.throttle_reset()
    response = client.post("/admin/two-factor/verify/", {"code": recovery, "next": "/admin/"})
    assert response["Location"] == "/admin/"
    assert client.get("/admin/").status_code == 200
    client.logout()
    log_in(client, editor)
    again = client.post("/admin/two-factor/verify/", {"code": recovery})
    assert "Šis kods nav derīgs vai jau ir izmantots." in again.content.decode()


def test_the_app_code_verifies_a_session_and_the_next_address_stays_on_the_site(client, editor):
    device, _response = set_up(client, editor)
    client.logout()
    log_in(client, editor)
    device.refresh_from_db()
    device.last_t = -1  # the code of this time step was used while setting up
    device.save()
    response = client.post(
        "/admin/two-factor/verify/", {"code": code_of(device), "next": "https://evil.example/"}
    )
    assert response["Location"] == "/admin/"


def test_new_recovery_codes_replace_the_old_ones(client, editor):
    set_up(client, editor)
    old = set(StaticToken.objects.filter(device__user=editor).values_list("token", flat=True))
    assert client.get("/admin/two-factor/recovery-codes/").status_code == 200
    response = client.post("/admin/two-factor/recovery-codes/")
    new = set(response.context["codes"])
    assert len(new) == 10 and not new & old
    assert (
        set(StaticToken.objects.filter(device__user=editor).values_list("token", flat=True)) == new
    )


def test_visitors_and_the_public_site_are_not_asked(client, editor):
    assert client.get("/admin/two-factor/")["Location"].startswith("/admin/login/")
    log_in(client, editor)
    assert client.get("/lv/").status_code == 200


def test_without_the_requirement_a_password_opens_the_admin(client, editor, settings):
    settings.STAFF_TWO_FACTOR = False
    log_in(client, editor)
    assert client.get("/admin/").status_code == 200


def test_the_two_factor_pages_are_in_latvian(client, editor):
    log_in(client, editor)
    html = client.get("/admin/two-factor/", HTTP_ACCEPT_LANGUAGE="lv").content.decode()
    assert "autentifikācijas lietotn" in html
    assert "Divpakāpju autentifikācijas iestatīšana" in html
