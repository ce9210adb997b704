"""Email subscriptions without an account: who follows what, what they agreed to, and what
has been sent to them.

A sign-up is kept as a `SignupRequest` until its address confirms it through the signed link
sent there; only then is there a `Subscriber` with `Follow`s, and a `Consent` recording what
the form showed and when. An address that never confirms is forgotten after
SUBSCRIPTIONS_FORGET_UNCONFIRMED_DAYS (`manage.py forget_unconfirmed`). Every item sent to a
subscriber is a `Delivery`, unique per subscriber and item: the rule that makes a digest go
out once (see `subscriptions.services.send_due`).
"""

import datetime
import secrets

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from cities.models import City
from networks.models import Network


def new_key():
    return secrets.token_urlsafe(24)


class Frequency(models.TextChoices):
    DAILY = "daily", _("daily")
    WEEKLY = "weekly", _("weekly")


class Topic(models.TextChoices):
    """What can be followed. The NCP's own topics stand alone; a network or a city names one."""

    NEWS = "news", _("the NCP's news")
    CALLS = "calls", _("calls for proposals")
    EVENTS = "events", _("events")
    NETWORK = "network", _("a network's progress updates")
    CITY = "city", _("a city")


def language_choices():
    return settings.LANGUAGES


class SignupRequestQuerySet(models.QuerySet):
    def older_than(self, days, now=None):
        return self.filter(created_at__lt=(now or timezone.now()) - datetime.timedelta(days=days))


class SignupRequest(models.Model):
    """A sign-up waiting for its address to confirm it. Holds what the form asked for and
    the consent text it showed; nothing is sent to the address but the confirmation."""

    email = models.EmailField(_("email address"))
    language = models.CharField(_("language"), max_length=10, choices=language_choices)
    frequency = models.CharField(
        _("digest"), max_length=10, choices=Frequency, default=Frequency.WEEKLY
    )
    topics = models.JSONField(_("topics"), default=list, blank=True)
    networks = models.ManyToManyField(
        Network, blank=True, related_name="+", verbose_name=_("networks")
    )
    cities = models.ManyToManyField(City, blank=True, related_name="+", verbose_name=_("cities"))
    consent_text = models.TextField(_("consent shown"))
    key = models.CharField(max_length=64, unique=True, default=new_key, editable=False)
    created_at = models.DateTimeField(_("requested"), default=timezone.now)

    objects = SignupRequestQuerySet.as_manager()

    class Meta:
        ordering = ["created_at", "pk"]
        verbose_name = _("unconfirmed sign-up")
        verbose_name_plural = _("unconfirmed sign-ups")
        indexes = [models.Index(fields=["created_at"], name="signup_created_idx")]

    def __str__(self):
        return self.email


class SubscriberQuerySet(models.QuerySet):
    def with_follows(self):
        return self.prefetch_related("follows__network", "follows__city")


class Subscriber(models.Model):
    """A confirmed address. `key` is what its signed links name; it is never shown alone."""

    email = models.EmailField(_("email address"), unique=True)
    language = models.CharField(_("language"), max_length=10, choices=language_choices)
    frequency = models.CharField(
        _("digest"), max_length=10, choices=Frequency, default=Frequency.WEEKLY
    )
    key = models.CharField(max_length=64, unique=True, default=new_key, editable=False)
    confirmed_at = models.DateTimeField(_("confirmed"))
    last_digest_at = models.DateTimeField(_("last digest"), null=True, blank=True)

    objects = SubscriberQuerySet.as_manager()

    class Meta:
        ordering = ["email"]
        verbose_name = _("subscriber")
        verbose_name_plural = _("subscribers")

    def __str__(self):
        return self.email

    def digest_due(self, now=None):
        """Whether a digest may go out now: once a (local) day for daily digests, once in
        seven days for weekly ones."""
        if self.last_digest_at is None:
            return True
        now = now or timezone.now()
        last, today = timezone.localdate(self.last_digest_at), timezone.localdate(now)
        days = 7 if self.frequency == Frequency.WEEKLY else 1
        return (today - last).days >= days


