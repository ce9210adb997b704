"""Two-factor authentication for every staff account (NCP editors and partner editors), with
django-otp: an authenticator app's time-based codes (TOTP) and ten single-use recovery codes.

After the password, a staff session reaches the admin only once it is verified: an account
without a confirmed authenticator is sent to set one up, one with an authenticator to enter a
code. `STAFF_TWO_FACTOR = False` turns the requirement off (local development, tests of other
features).
"""

import base64
import io
from urllib.parse import urlencode

import segno
from django import forms
from django.contrib.auth.decorators import login_required
from django.db import transaction
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext_lazy as _
from django.views.decorators.cache import never_cache
from django_otp import devices_for_user
from django_otp import login as otp_login
from django_otp.forms import OTPTokenForm
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from core.security import second_factor_required

RECOVERY_CODES = 10
RECOVERY_DEVICE = "recovery"


def has_authenticator(user):
    return TOTPDevice.objects.devices_for_user(user, confirmed=True).exists()


def second_factor_page(request):
    """Where a session that gave only its password goes: the code, or setting up the app."""
    name = "two_factor_verify" if has_authenticator(request.user) else "two_factor_setup"
    return redirect(f"{reverse(name)}?{urlencode({'next': _next(request)})}")


CODE_WIDGET = forms.TextInput(
    attrs={"autocomplete": "one-time-code", "inputmode": "numeric", "autofocus": True}
)
CODE_HELP = _("The 6 digits your authenticator app shows, or one of your recovery codes.")
INVALID_CODE = _("This code is not valid, or it was used already.")
TOO_MANY = _("Too many wrong codes: wait a little and try again.")


class CodeForm(forms.Form):
    """The first code of an authenticator being set up (not yet one of the user's devices)."""

    code = forms.CharField(
        label=_("Code"),
        max_length=16,
        widget=CODE_WIDGET,
        help_text=_("The 6 digits your authenticator app shows now."),
    )

    def clean_code(self):
        return "".join(self.cleaned_data["code"].split())


class SecondFactorForm(OTPTokenForm):
    """django-otp's OTPTokenForm with one field: the device is the one the code's shape names
    (6 digits: the authenticator app; otherwise a recovery code), so a recovery code never
    counts as a wrong app code and nobody has to pick a device from a list."""

    otp_device = forms.CharField(required=False, widget=forms.HiddenInput)
    otp_token = forms.CharField(
        label=_("Code"), max_length=16, widget=CODE_WIDGET, help_text=CODE_HELP
    )
    otp_error_messages = {
        **OTPTokenForm.otp_error_messages,
        "token_required": _("Enter the code."),
        "invalid_token": INVALID_CODE,
        "n_failed_attempts": TOO_MANY,
        "verification_not_allowed": TOO_MANY,
        "device_required": INVALID_CODE,
    }

    def clean(self):
        token = "".join(self.cleaned_data.get("otp_token", "").split())
        self.cleaned_data["otp_token"] = token
        app_code = len(token) == 6 and token.isdigit()
        device = next(
            (
                device
                for device in devices_for_user(self.user)
                if isinstance(device, TOTPDevice) == app_code
            ),
            None,
        )
        self.cleaned_data["otp_device"] = device.persistent_id if device else ""
        return super().clean()


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
        user=user, name=RECOVERY_DEVICE, defaults={"confirmed": True}
    )
    device.token_set.all().delete()
    codes = [StaticToken.random_token() for _ in range(RECOVERY_CODES)]
    StaticToken.objects.bulk_create(StaticToken(device=device, token=code) for code in codes)
    return device, codes


def _throttled(form, device):
    """After a wrong code django-otp makes the device wait, longer after each one: say so
    instead of calling a right code wrong."""
    allowed, _details = device.verify_is_allowed()
    if not allowed:
        form.add_error("code", TOO_MANY)
    return not allowed


def _qr_svg(uri):
    out = io.BytesIO()
    segno.make(uri, error="m").save(out, kind="svg", scale=4, xmldecl=False, svgns=True)
    return out.getvalue().decode()


@never_cache
@login_required(login_url="admin:login")
def setup(request):
    """Set up an authenticator app: its key as a QR code and as text, then a code from it."""
    if has_authenticator(request.user):
        return redirect(f"{reverse('two_factor_verify')}?{urlencode({'next': _next(request)})}")
    device = _pending_device(request.user)
    form = CodeForm(request.POST or None)
    if form.is_valid() and _throttled(form, device):
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
        return redirect(f"{reverse('two_factor_setup')}?{urlencode({'next': _next(request)})}")
    form = SecondFactorForm(request.user, request, data=request.POST or None)
    if form.is_valid():
        otp_login(request, form.get_user().otp_device)
        return redirect(_next(request))
    return render(
        request,
        "admin/two_factor/verify.html",
        {"form": form, "next": _next(request), "title": _("Two-factor authentication")},
    )


@never_cache
@second_factor_required
def recovery_codes(request):
    """New recovery codes for a verified session (the earlier ones stop working)."""
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


@never_cache
@second_factor_required
def recovery_codes_file(request):
    """The recovery codes not used yet, as a text file to keep."""
    codes = StaticToken.objects.filter(
        device__user=request.user, device__name=RECOVERY_DEVICE
    ).values_list("token", flat=True)
    lines = [
        str(
            _("URBACT portal: recovery codes for %(user)s") % {"user": request.user.get_username()}
        ),
        str(_("Each code signs you in once, without your authenticator app.")),
        "",
        *codes,
    ]
    response = HttpResponse("\n".join(lines) + "\n", content_type="text/plain; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="urbact-recovery-codes.txt"'
    return response
