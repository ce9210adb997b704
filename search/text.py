"""Text handling for the search: what is stored for matching, what a visitor may send, and
the snippets shown under each result.

Everything here is plain Python, the same on every database: the normalised form of a text
(no accents, no case, words separated by single spaces) is stored in the index on SQLite and
PostgreSQL alike, and the query is normalised the same way.
"""

import html
import re
import unicodedata

from django.utils.html import escape, format_html
from django.utils.safestring import mark_safe

# What the visitor's query is cut to. Longer queries are searched by their first characters
# and the page says so.
MAX_QUERY_LENGTH = 200
# Words of a query that take part in the match (the rest are ignored, the page says so).
MAX_QUERY_WORDS = 12
# The longest text stored per indexed object: enough for any article, bounded for the index.
MAX_BODY_LENGTH = 20_000

# Marks around the matched words in snippets. Characters from Unicode's private use area:
# they are removed from every indexed text and from the query, so they can only come from
# the highlighting, and the snippet is escaped before they become <mark> elements.
MARK_START = "\ue000"
MARK_END = "\ue001"

# Latin letters that Unicode does not decompose into a base letter and an accent, spelt the
# way people type them without it (PostgreSQL's unaccent does the same).
UNDECOMPOSED = str.maketrans(
    {"Ł": "L", "ł": "l", "Ø": "O", "ø": "o", "Đ": "D", "đ": "d", "Ħ": "H", "ħ": "h",
     "ı": "i", "ß": "ss", "Æ": "AE", "æ": "ae", "Œ": "OE", "œ": "oe", "Þ": "Th", "þ": "th"}
)  # fmt: skip

_UNDECOMPOSED_LETTERS = re.compile("[ŁłØøĐđĦħıßÆæŒœÞþ]")
_WORD = re.compile(r"\w+")
_BLOCK_END = re.compile(r"</(p|li|h[1-6]|div|blockquote|tr|figcaption)>|<br\s*/?>", re.I)
_TAG = re.compile(r"<[^>]*>")


# Control characters (NUL included), line and paragraph separators, lone surrogates and
# private use characters (our marks among them): never stored, never sent to the database.
_UNSAFE = re.compile(
    "[\x00-\x1f\x7f-\x9f\u2028\u2029\ud800-\udfff\ue000-\uf8ff\U000f0000-\U0010ffff]"
)
# Combining marks left by the decomposition of accented letters.
_COMBINING = re.compile("[\u0300-\u036f\u1ab0-\u1aff\u1dc0-\u1dff\u20d0-\u20ff\ufe20-\ufe2f]")


def clean_text(text):
    """A text as it may be stored and sent to the database: NFC, without control characters,
    surrogates or private use characters, whitespace collapsed."""
    text = unicodedata.normalize("NFC", _UNSAFE.sub(" ", str(text or "")))
    return " ".join(text.split())


def plain_text(markup):
    """The readable text of sanitized HTML (an article's body): tags removed, entities
    decoded, blocks separated by spaces."""
    text = _BLOCK_END.sub(" ", markup or "")
    text = html.unescape(_TAG.sub("", text))
    return clean_text(text)[:MAX_BODY_LENGTH]


def fold(text):
    """`text` without accents or case ("Jūrmala" -> "jurmala", "Straße" -> "strasse")."""
    if text.isascii():
        return text.lower()
    if _UNDECOMPOSED_LETTERS.search(text):
        text = text.translate(UNDECOMPOSED)
    decomposed = unicodedata.normalize("NFKD", text)
    return _COMBINING.sub("", decomposed).casefold()


def normalise(text):
    """The matching form of a text: words without accents or case, one space between them
    ("Jūrmala, LATVIA!" -> "jurmala latvia")."""
    return " ".join(_WORD.findall(fold(clean_text(text))))


def clean_query(raw):
    """What a visitor typed, made safe to search: (query, was_cut). The query is cleaned like
    any stored text and cut to MAX_QUERY_LENGTH characters."""
    query = clean_text(raw)
    if len(query) > MAX_QUERY_LENGTH:
        return query[:MAX_QUERY_LENGTH].rstrip(), True
    return query, False


def query_words(query):
    """The normalised words a query matches, at most MAX_QUERY_WORDS, without repeats."""
    words = []
    for word in normalise(query).split():
        if word not in words:
            words.append(word)
    return words[:MAX_QUERY_WORDS]


def marked_html(text):
    """HTML for a snippet whose matches are between MARK_START and MARK_END: every character
    of the text is escaped; only the marks become <mark> elements."""
    parts = []
    for index, part in enumerate(re.split(f"{MARK_START}|{MARK_END}", text or "")):
        if not part:
            continue
        parts.append(format_html("<mark>{}</mark>", part) if index % 2 else escape(part))
    # Each part is either escaped or built by format_html from an escaped value.
    return mark_safe("".join(parts))


def _folded_with_offsets(text):
    """The folded text and, for each of its characters, the offset of the character of `text`
    it comes from."""
    folded, offsets = [], []
    for offset, char in enumerate(text):
        for piece in fold(char):
            folded.append(piece)
            offsets.append(offset)
    return "".join(folded), offsets


def highlight(text, words, *, width=220):
    """A snippet of `text` around the first of `words` it contains (matched without accents
    or case at the start of a word), each match marked; the text's beginning if none is
    found. Returns escaped HTML."""
    text = text or ""
    folded, offsets = _folded_with_offsets(text)
    spans = []
    if words:
        pattern = re.compile(r"(?<!\w)(" + "|".join(re.escape(word) for word in words) + ")")
        for found in pattern.finditer(folded):
            start = offsets[found.start()]
            end = offsets[found.end() - 1] + 1
            spans.append((start, end))
    if spans:
        first = spans[0][0]
        begin = max(0, first - width // 3)
        if begin:
            space = text.find(" ", begin)
            begin = space + 1 if 0 <= space < first else begin
    else:
        begin = 0
    end = min(len(text), begin + width)
    if end < len(text):
        space = text.rfind(" ", begin, end)
        end = space if space > begin else end
    pieces, position = [], begin
    for start, stop in spans:
        if start < position or stop > end:
            continue
        pieces.append(text[position:start])
        pieces.append(MARK_START + text[start:stop] + MARK_END)
        position = stop
    pieces.append(text[position:end])
    snippet = "".join(pieces)
    prefix = "… " if begin > 0 else ""
    suffix = " …" if end < len(text) else ""
    return marked_html(prefix + snippet + suffix)


def too_many_words(query):
    """Whether the query has more distinct words than take part in the match."""
    return len(set(normalise(query).split())) > MAX_QUERY_WORDS
