"""Event dates shown as written: "mid-January 2019", "spring 2019", "12–13 June 2019".

The words come from `core.dates`, which gives each month in the case the phrase
needs ("2019. gada janvāris", "2019. gada janvāra vidū")."""

from django.utils.translation import gettext

from core.dates import day_locative, day_range, middle_of_month, month_of_year


def on_day(day):
    """A date as the object of "on": "on 4 December 2018", "2018. gada 4. decembrī"."""
    return gettext("on %(date)s") % {"date": day_locative(day)}


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
        return month_of_year(start.month, start.year)
    if precision == "mid_month":
        return middle_of_month(start.month, start.year)
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
    return day_range(start, end)
