"""Subscribing without an account. Every page here depends on who asks (a form with its CSRF
token, a subscriber's choices), so none is cached. A link that was tampered with, has
expired or names nothing any more answers with a page that says so and changes nothing."""

from django.conf import settings
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods

from cities.models import City
from networks.models import Network

from . import links, services
from .forms import FollowForm, SubscribeForm
from .models import Subscriber
from .ratelimit import allow_request


def consent_text():
    return _(
        "I agree that the URBACT National Contact Point keeps my email address and what I "
        "follow to send me these emails, as the privacy notice describes. Nothing is sent "
        "before I confirm my address; an address not confirmed within %(days)s days is deleted. "
        "Every email has a link to unsubscribe at once."
    ) % {"days": settings.SUBSCRIPTIONS_FORGET_UNCONFIRMED_DAYS}


def bad_link(request, error, status=400):
    return render(
        request,
        "subscriptions/bad_link.html",
        {"expired": error.expired, "breadcrumbs": [(_("Subscribe"), None)]},
        status=status,
    )


def _asked_for(request):
    """What the page a visitor came from offers: ?network=<slug>, ?city=<id>, ?topic=..."""
    networks = list(
        Network.objects.filter(slug=request.GET.get("network", "")).values_list("pk", flat=True)
    )
    city = request.GET.get("city", "")
    cities = (
        list(City.objects.filter(pk=int(city)).values_list("pk", flat=True))
        if city.isdigit()
        else []
    )
    topics = [topic for topic in request.GET.getlist("topic") if topic in services.TOPICS_ALONE]
    return networks, cities, topics


@never_cache
@require_http_methods(["GET", "HEAD", "POST"])
def subscribe(request):
    networks, cities, topics = _asked_for(request)
    text = consent_text()
    if request.method == "POST":
        posted = [value for value in request.POST.getlist("networks") if value.isdigit()]
        posted_cities = [value for value in request.POST.getlist("cities") if value.isdigit()]
        form = SubscribeForm(
            request.POST,
            networks=networks + [int(value) for value in posted],
            cities=cities + [int(value) for value in posted_cities],
            consent_text=text,
        )
        if form.is_valid():
            if not allow_request(request, "signup", form.cleaned_data["email"]):
                return render(
                    request,
                    "subscriptions/too_many.html",
                    {"breadcrumbs": [(_("Subscribe"), None)]},
                    status=429,
                )
            services.request_signup(
                email=form.cleaned_data["email"],
                language=get_language(),
                frequency=form.cleaned_data["frequency"],
                topics=form.cleaned_data["topics"],
                networks=form.cleaned_data["networks"],
                cities=form.cleaned_data["cities"],
                consent_text=text,
            )
            return redirect("subscriptions:sent")
    else:
        form = SubscribeForm(
            networks=networks,
            cities=cities,
            consent_text=text,
            initial={"networks": networks, "cities": cities, "topics": topics},
        )
    return render(
        request,
        "subscriptions/subscribe.html",
        {"form": form, "breadcrumbs": [(_("Subscribe"), None)]},
    )


@never_cache
def sent(request):
    return render(
        request,
        "subscriptions/sent.html",
        {
            "hours": settings.SUBSCRIPTIONS_CONFIRM_HOURS,
            "breadcrumbs": [
                (_("Subscribe"), reverse("subscriptions:subscribe")),
                (_("Sent"), None),
            ],
        },
    )


@never_cache
@require_http_methods(["GET", "HEAD", "POST"])
def confirm(request, token):
    """The link in the confirmation email: a button, so that a mail scanner opening the link
    confirms nothing; the button confirms."""
    try:
        signup = services.signup_for(token)
    except links.BadLink as error:
        return bad_link(request, error)
    if request.method == "POST":
        subscriber = services.confirm(signup)
        return redirect("subscriptions:manage", links.manage_token(subscriber))
    return render(
        request,
        "subscriptions/confirm.html",
        {"signup": signup, "breadcrumbs": [(_("Confirm your subscription"), None)]},
    )


def _subscriber(token):
    key = links.subscriber_key(token)
    subscriber = Subscriber.objects.with_follows().filter(key=key).first()
    if subscriber is None:
        raise links.BadLink
    return subscriber


@never_cache
@require_http_methods(["GET", "HEAD", "POST"])
def manage(request, token):
    try:
        subscriber = _subscriber(token)
    except links.BadLink as error:
        return bad_link(request, error)
    follows = list(subscriber.follows.all())
    network_ids = [follow.network_id for follow in follows if follow.network_id]
    city_ids = [follow.city_id for follow in follows if follow.city_id]
    saved = False
    if request.method == "POST":
        form = FollowForm(request.POST, networks=network_ids, cities=city_ids)
        if form.is_valid():
            services.change(
                subscriber,
                frequency=form.cleaned_data["frequency"],
                language=get_language(),
                topics=form.cleaned_data["topics"],
                networks=form.cleaned_data["networks"],
                cities=form.cleaned_data["cities"],
            )
            saved = True
    else:
        form = FollowForm(
            networks=network_ids,
            cities=city_ids,
            initial={
                "frequency": subscriber.frequency,
                "topics": [f.topic for f in follows if not (f.network_id or f.city_id)],
                "networks": network_ids,
                "cities": city_ids,
            },
        )
    return render(
        request,
        "subscriptions/manage.html",
        {
            "form": form,
            "subscriber": subscriber,
            "token": token,
            "saved": saved,
            "breadcrumbs": [(_("Your subscription"), None)],
        },
    )


@never_cache
@require_http_methods(["POST"])
def delete(request, token):
    try:
        subscriber = _subscriber(token)
    except links.BadLink as error:
        return bad_link(request, error)
    services.delete_everything(subscriber)
    return render(
        request, "subscriptions/deleted.html", {"breadcrumbs": [(_("Your subscription"), None)]}
    )


@never_cache
@csrf_exempt
@require_http_methods(["GET", "HEAD", "POST"])
def unsubscribe(request, token):
    """The List-Unsubscribe address (RFC 8058): a POST, from a mail client's button or this
    page's, stops every email; it needs no session or CSRF token, and doing it again changes
    nothing. Opening the link shows the button and changes nothing."""
    try:
        subscriber = _subscriber(token)
    except links.BadLink as error:
        return bad_link(request, error)
    done = request.method == "POST"
    if done:
        services.unsubscribe(subscriber)
    return render(
        request,
        "subscriptions/unsubscribe.html",
        {"done": done, "token": token, "breadcrumbs": [(_("Unsubscribe"), None)]},
    )
