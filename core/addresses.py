"""Addresses of many pages of one kind with one `reverse`: a list page names dozens of
networks and countries and hundreds of cities, and `reverse` costs more than the row."""

from django.urls import reverse


def addresses(viewname, *names):
    """A function of the URL's keyword arguments `names` giving the address that
    `reverse(viewname, kwargs=…)` gives, the URL reversed once with a placeholder for each."""
    pattern = reverse(viewname, kwargs={name: f"__{name}__" for name in names})
    for name in names:
        pattern = pattern.replace(f"__{name}__", f"{{{name}}}")
    return lambda **values: pattern.format(**values)
