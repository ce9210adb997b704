"""The social cards and schema.org data of a network's and an event's pages (see
cities.sharing for the rest)."""

from django.utils.translation import get_language, gettext, ngettext

from cities.models import city_addresses
from cities.sharing import SCHEMA, URBACT, city_place, footer, ncp_organization
from cities.social_cards import Card, Point

from .models import Role


def _years(start, end):
    if start is None:
        return ""
    if end is None or end.year == start.year:
        return str(start.year)
    return f"{start.year}–{end.year}"


def network_card(network, memberships):
    """A network's card: its partners on the map (the lead partner in the accent colour),
    its name, type and programme. `memberships` as the page prefetched them."""
    points = tuple(
        Point(float(m.city.latitude), float(m.city.longitude), m.role == Role.LEAD_PARTNER)
        for m in memberships
        if m.city.latitude is not None and m.city.longitude is not None
    )
    partners = ngettext("%(count)s partner", "%(count)s partners", len(memberships)) % {
        "count": len(memberships)
    }
    years = _years(network.starts_on, network.ends_on)
    return Card(
        kind="network",
        key=network.slug,
        language=get_language(),
        title=network.name,
        kicker=f"{network.network_type} · {network.programme}",
        footer=footer(),
        points=points,
        highlight=" · ".join(filter(None, [partners, years])),
    )


def network_data(network, memberships, image, absolute):
    """The network as a schema.org Project (an Organization for a time-bound purpose), its
    partner cities as members."""
    city_address = city_addresses()
    data = {
        "@context": SCHEMA,
        "@type": "Project",
        "name": network.name,
        "url": absolute(network.get_absolute_url()),
        "image": image,
        "parentOrganization": URBACT,
        "member": [
            {
                "@type": "Organization",
                "name": membership.organisation or membership.city.name,
                "location": city_place(membership.city, absolute, city_address),
                "roleName": membership.get_role_display(),
            }
            for membership in memberships
        ],
    }
    if network.summary:
        data["description"] = network.summary
    if network.acronym:
        data["alternateName"] = network.acronym
    if network.starts_on:
        data["foundingDate"] = network.starts_on.isoformat()
    if network.ends_on:
        data["dissolutionDate"] = network.ends_on.isoformat()
    return data


def event_card(event, networks):
    """An event's card: the partner cities of its networks (when it has few: a programme
    event of twenty networks shows the whole map), its title and its dates."""
    points = ()
    if len(networks) <= 3:
        points = tuple(
            {
                (float(m.city.latitude), float(m.city.longitude), m.role == Role.LEAD_PARTNER)
                for network in networks
                for m in network.memberships.all()
                if m.city.latitude is not None and m.city.longitude is not None
            }
        )
        points = tuple(Point(*point) for point in sorted(points))
    return Card(
        kind="event",
        key=event.slug,
        language=get_language(),
        title=event.title,
        # An event of one network names it; a programme event of many names none of them.
        kicker=" · ".join([gettext("Event"), *([networks[0].name] if len(networks) == 1 else [])]),
        footer=footer(),
        points=points,
        highlight=" · ".join(filter(None, [str(event.when), event.place])),
    )


def event_data(event, image, absolute):
    """The event as a schema.org Event, organised by the NCP."""
    data = {
        "@context": SCHEMA,
        "@type": "Event",
        "name": event.title,
        "url": absolute(event.get_absolute_url()),
        "startDate": event.start_date.isoformat(),
        "endDate": event.end_date.isoformat(),
        "eventStatus": "https://schema.org/EventScheduled",
        "image": [image],
        "organizer": ncp_organization(absolute),
    }
    if event.place:
        data["location"] = {"@type": "Place", "name": event.place, "address": event.place}
    if event.description:
        data["description"] = event.description
    return data
