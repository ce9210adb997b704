"""Template tags for the page chrome: the same page in the other languages."""

import functools

from django import template
from django.conf import settings
from django.urls import translate_url
from django.utils.translation import get_language, get_language_info

from core import languages

register = template.Library()


@register.filter
def open_graph_locale(code):
    """`lv` -> `lv_LV`, `en` -> `en_GB`: the page's language as `og:locale` wants it."""
    return languages.open_graph_locale(code)


@register.simple_tag(takes_context=True)
def alternate_languages(context):
    """The current page in each of the portal's languages, query string included.

    Slugs are not translated, so the same object answers under every language prefix. Worked
    out once per request: the page's head and its language switcher both use it.
    """
    request = context.get("request")
    if request is None:
        return []
    if not hasattr(request, "_alternate_languages"):
        request._alternate_languages = _alternates(request)
    return request._alternate_languages


def _alternates(request):
    current = get_language()
    path = request.get_full_path()
    return [
        {
            "code": code,
            "name_local": name_local,
            "url": url,
            "absolute_url": request.build_absolute_uri(url),
            "is_current": code == current,
        }
        for code, name_local, url in _translated_paths(path, current)
    ]


@functools.lru_cache(maxsize=2048)
def _translated_paths(path, current):
    """(code, local name, address) of `path` in each language. Addresses follow from the URL
    patterns alone, never from the data, so each process keeps the most recent ones."""
    translated = []
    for code, _name in settings.LANGUAGES:
        url = translate_url(path, code)
        if url == path and code != current and path.startswith(f"/{current}/"):
            # No page answers here (a 404): offer the same address under the other prefix.
            url = f"/{code}/{path[len(current) + 2 :]}"
        translated.append((code, get_language_info(code)["name_local"], url))
    return tuple(translated)


@register.simple_tag(takes_context=True)
def page_url(context, number):
    """The current address with only its `page` parameter changed, so filters are kept."""
    query = context["request"].GET.copy()
    query["page"] = number
    return "?" + query.urlencode()
