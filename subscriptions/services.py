"""Subscribing, confirming, leaving, and sending what subscribers follow.

Exactly once: each email's items are written as `Delivery` rows (unique per subscriber and
item) in the same transaction that sends it. The subscriber's row is locked first, so two
senders running at once take turns (the second finds the items delivered). If sending fails
the transaction rolls back and the items are sent by the next run; if a run stops after an
email went out, its deliveries are committed with it. The one moment left, the process
killed between the mail server accepting a message and the commit, sends that message again
under the same Message-ID (made from the subscriber and the items), which mail systems take
as the same message.
"""

import hashlib
import logging
import smtplib

from django.conf import settings
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone, translation

from . import links, mail, sources
from .models import Consent, Delivery, Digest, Follow, SignupRequest, Subscriber, Topic

logger = logging.getLogger(__name__)

TOPICS_ALONE = (Topic.NEWS, Topic.CALLS, Topic.EVENTS)


def offered_topics():
    """The NCP's own topics a visitor may follow now: those some app gives items for."""
    return [topic for topic in TOPICS_ALONE if sources.registered(topic)]


# Signing up and confirming


@transaction.atomic
def request_signup(*, email, language, frequency, topics, networks, cities, consent_text):
    """Keep what the form asked for and send the confirmation link; nothing else reaches
    the address until it is followed."""
    signup = SignupRequest.objects.create(
        email=email.strip().lower(),
        language=language,
        frequency=frequency,
        topics=sorted(set(topics)),
        consent_text=consent_text,
    )
    signup.networks.set(networks)
    signup.cities.set(cities)
    from .tasks import send_confirmation

    transaction.on_commit(lambda: send_confirmation.enqueue(signup.pk))
    return signup


def confirmation_message(signup):
    with translation.override(signup.language):
        url = mail.portal_url(reverse("subscriptions:confirm", args=[links.confirm_token(signup)]))
    context = {
        "signup": signup,
        "confirm_url": url,
        "hours": settings.SUBSCRIPTIONS_CONFIRM_HOURS,
        "forget_days": settings.SUBSCRIPTIONS_FORGET_UNCONFIRMED_DAYS,
    }
    return mail.build(
        "subscriptions/email/confirm", context, to=signup.email, language=signup.language
    )


def signup_for(token):
    """The sign-up a confirmation link names; `links.BadLink` when it is wrong, expired or
    already used."""
    key = links.signup_key(token)
    signup = SignupRequest.objects.filter(key=key).first()
    if signup is None:
        raise links.BadLink
    return signup


@transaction.atomic
def confirm(signup, now=None):
    """The address confirmed: it becomes (or stays) a subscriber following what it asked
    for, its consent is recorded, and the sign-up is gone."""
    now = now or timezone.now()
    subscriber, _created = Subscriber.objects.select_for_update().get_or_create(
        email=signup.email,
        defaults={
            "language": signup.language,
            "frequency": signup.frequency,
            "confirmed_at": now,
        },
    )
    subscriber.language, subscriber.frequency = signup.language, signup.frequency
    subscriber.save(update_fields=["language", "frequency"])
    follow(
        subscriber,
        topics=signup.topics,
        networks=signup.networks.all(),
        cities=signup.cities.all(),
        now=now,
    )
    Consent.objects.create(
        subscriber=subscriber,
        text=signup.consent_text,
        language=signup.language,
        shown_at=signup.created_at,
        confirmed_at=now,
    )
    SignupRequest.objects.filter(email=signup.email).delete()
    return subscriber


def follow(subscriber, *, topics=(), networks=(), cities=(), now=None):
    """Add follows (those already there stay as they were). Items of topics sent at once
    that are already listed (the upcoming events) count as known, not as new."""
    now = now or timezone.now()
    existing = set(subscriber.follows.values_list("topic", "network_id", "city_id"))
    wanted = [(topic, None, None) for topic in topics if topic in TOPICS_ALONE]
    wanted += [(Topic.NETWORK, network.pk, None) for network in networks]
    wanted += [(Topic.CITY, None, city.pk) for city in cities]
    added = [
        Follow(subscriber=subscriber, topic=topic, network_id=network, city_id=city, created_at=now)
        for topic, network, city in wanted
        if (topic, network, city) not in existing
    ]
    Follow.objects.bulk_create(added)
    known = []
    for new in added:
        source = sources.source(new.topic)
        if source is not None and source.immediate:
            known += [Delivery(subscriber=subscriber, item=item.key) for item in source.items(new)]
    Delivery.objects.bulk_create(known, ignore_conflicts=True)


