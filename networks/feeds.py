"""Atom feed of a network's published progress updates, for partners following it."""

import datetime

from django.contrib.syndication.views import Feed
from django.shortcuts import get_object_or_404
from django.utils import timezone
from django.utils.feedgenerator import Atom1Feed
from django.utils.translation import gettext as _

from .models import Network, ProgressUpdate

FEED_ITEMS = 20


class NetworkUpdatesFeed(Feed):
    feed_type = Atom1Feed

    def get_object(self, request, slug):
        return get_object_or_404(Network, slug=slug)

    def title(self, network):
        return _("%(network)s: progress updates") % {"network": network.name}

    def subtitle(self, network):
        return _("Published progress updates of the URBACT network %(network)s.") % {
            "network": network.name
        }

    def link(self, network):
        return network.get_absolute_url()

    # Atom requires an author of the feed or of every entry (RFC 4287, 4.1.1): the network's
    # partners write its updates; the National Contact Point reviews and publishes them.
    def author_name(self, network):
        return _("%(network)s partners") % {"network": network.name}

    def items(self, network):
        return (
            ProgressUpdate.objects.published()
            .for_network(network)
            .select_related("network")[:FEED_ITEMS]
        )

    def item_title(self, update):
        return update.title

    def item_description(self, update):
        # HTML already, cleaned by its field when saved.
        return update.body

    def item_link(self, update):
        return update.get_absolute_url()

    def item_pubdate(self, update):
        return timezone.make_aware(datetime.datetime.combine(update.date, datetime.time()))

    def item_updateddate(self, update):
        return update.updated_at
