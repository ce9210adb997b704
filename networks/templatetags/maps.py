"""The list that names a map's cities. A network list page's map holds some 400 of them:
written here, each value escaped by the standard library's `html.escape` (as Django's
`escape` does, without its check for lazy strings on every call), the list costs a fraction
of what the template language's loop did."""

from html import escape

from django import template
from django.utils.safestring import mark_safe

register = template.Library()


@register.simple_tag
def city_items(points):
    """A list item per point of `networks.map_points.city_map_points`: the city's page, its name,
    its country and what it takes part in."""
    return mark_safe(  # every value is escaped
        "".join(
            f'<li><a href="{escape(point["url"])}">{escape(point["name"])}</a> '
            f"({escape(point['country'])}) · {escape(point['note'])}</li>"
            for point in points
        )
    )
