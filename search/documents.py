"""What the search index holds for each indexed object: one row per object and language,
only for what a visitor may see (published articles and progress updates; every network, city
and output), and the `SearchEntry` made from each row. `search.index` writes them.
"""

import datetime

from django.conf import settings
from django.contrib.postgres.search import SearchVector
from django.db import connection
from django.db.models import Value
from django.urls import NoReverseMatch
from django.utils import timezone, translation
from modeltranslation.utils import build_localized_fieldname

from .models import Kind, SearchEntry
from .text import MAX_BODY_LENGTH, clean_text, normalise, plain_text

# The text search configuration of each language on PostgreSQL (created by migration 0002):
# unaccented words, English ones stemmed; any other language uses the simple one.
SEARCH_CONFIGS = {"en": "portal_english"}
DEFAULT_SEARCH_CONFIG = "portal_simple"


def search_config(language):
    return SEARCH_CONFIGS.get(language, DEFAULT_SEARCH_CONFIG)


def languages():
    return [code for code, _name in settings.LANGUAGES]


def _translated(obj, field, code):
    """A translated field as the public page shows it in `code`: its own value, else the
    fallback languages' (modeltranslation's fallback does not apply to attribute reads of
    other languages)."""
    fallbacks = settings.MODELTRANSLATION_FALLBACK_LANGUAGES.get("default", ())
    for language in (code, *fallbacks):
        value = getattr(obj, build_localized_fieldname(field, language), None)
        if value:
            return value
    return ""


def _url(obj, code):
    with translation.override(code):
        return obj.get_absolute_url()


def _join(*parts, separator=" "):
    """The readable text of these parts (some fields hold HTML), one after the other."""
    return separator.join(plain_text(part) for part in parts if part)


# What each kind indexes ------------------------------------------------------------------


def _articles(ids):
    from core.publication import PublicationStatus
    from news.models import Article

    articles = Article.objects.filter(
        pk__in=ids, status=PublicationStatus.PUBLISHED, published_at__isnull=False
    )
    for article in articles:
        for code in languages():
            # An article is public only in the languages it is written in.
            if not article.has_language(code):
                continue
            yield (
                article.pk,
                code,
                getattr(article, build_localized_fieldname("title", code)),
                "",
                _join(
                    getattr(article, build_localized_fieldname("lead", code), ""),
                    getattr(article, build_localized_fieldname("body", code)),
                ),
                _url(article, code),
                article.published_at,
            )


def _networks(ids):
    from networks.models import Network

    for network in Network.objects.filter(pk__in=ids).select_related("good_practice"):
        practice = network.good_practice
        for code in languages():
            yield (
                network.pk,
                code,
                _translated(network, "name", code),
                network.acronym,
                _join(
                    _translated(network, "summary", code),
                    _translated(network, "goals", code),
                    _translated(network, "challenges", code),
                    practice and _translated(practice, "title", code),
                    practice and _translated(practice, "description", code),
                    network.lead_expert,
                ),
                _url(network, code),
                None,
            )


def _cities(ids):
    from cities.models import City

    for city in City.objects.filter(pk__in=ids).select_related("country"):
        names = [_translated(city, "name", code) for code in languages()]
        for code, name in zip(languages(), names, strict=True):
            # The city's names in the other languages find it too ("Hihona" finds Gijón).
            others = [other for other in dict.fromkeys(names) if other != name]
            yield (
                city.pk,
                code,
                name,
                " · ".join(others),
                _join(*others, _translated(city.country, "name", code), separator=" · "),
                _url(city, code),
                None,
            )


def _update_time(day):
    """A progress update is public from the start of its day (the portal's time zone)."""
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time.min))


def _updates(ids):
    from core.publication import PublicationStatus
    from networks.models import ProgressUpdate

    updates = ProgressUpdate.objects.filter(
        pk__in=ids, status=PublicationStatus.PUBLISHED
    ).select_related("network")
    for update in updates:
        for code in languages():
            yield (
                update.pk,
                code,
                _translated(update, "title", code),
                "",
                _join(_translated(update, "body", code)),
                _url(update, code),
                _update_time(update.date),
            )


def _output_url(output, code):
    with translation.override(code):
        try:
            if hasattr(output, "get_absolute_url"):
                return output.get_absolute_url()
            return output.href
        except NoReverseMatch:
            return output.network.get_absolute_url()


def _outputs(ids):
    from networks.models import Output

    outputs = Output.objects.filter(pk__in=ids).select_related("network", "membership__city")
    for output in outputs:
        city = output.membership.city if output.membership_id else None
        for code in languages():
            with translation.override(code):
                kind = str(output.get_kind_display())
            yield (
                output.pk,
                code,
                output.title,
                "",
                _join(
                    kind,
                    _translated(output.network, "name", code),
                    city and _translated(city, "name", code),
                    separator=" · ",
                ),
                _output_url(output, code),
                None,
            )


BUILDERS = {
    Kind.ARTICLE: _articles,
    Kind.NETWORK: _networks,
    Kind.CITY: _cities,
    Kind.UPDATE: _updates,
    Kind.OUTPUT: _outputs,
}


def _models():
    from cities.models import City
    from networks.models import Network, Output, ProgressUpdate
    from news.models import Article

    return {
        Kind.ARTICLE: Article,
        Kind.NETWORK: Network,
        Kind.CITY: City,
        Kind.UPDATE: ProgressUpdate,
        Kind.OUTPUT: Output,
    }


def _entry(kind, row):
    object_id, code, title, names, body, url, published_at = row
    title = clean_text(title)[:300]
    names = clean_text(names)[:600]
    body = body[:MAX_BODY_LENGTH]
    all_names = [normalise(name) for name in [title, *names.split(" · ")] if name]
    entry = SearchEntry(
        kind=kind,
        object_id=object_id,
        language=code,
        title=title,
        names=names,
        body=body,
        url=url[:500],
        published_at=published_at,
        match_title=f" {normalise(title)} "[:300],
        match_names="|" + "".join(f" {name} |" for name in all_names if name)[:999],
        match_text=f" {' '.join(all_names)} {normalise(body)} ",
    )
    if connection.vendor == "postgresql":
        # Computed by the database in the INSERT itself, in the language's configuration.
        config = search_config(code)
        entry.vector = SearchVector(
            Value(title), Value(names), weight="A", config=config
        ) + SearchVector(Value(body), weight="B", config=config)
    return entry
