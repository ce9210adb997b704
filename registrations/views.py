"""Registering for an NCP event and cancelling. Neither page is cached: both carry a form
with its CSRF token, and the places left change with every registration."""

from django.conf import settings
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods

from subscriptions import links
from subscriptions.ratelimit import allow_request

from . import services
from .forms import RegistrationForm
from .models import RegistrationSetup


def consent_text():
    return _(
        "I agree that the URBACT National Contact Point keeps these details to organise the "
        "event and to tell me about it; they are deleted %(days)s days after the event, as "
        "the privacy notice describes."
    ) % {"days": settings.REGISTRATIONS_KEEP_DAYS}


def _breadcrumbs(event, last):
    return [
        (_("Events"), reverse("events:list")),
        (event.title, event.get_absolute_url()),
        (last, None),
    ]


@never_cache
@require_http_methods(["GET", "HEAD", "POST"])
def register(request, slug):
    setup = get_object_or_404(RegistrationSetup.objects.select_related("event"), event__slug=slug)
    event = setup.event
    text = consent_text()
    form = RegistrationForm(request.POST or None, consent_text=text)
    context = {"setup": setup, "event": event, "form": form}
    status = 200
    if request.method == "POST" and setup.accepting() and form.is_valid():
        data = form.cleaned_data
        if not allow_request(request, "registration", data["email"]):
            return render(
                request,
                "subscriptions/too_many.html",
                {"breadcrumbs": _breadcrumbs(event, _("Registration"))},
                status=429,
            )
        try:
            registration = services.register(
                setup,
                name=data["name"],
                organisation=data["organisation"],
                email=data["email"],
                city=data["city"],
                language=get_language(),
                consent_text=text,
            )
        except services.AlreadyRegistered as error:
            # The confirmation goes again to the address, never to whoever typed it here.
            services.resend(error.registration)
            context["already"] = True
        except services.Closed:
            status = 409
        else:
            context["registration"] = registration
    context["accepting"] = setup.accepting()
    context["places_left"] = setup.places_left()
    context["breadcrumbs"] = _breadcrumbs(event, _("Registration"))
    return render(request, "registrations/register.html", context, status=status)


@never_cache
@require_http_methods(["GET", "HEAD", "POST"])
def cancel(request, token):
    """The link in the confirmation: a button, then the place is given up. A link to a
    registration already cancelled or deleted says so and changes nothing."""
    try:
        registration = services.registration_for(token)
    except links.BadLink as error:
        return render(
            request,
            "subscriptions/bad_link.html",
            {"expired": error.expired, "breadcrumbs": [(_("Events"), reverse("events:list"))]},
            status=400,
        )
    event = registration.setup.event
    done = request.method == "POST"
    if done:
        services.cancel(registration)
    return render(
        request,
        "registrations/cancel.html",
        {
            "registration": registration,
            "event": event,
            "done": done,
            "breadcrumbs": _breadcrumbs(event, _("Cancel the registration")),
        },
    )
