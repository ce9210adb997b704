"""Events: transnational meetings and programme events, with dates known more or less
precisely."""

from django.db import models
from django.db.models import F, Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from core.images import (
    DescribedImageMixin,
    described_image_constraint,
    described_image_fields,
    random_image_path,
)

from .common import _today
from .networks import Network


class DatePrecision(models.TextChoices):
    DAY = "day", _("exact days")
    MONTH = "month", _("month")
    MID_MONTH = "mid_month", _("middle of the month")
    SEASON = "season", _("season")


class EventQuerySet(models.QuerySet):
    def in_city(self, city):
        return self.filter(city=city)

    def upcoming(self, today=None):
        return self.filter(end_date__gte=today or _today())

    def past(self, today=None):
        return self.filter(end_date__lt=today or _today())


def _event_image_path(instance, filename):
    return random_image_path("events", filename)


class Event(DescribedImageMixin, models.Model):
    title = models.CharField(_("title"), max_length=200)
    slug = models.SlugField(_("slug"), max_length=200, unique=True)
    description = models.TextField(_("description"), blank=True)
    place = models.CharField(
        _("place"),
        max_length=200,
        blank=True,
        help_text=_("As it should read: a city, a venue and its city, or “online”."),
    )
    city = models.ForeignKey(
        "cities.City",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="events",
        verbose_name=_("city"),
        help_text=_(
            "The city it takes place in, if it is in the portal: the city's page lists it."
        ),
    )
    organiser = models.CharField(
        _("organiser"),
        max_length=200,
        blank=True,
        help_text=_("Who holds it, as a source names them; empty when no source says."),
    )
    image, image_width, image_height, image_alt = described_image_fields(_event_image_path)
    start_date = models.DateField(_("from"))
    end_date = models.DateField(_("to"))
    precision = models.CharField(
        _("date precision"),
        max_length=20,
        choices=DatePrecision,
        default=DatePrecision.DAY,
        help_text=_(
            "How precisely the dates are known: 'mid-January 2019' is the middle of a month, "
            "'spring 2019' a season. The dates then span that month or season."
        ),
    )
    networks = models.ManyToManyField(
        Network,
        blank=True,
        related_name="events",
        verbose_name=_("networks"),
        help_text=_(
            "The networks taking part: one for a transnational meeting, many for a programme "
            "event such as the phase-2 kick-off."
        ),
    )

    objects = EventQuerySet.as_manager()

    class Meta:
        ordering = ["start_date", "slug"]
        verbose_name = _("event")
        verbose_name_plural = _("events")
        constraints = [
            models.CheckConstraint(
                condition=Q(end_date__gte=F("start_date")),
                name="event_end_after_start",
                violation_error_message=_("An event cannot end before it starts."),
            ),
            described_image_constraint("event_image_described"),
        ]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("events:detail", kwargs={"slug": self.slug})

    @property
    def when(self):
        from ..dates_display import describe_event_dates

        return describe_event_dates(self.start_date, self.end_date, self.precision)
