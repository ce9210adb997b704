"""What an import finds in the database before it plans anything: every programme, type,
network, city, membership, phase, good practice and phase template, read once, in a fixed number
of queries, and keyed the ways a file names them."""

from collections import defaultdict

from django.conf import settings
from modeltranslation.utils import build_localized_fieldname

from cities.models import City, Country, match_key
from core.languages import localized

from ..models import (
    GoodPractice,
    Membership,
    Network,
    NetworkType,
    Phase,
    PhaseTemplate,
    Programme,
    Role,
)


def _keys(obj, field_name):
    """Match keys of a translated field in every language."""
    keys = set()
    for code, _label in settings.LANGUAGES:
        value = getattr(obj, build_localized_fieldname(field_name, code), None)
        if value:
            keys.add(match_key(value))
    return keys


class KnownRecords:
    """The database as it is, for `Plan`."""

    def _load(self):
        self.countries = {country.code: country for country in Country.objects.all()}
        self.programmes = {}
        for programme in Programme.objects.all():
            self.programmes.setdefault(match_key(programme.name), programme)
        for programme in self.programmes.copy().values():
            self.programmes[programme.slug] = programme
        self.types = {}
        for network_type in NetworkType.objects.all():
            for key in _keys(network_type, "name"):
                self.types.setdefault(key, network_type)
            self.types[network_type.slug] = network_type
        self.networks = {}
        networks = list(
            Network.objects.only(
                "slug",
                *localized("name"),
                "network_type_id",
                "programme_id",
                "good_practice_id",
                "approved_on",
                "planned_start",
                "actual_start",
            )
        )
        for network in networks:
            for key in _keys(network, "name"):
                self.networks.setdefault(key, network)
        for network in networks:
            self.networks[network.slug] = network
        self.network_starts = {network.pk: network.starts_on for network in networks}
        codes = {country.pk: code for code, country in self.countries.items()}
        self.cities = {}  # (country code, match key) -> city
        city_list = list(
            City.objects.only(
                "slug",
                "country_id",
                *localized("name"),
            )
        )
        for city in city_list:
            for key in _keys(city, "name"):
                self.cities.setdefault((codes[city.country_id], key), city)
        for city in city_list:
            self.cities[(codes[city.country_id], city.slug)] = city
        self.memberships = {}
        self.city_history = defaultdict(set)  # city id -> network ids
        for membership in Membership.objects.only(
            "network_id", "city_id", "role", "is_newcomer", "organisation", "order"
        ):
            self.memberships[(membership.network_id, membership.city_id)] = membership
            self.city_history[membership.city_id].add(membership.network_id)
        self.leads = {
            membership.network_id: membership
            for membership in self.memberships.values()
            if membership.role == Role.LEAD_PARTNER
        }
        self.phases = {
            (phase.network_id, phase.number): phase
            for phase in Phase.objects.only("network_id", "number", "approved_on", "start", "end")
        }
        self.previous_phase_ends = {}  # network id -> (number, end) of its latest phase
        for (network_id, number), phase in sorted(self.phases.items()):
            self.previous_phase_ends[network_id] = (number, phase.end)
        self.good_practices = defaultdict(dict)  # city id -> key -> good practice
        self.practice_slugs = set()  # bulk_create skips save(): new practices' slugs here
        for practice in GoodPractice.objects.only(
            "city_id",
            "slug",
            *localized("title"),
        ):
            self.practice_slugs.add(practice.slug)
            for key in _keys(practice, "title"):
                self.good_practices[practice.city_id].setdefault(key, practice)
        self.templates = {
            (template.programme_id, template.network_type_id, template.number): template
            for template in PhaseTemplate.objects.prefetch_related("periods", "milestones")
        }
