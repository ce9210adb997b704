"""The Nu HTML Checker gate (`make vnu`): the crawler saves every page it reads with its
address, and the checker's errors come back named by those addresses."""

import json
import shutil
from pathlib import Path

import pytest
from django.conf import settings
from django.test import Client

from urbact_portal.crawl import client_fetch, crawl
from urbact_portal.html_check import check, main

JAR = Path(settings.BASE_DIR) / ".cache/tools/vnu/node_modules/vnu-jar/build/dist/vnu.jar"
needs_checker = pytest.mark.skipif(
    not JAR.exists() or shutil.which("java") is None,
    reason="the Nu HTML Checker is installed by `make vnu` (npm vnu-jar and Java)",
)

VALID = '<!doctype html><html lang="en"><head><title>t</title></head><body><p>Hi</p></body></html>'
# A time element whose datetime has six fraction digits: an error the portal once had.
INVALID = VALID.replace("<p>Hi</p>", '<time datetime="2026-12-07T18:26:45.401160+02:00">x</time>')


def saved(tmp_path, pages):
    for name, (_address, html) in pages.items():
        (tmp_path / name).write_text(html)
    index = {name: address for name, (address, _html) in pages.items()}
    (tmp_path / "pages.json").write_text(json.dumps(index))
    return tmp_path


@needs_checker
def test_errors_are_reported_with_the_address_of_their_page(tmp_path, capsys):
    folder = saved(tmp_path, {"00000.html": ("/lv/", VALID), "00001.html": ("/en/x/", INVALID)})
    pages, errors = check(folder, JAR)
    assert len(pages) == 2
    assert [
        (address, "fraction of a second" in message) for address, _l, message, _e in errors
    ] == [("/en/x/", True)]
    assert main([str(folder), "--jar", str(JAR)]) == 1
    assert "2 pages, 1 errors on 1 pages" in capsys.readouterr().out


@needs_checker
def test_valid_pages_pass(tmp_path):
    folder = saved(tmp_path, {"00000.html": ("/lv/", VALID)})
    assert main([str(folder), "--jar", str(JAR)]) == 0


@pytest.mark.django_db
def test_the_crawl_hands_every_html_page_it_reads_to_on_page(demo):
    pages = {}
    result = crawl(
        client_fetch(Client(headers={"host": "127.0.0.1"})),
        limit=40,
        on_page=lambda address, body: pages.setdefault(address, body),
    )
    assert "/lv/" in pages and "/en/" in pages
    assert all(body.lstrip().lower().startswith("<!doctype html>") for body in pages.values())
    assert len(pages) <= result.visited
