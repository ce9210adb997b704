"""Where the items of each followed topic come from: a registry the apps below fill.

A source gives, for one `Follow`, the items published since the follow began (`Item`s with a
key unique across the portal, such as "news.article:12"). The same item reached through two
follows (an article about a followed network and city) is one item, sent once.

The NCP's news, events, networks and cities are registered here, from the apps below. The
calls for proposals are one more entry: the calls app registers it from its `ready()`:

    from subscriptions.sources import register
    register("calls", items_since, immediate=True)

where `items_since(follow)` returns the `Item`s of calls published since `follow.created_at`.
Until a source is registered for a topic, the subscription form does not offer it.
"""

import datetime
from dataclasses import dataclass

from django.conf import settings
from django.db.models import Q
from django.utils import timezone


@dataclass(frozen=True)
class Item:
    key: str
    title: str
    url: str
    when: datetime.date | datetime.datetime
    kind: str = ""


@dataclass(frozen=True)
class Source:
    topic: str
    items: object  # callable(follow) -> iterable of Item
    immediate: bool = False


_SOURCES = {}
# The most items one follow contributes to one email: a backlog is summarised by its newest.
ITEMS_PER_FOLLOW = 50


def register(topic, items, *, immediate=False):
    """Let subscribers follow `topic`, whose items `items(follow)` lists."""
    _SOURCES[topic] = Source(topic, items, immediate)


def source(topic):
    return _SOURCES.get(topic)


def registered(topic):
    return topic in _SOURCES


def absolute(path):
    return settings.PORTAL_URL + path


def _article_items(articles):
    from django.utils.translation import gettext

    return [
        Item(
            f"news.article:{article.pk}",
            article.title,
            absolute(article.get_absolute_url()),
            timezone.localdate(article.published_at),
            gettext("News"),
        )
        for article in articles[:ITEMS_PER_FOLLOW]
    ]


def _update_items(updates):
    from django.utils.translation import gettext

    return [
        Item(
            f"networks.progressupdate:{update.pk}",
            f"{update.network.name}: {update.title}",
            absolute(update.get_absolute_url()),
            update.date,
            gettext("Progress update"),
        )
        for update in updates[:ITEMS_PER_FOLLOW]
    ]


def _published_articles(since):
    from news.models import Article

    return Article.objects.published().filter(published_at__gte=since).order_by("-published_at")


def _published_updates(since):
    from networks.models import ProgressUpdate

    # An update has no publication time: it counts from when it was last saved (publishing
    # saves it) or from its date, whichever is later, so one dated ahead counts on that day.
    return (
        ProgressUpdate.objects.published()
        .filter(Q(updated_at__gte=since) | Q(date__gte=timezone.localdate(since)))
        .select_related("network")
        .order_by("-date", "-pk")
    )


def news_items(follow):
    return _article_items(_published_articles(follow.created_at))


def event_items(follow):
    """Upcoming events. Events carry no publication time: the ones already listed when a
    subscriber confirms are recorded as known then (`services.confirm`), so only events
    added later are sent."""
    from django.utils.translation import gettext

    from networks.models import Event

    return [
        Item(
            f"networks.event:{event.pk}",
            f"{event.title} ({event.when})",
            absolute(event.get_absolute_url()),
            event.start_date,
            gettext("Event"),
        )
        for event in Event.objects.upcoming().order_by("start_date", "pk")[:ITEMS_PER_FOLLOW]
    ]


def network_items(follow):
    since = follow.created_at
    return _update_items(_published_updates(since).for_network(follow.network_id)) + (
        _article_items(_published_articles(since).filter(networks=follow.network_id))
    )


def city_items(follow):
    since = follow.created_at
    updates = _published_updates(since).filter(network__memberships__city=follow.city_id)
    return _update_items(updates.distinct()) + _article_items(
        _published_articles(since).filter(cities=follow.city_id)
    )


def register_builtin():
    register("news", news_items)
    register("events", event_items, immediate=True)
    register("network", network_items)
    register("city", city_items)
