"""Import networks and their partners from a CSV file, one row per membership.

The same plain function serves the `import_networks` command and the admin. The whole file is
read and checked against the database before anything is written: any bad row stops the import
with its row number, column and reason, and nothing from that file is written. A file that is
imported twice changes nothing the second time; a corrected file updates its rows in place.

Rows are numbered as a spreadsheet shows them: the header is row 1, the first partner row 2.
"""

import csv
import datetime
import io
import re
from collections import Counter, defaultdict
from dataclasses import dataclass, field

from django.conf import settings
from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from modeltranslation.utils import build_localized_fieldname

from cities.models import City, Country, match_key
from search import index as search_index
from urbact_portal.cache import bump_content_version

from .dates import add_months
from .models import (
    GoodPractice,
    Membership,
    Milestone,
    Network,
    NetworkType,
    Period,
    Phase,
    PhaseTemplate,
    Programme,
    Role,
    practice_slug_base,
    unique_slug,
)

COLUMNS = (
    "network",
    "network_type",
    "programme",
    "phase",
    "approved_on",
    "good_practice",
    "city",
    "country",
    "organisation",
    "role",
    "newcomer",
)
NEWCOMER_VALUES = {"yes": True, "no": False, "": None}
# Field sizes the rows must fit (the models' max_length).
MAX_LENGTHS = {
    "network": 200,
    "network_type": 100,
    "programme": 60,
    "good_practice": 200,
    "city": 120,
    "organisation": 200,
}
SLUG_LENGTHS = {"network": 100, "network_type": 100, "programme": 60, "city": 120}
LARGEST_PHASE = 32767
KINDS = {
    "countries": gettext_lazy("countries"),
    "cities": gettext_lazy("cities"),
    "programmes": gettext_lazy("programmes"),
    "network_types": gettext_lazy("network types"),
    "networks": gettext_lazy("networks"),
    "good_practices": gettext_lazy("good practices"),
    "phases": gettext_lazy("phases"),
    "memberships": gettext_lazy("partners"),
}


@dataclass(frozen=True)
class RowError:
    row: int | None
    column: str | None
    message: str

    def __str__(self):
        if self.row is None:
            return self.message
        if self.column is None:
            return _("Row %(row)d: %(message)s") % {"row": self.row, "message": self.message}
        return _("Row %(row)d, column %(column)s: %(message)s") % {
            "row": self.row,
            "column": self.column,
            "message": self.message,
        }


class ImportFailed(Exception):
    """The file cannot be imported; `errors` says where and why. Nothing was written."""

    def __init__(self, errors):
        self.errors = list(errors)
        super().__init__("\n".join(str(error) for error in self.errors))


@dataclass
class ImportResult:
    rows: int = 0
    created: Counter = field(default_factory=Counter)
    updated: Counter = field(default_factory=Counter)
    changes: list = field(default_factory=list)
    dry_run: bool = False

    @property
    def has_changes(self):
        return bool(self.created or self.updated)

    @property
    def summary(self):
        """One line per kind of row: how many are new and how many change."""
        return [
            _("%(kind)s: %(created)d new, %(updated)d changed")
            % {
                "kind": label,
                "created": self.created[kind],
                "updated": self.updated[kind],
            }
            for kind, label in KINDS.items()
            if self.created[kind] or self.updated[kind]
        ]


def import_networks(data, *, dry_run=False):
    """Import `data` (the file's bytes). With `dry_run` nothing is written and the result
    lists what would change. Raises ImportFailed with every bad row found."""
    rows = read_rows(data)
    with transaction.atomic():
        plan = _Plan(rows)
        plan.check()
        if not dry_run:
            new_cities = [city for city in plan.cities.values() if city.pk is None]
            try:
                plan.apply()
            except IntegrityError as error:  # a rule the checks above did not foresee
                raise ImportFailed(
                    [RowError(None, None, _("The database refused the file: %s") % error)]
                ) from error
    if not dry_run and plan.result.has_changes:
        # The writes are in bulk and send no signals: pages cached before show the change
        # once the version moves, after the commit (or the outer transaction's).
        bump_content_version()
        # Nor do they reach the search index by themselves.
        search_index.queue_objects(
            [*plan.new_networks, *plan.changed_networks.values(), *new_cities]
        )
    plan.result.dry_run = dry_run
    return plan.result


