"""Emails to the public: plain text and HTML from one template name, in the reader's
language, from DEFAULT_FROM_EMAIL, with the one-click unsubscribe headers when there is a
subscription to leave (RFC 2369 and RFC 8058)."""

from django.conf import settings
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation

from networks.services import ReadableEmail


def portal_url(path):
    return settings.PORTAL_URL + path


def build(template, context, *, to, language, headers=None, attachments=()):
    """The message `template` (`{template}_subject.txt`, `.txt` and `.html`) renders in
    `language`, ready to send."""
    with translation.override(language):
        subject = " ".join(render_to_string(f"{template}_subject.txt", context).split())
        text = render_to_string(f"{template}.txt", context)
        html = render_to_string(f"{template}.html", context)
    message = ReadableEmail(
        subject,
        text,
        settings.DEFAULT_FROM_EMAIL,
        [to],
        headers=headers or {},
        attachments=list(attachments),
    )
    message.attach_alternative(html, "text/html")
    return message


def unsubscribe_headers(token, language):
    with translation.override(language):
        url = portal_url(reverse("subscriptions:unsubscribe", args=[token]))
    return {
        "List-Unsubscribe": f"<{url}>",
        "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
    }
