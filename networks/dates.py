"""Calendar helpers shared by phases, periods and events."""

import calendar
import datetime


def add_months(day, months):
    """The same day `months` later, clipped to the month's end (31 Jan + 1 = 28/29 Feb)."""
    month_index = day.month - 1 + months
    year = day.year + month_index // 12
    month = month_index % 12 + 1
    return datetime.date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def months_between(start, day):
    """The running month number of `day` in a span starting on `start` (start's month = 1)."""
    months = (day.year - start.year) * 12 + (day.month - start.month)
    if day.day < start.day:
        months -= 1
    return months + 1