# Reading -----------------------------------------------------------------------------------


@dataclass
class Row:
    number: int
    values: dict


def read_rows(data):
    """The file's rows as dictionaries of stripped strings, after checking the encoding, the
    header and the number of values in each row."""
    if isinstance(data, str):
        data = data.encode()
    if not data.strip():
        raise ImportFailed([RowError(None, None, _("The file is empty."))])
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        row = data[: error.start].count(b"\n") + 1
        raise ImportFailed(
            [RowError(row, None, _("The file is not UTF-8 text; save it as CSV UTF-8."))]
        ) from None
    first_line = text.split("\n", 1)[0]
    # Spreadsheets in a Latvian locale save CSV with semicolons.
    delimiter = ";" if first_line.count(";") > first_line.count(",") else ","
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter, strict=True)
    try:
        header = [name.strip().lower() for name in next(reader)]
        records = list(reader)
    except csv.Error as error:
        raise ImportFailed(
            [RowError(reader.line_num, None, _("The CSV cannot be read: %s") % error)]
        ) from None
    missing = [name for name in COLUMNS if name not in header]
    unknown = [name for name in header if name not in COLUMNS]
    duplicated = sorted({name for name in header if header.count(name) > 1})
    if missing or unknown or duplicated:
        problems = []
        if missing:
            problems.append(_("missing: %s") % ", ".join(missing))
        if unknown:
            problems.append(_("unknown: %s") % ", ".join(name or '""' for name in unknown))
        if duplicated:
            problems.append(_("repeated: %s") % ", ".join(duplicated))
        message = _("The columns must be exactly %(columns)s (%(problems)s).") % {
            "columns": ",".join(COLUMNS),
            "problems": "; ".join(problems),
        }
        raise ImportFailed([RowError(1, None, message)])
    rows, errors = [], []
    for index, record in enumerate(records):
        number = index + 2
        if not any(value.strip() for value in record):
            continue  # blank lines, often at the end of a spreadsheet's export
        if len(record) != len(header):
            errors.append(
                RowError(
                    number,
                    None,
                    _("Expected %(expected)d values, found %(found)d.")
                    % {"expected": len(header), "found": len(record)},
                )
            )
            continue
        values = zip(header, record, strict=True)
        rows.append(Row(number, {name: restore_cell(value.strip()) for name, value in values}))
    if errors:
        raise ImportFailed(errors)
    if not rows:
        raise ImportFailed([RowError(None, None, _("The file has no rows after the header."))])
    return rows


# Checking and writing ----------------------------------------------------------------------


def _both_languages(value):
    """A name given in the file becomes every language's name until an editor translates it."""
    return {build_localized_fieldname("name", code): value for code, _label in settings.LANGUAGES}


def _keys(obj, field_name):
    """Match keys of a translated field in every language."""
    keys = set()
    for code, _label in settings.LANGUAGES:
        value = getattr(obj, build_localized_fieldname(field_name, code), None)
        if value:
            keys.add(match_key(value))
    return keys


def _iso_country(code):
    """Names of a valid ISO 3166-1 code that the database does not have yet, or None."""
    import gettext

    import pycountry

    country = pycountry.countries.get(alpha_2=code)
    if country is None:
        return None
    english = getattr(country, "common_name", None) or country.name
    names = {}
    for language, _label in settings.LANGUAGES:
        if language == "en":
            names[language] = english
            continue
        translation = gettext.translation(
            "iso3166-1", pycountry.LOCALES_DIR, languages=[language], fallback=True
        )
        names[language] = translation.gettext(country.name)
    return {build_localized_fieldname("name", code): value for code, value in names.items()}


