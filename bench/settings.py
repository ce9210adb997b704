"""The benchmark's settings: the portal's own, with a page of its own at /bench/floor/ (see
`bench/urls.py`) that measures what the framework, the middleware and the server cost."""

from urbact_portal.settings import *  # noqa: F403

ROOT_URLCONF = "bench.urls"
