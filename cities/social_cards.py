"""Social cards: the 1200 x 630 PNG a page names in `og:image`, drawn by the portal from its
own data with Pillow: the partner map (the outlines of static/map/europe.json, the same the
pages' maps draw, with the cities as dots), the name and the programme.

A card is drawn once per content: its file name ends in a digest of everything drawn on it
(`Card.digest`), so a page asks only whether that file exists (one `stat`) and draws it the
first time; a new name, partner or title gives a new file and the old ones of the same object
are removed. Files live in the default storage (MEDIA_ROOT, served as a file by the web server
or, with SERVE_MEDIA, by Django). The font is DejaVu Sans, kept in cities/fonts with its
licence, so a fresh machine draws the same card.
"""

import dataclasses
import functools
import hashlib
import io
import json
import math
from pathlib import Path

from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from PIL import Image, ImageDraw, ImageFont

from .outlines import mercator_y, outline_rings

WIDTH, HEIGHT = 1200, 630
# Bumped whenever the drawing changes, so every card is drawn anew.
DRAWING_VERSION = 1
FOLDER = "cards"
FONTS = Path(__file__).resolve().parent / "fonts"

BRAND = (0, 80, 122)
BRAND_DARK = (0, 58, 89)
ACCENT = (196, 0, 106)
INK = (27, 34, 48)
MUTED = (77, 86, 101)
PAPER = (255, 255, 255)
SEA = (221, 233, 240)
LAND = (247, 245, 239)
BORDER = (125, 139, 153)

TEXT_LEFT = 64
TEXT_WIDTH = 540
MAP_LEFT = 660  # the map fills the card's right part
SCALE = 2  # the map is drawn at twice the size and reduced, for smooth edges
# The least span of a map, in degrees of longitude: one city still shows its neighbours.
MIN_SPAN = 14


@dataclasses.dataclass(frozen=True)
class Point:
    latitude: float
    longitude: float
    lead: bool = False


@dataclasses.dataclass(frozen=True)
class Card:
    """What a card shows. `kind` and `key` name its file (`cards/network/card4all-lv-…`)."""

    kind: str
    key: str
    language: str
    title: str
    kicker: str  # the line above the title: the programme, the network type
    footer: str  # the line at the bottom: the portal
    points: tuple = ()
    highlight: str = ""  # a line under the title (a date, a count)

    @property
    def digest(self):
        data = dataclasses.asdict(self) | {"version": DRAWING_VERSION}
        text = json.dumps(data, sort_keys=True, ensure_ascii=False, default=str)
        return hashlib.sha256(text.encode()).hexdigest()[:16]

    @property
    def prefix(self):
        return f"{FOLDER}/{self.kind}/{self.key}-{self.language}-"

    @property
    def name(self):
        return f"{self.prefix}{self.digest}.png"


def card_url(card, storage=None):
    """The address of `card`'s PNG, drawn and stored first if this content has none yet."""
    storage = storage or default_storage
    name = card.name
    if not storage.exists(name):
        _remove_older(card, storage)
        storage.save(name, ContentFile(draw(card)))
    return storage.url(name)


def _remove_older(card, storage):
    folder = f"{FOLDER}/{card.kind}"
    try:
        _folders, files = storage.listdir(folder)
    except FileNotFoundError:
        return
    stem = card.prefix.rsplit("/", 1)[1]
    for file in files:
        if file.startswith(stem):
            storage.delete(f"{folder}/{file}")


def font(size, bold=False):
    return ImageFont.truetype(
        str(FONTS / ("DejaVuSans-Bold.ttf" if bold else "DejaVuSans.ttf")), size
    )


