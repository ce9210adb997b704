"""Load the demo: the seed news item and everything it names, the phase-2 Transfer Networks
with their partners (imported from tn2018-phase2.csv through the portal's own importer),
their events, lead experts, good practices and a few progress updates. Running it again changes
nothing."""

import json
from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.utils import translation
from django.utils.dateparse import parse_date, parse_datetime
from modeltranslation.utils import build_localized_fieldname

from cities.models import City, Country
from core.fields import SanitizedHTMLField, sanitize_html
from core.languages import codes
from networks.importer.apply import import_networks
from networks.importer.rows import ImportFailed
from networks.models import (
    Approval,
    Event,
    GoodPractice,
    Membership,
    Milestone,
    MilestoneTemplate,
    Network,
    NetworkType,
    Period,
    PeriodTemplate,
    Phase,
    PhaseTemplate,
    Programme,
    ProgressUpdate,
    PublicationStatus,
    Theme,
)
from networks.services import add_membership, create_phase_from_template
from news.models import Article

DEMO_DIR = Path(__file__).resolve().parent.parent.parent / "demo"
DEMO_FILE = DEMO_DIR / "demo.json"


def upsert(model, defaults, *, known=None, **lookup):
    """Get the row by `lookup` and save only what differs from `defaults`, or create it, so
    a second run writes nothing (auto_now fields included). `known`: the rows already looked
    up, by the values of `lookup` (instead of a query per row)."""
    if known is None:
        instance = model.objects.filter(**lookup).first()
    else:
        instance = known.get(tuple(lookup.values()))
    if instance is None:
        return model.objects.create(**lookup, **defaults)
    changed = []
    for name, value in defaults.items():
        field = model._meta.get_field(name)
        if isinstance(field, SanitizedHTMLField):
            value = sanitize_html(value)  # compared as it is stored
        if (field.to_python(value) if not field.is_relation else value) != getattr(instance, name):
            setattr(instance, name, value)
            changed.append(name)
    if changed:
        instance.save(update_fields=changed)
    return instance


def _pick(row, *names):
    return {name: row[name] for name in names if name in row}


def _localized(row, *fields):
    """The translated `fields` of a row of the demo file, as model fields: the file names them
    `name_lv`, `name_en` (field and language code); a language it lacks stays empty."""
    return {
        build_localized_fieldname(field, code): row[key]
        for field in fields
        for code in codes()
        if (key := f"{field}_{code}") in row
    }


