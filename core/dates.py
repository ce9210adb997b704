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
from django.utils.translation import gettext, pgettext, pgettext_lazy

NOMINATIVE, GENITIVE, LOCATIVE = "nominative", "genitive", "locative"
CASES = (NOMINATIVE, GENITIVE, LOCATIVE)


# Each month in each case, marked with its literal text so that makemessages finds every one;
# translated when a date is written, one lookup a month name.
MONTHS = {
    GENITIVE: (
        pgettext_lazy("month name, genitive", "January"),
        pgettext_lazy("month name, genitive", "February"),
        pgettext_lazy("month name, genitive", "March"),
        pgettext_lazy("month name, genitive", "April"),
        pgettext_lazy("month name, genitive", "May"),
        pgettext_lazy("month name, genitive", "June"),
        pgettext_lazy("month name, genitive", "July"),
        pgettext_lazy("month name, genitive", "August"),
        pgettext_lazy("month name, genitive", "September"),
        pgettext_lazy("month name, genitive", "October"),
        pgettext_lazy("month name, genitive", "November"),
        pgettext_lazy("month name, genitive", "December"),
    ),
    LOCATIVE: (
        pgettext_lazy("month name, locative", "January"),
        pgettext_lazy("month name, locative", "February"),
        pgettext_lazy("month name, locative", "March"),
        pgettext_lazy("month name, locative", "April"),
        pgettext_lazy("month name, locative", "May"),
        pgettext_lazy("month name, locative", "June"),
        pgettext_lazy("month name, locative", "July"),
        pgettext_lazy("month name, locative", "August"),
        pgettext_lazy("month name, locative", "September"),
        pgettext_lazy("month name, locative", "October"),
        pgettext_lazy("month name, locative", "November"),
        pgettext_lazy("month name, locative", "December"),
    ),
    NOMINATIVE: (
        pgettext_lazy("month name, nominative", "January"),
        pgettext_lazy("month name, nominative", "February"),
        pgettext_lazy("month name, nominative", "March"),
        pgettext_lazy("month name, nominative", "April"),
        pgettext_lazy("month name, nominative", "May"),
        pgettext_lazy("month name, nominative", "June"),
        pgettext_lazy("month name, nominative", "July"),
        pgettext_lazy("month name, nominative", "August"),
        pgettext_lazy("month name, nominative", "September"),
        pgettext_lazy("month name, nominative", "October"),
        pgettext_lazy("month name, nominative", "November"),
        pgettext_lazy("month name, nominative", "December"),
    ),
}


def month_name(month, case=NOMINATIVE):
    """The name of month 1–12 in `case`."""
    if case not in MONTHS:
        raise ValueError(f"Unknown case {case!r}: one of {', '.join(CASES)}.")
    return str(MONTHS[case][month - 1])


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