class Follow(models.Model):
    subscriber = models.ForeignKey(
        Subscriber, on_delete=models.CASCADE, related_name="follows", verbose_name=_("subscriber")
    )
    topic = models.CharField(_("topic"), max_length=20, choices=Topic)
    network = models.ForeignKey(
        Network,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("network"),
    )
    city = models.ForeignKey(
        City,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("city"),
    )
    # Items published before this are not sent: a new follower gets what comes next.
    created_at = models.DateTimeField(_("since"), default=timezone.now)

    class Meta:
        ordering = ["topic", "pk"]
        verbose_name = _("followed topic")
        verbose_name_plural = _("followed topics")
        constraints = [
            models.CheckConstraint(
                condition=(
                    Q(topic="network", network__isnull=False, city__isnull=True)
                    | Q(topic="city", city__isnull=False, network__isnull=True)
                    | (
                        Q(network__isnull=True, city__isnull=True)
                        & ~Q(topic__in=["network", "city"])
                    )
                ),
                name="follow_names_its_network_or_city",
            ),
            models.UniqueConstraint(
                fields=["subscriber", "topic"],
                condition=Q(network__isnull=True, city__isnull=True),
                name="follow_topic_once",
            ),
            models.UniqueConstraint(
                fields=["subscriber", "network"],
                condition=Q(network__isnull=False),
                name="follow_network_once",
            ),
            models.UniqueConstraint(
                fields=["subscriber", "city"],
                condition=Q(city__isnull=False),
                name="follow_city_once",
            ),
        ]

    def __str__(self):
        if self.network_id:
            return str(self.network)
        if self.city_id:
            return str(self.city)
        return str(self.get_topic_display())


class Consent(models.Model):
    """What a subscriber agreed to: the text the form showed, in its language, when it was
    shown and when the address confirmed it."""

    subscriber = models.ForeignKey(
        Subscriber, on_delete=models.CASCADE, related_name="consents", verbose_name=_("subscriber")
    )
    text = models.TextField(_("text shown"))
    language = models.CharField(_("language"), max_length=10)
    shown_at = models.DateTimeField(_("shown"))
    confirmed_at = models.DateTimeField(_("confirmed"))

    class Meta:
        ordering = ["confirmed_at", "pk"]
        verbose_name = _("consent")
        verbose_name_plural = _("consents")

    def __str__(self):
        return f"{self.subscriber} {self.confirmed_at:%Y-%m-%d %H:%M}"


class Digest(models.Model):
    """One email to one subscriber: a digest, or the calls and events sent at once."""

    subscriber = models.ForeignKey(
        Subscriber, on_delete=models.CASCADE, related_name="digests", verbose_name=_("subscriber")
    )
    immediate = models.BooleanField(_("sent at once"), default=False)
    message_id = models.CharField(_("message ID"), max_length=200, unique=True)
    sent_at = models.DateTimeField(_("sent"))

    class Meta:
        ordering = ["-sent_at", "-pk"]
        verbose_name = _("digest")
        verbose_name_plural = _("digests")

    def __str__(self):
        return f"{self.subscriber} {self.sent_at:%Y-%m-%d %H:%M}"


class Delivery(models.Model):
    """An item a subscriber has had (in `digest`), or knew of when they confirmed (no
    digest): never sent to them again."""

    subscriber = models.ForeignKey(
        Subscriber,
        on_delete=models.CASCADE,
        related_name="deliveries",
        verbose_name=_("subscriber"),
    )
    item = models.CharField(_("item"), max_length=100)
    digest = models.ForeignKey(
        Digest,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="deliveries",
        verbose_name=_("digest"),
    )

    class Meta:
        ordering = ["pk"]
        verbose_name = _("delivery")
        verbose_name_plural = _("deliveries")
        constraints = [
            models.UniqueConstraint(fields=["subscriber", "item"], name="delivery_once"),
        ]

    def __str__(self):
        return self.item