@transaction.atomic
def change(subscriber, *, frequency, language, topics, networks, cities):
    """The manage page: follow exactly what is ticked now."""
    subscriber.frequency, subscriber.language = frequency, language
    subscriber.save(update_fields=["frequency", "language"])
    keep_topics = [topic for topic in topics if topic in TOPICS_ALONE]
    network_ids = [network.pk for network in networks]
    city_ids = [city.pk for city in cities]
    follows = subscriber.follows.all()
    follows.filter(network__isnull=True, city__isnull=True).exclude(topic__in=keep_topics).delete()
    follows.filter(network__isnull=False).exclude(network__in=network_ids).delete()
    follows.filter(city__isnull=False).exclude(city__in=city_ids).delete()
    follow(subscriber, topics=keep_topics, networks=networks, cities=cities)


def unsubscribe(subscriber):
    """Stop every email (RFC 8058 one-click): the follows go, the address stays known only
    until it deletes everything or follows something again. Doing it twice changes nothing."""
    subscriber.follows.all().delete()


@transaction.atomic
def delete_everything(subscriber):
    """The subscriber, what they follow, their consents and what was sent to them."""
    SignupRequest.objects.filter(email=subscriber.email).delete()
    subscriber.delete()


def forget_unconfirmed(days=None, now=None):
    """Sign-ups whose address never confirmed, older than `days`: deleted. Their number."""
    days = settings.SUBSCRIPTIONS_FORGET_UNCONFIRMED_DAYS if days is None else days
    _total, by_model = SignupRequest.objects.older_than(days, now).delete()
    return by_model.get("subscriptions.SignupRequest", 0)


# Sending


def pending_items(subscriber, *, immediate):
    """What `subscriber` follows and has not had, of the topics sent at once (`immediate`)
    or of those collected into digests; each item once, newest first, in their language."""
    delivered = set(subscriber.deliveries.values_list("item", flat=True))
    found = {}
    with translation.override(subscriber.language):
        for follow_ in subscriber.follows.select_related("network", "city"):
            source = sources.source(follow_.topic)
            if source is None or source.immediate != immediate:
                continue
            for item in source.items(follow_):
                if item.key not in delivered:
                    found.setdefault(item.key, item)
    return sorted(found.values(), key=lambda item: (str(item.when), item.key), reverse=True)


def message_id(subscriber, items):
    digest = hashlib.sha256(
        " ".join([subscriber.key, *sorted(item.key for item in items)]).encode()
    ).hexdigest()[:32]
    domain = settings.DEFAULT_FROM_EMAIL.rpartition("@")[2] or "localhost"
    return f"<digest.{digest}@{domain}>"


def digest_message(subscriber, items, *, immediate, message_id_):
    token = links.manage_token(subscriber)
    with translation.override(subscriber.language):
        manage_url = mail.portal_url(reverse("subscriptions:manage", args=[token]))
        unsubscribe_url = mail.portal_url(reverse("subscriptions:unsubscribe", args=[token]))
    context = {
        "subscriber": subscriber,
        "items": items,
        "immediate": immediate,
        "manage_url": manage_url,
        "unsubscribe_url": unsubscribe_url,
    }
    headers = {
        **mail.unsubscribe_headers(token, subscriber.language),
        "Message-ID": message_id_,
    }
    return mail.build(
        "subscriptions/email/digest",
        context,
        to=subscriber.email,
        language=subscriber.language,
        headers=headers,
    )


def send_to(subscriber_id, *, immediate, now=None):
    """Send `subscriber_id` what is pending (at once, or a digest when one is due): True
    when an email went out. See the module's docstring for why it goes out once."""
    now = now or timezone.now()
    try:
        with transaction.atomic():
            subscriber = Subscriber.objects.select_for_update().filter(pk=subscriber_id).first()
            if subscriber is None or (not immediate and not subscriber.digest_due(now)):
                return False
            items = pending_items(subscriber, immediate=immediate)
            if not items:
                return False
            ident = message_id(subscriber, items)
            digest = Digest.objects.create(
                subscriber=subscriber, immediate=immediate, message_id=ident, sent_at=now
            )
            Delivery.objects.bulk_create(
                [Delivery(subscriber=subscriber, item=item.key, digest=digest) for item in items]
            )
            if not immediate:
                subscriber.last_digest_at = now
                subscriber.save(update_fields=["last_digest_at"])
            digest_message(subscriber, items, immediate=immediate, message_id_=ident).send()
    except IntegrityError:
        # Another sender delivered some of these items first: nothing of this run is kept.
        logger.info("Subscriber %s: items already delivered by another run.", subscriber_id)
        return False
    return True


def send_due(now=None):
    """Send every subscriber what is due now: calls and events at once, the rest in their
    daily or weekly digest. The number of emails sent. A mail server that refuses one
    subscriber's email leaves their items for the next run and goes on with the others."""
    now = now or timezone.now()
    sent = 0
    ids = Subscriber.objects.filter(follows__isnull=False).distinct().values_list("pk", flat=True)
    for subscriber_id in list(ids):
        for immediate in (True, False):
            try:
                sent += send_to(subscriber_id, immediate=immediate, now=now)
            except (smtplib.SMTPException, OSError):
                logger.exception(
                    "Could not send to subscriber %s; retried next run.", subscriber_id
                )
    return sent
