"""Dates in words, in the grammatical case the sentence needs.

Latvian declines the month: "2018. gada 7. decembris" standing alone (nominative), "Publicēts
2018. gada 7. decembrī" after a verb (locative), "janvāra vidū" (genitive). Each case has its
own helper and each helper its own translation context, so a translator gives every month in
every case once. English ignores the case: "7 December 2018".

Ranges are written compactly: "12–13 June 2019" / "2019. gada 12.–13. jūnijs" within a month,
"31 January – 1 February 2019" within a year, in full across years.
"""

import datetime

from django.utils import timezone
from django.utils.translation import gettext, pgettext

NOMINATIVE, GENITIVE, LOCATIVE = "nominative", "genitive", "locative"
CASES = (NOMINATIVE, GENITIVE, LOCATIVE)


def _months(case):
    # Literal calls, one per month and case, so that makemessages finds every one.
    if case == GENITIVE:
        return [
            pgettext("month name, genitive", "January"),
            pgettext("month name, genitive", "February"),
            pgettext("month name, genitive", "March"),
            pgettext("month name, genitive", "April"),
            pgettext("month name, genitive", "May"),
            pgettext("month name, genitive", "June"),
            pgettext("month name, genitive", "July"),
            pgettext("month name, genitive", "August"),
            pgettext("month name, genitive", "September"),
            pgettext("month name, genitive", "October"),
            pgettext("month name, genitive", "November"),
            pgettext("month name, genitive", "December"),
        ]
    if case == LOCATIVE:
        return [
            pgettext("month name, locative", "January"),
            pgettext("month name, locative", "February"),
            pgettext("month name, locative", "March"),
            pgettext("month name, locative", "April"),
            pgettext("month name, locative", "May"),
            pgettext("month name, locative", "June"),
            pgettext("month name, locative", "July"),
            pgettext("month name, locative", "August"),
            pgettext("month name, locative", "September"),
            pgettext("month name, locative", "October"),
            pgettext("month name, locative", "November"),
            pgettext("month name, locative", "December"),
        ]
    if case == NOMINATIVE:
        return [
            pgettext("month name, nominative", "January"),
            pgettext("month name, nominative", "February"),
            pgettext("month name, nominative", "March"),
            pgettext("month name, nominative", "April"),
            pgettext("month name, nominative", "May"),
            pgettext("month name, nominative", "June"),
            pgettext("month name, nominative", "July"),
            pgettext("month name, nominative", "August"),
            pgettext("month name, nominative", "September"),
            pgettext("month name, nominative", "October"),
            pgettext("month name, nominative", "November"),
            pgettext("month name, nominative", "December"),
        ]
    raise ValueError(f"Unknown case {case!r}: one of {', '.join(CASES)}.")


def month_name(month, case=NOMINATIVE):
    """The name of month 1–12 in `case`."""
    return _months(case)[month - 1]


def as_date(value):
    """A date, or a datetime seen in the portal's time zone, as a date."""
    if isinstance(value, datetime.datetime):
        return timezone.localtime(value).date() if timezone.is_aware(value) else value.date()
    return value


def day(value, case=NOMINATIVE):
    """One day in words: "7 December 2018", "2018. gada 7. decembris" (nominative),
    "… decembrī" (locative), "… decembra" (genitive)."""
    value = as_date(value)
    return pgettext("a date", "%(day)d %(month)s %(year)d") % {
        "day": value.day,
        "month": month_name(value.month, case),
        "year": value.year,
    }


def day_locative(value):
    """A day after a verb or a preposition meaning "on": "Publicēts 2018. gada 7. decembrī"."""
    return day(value, LOCATIVE)


def day_genitive(value):
    """A day in the genitive: "kopš 2018. gada 7. decembra"."""
    return day(value, GENITIVE)


def day_range(start, end, case=NOMINATIVE):
    """From `start` to `end` (dates), as short as stays clear: one day once; "12–13 June
    2019" within a month; "31 January – 1 February 2019" within a year; both in full across
    years. The months take `case`."""
    start, end = as_date(start), as_date(end)
    if end is None or start == end:
        return day(start, case)
    if start.year == end.year and start.month == end.month:
        return pgettext("days of one month", "%(start)d–%(end)d %(month)s %(year)d") % {
            "start": start.day,
            "end": end.day,
            "month": month_name(start.month, case),
            "year": start.year,
        }
    if start.year == end.year:
        return pgettext(
            "days of one year", "%(start_day)d %(start_month)s – %(end_day)d %(end_month)s %(year)d"
        ) % {
            "start_day": start.day,
            "start_month": month_name(start.month, case),
            "end_day": end.day,
            "end_month": month_name(end.month, case),
            "year": start.year,
        }
    return gettext("%(start)s – %(end)s") % {"start": day(start, case), "end": day(end, case)}


def month_of_year(month, year, case=NOMINATIVE):
    """A month of a year: "January 2019", "2019. gada janvāris"."""
    return pgettext("a month", "%(month)s %(year)d") % {
        "month": month_name(month, case),
        "year": year,
    }


def middle_of_month(month, year):
    """ "mid-January 2019", "2019. gada janvāra vidū" (the month in the genitive)."""
    return pgettext("a month", "mid-%(month)s %(year)d") % {
        "month": month_name(month, GENITIVE),
        "year": year,
    }


def percent(share):
    """A share (0.373) as a whole percentage in the language's way: "37%" in English,
    "37 %" in Latvian (with a non-breaking space, as Latvian typography writes it)."""
    return gettext("%(number)d%%") % {"number": round(share * 100)}
