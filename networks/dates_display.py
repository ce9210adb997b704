"""Dates shown as written: "mid-January 2019", "spring 2019", "14–15 March 2019".

Latvian needs a different case of the month name in each phrase ("janvāris", "janvāra
vidū"), so each phrase has its own translation context.
"""

from django.utils.formats import date_format
from django.utils.translation import gettext, pgettext


def _month(month, context):
    names = {
        "standalone": [
            pgettext("month, standalone", "January"),
            pgettext("month, standalone", "February"),
            pgettext("month, standalone", "March"),
            pgettext("month, standalone", "April"),
            pgettext("month, standalone", "May"),
            pgettext("month, standalone", "June"),
            pgettext("month, standalone", "July"),
            pgettext("month, standalone", "August"),
            pgettext("month, standalone", "September"),
            pgettext("month, standalone", "October"),
            pgettext("month, standalone", "November"),
            pgettext("month, standalone", "December"),
        ],
        "middle": [
            pgettext("in the middle of month", "January"),
            pgettext("in the middle of month", "February"),
            pgettext("in the middle of month", "March"),
            pgettext("in the middle of month", "April"),
            pgettext("in the middle of month", "May"),
            pgettext("in the middle of month", "June"),
            pgettext("in the middle of month", "July"),
            pgettext("in the middle of month", "August"),
            pgettext("in the middle of month", "September"),
            pgettext("in the middle of month", "October"),
            pgettext("in the middle of month", "November"),
            pgettext("in the middle of month", "December"),
        ],
        "on a day": [
            pgettext("on a day of month", "January"),
            pgettext("on a day of month", "February"),
            pgettext("on a day of month", "March"),
            pgettext("on a day of month", "April"),
            pgettext("on a day of month", "May"),
            pgettext("on a day of month", "June"),
            pgettext("on a day of month", "July"),
            pgettext("on a day of month", "August"),
            pgettext("on a day of month", "September"),
            pgettext("on a day of month", "October"),
            pgettext("on a day of month", "November"),
            pgettext("on a day of month", "December"),
        ],
    }
    return names[context][month - 1]


def on_day(day):
    """A date as the object of "on": "on 4 December 2018", "2018. gada 4. decembrī"."""
    return gettext("on %(day)d %(month)s %(year)d") % {
        "day": day.day,
        "month": _month(day.month, "on a day"),
        "year": day.year,
    }


def season_of(day):
    """Meteorological season of a date; winter belongs to the year of its December."""
    return {
        12: "winter",
        1: "winter",
        2: "winter",
        3: "spring",
        4: "spring",
        5: "spring",
        6: "summer",
        7: "summer",
        8: "summer",
    }.get(day.month, "autumn")


def describe_event_dates(start, end, precision):
    if precision == "month":
        return gettext("%(month)s %(year)s") % {
            "month": _month(start.month, "standalone"),
            "year": start.year,
        }
    if precision == "mid_month":
        return gettext("mid-%(month)s %(year)s") % {
            "month": _month(start.month, "middle"),
            "year": start.year,
        }
    if precision == "season":
        season = season_of(start)
        year = start.year if start.month != 1 and start.month != 2 else start.year - 1
        phrases = {
            "spring": gettext("spring %(year)s"),
            "summer": gettext("summer %(year)s"),
            "autumn": gettext("autumn %(year)s"),
            "winter": gettext("winter %(year)s"),
        }
        return phrases[season] % {"year": year}
    if start == end:
        return date_format(start, "DATE_FORMAT")
    return gettext("%(start)s – %(end)s") % {
        "start": date_format(start, "DATE_FORMAT"),
        "end": date_format(end, "DATE_FORMAT"),
    }
