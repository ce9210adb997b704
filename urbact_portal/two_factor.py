"""Two-factor authentication for every staff account (NCP editors and partner editors), with
django-otp: an authenticator app's time-based codes (TOTP) and ten single-use recovery codes.

After the password, a staff session reaches the admin only once it is verified: an account
without a confirmed authenticator is sent to set one up, one with an authenticator to enter a
code. `STAFF_TWO_FACTOR = False` turns the requirement off (local development, tests of other
features).
"""

import base64
import io

import segno
from django import forms
from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.db import transaction
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext_lazy as _
from django.views.decorators.cache import never_cache
from django_otp import devices_for_user
from django_otp import login as otp_login
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

RECOVERY_CODES = 10
# Admin addresses a staff session may open before its second factor.
OPEN_PATHS = ("/admin/two-factor/", "/admin/logout/", "/admin/login/", "/admin/jsi18n/")


def needs_second_factor(request):
    user = getattr(request, "user", None)
    return (
        settings.STAFF_TWO_FACTOR
        and user is not None
        and user.is_authenticated
        and user.is_staff
        and not user.is_verified()
    )


class StaffTwoFactorMiddleware:
    """The admin refuses a staff session without its second factor (after OTPMiddleware)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if (
            request.path.startswith("/admin/")
            and not request.path.startswith(OPEN_PATHS)
            and needs_second_factor(request)
        ):
            name = "two_factor_verify" if has_authenticator(request.user) else "two_factor_setup"
            return redirect(f"{reverse(name)}?next={request.get_full_path()}")
        return self.get_response(request)


def has_authenticator(user):
    return TOTPDevice.objects.devices_for_user(user, confirmed=True).exists()


class CodeForm(forms.Form):
    code = forms.CharField(
        label=_("Code"),
        max_length=16,
        widget=forms.TextInput(
            attrs={"autocomplete": "one-time-code", "inputmode": "numeric", "autofocus": True}
        ),
        help_text=_("The 6 digits your authenticator app shows, or one of your recovery codes."),
    )

    def clean_code(self):
        return "".join(self.cleaned_data["code"].split())


def _next(request):
    target = request.POST.get("next") or request.GET.get("next") or ""
    if url_has_allowed_host_and_scheme(target, {request.get_host()}, request.is_secure()):
        return target
    return reverse("admin:index")


def _pending_device(user):
    """The authenticator being set up: unconfirmed, made once and kept until confirmed."""
    device = TOTPDevice.objects.filter(user=user, confirmed=False).first()
    return device or TOTPDevice.objects.create(
        user=user, name=str(_("Authenticator app")), confirmed=False
    )


def new_recovery_codes(user):
    """Ten new single-use codes; the earlier ones stop working."""
    device, _created = StaticDevice.objects.get_or_create(
        user=user, name="recovery", defaults={"confirmed": True}
    )
    device.token_set.all().delete()
    codes = [StaticToken.random_token() for _ in range(RECOVERY_CODES)]
    StaticToken.objects.bulk_create(StaticToken(device=device, token=code) for code in codes)
    return device, codes


def _devices_for_code(user, code):
    """The devices a code can come from: an app's 6 digits, or a recovery code (so that using
    a recovery code does not count as a wrong app code)."""
    app_code = len(code) == 6 and code.isdigit()
    return [
        device for device in devices_for_user(user) if isinstance(device, TOTPDevice) == app_code
    ]


def _throttled(form, devices):
    """After a wrong code django-otp makes the device wait, longer after each one: say so
    instead of calling a right code wrong."""
    for device in devices:
        allowed, details = device.verify_is_allowed()
        if not allowed:
            form.add_error(
                "code",
                _("Too many wrong codes: wait a little (about %(seconds)s s) and try again.")
                % {"seconds": _seconds_left(details)},
            )
            return True
    return False


def _seconds_left(details):
    from django.utils import timezone

    until = (details or {}).get("locked_until")
    return max(1, round((until - timezone.now()).total_seconds())) if until else 1


def _qr_svg(uri):
    out = io.BytesIO()
    segno.make(uri, error="m").save(out, kind="svg", scale=4, xmldecl=False, svgns=True)
    return out.getvalue().decode()


@never_cache
@login_required(login_url="admin:login")
def setup(request):
    """Set up an authenticator app: its key as a QR code and as text, then a code from it."""
    if has_authenticator(request.user):
        return redirect(reverse("two_factor_verify") + f"?next={_next(request)}")
    device = _pending_device(request.user)
    form = CodeForm(request.POST or None)
    if form.is_valid() and _throttled(form, [device]):
        pass
    elif form.is_valid():
        if device.verify_token(form.cleaned_data["code"]):
            with transaction.atomic():
                device.confirmed = True
                device.save(update_fields=["confirmed"])
                _static, codes = new_recovery_codes(request.user)
            otp_login(request, device)
            return render(
                request,
                "admin/two_factor/recovery_codes.html",
                {"codes": codes, "next": _next(request), "title": _("Your recovery codes")},
            )
        form.add_error("code", _("This code is not valid. Check the time on your phone."))
    secret = base64.b32encode(device.bin_key).decode()
    return render(
        request,
        "admin/two_factor/setup.html",
        {
            "form": form,
            "qr_svg": _qr_svg(device.config_url),
            "secret_groups": [secret[i : i + 4] for i in range(0, len(secret), 4)],
            "next": _next(request),
            "title": _("Set up two-factor authentication"),
        },
    )


@never_cache
@login_required(login_url="admin:login")
def verify(request):
    """The second factor of a session: a code from the app or a recovery code."""
    if not has_authenticator(request.user):
        return redirect(reverse("two_factor_setup") + f"?next={_next(request)}")
    form = CodeForm(request.POST or None)
    devices = _devices_for_code(request.user, form.cleaned_data["code"]) if form.is_valid() else []
    if form.is_valid() and _throttled(form, devices):
        pass
    elif form.is_valid():
        code = form.cleaned_data["code"]
        device = next((device for device in devices if device.verify_token(code)), None)
        if device is not None:
            otp_login(request, device)
            return redirect(_next(request))
        form.add_error("code", _("This code is not valid, or it was used already."))
    return render(
        request,
        "admin/two_factor/verify.html",
        {"form": form, "next": _next(request), "title": _("Two-factor authentication")},
    )


@never_cache
@login_required(login_url="admin:login")
def recovery_codes(request):
    """New recovery codes for a verified session (the earlier ones stop working)."""
    if needs_second_factor(request):
        return redirect(reverse("two_factor_verify") + f"?next={request.path}")
    if request.method != "POST":
        return render(
            request,
            "admin/two_factor/recovery_codes.html",
            {"codes": None, "title": _("Your recovery codes")},
        )
    _device, codes = new_recovery_codes(request.user)
    return render(
        request,
        "admin/two_factor/recovery_codes.html",
        {"codes": codes, "next": reverse("admin:index"), "title": _("Your recovery codes")},
    )
