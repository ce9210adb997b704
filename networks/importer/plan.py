"""The plan of an import: everything the file would create and change, worked out from one
read of the tables involved, with the errors that stop it and a summary of the changes."""

import datetime

from django.conf import settings
from django.utils.translation import gettext as _
from modeltranslation.utils import build_localized_fieldname

from cities.models import City, Country, match_key
from core.languages import localized

from ..dates import add_months
from ..models import (
    GoodPractice,
    Membership,
    Network,
    NetworkType,
    Phase,
    Programme,
    Role,
    practice_slug_base,
    unique_slug,
)
from .known import KnownRecords
from .result import ImportResult
from .rows import ImportFailed, RowError, check_group_row, check_row, network_group

# How often (in rows) a long check reports its progress.
PROGRESS_EVERY = 1000


def _both_languages(value):
    """A name given in the file becomes every language's name until an editor translates it."""
    return dict.fromkeys(localized("name"), value)


def token(obj):
    """A dictionary key for a row that may not be saved yet (unsaved instances are unhashable)."""
    return obj.pk if obj.pk is not None else ("new", id(obj))


class Plan(KnownRecords):
    """Everything the file would change, worked out from one read of the tables involved."""

    def __init__(self, rows):
        self.rows = rows
        self.errors = []
        self.result = ImportResult(rows=len(rows))
        self.new_networks, self.new_practices, self.new_phases, self.changed_phases = [], [], [], []
        self.new_memberships, self.changed_memberships, self.demoted = [], [], []
        self.changed_networks = {}
        self._load()

    # -- checking
    def check(self, progress=None):
        groups = {}  # network key -> network_group()
        for index, row in enumerate(self.rows):
            if progress is not None and index and index % PROGRESS_EVERY == 0:
                progress("checking", index, len(self.rows))
            values, errors = check_row(row, self.countries)
            self.errors += errors
            if errors:
                continue
            if values["new_country"] is not None:
                self._add_country(values["country"], values["new_country"])
            key = values["network_key"]
            if key not in groups:
                groups[key] = network_group(row)
            self.errors += check_group_row(groups[key], row, values)
        if not self.errors:
            for group in groups.values():
                self._plan_network(group)
            if self.changed_networks:
                self.result.updated["networks"] = len(self.changed_networks)
        if self.errors:
            raise ImportFailed(self.errors)

    def error(self, row, column, message):
        self.errors.append(RowError(row.number, column, message))

    def _add_country(self, code, names):
        self.countries[code] = Country(code=code, **names)
        self.result.created["countries"] += 1
        self.result.changes.append(_("New country: %s") % code)

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
        self._plan_phase(network, network_type, programme, group)
        self._plan_approval(network, group)
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
        practices = self.good_practices[token(city)]
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

    def _template(self, programme, network_type, number):
        """The type's template in the programme, else the type's for every programme."""
        if network_type.pk is None:
            return None
        own = self.templates.get((programme.pk, network_type.pk, number)) if programme.pk else None
        return own or self.templates.get((None, network_type.pk, number))

    def _plan_approval(self, network, group):
        """A network approved whole (an approval date without a phase) keeps the date."""
        if group["values"].get("phase") is not None:
            return
        approved_on = group["values"].get("approved_on", (None,))[0]
        if approved_on is None or network.approved_on == approved_on:
            return
        network.approved_on = approved_on
        if network.pk:
            self.changed_networks[network.pk] = network
            self.result.changes.append(
                _("%(network)s: approved on %(date)s")
                % {"network": group["rows"][0][1]["network"], "date": approved_on.isoformat()}
            )

    def _plan_phase(self, network, network_type, programme, group):
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
        template = self._template(programme, network_type, number)
        if template is None or not template.lays_out:
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
            # Nothing in the file dates it (a network exported with a phase but no approval
            # date, imported where it is new): the rest of the network is imported, and the
            # phase waits for an editor to date it.
            self.result.changes.append(
                _(
                    "%(network)s: phase %(number)d left out: no approval date or network "
                    "start to lay it out from; add it in the admin."
                )
                % {"network": name, "number": number}
            )
            return
        end, periods = template.layout(start)
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
