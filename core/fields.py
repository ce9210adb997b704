"""Field types shared by the apps."""

import nh3
from django.db import models

ALLOWED_TAGS = {
    "p",
    "br",
    "strong",
    "em",
    "b",
    "i",
    "u",
    "s",
    "a",
    "ul",
    "ol",
    "li",
    "blockquote",
    "h2",
    "h3",
    "h4",
    "figure",
    "figcaption",
    "hr",
    "sub",
    "sup",
    "code",
    "pre",
    "table",
    "thead",
    "tbody",
    "tr",
    "th",
    "td",
}
ALLOWED_ATTRIBUTES = {"a": {"href", "title"}, "th": {"scope"}, "td": {"colspan", "rowspan"}}


def sanitize_html(value):
    """Keep only an allow-list of tags and attributes; links only to http(s) and mail."""
    if not value:
        return value
    return nh3.clean(
        value,
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        url_schemes={"http", "https", "mailto"},
        link_rel="noopener noreferrer",
    )


class SanitizedHTMLField(models.TextField):
    """Rich text that cleans itself whenever it is saved, whoever saves it (admin, import,
    API, shell), so no script, event handler or javascript: URL is ever stored."""

    def pre_save(self, model_instance, add):
        value = sanitize_html(getattr(model_instance, self.attname))
        setattr(model_instance, self.attname, value)
        return value

    def clean(self, value, model_instance):
        return super().clean(sanitize_html(value), model_instance)
