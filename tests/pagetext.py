"""What a visitor reads on a page: its text without the markup, for tests on the words."""

from html.parser import HTMLParser

SKIPPED = {"script", "style", "template", "head"}
BLOCKS = {
    "p", "div", "li", "ul", "ol", "h1", "h2", "h3", "h4", "h5", "h6", "dt", "dd", "dl",
    "tr", "td", "th", "table", "section", "article", "header", "footer", "main", "nav",
    "figure", "figcaption", "blockquote", "br", "summary", "details",
}  # fmt: skip


class _Text(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.parts, self.skipping = [], 0

    def handle_starttag(self, tag, attrs):
        if tag in SKIPPED:
            self.skipping += 1
        elif tag in BLOCKS:
            self.parts.append("\n")

    def handle_endtag(self, tag):
        if tag in SKIPPED:
            self.skipping = max(0, self.skipping - 1)
        elif tag in BLOCKS:
            self.parts.append("\n")

    def handle_data(self, data):
        if not self.skipping:
            self.parts.append(data)


def page_text(response_or_html):
    """The page's words, one line per block, spaces collapsed. Entities are decoded, so an
    escaped tag shows as `<p>` in the text, as a browser shows it."""
    html = getattr(response_or_html, "content", response_or_html)
    if isinstance(html, bytes):
        html = html.decode()
    parser = _Text()
    parser.feed(html)
    lines = ("".join(parser.parts)).splitlines()
    return "\n".join(" ".join(line.split()) for line in lines if line.strip())
