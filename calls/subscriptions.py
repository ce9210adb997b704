"""The calls for proposals as a topic people follow by email (`subscriptions.sources`): a call
published, or changed, since someone began to follow the calls reaches them at once, once."""

from django.utils import timezone
from django.utils.translation import gettext

from subscriptions.sources import ITEMS_PER_FOLLOW, Item, absolute

from .models import Call


def call_items(follow):
    calls = Call.objects.published().filter(updated_at__gte=follow.created_at)
    return [
        Item(
            f"calls.call:{call.pk}",
            call.title,
            absolute(call.get_absolute_url()),
            timezone.localdate(call.opens_at),
            gettext("Call for proposals"),
        )
        for call in calls.order_by("-updated_at")[:ITEMS_PER_FOLLOW]
    ]