class Command(BaseCommand):
    help = "Load the demo data: the seed article and the networks, cities and events it names."

    def add_arguments(self, parser):
        parser.add_argument("--file", type=Path, default=DEMO_FILE, help="Demo data file (JSON).")

    def handle(self, *args, **options):
        self.demo_dir = options["file"].parent
        data = json.loads(options["file"].read_text(encoding="utf-8"))
        with translation.override(settings.LANGUAGE_CODE), transaction.atomic():
            counts = self.load(data)
        self.stdout.write(
            self.style.SUCCESS(
                "Demo data loaded: "
                + ", ".join(f"{count} {name}" for name, count in counts.items())
            )
        )

    def load(self, data):
        countries = {
            row["code"]: upsert(Country, code=row["code"], defaults=_localized(row, "name"))
            for row in data["countries"]
        }
        cities = {}
        known = {(city.country, city.slug): city for city in City.objects.select_related("country")}
        for row in data["cities"]:
            city = upsert(
                City,
                known=known,
                country=countries[row["country"]],
                slug=row["slug"],
                defaults={
                    **_localized(row, "name"),
                    **_pick(row, "latitude", "longitude", "population"),
                },
            )
            cities[f"{row['country']}/{row['slug']}"] = city
        self.cities = cities
        programmes = {
            row["slug"]: upsert(
                Programme, slug=row["slug"], defaults=_pick(row, "name", "start_year", "end_year")
            )
            for row in data["programmes"]
        }
        types = {
            row["slug"]: upsert(NetworkType, slug=row["slug"], defaults=_localized(row, "name"))
            for row in data["network_types"]
        }
        themes = {
            row["slug"]: upsert(Theme, slug=row["slug"], defaults=_localized(row, "name"))
            for row in data["themes"]
        }
        for row in data["phase_templates"]:
            template = upsert(
                PhaseTemplate,
                defaults={},
                network_type=types[row["network_type"]],
                number=row["number"],
            )
            for order, period in enumerate(row["periods"]):
                upsert(
                    PeriodTemplate,
                    template=template,
                    order=order,
                    defaults={"kind": period["kind"], "months": period["months"]},
                )
            for milestone in row["milestones"]:
                upsert(
                    MilestoneTemplate,
                    template=template,
                    month=milestone["month"],
                    defaults=_localized(milestone, "title"),
                )
        practices = {}
        for row in data["good_practices"]:
            practices[row["slug"]] = upsert(
                GoodPractice,
                slug=row["slug"],
                defaults={
                    "city": cities[row["city"]],
                    **_localized(row, "title", "description"),
                },
            )
        networks = {}
        # Oldest first, so that the newcomer flags follow the participation history.
        for row in sorted(data["networks"], key=lambda row: row.get("planned_start") or ""):
            networks[row["slug"]] = self.load_network(row, types, programmes, themes, practices)
        if data.get("networks_file"):
            self.import_partners(self.demo_dir / data["networks_file"])
        for row in data.get("approvals", []):
            upsert(
                Approval,
                programme=programmes[row["programme"]],
                network_type=types[row["network_type"]],
                phase=row["phase"],
                approved_on=parse_date(row["approved_on"]),
                defaults=_pick(row, "announced_networks", "announced_partners", "source"),
            )
        networks = {network.slug: network for network in Network.objects.all()}
        events = {}
        for row in data["events"]:
            event = upsert(
                Event,
                slug=row["slug"],
                defaults={
                    **_localized(row, "title", "place", "description"),
                    "start_date": parse_date(row["start_date"]),
                    "end_date": parse_date(row["end_date"]),
                    "precision": row["precision"],
                },
            )
            event.networks.set(self.event_networks(row.get("networks", []), networks))
            events[row["slug"]] = event
        for row in data.get("updates", []):
            upsert(
                ProgressUpdate,
                network=networks[row["network"]],
                slug=row["slug"],
                defaults={
                    **_localized(row, "title", "body"),
                    "date": parse_date(row["date"]),
                    "status": PublicationStatus.PUBLISHED,
                },
            )
        for row in data["articles"]:
            article = upsert(
                Article,
                slug=row["slug"],
                defaults={
                    **_localized(row, "title", "lead", "body"),
                    "status": PublicationStatus.PUBLISHED,
                    "published_at": parse_datetime(row["published_at"]),
                    "edited_at": parse_datetime(row["edited_at"]),
                },
            )
            article.networks.set([networks[slug] for slug in row["networks"]])
            article.cities.set([cities[key] for key in row["cities"]])
            article.events.set([events[slug] for slug in row["events"]])
        return {
            "countries": len(countries),
            "cities": len(cities),
            "networks": len(networks),
            "events": len(events),
            "progress updates": len(data.get("updates", [])),
            "articles": len(data["articles"]),
        }

    def load_network(self, row, types, programmes, themes, practices):
        """The network's own facts; its partners come from the demo's CSV file (or, for a
        network the file does not list, from `memberships`)."""
        network = upsert(
            Network,
            slug=row["slug"],
            defaults={
                **_localized(row, "name", "summary", "goals", "challenges"),
                **_pick(row, "acronym", "lead_expert", "website"),
                "network_type": types[row["network_type"]],
                "programme": programmes[row["programme"]],
                **(
                    {"good_practice": practices[row["good_practice"]]}
                    if "good_practice" in row
                    else {}
                ),
                **{
                    name: parse_date(row[name]) if row.get(name) else None
                    for name in ("planned_start", "planned_end", "actual_start", "actual_end")
                },
            },
        )
        network.themes.set([themes[slug] for slug in row.get("themes", [])])
        for order, member in enumerate(row.get("memberships", [])):
            city = self.cities[member["city"]]
            if not Membership.objects.filter(network=network, city=city).exists():
                add_membership(
                    network,
                    city,
                    role=member["role"],
                    organisation=member.get("organisation", ""),
                    order=order,
                )
        for phase in row.get("phases", []):
            if not Phase.objects.filter(network=network, number=phase["number"]).exists():
                self.create_phase(network, phase)
        return network

    def create_phase(self, network, row):
        """A phase from its type's template, or laid out as the row gives it (a network whose
        real timeline differs from the template)."""
        start, approved_on = parse_date(row["start"]), parse_date(row.get("approved_on") or "")
        if "periods" not in row:
            return create_phase_from_template(
                network, row["number"], start, approved_on=approved_on
            )
        phase = Phase.objects.create(
            network=network,
            number=row["number"],
            start=start,
            end=parse_date(row["end"]),
            approved_on=approved_on,
        )
        for period in row["periods"]:
            Period.objects.create(
                phase=phase,
                kind=period["kind"],
                start=parse_date(period["start"]),
                end=parse_date(period["end"]),
            )
        for milestone in row.get("milestones", []):
            Milestone.objects.create(
                phase=phase, month=milestone["month"], **_localized(milestone, "title")
            )
        return phase

    def import_partners(self, path):
        """The partners, newcomer flags, good practices and phases of the networks in the CSV
        file, through the importer editors use; a second run finds nothing to change."""
        try:
            result = import_networks(path.read_bytes())
        except ImportFailed as failure:
            raise CommandError(
                f"{path.name}: " + "; ".join(str(error) for error in failure.errors)
            ) from failure
        return result

    @staticmethod
    def event_networks(spec, networks):
        """An event's networks: a list of slugs, or {"approval": date, "country": code} for
        every network of that phase-2 approval (with a partner in that country)."""
        if isinstance(spec, list):
            return [networks[slug] for slug in spec]
        selection = {"phase": 2, "approved_on": spec["approval"]}
        if "country" in spec:
            selection["country"] = spec["country"]
        return list(Network.objects.select(**selection))
