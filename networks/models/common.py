"""Small helpers the model modules share: today's date, filter values as lists, and the
order of partner countries."""

from django.utils import timezone

# Partner countries annotated with `networks` and `partners`: most networks first.
MOST_NETWORKS_FIRST = ("-networks", "-partners", "code")


def _today():
    return timezone.localdate()


def _as_list(value):
    """A filter value as a list: None and "" mean no filter, a scalar one value."""
    if value is None or value == "":
        return []
    if isinstance(value, (list, tuple, set, frozenset)):
        return [item for item in value if item is not None and item != ""]
    return [value]
