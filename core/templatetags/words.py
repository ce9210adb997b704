"""Dates and shares in words, for every template: `{% load words %}`.

{{ update.date|day }}                  2019. gada 14. jūnijs · 14 June 2019
{% translate "Published" %} {{ article.published_at|day_locative }}
                                       Publicēts 2018. gada 7. decembrī
{{ phase.start|day_range:phase.end }}  2019. gada 1. janvāris – 2020. gada 31. decembris
<time datetime="{{ value|iso_datetime }}">   2018-12-07T12:00:00+02:00 (no fraction)
{{ figures.newcomer_share|percent }}   37% · 37 %
"""

import functools

from django import template
from django.utils import timezone

from core import dates

register = template.Library()


def _or_empty(function):
    """An empty value stays empty (the template checks the filter's own arguments)."""

    @functools.wraps(function)
    def wrapper(value, *args):
        if value in (None, ""):
            return ""
        return function(value, *args)

    return wrapper


@register.filter
@_or_empty
def day(value):
    """A day standing alone (nominative)."""
    return dates.day(value)


@register.filter
@_or_empty
def day_locative(value):
    """A day after "published", "reviewed", "approved" … (locative)."""
    return dates.day_locative(value)


@register.filter
@_or_empty
def day_genitive(value):
    """A day in the genitive ("since …")."""
    return dates.day_genitive(value)


@register.filter
@_or_empty
def day_range(start, end):
    """From `start` to `end`, compactly; an open end (None) reads "… – …"."""
    if end in (None, ""):
        return f"{dates.day(start)} – …"
    return dates.day_range(start, end)


@register.filter
@_or_empty
def iso_datetime(value):
    """The machine-readable time of a `<time datetime>`: a date as YYYY-MM-DD, a moment
    to the second with its offset (HTML allows at most three fraction digits)."""
    if hasattr(value, "hour"):
        if timezone.is_aware(value):
            value = timezone.localtime(value)
        return value.replace(microsecond=0).isoformat()
    return value.isoformat()


@register.filter
def percent(share):
    """A share between 0 and 1 as a whole percentage, written as the language writes it."""
    if share in (None, ""):
        return ""
    return dates.percent(share)
