"""Response schemas. Translated fields come as one object per language."""

import datetime

from django.conf import settings
from django.utils import timezone, translation
from ninja import Schema

from core import languages
from core.languages import localized

Translated = dict[str, str]


def translated(obj, name):
    return {
        code: getattr(obj, column, None) or ""
        for code, column in zip(languages.codes(), localized(name), strict=True)
    }


def urls(obj):
    result = {}
    for code, _label in settings.LANGUAGES:
        with translation.override(code):
            result[code] = obj.get_absolute_url()
    return result


class NamedOut(Schema):
    slug: str
    name: Translated

    @staticmethod
    def resolve_name(obj):
        return (
            translated(obj, "name")
            if hasattr(obj, f"name_{settings.LANGUAGE_CODE}")
            else dict.fromkeys([code for code, _label in settings.LANGUAGES], obj.name)
        )


class TranslatedName(Schema):
    """A translated `name` field (modeltranslation's `name_<language>` columns)."""

    @staticmethod
    def resolve_name(obj):
        return translated(obj, "name")


class PublicPage(Schema):
    """The object's public page in each language."""

    @staticmethod
    def resolve_url(obj):
        return urls(obj)


class CountryOut(TranslatedName, PublicPage):
    code: str
    name: Translated
    cities: int
    url: Translated

    @staticmethod
    def resolve_cities(obj):
        return obj.city_count


class CityOut(TranslatedName, PublicPage):
    slug: str
    name: Translated
    country: str
    latitude: float | None
    longitude: float | None
    partnerships: int
    url: Translated

    @staticmethod
    def resolve_country(obj):
        return obj.country.code

    @staticmethod
    def resolve_partnerships(obj):
        return obj.partnership_count


class NetworkOut(TranslatedName, PublicPage):
    slug: str
    name: Translated
    acronym: str
    programme: NamedOut
    network_type: NamedOut
    themes: list[str]
    status: str
    planned_start: datetime.date | None
    planned_end: datetime.date | None
    actual_start: datetime.date | None
    actual_end: datetime.date | None
    partners: int
    url: Translated

    @staticmethod
    def resolve_themes(obj):
        return [theme.slug for theme in obj.themes.all()]

    @staticmethod
    def resolve_status(obj):
        return str(obj.status)

    @staticmethod
    def resolve_partners(obj):
        return obj.partner_count


class PartnerCityOut(TranslatedName):
    slug: str
    name: Translated
    country: str

    @staticmethod
    def resolve_country(obj):
        return obj.country.code


class PartnerOut(Schema):
    city: PartnerCityOut
    organisation: str
    role: str
    newcomer: bool

    @staticmethod
    def resolve_newcomer(obj):
        return obj.is_newcomer


class PeriodOut(Schema):
    kind: str
    start: datetime.date
    end: datetime.date


class PhaseOut(Schema):
    number: int
    start: datetime.date
    end: datetime.date
    approved_on: datetime.date | None
    periods: list[PeriodOut]


class EventOut(PublicPage):
    slug: str
    title: Translated
    place: Translated
    start_date: datetime.date
    end_date: datetime.date
    precision: str
    networks: list[str]
    url: Translated

    @staticmethod
    def resolve_title(obj):
        return translated(obj, "title")

    @staticmethod
    def resolve_place(obj):
        return translated(obj, "place")

    @staticmethod
    def resolve_networks(obj):
        return [network.slug for network in obj.networks.all()]


class CallLinkOut(Schema):
    title: Translated
    url: str

    @staticmethod
    def resolve_title(obj):
        return translated(obj, "title")


class CallOut(PublicPage):
    slug: str
    title: Translated
    summary: Translated
    programme: str
    network_type: str | None
    opens_at: datetime.datetime
    closes_at: datetime.datetime
    closing_time_stated: bool
    networks_start: datetime.date | None
    networks_end: datetime.date | None
    budget: Translated
    outcome: Translated
    status: str
    approved_on: datetime.date | None
    events: list[str]
    links: list[CallLinkOut]
    url: Translated

    @staticmethod
    def resolve_title(obj):
        return translated(obj, "title")

    @staticmethod
    def resolve_summary(obj):
        return translated(obj, "summary")

    @staticmethod
    def resolve_budget(obj):
        return translated(obj, "budget")

    @staticmethod
    def resolve_outcome(obj):
        return translated(obj, "outcome")

    @staticmethod
    def resolve_programme(obj):
        return obj.programme.slug

    @staticmethod
    def resolve_network_type(obj):
        return obj.network_type.slug if obj.network_type else None

    @staticmethod
    def resolve_status(obj):
        return str(obj.status_on(timezone.now()))

    @staticmethod
    def resolve_approved_on(obj):
        return obj.approval.approved_on if obj.approval else None

    @staticmethod
    def resolve_events(obj):
        return [event.slug for event in obj.events.all()]

    @staticmethod
    def resolve_links(obj):
        return list(obj.links.all())


class GoodPracticeOut(Schema):
    title: Translated
    city: str

    @staticmethod
    def resolve_title(obj):
        return translated(obj, "title")

    @staticmethod
    def resolve_city(obj):
        return obj.city.slug


class NetworkDetailOut(NetworkOut):
    summary: Translated
    goals: Translated
    challenges: Translated
    lead_expert: str
    website: str
    good_practice: GoodPracticeOut | None
    memberships: list[PartnerOut]
    phases: list[PhaseOut]
    events: list[EventOut]

    @staticmethod
    def resolve_summary(obj):
        return translated(obj, "summary")

    @staticmethod
    def resolve_goals(obj):
        return translated(obj, "goals")

    @staticmethod
    def resolve_challenges(obj):
        return translated(obj, "challenges")

    @staticmethod
    def resolve_partners(obj):
        return len(obj.memberships.all())

    @staticmethod
    def resolve_memberships(obj):
        return list(obj.memberships.all())

    @staticmethod
    def resolve_phases(obj):
        return list(obj.phases.all())

    @staticmethod
    def resolve_events(obj):
        return list(obj.events.all())


class SelectionOut(Schema):
    programme: str | None
    network_type: str | None
    phase: int | None
    approved_on: datetime.date | None
    country: str | None


class FiguresOut(Schema):
    networks: int
    partners: int
    countries: int
    newcomers: int
    newcomer_share: float
    selection: SelectionOut


class ErrorOut(Schema):
    """A request the API answers with an error: a value that names nothing (400) or an
    address that does (404) not exist; `detail` says which."""

    detail: str


class ValidationErrorOut(Schema):
    """A parameter of the wrong form (422): one entry per problem, with where it is
    (`loc`), what is wrong (`msg`) and its kind (`type`)."""

    detail: list[dict]


#: The error answers of an operation whose parameters name things (unknown ones: 400) and
#: are checked against their types (422).
PARAMETER_ERRORS = {400: ErrorOut, 422: ValidationErrorOut}
