"""The production stack as one thing (urbact_portal.stack): nginx with deploy/nginx.conf in front
of granian, production settings, PostgreSQL and Redis. Through it an editor signs in with a
password and an authenticator's code, uploads a 4 MB image with an article and a 15 MB PDF with
a progress update; the public page shows the image; a killed granian worker is replaced, with
no more failed requests than were in flight when it died; HTML and JSON come compressed and
static files with one Cache-Control header and nosniff.

Runs only with `-m stack` (`make smoke-stack`), on a database of its own next to DATABASE_URL's
(`<name>_stack`, made afresh) and the Redis at REDIS_URL."""

import gzip
import http.cookiejar
import io
import json
import os
import random
import re
import shutil
import socket
import subprocess
import sys
import tempfile
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
import uuid
from html.parser import HTMLParser
from pathlib import Path

import pytest

from urbact_portal.stack import Stack, production_env

pytestmark = pytest.mark.stack
PASSWORD = "a-long-smoke-test-password-9"
MB = 1024 * 1024


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def stack_database_url():
    url = os.environ.get("DATABASE_URL", "")
    if not url.startswith(("postgres://", "postgresql://")):
        pytest.fail("make smoke-stack needs DATABASE_URL pointing at PostgreSQL")
    parts = urllib.parse.urlsplit(url)
    name = parts.path.lstrip("/") + "_stack"
    server = parts._replace(path="/postgres").geturl()
    import psycopg

    with psycopg.connect(server, autocommit=True) as connection:
        connection.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        connection.execute(f'CREATE DATABASE "{name}"')
    return parts._replace(path=f"/{name}").geturl(), server, name


@pytest.fixture(scope="module")
def stack():
    if not shutil.which("nginx"):
        pytest.fail("nginx is needed: make smoke-stack installs it from Debian")
    if not os.environ.get("REDIS_URL"):
        pytest.fail("make smoke-stack needs REDIS_URL (the stack's cache)")
    database_url, server, name = stack_database_url()
    # nginx's workers run as an unprivileged user: they must be able to enter the folder.
    folder = Path(tempfile.mkdtemp(prefix="urbact-stack-"))
    folder.chmod(0o755)
    env = production_env(
        DATABASE_URL=database_url,
        MEDIA_ROOT=str(folder / "media"),
        PRIVATE_MEDIA_ROOT=str(folder / "private"),
        STATIC_ROOT=str(folder / "static"),
        CACHE_DIR=str(folder / "cache"),
        TASK_BACKEND="immediate",
        EMAIL_BACKEND="django.core.mail.backends.locmem.EmailBackend",
        LOG_LEVEL="WARNING",
    )
    running = Stack(port=free_port(), app_port=free_port(), prefix=folder / "nginx", env=env)
    try:
        running.start()
        yield running
    finally:
        running.stop()
        import psycopg

        with psycopg.connect(server, autocommit=True) as connection:
            connection.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        shutil.rmtree(folder, ignore_errors=True)


SETUP = """
import datetime
from django.contrib.auth import get_user_model
from django_otp.plugins.otp_totp.models import TOTPDevice
from networks.models import Network, NetworkType, Programme
user = get_user_model().objects.create_superuser("smoke", "smoke@example.org", {password!r})
device = TOTPDevice.objects.create(user=user, name="app", confirmed=True)
network = Network.objects.create(
    name_lv="Dūmu tīkls", name_en="Smoke network", slug="smoke-network",
    network_type=NetworkType.objects.get_or_create(
        slug="smoke-type", defaults={{"name_lv": "Dūmu veids", "name_en": "Smoke type"}}
    )[0],
    programme=Programme.objects.get_or_create(slug="smoke", defaults={{"name": "Smoke"}})[0],
    planned_start=datetime.date(2019, 1, 1), planned_end=datetime.date(2020, 12, 31),
)
print(device.key, network.pk)
"""


class Browser:
    """Cookies, forms and redirects, as an editor's browser (without the Secure flag, since
    the stack has no TLS)."""

    def __init__(self, stack):
        self.stack = stack
        self.cookies = http.cookiejar.CookieJar()
        self.opener = urllib.request.build_opener(
            urllib.request.HTTPCookieProcessor(self.cookies), NoRedirect()
        )

    def request(self, path, data=None, headers=None, content_type=None):
        request = urllib.request.Request(self.stack.url(path), data=data, headers=headers or {})
        if content_type:
            request.add_header("Content-Type", content_type)
        try:
            response = self.opener.open(request, timeout=120)
        except urllib.error.HTTPError as error:
            response = error
        body = response.read()
        return response.status, response.headers, body

    def get(self, path, **kwargs):
        return self.request(path, **kwargs)

    def post_form(self, path, fields, files=()):
        boundary = uuid.uuid4().hex
        out = io.BytesIO()
        for name, value in fields:
            out.write(
                f'--{boundary}\r\nContent-Disposition: form-data; name="{name}"\r\n\r\n'.encode()
            )
            out.write(str(value).encode() + b"\r\n")
        for name, filename, content_type, content in files:
            out.write(
                f'--{boundary}\r\nContent-Disposition: form-data; name="{name}"; '
                f'filename="{filename}"\r\nContent-Type: {content_type}\r\n\r\n'.encode()
            )
            out.write(content + b"\r\n")
        out.write(f"--{boundary}--\r\n".encode())
        return self.request(
            path,
            data=out.getvalue(),
            content_type=f"multipart/form-data; boundary={boundary}",
            headers={"Referer": self.stack.url(path)},
        )

    def form(self, path, form_id=None):
        """The fields of the page's form (the one with id `form_id`, or the first POST form)."""
        status, _headers, body = self.get(path)
        assert status == 200, (path, status)
        parser = FormParser(form_id)
        parser.feed(body.decode())
        return parser.fields


class NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


class FormParser(HTMLParser):
    """The submitted values of one form: inputs, checked boxes, selected options, textareas."""

    def __init__(self, form_id):
        super().__init__()
        self.form_id, self.inside, self.fields = form_id, False, []
        self.select, self.textarea, self.text = None, None, ""

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "form" and not self.fields and not self.inside:
            wanted = (
                attrs.get("id") == self.form_id if self.form_id else attrs.get("method") == "post"
            )
            self.inside = wanted
        if not self.inside or not attrs.get("name") and tag != "option":
            return
        if tag == "input":
            kind = attrs.get("type", "text")
            if kind in ("checkbox", "radio") and "checked" not in attrs:
                return
            if kind not in ("file", "submit", "button"):
                self.fields.append(
                    (attrs["name"], attrs.get("value", "on" if kind == "checkbox" else ""))
                )
        elif tag == "select":
            self.select = [attrs["name"], None]
        elif tag == "option" and self.select is not None and "selected" in attrs:
            self.select[1] = attrs.get("value", "")
        elif tag == "textarea":
            self.textarea, self.text = attrs["name"], ""

    def handle_data(self, data):
        if self.textarea:
            self.text += data

    def handle_endtag(self, tag):
        if tag == "form" and self.inside:
            self.inside = False
        elif tag == "select" and self.select is not None:
            if self.select[1] is not None:
                self.fields.append(tuple(self.select))
            self.select = None
        elif tag == "textarea" and self.textarea:
            self.fields.append((self.textarea, self.text))
            self.textarea = None


def with_values(fields, values):
    """The form's fields with `values` put in (replacing any of the same name)."""
    return [(name, value) for name, value in fields if name not in values] + list(values.items())


def totp_code(key_hex):
    from django_otp.oath import totp

    return f"{totp(bytes.fromhex(key_hex), step=30, t0=0, digits=6):06d}"


def noise_png(size_bytes):
    """A PNG of random pixels, about `size_bytes` long (noise does not compress)."""
    from PIL import Image

    side = int((size_bytes / 3) ** 0.5)
    image = Image.frombytes("RGB", (side, side), random.randbytes(side * side * 3))
    out = io.BytesIO()
    image.save(out, format="PNG", compress_level=1)
    return out.getvalue()


