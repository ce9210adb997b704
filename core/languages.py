"""The portal's languages (settings.PORTAL_LANGUAGES, the first one the default) and the
names of the columns modeltranslation adds for each of them, so that no list of fields
spells out `_lv` or `_en` and a third language is a settings change."""

from django.conf import settings
from modeltranslation import settings as mt_settings
from modeltranslation.utils import build_localized_fieldname, get_language, resolution_order

#: The URBACT programme's working language: its secretariat's spreadsheets, and the addresses
#: of good practices, use the English names.
PROGRAMME_LANGUAGE = "en"


def codes():
    """The languages of the translated fields, the default one first."""
    return list(mt_settings.AVAILABLE_LANGUAGES)


def default_language():
    return mt_settings.DEFAULT_LANGUAGE


def localized(*fields):
    """Each field's column in every language, in the order of the languages: `localized("name",
    "city__name")` is `["name_lv", "name_en", "city__name_lv", "city__name_en"]` by default. A
    lookup through relations works as well as a field name."""
    return [build_localized_fieldname(field, code) for field in fields for code in codes()]


def in_active_language(field):
    """A function of a row of values holding `field`'s column in every language (`localized`)
    that gives the field in the active language, falling back as modeltranslation does where
    a translation is missing."""
    columns = [build_localized_fieldname(field, code) for code in resolution_order(get_language())]

    def value(row):
        for column in columns:
            if found := row.get(column):
                return found
        return ""

    return value


def in_default_language(field):
    """The field's column in the default language (`name_lv` by default)."""
    return build_localized_fieldname(field, default_language())


def in_programme_language(field):
    """The field's column in English, or None when English is not one of the languages."""
    if PROGRAMME_LANGUAGE not in codes():
        return None
    return build_localized_fieldname(field, PROGRAMME_LANGUAGE)


def open_graph_locale(code):
    """The `og:locale` of a language: its own country for the portal's first language
    (`lv_LV`), British English as the EU institutions write it (`en_GB`), else the territory
    the language is mostly spoken in (`lt_LT`)."""
    import locale

    if code == default_language():
        return f"{code}_{settings.PORTAL_COUNTRY}"
    if code == PROGRAMME_LANGUAGE:
        return "en_GB"
    return locale.normalize(code).split(".")[0]
