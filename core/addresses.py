"""Addresses of many pages of one kind with one `reverse`: a list page names dozens of
networks and countries and hundreds of cities, and `reverse` costs more than the row."""

from django.urls import reverse


def addresses(viewname, *names):
    """A function of the URL's keyword arguments `names` giving the address that
    `reverse(viewname, kwargs=…)` gives, the URL reversed once with a placeholder for each.
    The placeholders are long numbers, which every converter accepts (`int`, `slug`, `str`)."""
    placeholders = {name: str(PLACEHOLDER + number) for number, name in enumerate(names)}
    pattern = reverse(viewname, kwargs=placeholders)
    for name, placeholder in placeholders.items():
        pattern = pattern.replace(placeholder, f"{{{name}}}")
    return lambda **values: pattern.format(**values)


PLACEHOLDER = 918_273_645_501