def pdf_of(size_bytes):
    head = b"%PDF-1.4\n1 0 obj\n<< /Type /Catalog >>\nendobj\n"
    tail = b"trailer\n<< /Root 1 0 R >>\n%%EOF\n"
    padding = (b"% " + b"x" * 97 + b"\n") * ((size_bytes - len(head) - len(tail)) // 100)
    return head + padding + tail


@pytest.fixture(scope="module")
def editor(stack):
    output = stack.manage(
        "shell", "-c", SETUP.format(password=PASSWORD), stdout=subprocess.PIPE, text=True
    ).stdout.split()
    key, network_id = output[-2], output[-1]
    browser = Browser(stack)
    fields = browser.form("/admin/login/?next=/admin/")
    status, headers, _body = browser.post_form(
        "/admin/login/?next=/admin/",
        with_values(fields, {"username": "smoke", "password": PASSWORD}),
    )
    assert status == 302 and headers["Location"].startswith("/admin/two-factor/verify/")
    verify = headers["Location"]
    fields = browser.form(verify)
    status, headers, _body = browser.post_form(
        verify, with_values(fields, {"otp_token": totp_code(key)})
    )
    assert (status, headers["Location"]) == (302, "/admin/")
    assert browser.get("/admin/")[0] == 200
    browser.network_id = network_id
    return browser


def test_an_editor_uploads_a_4_mb_image_the_public_page_shows(stack, editor):
    image = noise_png(4 * MB)
    assert 3.5 * MB < len(image) < 5 * MB
    fields = editor.form("/admin/news/article/add/", "article_form")
    values = {
        "title_lv": "Dūmu pārbaude",
        "title_en": "Smoke test",
        "slug": "smoke-test",
        "body_lv": "<p>Teksts.</p>",
        "body_en": "<p>Text.</p>",
        "image_alt_lv": "Troksnis",
        "image_alt_en": "Noise",
        "status": "published",
        "published_at_0": "2020-01-01",
        "published_at_1": "12:00:00",
        "_save": "1",
    }
    status, headers, body = editor.post_form(
        "/admin/news/article/add/",
        with_values(fields, values),
        files=[("image", "noise.png", "image/png", image)],
    )
    assert status == 302, re.findall(r'class="errorlist[^"]*"[^>]*>(.*?)</ul>', body.decode())
    status, _headers, page = Browser(stack).get("/lv/news/smoke-test/")
    assert status == 200
    source = re.search(r'<img[^>]+src="(/media/[^"]+)"', page.decode()).group(1)
    status, headers, content = Browser(stack).get(source)
    assert status == 200 and headers["Content-Type"].startswith("image/")
    assert len(content) > 100_000
    assert headers["X-Content-Type-Options"] == "nosniff"


def test_an_editor_attaches_a_15_mb_pdf_that_stays_behind_the_portal(stack, editor):
    document = pdf_of(15 * MB)
    path = "/admin/networks/progressupdate/add/"
    fields = editor.form(path, "progressupdate_form")
    file_field = next(
        name for name in re.findall(r'name="([^"]+-0-file)"', editor.get(path)[2].decode())
    )
    prefix = file_field[: -len("-0-file")]
    values = {
        "network": editor.network_id,
        "title_lv": "Dūmu jaunums",
        "title_en": "Smoke update",
        "slug": "smoke-update",
        "date": "2020-01-01",
        "body_lv": "<p>Teksts.</p>",
        "body_en": "<p>Text.</p>",
        f"{prefix}-0-title_lv": "Atskaite",
        f"{prefix}-0-title_en": "Report",
        "_save": "1",
    }
    status, _headers, body = editor.post_form(
        path,
        with_values(fields, values),
        files=[(file_field, "report.pdf", "application/pdf", document)],
    )
    assert status == 302, re.findall(r'class="errorlist[^"]*"[^>]*>(.*?)</ul>', body.decode())
    private = Path(stack.env["PRIVATE_MEDIA_ROOT"])
    stored = list(private.rglob("*.pdf"))
    assert [file.stat().st_size for file in stored] == [len(document)]
    # Not under /media/ (nginx has no way to the private folder): only the portal serves it.
    relative = stored[0].relative_to(private)
    assert Browser(stack).get(f"/media/{relative}")[0] == 404


def test_html_and_json_are_compressed_and_static_files_have_one_cache_header(stack):
    visitor = Browser(stack)
    for path, kind in (("/lv/", "text/html"), ("/api/v1/openapi.json", "application/json")):
        status, headers, body = visitor.get(path, headers={"Accept-Encoding": "gzip"})
        assert status == 200 and headers["Content-Type"].startswith(kind)
        assert headers["Content-Encoding"] == "gzip", path
        gzip.decompress(body)
    _status, _headers, page = visitor.get("/lv/")
    stylesheet = re.search(r'href="(/static/[^"]+\.css)"', page.decode()).group(1)
    status, headers, _body = visitor.get(stylesheet)
    assert status == 200
    assert len(headers.get_all("Cache-Control")) == 1
    assert "immutable" in headers["Cache-Control"]
    assert headers["X-Content-Type-Options"] == "nosniff"


def test_a_killed_worker_is_replaced_with_no_more_failures_than_requests_in_flight(stack):
    workers = stack.worker_pids()
    assert len(workers) == stack.workers
    in_flight, failures, done = [0], [], threading.Event()
    lock = threading.Lock()
    in_flight_at_kill = []

    def hammer():
        while not done.is_set():
            with lock:
                in_flight[0] += 1
            try:
                # A session cookie: past nginx's micro-cache and the page cache, to a worker.
                request = urllib.request.Request(
                    stack.url("/lv/networks/"), headers={"Cookie": "sessionid=none"}
                )
                with urllib.request.urlopen(request, timeout=30) as answer:
                    answer.read()
            except (urllib.error.URLError, OSError) as error:
                failures.append(error)
            finally:
                with lock:
                    in_flight[0] -= 1

    threads = [threading.Thread(target=hammer) for _ in range(6)]
    for thread in threads:
        thread.start()
    time.sleep(2)
    with lock:
        in_flight_at_kill.append(in_flight[0])
        os.kill(workers[0], 9)
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        now = stack.worker_pids()
        if len(now) == stack.workers and workers[0] not in now:
            break
        time.sleep(0.5)
    time.sleep(3)  # requests go on through the replaced worker
    done.set()
    for thread in threads:
        thread.join()
    assert stack.granian.poll() is None, "granian shut down"
    assert len(stack.worker_pids()) == stack.workers
    assert len(failures) <= in_flight_at_kill[0], failures
    with urllib.request.urlopen(stack.url("/healthz"), timeout=10) as answer:
        assert json.load(answer)["database"] == "ok"


if __name__ == "__main__":  # pragma: no cover
    sys.exit(pytest.main([__file__, "-m", "stack", *sys.argv[1:]]))
