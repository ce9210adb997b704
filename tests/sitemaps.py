"""The sitemap as a crawler reads it: the index at /sitemap.xml, then every file it lists."""

import re
from urllib.parse import urlsplit


def sitemap_files(client):
    """Address and XML of each file the index lists."""
    index = client.get("/sitemap.xml")
    assert index.status_code == 200
    files = {}
    for location in re.findall(r"<loc>([^<]+)</loc>", index.content.decode()):
        parts = urlsplit(location.replace("&amp;", "&"))
        response = client.get(parts.path + (f"?{parts.query}" if parts.query else ""))
        assert response.status_code == 200
        files[location] = response.content.decode()
    return files


def whole_sitemap(client):
    return "\n".join(sitemap_files(client).values())