def _phase_layout(template, start):
    """End and periods of a phase built from `template` starting on `start`, laid out end to
    end as networks.services.create_phase_from_template does."""
    periods, offset, period_start = [], 0, start
    for period in template.periods.all():
        offset += period.months
        period_end = add_months(start, offset) - datetime.timedelta(days=1)
        periods.append((period.kind, period_start, period_end))
        period_start = period_end + datetime.timedelta(days=1)
    return periods[-1][2], periods


def _token(obj):
    """A dictionary key for a row that may not be saved yet (unsaved instances are unhashable)."""
    return obj.pk if obj.pk is not None else ("new", id(obj))


def _unsaved(objects):
    """Each unsaved instance once (several keys may point to one)."""
    return list({id(obj): obj for obj in objects if obj.pk is None}.values())


class _Plan:
    """Everything the file would change, worked out from one read of the tables involved."""

    def __init__(self, rows):
        self.rows = rows
        self.errors = []
        self.result = ImportResult(rows=len(rows))
        self.new_networks, self.new_practices, self.new_phases, self.changed_phases = [], [], [], []
        self.new_memberships, self.changed_memberships, self.demoted = [], [], []
        self.changed_networks = {}
        self._load()

    # -- the database as it is, in a fixed number of queries
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
                *[build_localized_fieldname("name", code) for code, _label in settings.LANGUAGES],
                "network_type_id",
                "programme_id",
                "good_practice_id",
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
                *[build_localized_fieldname("name", code) for code, _label in settings.LANGUAGES],
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
            *[build_localized_fieldname("title", code) for code, _label in settings.LANGUAGES],
        ):
            self.practice_slugs.add(practice.slug)
            for key in _keys(practice, "title"):
                self.good_practices[practice.city_id].setdefault(key, practice)
        self.templates = {
            (template.network_type_id, template.number): template
            for template in PhaseTemplate.objects.prefetch_related("periods", "milestones")
        }

    def error(self, row, column, message):
        self.errors.append(RowError(row.number, column, message))

    # -- checking
    def check(self):
        groups = {}  # network key -> {"rows": [...], first values}
        for row in self.rows:
            values = self._check_row(row)
            if values is None:
                continue
            group = groups.setdefault(
                values["network_key"],
                {"rows": [], "first": row, "values": {}, "cities": {}, "lead": None},
            )
            self._check_group_row(group, row, values)
        if not self.errors:
            for group in groups.values():
                self._plan_network(group)
            if self.changed_networks:
                self.result.updated["networks"] = len(self.changed_networks)
        if self.errors:
            raise ImportFailed(self.errors)

    def _check_row(self, row):
        values, ok = dict(row.values), True
        for column in ("network", "network_type", "programme", "city", "country", "role"):
            if not values[column]:
                self.error(row, column, _("A value is required."))
                ok = False
        for column, limit in MAX_LENGTHS.items():
            if len(values[column]) > limit:
                self.error(
                    row,
                    column,
                    _("Longer than %(limit)d characters.") % {"limit": limit},
                )
                ok = False
        for column, limit in SLUG_LENGTHS.items():
            key = match_key(values[column])
            if values[column] and not key:
                self.error(row, column, _("The name needs at least one letter or digit."))
                ok = False
            elif len(key) > limit:
                self.error(row, column, _("The name is too long."))
                ok = False
            values[f"{column}_key"] = key
        phase = values["phase"]
        values["phase"] = None
        if phase:
            if re.fullmatch(r"\d{1,5}", phase) and 1 <= int(phase) <= LARGEST_PHASE:
                values["phase"] = int(phase)
            else:
                self.error(row, "phase", _("“%s” is not a phase number.") % phase)
                ok = False
        approved_on = values["approved_on"]
        values["approved_on"] = None
        if approved_on:
            try:
                values["approved_on"] = datetime.date.fromisoformat(approved_on)
            except ValueError:
                self.error(
                    row,
                    "approved_on",
                    _("“%s” is not a date; write it as YYYY-MM-DD.") % approved_on,
                )
                ok = False
            else:
                if not phase:
                    self.error(row, "approved_on", _("An approval date needs a phase number."))
                    ok = False
        code = values["country"].upper()
        values["country"] = code
        if code and code not in self.countries:
            names = _iso_country(code) if re.fullmatch(r"[A-Z]{2}", code) else None
            if names is None:
                self.error(
                    row,
                    "country",
                    _("“%s” is not an ISO 3166-1 alpha-2 country code.") % row.values["country"],
                )
                ok = False
            else:
                self.countries[code] = Country(code=code, **names)
                self.result.created["countries"] += 1
                self.result.changes.append(_("New country: %s") % code)
        role = values["role"]
        if role and role not in Role.values:
            self.error(
                row,
                "role",
                _("Unknown role “%s”; write lead_partner or partner.") % role,
            )
            ok = False
        newcomer = values["newcomer"].lower()
        if newcomer not in NEWCOMER_VALUES:
            self.error(
                row,
                "newcomer",
                _("Write yes, no or nothing (computed), not “%s”.") % values["newcomer"],
            )
            ok = False
        else:
            values["newcomer"] = NEWCOMER_VALUES[newcomer]
        if values["good_practice"] and role != Role.LEAD_PARTNER:
            self.error(row, "good_practice", _("A good practice goes on the lead partner's row."))
            ok = False
        return values if ok else None

    def _check_group_row(self, group, row, values):
        first = group["first"]
        if group["rows"]:
            for column in ("network_type", "programme"):
                if values[f"{column}_key"] != group["rows"][0][1][f"{column}_key"]:
                    self.error(
                        row,
                        column,
                        _("Differs from row %(row)d for the same network.") % {"row": first.number},
                    )
        for column in ("phase", "approved_on"):
            if values[column] is None:
                continue
            seen = group["values"].get(column)
            if seen is None:
                group["values"][column] = (values[column], row.number)
            elif seen[0] != values[column]:
                self.error(
                    row,
                    column,
                    _("Differs from row %(row)d for the same network.") % {"row": seen[1]},
                )
        city_key = (values["country"], values["city_key"])
        if city_key in group["cities"]:
            self.error(
                row,
                "city",
                _("This city is already listed for this network in row %(row)d.")
                % {"row": group["cities"][city_key]},
            )
        group["cities"][city_key] = row.number
        if values["role"] == Role.LEAD_PARTNER:
            if group["lead"] is not None:
                self.error(
                    row,
                    "role",
                    _("A second lead partner: row %(row)d already names this network's lead.")
                    % {"row": group["lead"].number},
                )
            else:
                group["lead"] = row
        group["rows"].append((row, values))

    # -- planning what to write, once every row is known to be well-formed
    def _programme(self, values):
        key = values["programme_key"]
        if key not in self.programmes:
            self.programmes[key] = Programme(name=values["programme"], slug=key)
            self.result.created["programmes"] += 1
            self.result.changes.append(_("New programme: %s") % values["programme"])
        return self.programmes[key]

    def _network_type(self, values):
        key = values["network_type_key"]
        if key not in self.types:
            self.types[key] = NetworkType(slug=key, **_both_languages(values["network_type"]))
            self.result.created["network_types"] += 1
            self.result.changes.append(_("New network type: %s") % values["network_type"])
        return self.types[key]

    def _city(self, values):
        key = (values["country"], values["city_key"])
        city = self.cities.get(key)
        if city is None:
            city = City(
                slug=values["city_key"],
                country=self.countries[values["country"]],
                **_both_languages(values["city"]),
            )
            self.cities[key] = city
            self.result.created["cities"] += 1
            self.result.changes.append(
                _("New city: %(city)s (%(country)s)")
                % {"city": values["city"], "country": values["country"]}
            )
        return city

    def _plan_network(self, group):
        first_row, first = group["rows"][0]
        network_type = self._network_type(first)
        programme = self._programme(first)
        network = self.networks.get(first["network_key"])
        name = first["network"]
        if network is None:
            network = Network(
                slug=first["network_key"],
                network_type=network_type,
                programme=programme,
                **_both_languages(name),
            )
            self.networks[first["network_key"]] = network
            self.result.created["networks"] += 1
            self.result.changes.append(_("New network: %s") % name)
            self.new_networks.append(network)
        else:
            changed = []
            if network.network_type_id != network_type.pk:
                network.network_type = network_type
                changed.append(_("type → %s") % first["network_type"])
            if network.programme_id != programme.pk:
                network.programme = programme
                changed.append(_("programme → %s") % first["programme"])
            if changed:
                self.changed_networks[network.pk] = network
                self.result.changes.append(f"{name}: {', '.join(changed)}")
        rows = [(row, values, self._city(values)) for row, values in group["rows"]]
        self._plan_lead(network, group, rows)
        self._plan_good_practice(network, group, rows)
        self._plan_phase(network, network_type, group)
        for position, (row, values, city) in enumerate(rows):
            self._plan_membership(network, city, row, values, position)

    def _plan_lead(self, network, group, rows):
        current = self.leads.get(network.pk) if network.pk else None
        lead_row = group["lead"]
        if current is None or lead_row is None:
            return
        lead_city = next(city for row, _values, city in rows if row is lead_row)
        if lead_city.pk == current.city_id:
            return
        listed = {city.pk for _row, _values, city in rows if city.pk}
        if current.city_id not in listed:
            self.error(
                lead_row,
                "role",
                _(
                    "The network already has another lead partner, who is not in this file: "
                    "list that city as a partner to replace it."
                ),
            )

    def _plan_good_practice(self, network, group, rows):
        lead_row = group["lead"]
        if lead_row is None:
            return
        row, values, city = next(item for item in rows if item[0] is lead_row)
        title = values["good_practice"]
        if not title:
            return
        key = match_key(title) or title
        practices = self.good_practices[_token(city)]
        practice = practices.get(key)
        if practice is None:
            practice = GoodPractice(
                city=city,
                **{
                    build_localized_fieldname("title", code): title
                    for code, _label in settings.LANGUAGES
                },
            )
            practice.slug = unique_slug(practice_slug_base(practice), self.practice_slugs)
            self.practice_slugs.add(practice.slug)
            practices[key] = practice
            self.new_practices.append(practice)
            self.result.created["good_practices"] += 1
            self.result.changes.append(_("New good practice: %s") % title)
        if practice.pk is None or network.good_practice_id != practice.pk:
            network.good_practice = practice
            if network.pk:
                self.changed_networks[network.pk] = network
                self.result.changes.append(
                    _("%(network)s: good practice → %(title)s")
                    % {"network": values["network"], "title": title}
                )

    def _plan_phase(self, network, network_type, group):
        number = group["values"].get("phase")
        if number is None:
            return
        number, row_number = number
        row = next(row for row, _values in group["rows"] if row.number == row_number)
        approved_on = group["values"].get("approved_on", (None,))[0]
        name = group["rows"][0][1]["network"]
        phase = self.phases.get((network.pk, number)) if network.pk else None
        if phase is not None:
            if approved_on is not None and phase.approved_on != approved_on:
                phase.approved_on = approved_on
                self.changed_phases.append(phase)
                self.result.updated["phases"] += 1
                self.result.changes.append(
                    _("%(network)s: phase %(number)d approved on %(date)s")
                    % {"network": name, "number": number, "date": approved_on.isoformat()}
                )
            return
        template = self.templates.get((network_type.pk, number)) if network_type.pk else None
        if template is None or not template.periods.all():
            self.error(
                row,
                "phase",
                _(
                    "There is no template for phase %(number)d of %(type)s: add one in the "
                    "admin, or leave the phase empty."
                )
                % {"number": number, "type": group["rows"][0][1]["network_type"]},
            )
            return
        previous_end = self.previous_phase_ends.get(network.pk) if network.pk else None
        if approved_on is not None:
            # The phase starts in the month after the Monitoring Committee approved it.
            start = add_months(approved_on.replace(day=1), 1)
        elif previous_end is not None and number > previous_end[0]:
            # Without an approval date, it follows the network's latest earlier phase.
            start = previous_end[1] + datetime.timedelta(days=1)
        elif network.starts_on is not None:
            start = network.starts_on
        else:
            self.error(
                row,
                "approved_on",
                _("Phase %(number)d is new: give its approval date, from which it starts.")
                % {"number": number},
            )
            return
        end, periods = _phase_layout(template, start)
        phase = Phase(network=network, number=number, start=start, end=end, approved_on=approved_on)
        self.new_phases.append((phase, template, periods))
        self.result.created["phases"] += 1
        self.result.changes.append(
            _("%(network)s: new phase %(number)d, %(start)s – %(end)s")
            % {"network": name, "number": number, "start": start, "end": end}
        )

    def _plan_membership(self, network, city, row, values, position):
        existing = self.memberships.get((network.pk, city.pk)) if network.pk and city.pk else None
        label = f"{values['network']} – {values['city']}"
        if existing is None:
            membership = Membership(
                network=network,
                city=city,
                role=values["role"],
                organisation=values["organisation"],
                order=position,
                is_newcomer=values["newcomer"],
            )
            self.new_memberships.append(membership)
            self.result.created["memberships"] += 1
            self.result.changes.append(_("New partner: %s") % label)
            return
        changed = []
        if existing.role != values["role"]:
            if existing.role == Role.LEAD_PARTNER:
                self.demoted.append(existing)
            changed.append(_("role → %s") % Role(values["role"]).label)
            existing.role = values["role"]
        if existing.organisation != values["organisation"]:
            existing.organisation = values["organisation"]
            changed.append(_("organisation → %s") % (values["organisation"] or "–"))
        if values["newcomer"] is not None and existing.is_newcomer != values["newcomer"]:
            existing.is_newcomer = values["newcomer"]
            changed.append(_("newcomer → %s") % (_("yes") if values["newcomer"] else _("no")))
        if changed:
            self.changed_memberships.append(existing)
            self.result.updated["memberships"] += 1
            self.result.changes.append(f"{label}: {', '.join(changed)}")

    def _compute_newcomers(self):
        """Newcomer flags of new memberships left to compute: as Membership.computed_newcomer
        does, a city is a newcomer in a network when it had no membership in another network
        that started earlier; memberships this file adds count too."""
        pending = [m for m in self.new_memberships if m.is_newcomer is None]
        if not pending:
            return
        history = defaultdict(set)  # city -> {(network, its start)}
        for city_id, network_ids in self.city_history.items():
            history[city_id] |= {(pk, self.network_starts.get(pk)) for pk in network_ids}
        for membership in self.new_memberships:
            history[_token(membership.city)].add(
                (_token(membership.network), membership.network.starts_on)
            )
        for membership in pending:
            own, own_start = _token(membership.network), membership.network.starts_on
            membership.is_newcomer = not any(
                start is not None and (own_start is None or start < own_start)
                for network, start in history[_token(membership.city)]
                if network != own
            )

    # -- writing
    def apply(self):
        """Write the plan: creations in bulk, parents before children (bulk_create fills in
        the new parents' ids), lead partners demoted before others are promoted."""
        self._compute_newcomers()
        for model, objects in (
            (Country, self.countries.values()),
            (Programme, self.programmes.values()),
            (NetworkType, self.types.values()),
            (City, self.cities.values()),
        ):
            model.objects.bulk_create(_unsaved(objects))
        GoodPractice.objects.bulk_create(self.new_practices)
        Network.objects.bulk_create(self.new_networks)
        Network.objects.bulk_update(
            self.changed_networks.values(), ["network_type", "programme", "good_practice"]
        )
        self._apply_phases()
        Membership.objects.bulk_update(self.demoted, ["role"])
        Membership.objects.bulk_update(
            self.changed_memberships, ["role", "organisation", "is_newcomer"]
        )
        Membership.objects.bulk_create(self.new_memberships)

    def _apply_phases(self):
        Phase.objects.bulk_update(self.changed_phases, ["approved_on"])
        Phase.objects.bulk_create([phase for phase, _template, _periods in self.new_phases])
        titles = [build_localized_fieldname("title", code) for code, _label in settings.LANGUAGES]
        Period.objects.bulk_create(
            Period(phase=phase, kind=kind, start=start, end=end)
            for phase, _template, periods in self.new_phases
            for kind, start, end in periods
        )
        Milestone.objects.bulk_create(
            Milestone(
                phase=phase,
                month=milestone.month,
                **{name: getattr(milestone, name) for name in titles},
            )
            for phase, template, _periods in self.new_phases
            for milestone in template.milestones.all()
        )


