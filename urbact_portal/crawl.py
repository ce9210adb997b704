"""A crawler of the public site: from each language's home page it follows every internal link
(pages, feeds, calendars, files) and reports each address that answers 500 or more, or an
error status although a page links to it. It reads pages through a Django test client, or over
HTTP from a running server (`manage.py crawl --url`), and stops after `limit` addresses.

Filter pages link to many combinations of their own filters: the same path with another query
string is followed at most `variants` times, so a crawl stays bounded whatever the data.
"""

import dataclasses
import urllib.error
import urllib.request
from collections import Counter, deque
from html.parser import HTMLParser
from urllib.parse import urljoin, urlsplit

SKIPPED_PREFIXES = ("/admin/", "/i18n/", "/reset/")
# Pages that are bigger than a crawler needs to read in full.
HTML_TYPES = ("text/html",)


class _Links(HTMLParser):
    def __init__(self):
        super().__init__()
        self.links = []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag in ("a", "link") and attrs.get("href"):
            self.links.append(attrs["href"])
        elif tag in ("script", "img", "source") and attrs.get("src"):
            self.links.append(attrs["src"])


@dataclasses.dataclass
class Problem:
    url: str
    status: int
    linked_from: str

    def __str__(self):
        return f"{self.status} {self.url} (linked from {self.linked_from})"


@dataclasses.dataclass
class CrawlResult:
    visited: int
    problems: list
    statuses: Counter


def client_fetch(client):
    """A fetch function over a Django test client: (status, content type, body text). The
    client does not serve static files: those are looked up where the server would find them."""
    from django.conf import settings
    from django.contrib.staticfiles import finders

    def fetch(url):
        if url.startswith(settings.STATIC_URL):
            found = finders.find(urlsplit(url).path.removeprefix(settings.STATIC_URL))
            return (200 if found else 404), "application/octet-stream", ""
        response = client.get(url)
        content_type = response.get("Content-Type", "")
        body = b"".join(response.streaming_content) if response.streaming else response.content
        return response.status_code, content_type, body.decode("utf-8", "replace")

    return fetch


def http_fetch(origin, timeout=10):
    """A fetch function over HTTP against `origin` (a server on this machine)."""

    class NoRedirect(urllib.request.HTTPRedirectHandler):
        def redirect_request(self, *args, **kwargs):
            return None

    opener = urllib.request.build_opener(NoRedirect)

    def fetch(url):
        try:
            with opener.open(origin + url, timeout=timeout) as response:
                return (
                    response.status,
                    response.headers.get("Content-Type", ""),
                    response.read().decode("utf-8", "replace"),
                )
        except urllib.error.HTTPError as error:
            return error.code, error.headers.get("Content-Type", ""), ""

    return fetch


def crawl(fetch, start=("/lv/", "/en/"), *, limit=3000, variants=3, on_page=None):
    """Follow the links from `start`; `on_page(url, body)`, when given, receives every HTML
    page read (`make vnu` checks them)."""
    seen, queue = set(), deque((url, "start") for url in start)
    per_path = Counter()
    problems, statuses = [], Counter()
    while queue and len(seen) < limit:
        url, linked_from = queue.popleft()
        if url in seen:
            continue
        seen.add(url)
        status, content_type, body = fetch(url)
        statuses[status] += 1
        if status >= 400 or (status >= 300 and status not in (301, 302, 303, 307, 308)):
            problems.append(Problem(url, status, linked_from))
            continue
        if not content_type.startswith(HTML_TYPES):
            continue
        if on_page is not None and status == 200:
            on_page(url, body)
        parser = _Links()
        parser.feed(body)
        for href in parser.links:
            target = _internal(url, href)
            if target is None or target in seen:
                continue
            path = urlsplit(target).path
            if urlsplit(target).query:
                per_path[path] += 1
                if per_path[path] > variants:
                    continue
            queue.append((target, url))
    return CrawlResult(visited=len(seen), problems=problems, statuses=statuses)


def _internal(base, href):
    """The site-relative address of `href` on `base`'s page, or None for another site, a
    fragment, mail or a skipped area."""
    if href.startswith(("mailto:", "tel:", "javascript:", "data:", "#")):
        return None
    parts = urlsplit(urljoin("http://portal" + base, href))
    if parts.netloc != "portal" or parts.path.startswith(SKIPPED_PREFIXES):
        return None
    return parts.path + (f"?{parts.query}" if parts.query else "")
