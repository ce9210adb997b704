"""The country this portal's NCP serves (settings.PORTAL_COUNTRY) as the interface names it.

The names are the ISO 3166 ones in the active language (pycountry's translations, which the
importer also gives a new country), so every page can name the country without a query and
before any data is loaded. A language that inflects the name after "in" (Latvian "Latvijā")
has that form in its hand-kept catalogue, `locale_overrides/<language>/`, under the context
"in the country" and the English name; without one the name is used as it is.
"""

import functools
import gettext

from django.conf import settings
from django.utils import translation


@functools.cache
def _iso_name(code):
    """(English name, ISO name) of a code, (None, None) when no country has it. They differ
    for a few: "Bolivia" is BO's common name, "Bolivia, Plurinational State of" its ISO name
    and the key of its translations."""
    import pycountry

    country = pycountry.countries.get(alpha_2=code.upper())
    if country is None:
        return None, None
    return getattr(country, "common_name", None) or country.name, country.name


@functools.cache
def _catalogue(language):
    import pycountry

    return gettext.translation(
        "iso3166-1", pycountry.LOCALES_DIR, languages=[language], fallback=True
    )


def is_iso_country(code):
    """Whether `code` is an ISO 3166-1 alpha-2 code."""
    return _iso_name(code)[0] is not None


def country_name(code=None, language=None):
    """The country's name in `language` (the active one): "Latvija", "Latvia"."""
    code = (code or settings.PORTAL_COUNTRY).upper()
    english, official = _iso_name(code)
    if english is None:
        return code
    language = language or translation.get_language() or settings.LANGUAGE_CODE
    translated = _catalogue(translation.to_locale(language)).gettext(official)
    return english if translated == official else translated


def country_name_after_in(code=None, language=None):
    """The country's name as it follows "in" in `language` (the active one): "Latvijā",
    "Latvia"."""
    code = (code or settings.PORTAL_COUNTRY).upper()
    english, _official = _iso_name(code)
    if english is None:
        return code
    with translation.override(language or translation.get_language()):
        form = translation.pgettext("in the country", english)
    return form if form != english else country_name(code, language)


class PortalCountry:
    """The portal's country for templates (`portal_country`), named in the page's language
    when a template reads it: `{{ portal_country.name }}`, `{{ portal_country.after_in }}`."""

    @property
    def code(self):
        return settings.PORTAL_COUNTRY

    @property
    def name(self):
        return country_name()

    @property
    def after_in(self):
        return country_name_after_in()

    def __str__(self):
        return self.name
