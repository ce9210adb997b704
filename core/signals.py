"""Signals between the apps: an app sends them and the apps above it that keep something
derived from its content connect to them, so the sender imports none of its readers."""

from django.dispatch import Signal

#: Sent after writes in bulk, which send no `post_save` (the networks' import), with
#: `objects`, the instances saved: what keeps a copy of the content (the search index) catches
#: up on them.
saved_in_bulk = Signal()
