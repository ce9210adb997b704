"""The country outlines of static/map/europe.json (built by scripts/build-map.js from Natural
Earth's outlines) read back in Python, for the pictures the portal draws itself (the social
cards): the same data the pages' maps draw, decoded once per process."""

import functools
import json
import math

from django.conf import settings
from django.contrib.staticfiles import finders

OUTLINES = "map/europe.json"


@functools.cache
def outline_rings():
    """Every ring of every country as ((west, south, east, north), points) with its points as
    (longitude, latitude), and the area the file covers as (west, south, east, north)."""
    path = finders.find(OUTLINES) or settings.STATIC_ROOT / OUTLINES
    with open(path, encoding="utf-8") as source:
        topology = json.load(source)
    (scale_x, scale_y), (shift_x, shift_y) = (
        topology["transform"]["scale"],
        topology["transform"]["translate"],
    )
    arcs = []
    for arc in topology["arcs"]:  # delta-encoded, quantized positions
        x = y = 0
        points = []
        for dx, dy in arc:
            x += dx
            y += dy
            points.append((x * scale_x + shift_x, y * scale_y + shift_y))
        arcs.append(points)

    def ring(indexes):
        points = []
        for index in indexes:
            arc = arcs[index] if index >= 0 else arcs[~index][::-1]
            points.extend(arc if not points else arc[1:])
        return tuple(points)

    rings = []
    for geometry in topology["objects"]["countries"]["geometries"]:
        polygons = geometry["arcs"] if geometry["type"] == "MultiPolygon" else [geometry["arcs"]]
        rings.extend(ring(indexes) for polygon in polygons for indexes in polygon)
    return tuple((_bounds(points), points) for points in rings), tuple(topology["bbox"])


def _bounds(points):
    longitudes = [point[0] for point in points]
    latitudes = [point[1] for point in points]
    return min(longitudes), min(latitudes), max(longitudes), max(latitudes)


def mercator_y(latitude):
    """Web Mercator's y of a latitude in degrees (as the pages' maps project it), in radians."""
    return math.log(math.tan(math.pi / 4 + math.radians(latitude) / 2))