# Export --------------------------------------------------------------------------------------


def _english_first(obj, name):
    """The name a spreadsheet from the URBACT secretariat would use: English, else Latvian."""
    return getattr(obj, f"{name}_en", None) or getattr(obj, f"{name}_lv", None) or ""


def export_rows(networks):
    """Rows in COLUMNS of `networks`' partners, the lead partner first. A network's latest
    phase and its approval date go on each of its rows; its good practice on the lead's row.
    Three queries whatever the number of networks."""
    networks = networks.select_related("programme", "network_type", "good_practice").order_by(
        "slug"
    )
    memberships = defaultdict(list)
    for membership in (
        Membership.objects.filter(network__in=networks.values("pk"))
        .select_related("city__country")
        .order_by("role", "order", "pk")
    ):
        memberships[membership.network_id].append(membership)
    phases = {}
    for phase in Phase.objects.filter(network__in=networks.values("pk")).order_by("number"):
        phases[phase.network_id] = phase
    for network in networks:
        phase = phases.get(network.pk)
        for membership in memberships[network.pk]:
            lead = membership.role == Role.LEAD_PARTNER
            yield {
                "network": _english_first(network, "name"),
                "network_type": _english_first(network.network_type, "name"),
                "programme": network.programme.name,
                "phase": phase.number if phase else "",
                "approved_on": phase.approved_on.isoformat() if phase and phase.approved_on else "",
                "good_practice": _english_first(network.good_practice, "title")
                if lead and network.good_practice
                else "",
                "city": _english_first(membership.city, "name"),
                "country": membership.city.country.code,
                "organisation": membership.organisation,
                "role": membership.role,
                "newcomer": "yes" if membership.is_newcomer else "no",
            }


# A spreadsheet runs a cell that starts with one of these as a formula (OWASP, "CSV
# Injection"): the export puts a single quote before such a cell, which spreadsheets show as
# text, and the import takes it off again. A cell that starts with the quote itself gets one
# more, so that every value comes back as it was.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def neutralise_cell(value):
    value = str(value)
    return "'" + value if value.startswith((*FORMULA_STARTS, "'")) else value


def restore_cell(value):
    """The value neutralise_cell() was given (a value no export wrote is kept as it is)."""
    if value.startswith("'") and value[1:].startswith((*FORMULA_STARTS, "'")):
        return value[1:]
    return value


def export_csv(networks):
    """The CSV text of export_rows(networks), with a header, that import_networks reads;
    cells a spreadsheet would run as formulas are neutralised."""
    out = io.StringIO(newline="")
    writer = csv.DictWriter(out, fieldnames=COLUMNS, lineterminator="\r\n")
    writer.writeheader()
    for row in export_rows(networks):
        writer.writerow({name: neutralise_cell(value) for name, value in row.items()})
    return out.getvalue()
