"""Dated spans (phases, periods): where they stand on a day, and a network's position."""

import dataclasses
from typing import TYPE_CHECKING

from django.db import models
from django.utils.translation import gettext_lazy as _

from core.dates import day_locative

from ..dates import months_between
from .common import _today

if TYPE_CHECKING:
    from .phases import Period, Phase


class Progress(models.TextChoices):
    """Where a dated span (a phase, a period) stands on a given day."""

    NOT_STARTED = "not_started", _("not yet started")
    CURRENT = "current", _("current")
    FINISHED = "finished", _("finished")


class DatedSpanMixin:
    """For models with `start` and `end` dates: month x of y and progress on a day."""

    @property
    def months(self):
        return months_between(self.start, self.end)

    def month_on(self, day):
        """Month x of this span on `day`, or None outside it."""
        if not self.start <= day <= self.end:
            return None
        return months_between(self.start, day)

    def progress_on(self, day):
        if day < self.start:
            return Progress.NOT_STARTED
        if day > self.end:
            return Progress.FINISHED
        return Progress.CURRENT

    def describe_progress_on(self, day):
        """ "finished", "not yet started" or "now · month 7 of 18"."""
        progress = self.progress_on(day)
        if progress == Progress.CURRENT:
            return _("now · month %(month)s of %(months)s") % {
                "month": self.month_on(day),
                "months": self.months,
            }
        return progress.label

    @property
    def progress_today(self):
        return self.progress_on(_today())

    @property
    def progress_today_text(self):
        return self.describe_progress_on(_today())


@dataclasses.dataclass(frozen=True)
class PhasePosition:
    """Where a network stands on a day: its phase, the period inside it and the month."""

    phase: "Phase"
    progress: str
    period: "Period | None" = None
    month: int | None = None
    months: int | None = None

    @property
    def is_current(self):
        return self.progress == Progress.CURRENT

    def __str__(self):
        number = self.phase.number
        if self.progress == Progress.NOT_STARTED:
            return _("Phase %(number)s · not yet started · starts on %(date)s") % {
                "number": number,
                "date": day_locative(self.phase.start),
            }
        if self.progress == Progress.FINISHED:
            return _("Phase %(number)s · finished on %(date)s") % {
                "number": number,
                "date": day_locative(self.phase.end),
            }
        if self.period is not None:
            return _("Phase %(number)s · %(period)s · month %(month)s of %(months)s") % {
                "number": number,
                "period": self.period.get_kind_display(),
                "month": self.month,
                "months": self.months,
            }
        return _("Phase %(number)s · month %(month)s of %(months)s") % {
            "number": number,
            "month": self.month,
            "months": self.months,
        }
