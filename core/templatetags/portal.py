"""Template tags for the page chrome: the same page in the other languages."""

import json

from django import template
from django.conf import settings
from django.core.serializers.json import DjangoJSONEncoder
from django.urls import NoReverseMatch, reverse
from django.utils.html import format_html
from django.utils.safestring import mark_safe
from django.utils.translation import get_language, get_language_info, override

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
    query = request.META.get("QUERY_STRING", "")
    alternates = []
    for code, name_local, path in _translated_paths(request, current):
        url = f"{path}?{query}" if query else path
        alternates.append(
            {
                "code": code,
                "name_local": name_local,
                "url": url,
                "absolute_url": request.build_absolute_uri(url),
                "is_current": code == current,
            }
        )
    return alternates


def _translated_paths(request, current):
    """(code, local name, path) of the requested page in each language, without its query
    string: reversed from the match Django resolved the request by (what `translate_url`
    does after resolving the address again), once per request."""
    if not hasattr(request, "_translated_paths"):
        request._translated_paths = tuple(_paths_in_languages(request, current))
    return request._translated_paths


def _paths_in_languages(request, current):
    path, match = request.path, request.resolver_match
    name = None
    if match is not None and match.url_name:
        name = f"{match.namespace}:{match.url_name}" if match.namespace else match.url_name
    for code, _name in settings.LANGUAGES:
        url = path
        if name is not None:
            try:
                with override(code):
                    url = reverse(name, args=match.args, kwargs=match.kwargs)
            except NoReverseMatch:
                pass
        if url == path and code != current and path.startswith(f"/{current}/"):
            # No page answers here (a 404): offer the same address under the other prefix.
            url = f"/{code}/{path[len(current) + 2 :]}"
        yield code, get_language_info(code)["name_local"], url


@register.simple_tag(takes_context=True)
def page_url(context, number):
    """The current address with only its `page` parameter changed, so filters are kept."""
    query = context["request"].GET.copy()
    query["page"] = number
    return "?" + query.urlencode()


@register.simple_tag(takes_context=True)
def canonical_url(context):
    """The page's one address for search engines and shares: its path without the query
    string, so every filter, page and sort of a list folds into the list itself."""
    request = context.get("request")
    if request is None:
        return ""
    return request.build_absolute_uri(request.path)


@register.simple_tag(takes_context=True)
def language_versions(context):
    """The page in each language (without its query string, like `canonical_url`), then the
    default language's address again as `x-default`: the hreflang set of the page's head."""
    request = context.get("request")
    if request is None:
        return []
    # A page that exists in only some languages (an article) names them.
    languages = context.get("hreflang_languages")
    versions = [
        {"code": code, "url": request.build_absolute_uri(url)}
        for code, _name, url in _translated_paths(request, get_language())
        if languages is None or code in languages
    ]
    if not versions:
        return []
    default = next(
        (version for version in versions if version["code"] == settings.LANGUAGE_CODE),
        versions[0],
    )
    return [*versions, {"code": "x-default", "url": default["url"]}]


@register.simple_tag(takes_context=True)
def share_image(context):
    """The absolute address of the image a share of the page shows: `share_image_url` from
    the view (its own social card, an article's picture), or the portal's own card (drawn
    once per content by the social cards)."""
    if context.get("share_image_url"):
        return context["share_image_url"]
    # The portal's card comes from the project's context processor (core names no app).
    default = context.get("default_share_image")
    return default() if callable(default) else (default or "")


@register.simple_tag
def json_ld(data):
    """`data` as a schema.org block: `<script type="application/ld+json">`. A data block, not
    a script: browsers do not run it, so the CSP needs no nonce for it. Escaped as
    `json_data` escapes, so no value can close the element."""
    return format_html('<script type="application/ld+json">{}</script>', _script_json(data))


@register.filter
def json_data(value, element_id):
    """`value` as JSON in `<script id="…" type="application/json">`, for a page's script to
    read: what Django's `json_script` writes (the same escapes of <, > and &, so no value
    can close the element), with the escapes made by `str.replace`, which takes
    microseconds where `json_script`'s `str.translate` takes milliseconds on a map's data."""
    return format_html(
        '<script id="{}" type="application/json">{}</script>', element_id, _script_json(value)
    )


def _script_json(value):
    text = json.dumps(value, ensure_ascii=False, cls=DjangoJSONEncoder)
    for character, escape in _JSON_ESCAPES:
        text = text.replace(character, escape)
    return mark_safe(text)


_JSON_ESCAPES = (("<", "\\u003C"), (">", "\\u003E"), ("&", "\\u0026"))


@register.simple_tag
def image_srcset(image, width):
    """The `srcset` of an uploaded image: its smaller copies (made once) and itself."""
    from core.images import srcset

    return srcset(image, width)