@functools.lru_cache(maxsize=32)
def draw(card):
    """The card as PNG bytes (a few tenths of a second: the last few are kept, for the
    storage of another process or a test's)."""
    image = Image.new("RGB", (WIDTH, HEIGHT), PAPER)
    image.paste(_map(card.points), (MAP_LEFT, 0))
    pen = ImageDraw.Draw(image)
    pen.rectangle((0, 0, MAP_LEFT - 1, 12), fill=BRAND)
    pen.rectangle((MAP_LEFT - 6, 0, MAP_LEFT - 1, HEIGHT), fill=BRAND)
    # The programme's mark: a circle with a U, and the word.
    pen.ellipse((TEXT_LEFT, 56, TEXT_LEFT + 56, 112), fill=BRAND)
    pen.text((TEXT_LEFT + 28, 84), "U", font=font(34, bold=True), fill=PAPER, anchor="mm")
    pen.text((TEXT_LEFT + 76, 84), "URBACT", font=font(34, bold=True), fill=BRAND_DARK, anchor="lm")
    y = 160
    for line in _wrap(card.kicker.upper(), font(24, bold=True), TEXT_WIDTH)[:2]:
        pen.text((TEXT_LEFT, y), line, font=font(24, bold=True), fill=ACCENT)
        y += 34
    y += 14
    title_font, lines = _fitted_title(card.title)
    for line in lines:
        pen.text((TEXT_LEFT, y), line, font=title_font, fill=INK)
        y += int(title_font.size * 1.18)
    if card.highlight:
        y += 12
        for line in _wrap(card.highlight, font(28), TEXT_WIDTH)[:2]:
            pen.text((TEXT_LEFT, y), line, font=font(28), fill=MUTED)
            y += 38
    footer = _wrap(card.footer, font(22), TEXT_WIDTH)[:1]
    if footer:
        pen.text((TEXT_LEFT, HEIGHT - 64), footer[0], font=font(22), fill=MUTED)
    buffer = io.BytesIO()
    # A card has few colours: as a palette image it is a third of the size and encoded in a
    # fraction of the time (Pillow's `optimize` would take a second more).
    image.quantize(colors=128, method=Image.Quantize.FASTOCTREE).save(buffer, format="PNG")
    return buffer.getvalue()


def _wrap(text, text_font, width):
    """`text` in lines no wider than `width` pixels (a word too long for one is cut)."""
    lines, line = [], ""
    for word in text.split():
        candidate = f"{line} {word}".strip()
        if text_font.getlength(candidate) <= width:
            line = candidate
            continue
        if line:
            lines.append(line)
        while text_font.getlength(word) > width and len(word) > 1:
            cut = len(word) - 1
            while cut > 1 and text_font.getlength(word[:cut] + "-") > width:
                cut -= 1
            lines.append(word[:cut] + "-")
            word = word[cut:]
        line = word
    if line:
        lines.append(line)
    return lines


def _fitted_title(title):
    """The largest title size (64 px down to 36) at which the title takes at most 4 lines."""
    for size in (64, 56, 48, 42, 36):
        title_font = font(size, bold=True)
        lines = _wrap(title, title_font, TEXT_WIDTH)
        if len(lines) <= 4:
            return title_font, lines
    lines = _wrap(title, title_font, TEXT_WIDTH)
    return title_font, lines[:3] + [lines[3].rstrip(".,;: -") + "…"]


def _map(points):
    """The map part of the card (Web Mercator, as the pages' maps), framed around the points,
    or around the whole outlined area when there are none."""
    width, height = (WIDTH - MAP_LEFT) * SCALE, HEIGHT * SCALE
    rings, (west, south, east, north) = outline_rings()
    if points:
        lngs = [point.longitude for point in points]
        lats = [point.latitude for point in points]
        centre_x = (min(lngs) + max(lngs)) / 2
        centre_y = (mercator_y(min(lats)) + mercator_y(max(lats))) / 2
        span_x = max(max(lngs) - min(lngs), MIN_SPAN) * 1.3
        span_y = (mercator_y(max(lats)) - mercator_y(min(lats))) * 1.3
    else:
        centre_x = (west + east) / 2
        centre_y = (mercator_y(south + 8) + mercator_y(north - 4)) / 2
        span_x, span_y = 50, 0
    # Radians of y per pixel, the same in both directions (Mercator is conformal).
    scale = max(math.radians(span_x) / width, span_y / height)

    def project(longitude, latitude):
        return (
            width / 2 + math.radians(longitude - centre_x) / scale,
            height / 2 - (mercator_y(latitude) - centre_y) / scale,
        )

    image = Image.new("RGB", (width, height), SEA)
    pen = ImageDraw.Draw(image)
    # Only the rings that reach into the view are projected and drawn.
    view_west = centre_x - math.degrees(scale * width / 2)
    view_east = centre_x + math.degrees(scale * width / 2)
    view_low, view_high = centre_y - scale * height / 2, centre_y + scale * height / 2
    for (ring_west, ring_south, ring_east, ring_north), ring in rings:
        if (
            ring_east < view_west
            or ring_west > view_east
            or mercator_y(ring_north) < view_low
            or mercator_y(ring_south) > view_high
        ):
            continue
        pen.polygon([project(*point) for point in ring], fill=LAND, outline=BORDER, width=SCALE)
    # Partners first, lead partners on top.
    for point in sorted(points, key=lambda point: point.lead):
        x, y = project(point.longitude, point.latitude)
        radius = (15 if point.lead else 11) * SCALE
        pen.ellipse(
            (x - radius, y - radius, x + radius, y + radius),
            fill=ACCENT if point.lead else BRAND,
            outline=PAPER,
            width=3 * SCALE,
        )
    return image.reduce(SCALE)
