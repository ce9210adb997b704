"""`{% follow_offer network=network %}` (or city=..., topic="calls"): the link to follow a
network, a city or a topic by email, for the pages that offer it. A plain link with the
page's subject in its address, so the page itself stays the same for everyone (cacheable)."""

from urllib.parse import urlencode

from django import template
from django.urls import reverse

register = template.Library()


@register.inclusion_tag("subscriptions/follow_offer.html")
def follow_offer(network=None, city=None, topic=None):
    if network is not None:
        query, name = {"network": network.slug}, network.name
    elif city is not None:
        query, name = {"city": city.pk}, city.name
    else:
        query, name = {"topic": topic}, None
    return {
        "url": f"{reverse('subscriptions:subscribe')}?{urlencode(query)}",
        "name": name,
    }
