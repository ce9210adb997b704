"""The second-factor pages as an editor meets them, in Chromium: the code field's help is below
the field and fully visible, the recovery codes can be copied with a button (a script from the
site, under the strict CSP) and downloaded, and the dashboard names the devices in Latvian."""

from pathlib import Path

import pytest
from django.contrib.auth.models import Group
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice

from core.groups import NCP_EDITOR
from tests.browser.conftest import screenshot

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
PASSWORD = "a-long-test-password-9"


@pytest.fixture
def editor(site_settings, live_server, django_user_model):
    site_settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    site_settings.STAFF_TWO_FACTOR = True
    user = django_user_model.objects.create_user(
        "inga", password=PASSWORD, is_staff=True, is_superuser=True
    )
    user.groups.add(Group.objects.get(name=NCP_EDITOR))
    return user


def test_setting_up_the_second_factor_in_a_browser(editor, live_server, open_page):
    page = open_page(width=360, height=800, locale="lv-LV")
    page.context.grant_permissions(["clipboard-read", "clipboard-write"], origin=live_server.url)
    page.goto(f"{live_server.url}/admin/login/")
    page.fill("#id_username", "inga")
    page.fill("#id_password", PASSWORD)
    page.click("input[type=submit]")
    page.wait_for_url("**/admin/two-factor/?next=*")
    field = page.locator("#id_code").bounding_box()
    help_text = page.locator("#id_code_helptext")
    box = help_text.bounding_box()
    # Below the field, inside the page's width, and not clipped.
    assert box["y"] >= field["y"] + field["height"]
    assert box["x"] >= 0 and box["x"] + box["width"] <= 360
    assert help_text.evaluate("e => e.scrollWidth <= e.clientWidth + 1")
    screenshot(page, "two-factor-setup-360")

    device = TOTPDevice.objects.get(user=editor)
    code = f"{totp(device.bin_key, step=device.step, t0=device.t0, digits=device.digits):06d}"
    page.fill("#id_code", code)
    page.click("input[type=submit]")
    page.wait_for_selector("#recovery-codes")
    codes = page.locator("#recovery-codes code").all_inner_texts()
    assert len(codes) == 10
    page.get_by_role("button", name="Kopēt kodus").click()
    page.get_by_role("button", name="Nokopēts").wait_for()
    assert page.evaluate("navigator.clipboard.readText()").split() == codes
    with page.expect_download() as download:
        page.get_by_role("link", name="Lejupielādēt kā teksta datni").click()
    assert set(codes) <= set(Path(download.value.path()).read_text().split())
    screenshot(page, "two-factor-recovery-codes-360")

    page.get_by_role("link", name="Esmu tos saglabājis: turpināt").click()
    page.wait_for_url("**/admin/")
    text = page.locator("#content").inner_text()
    assert "Atkopšanas kodi" in text.title() or "ATKOPŠANAS KODI" in text.upper()
    assert "OTP_STATIC" not in text.upper() and "OTP_TOTP" not in text.upper()
