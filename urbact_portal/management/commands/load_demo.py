"""Load the seed news item and everything it names. Running it again changes nothing."""

import json
from pathlib import Path

from django.core.management.base import BaseCommand
from django.db import transaction
from django.utils import translation
from django.utils.dateparse import parse_date, parse_datetime

from cities.models import City, Country
from networks.models import (
    Event,
    GoodPractice,
    Membership,
    MilestoneTemplate,
    Network,
    NetworkType,
    PeriodTemplate,
    Phase,
    PhaseTemplate,
    Programme,
    PublicationStatus,
    Theme,
)
from networks.services import add_membership, create_phase_from_template
from news.models import Article

DEMO_FILE = Path(__file__).resolve().parent.parent.parent / "demo" / "demo.json"


def upsert(model, defaults, **lookup):
    """Get the row by `lookup` and save only what differs from `defaults`, or create it, so
    a second run writes nothing (auto_now fields included)."""
    instance = model.objects.filter(**lookup).first()
    if instance is None:
        return model.objects.create(**lookup, **defaults)
    changed = []
    for name, value in defaults.items():
        field = model._meta.get_field(name)
        if (field.to_python(value) if not field.is_relation else value) != getattr(instance, name):
            setattr(instance, name, value)
            changed.append(name)
    if changed:
        instance.save(update_fields=changed)
    return instance


def _pick(row, *names):
    return {name: row[name] for name in names if name in row}


def _localized(row, *fields):
    return {
        key: value
        for key, value in row.items()
        if key.rsplit("_", 1)[0] in fields and key.rsplit("_", 1)[-1] in {"lv", "en"}
    }


class Command(BaseCommand):
    help = "Load the demo data: the seed article and the networks, cities and events it names."

    def add_arguments(self, parser):
        parser.add_argument("--file", type=Path, default=DEMO_FILE, help="Demo data file (JSON).")

    def handle(self, *args, **options):
        data = json.loads(options["file"].read_text(encoding="utf-8"))
        with translation.override("lv"), transaction.atomic():
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
        for row in data["cities"]:
            city = upsert(
                City,
                country=countries[row["country"]],
                slug=row["slug"],
                defaults={
                    **_localized(row, "name"),
                    **_pick(row, "latitude", "longitude", "population"),
                },
            )
            cities[f"{row['country']}/{row['slug']}"] = city
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
            city = cities[row["city"]]
            practices[row["key"]] = upsert(
                GoodPractice,
                city=city,
                title_en=row["title_en"],
                defaults={
                    key: value
                    for key, value in _localized(row, "title", "description").items()
                    if key != "title_en"
                },
            )
        networks = {}
        # Oldest first, so that the newcomer flags follow the participation history.
        for row in sorted(data["networks"], key=lambda row: row.get("planned_start") or ""):
            network = upsert(
                Network,
                slug=row["slug"],
                defaults={
                    **_localized(row, "name", "summary", "goals", "challenges"),
                    "acronym": row.get("acronym", ""),
                    "network_type": types[row["network_type"]],
                    "programme": programmes[row["programme"]],
                    "good_practice": practices.get(row.get("good_practice")),
                    "planned_start": parse_date(row["planned_start"]),
                    "planned_end": parse_date(row["planned_end"]),
                },
            )
            network.themes.set([themes[slug] for slug in row.get("themes", [])])
            for order, member in enumerate(row["memberships"]):
                city = cities[member["city"]]
                membership = Membership.objects.filter(network=network, city=city).first()
                if membership is None:
                    add_membership(
                        network,
                        city,
                        role=member["role"],
                        organisation=member.get("organisation", ""),
                        order=order,
                    )
            for phase in row.get("phases", []):
                if not Phase.objects.filter(network=network, number=phase["number"]).exists():
                    create_phase_from_template(
                        network,
                        phase["number"],
                        parse_date(phase["start"]),
                        approved_on=parse_date(phase["approved_on"]),
                    )
            networks[row["slug"]] = network
        events = {}
        for row in data["events"]:
            events[row["slug"]] = upsert(
                Event,
                slug=row["slug"],
                defaults={
                    **_localized(row, "title", "place", "description"),
                    "start_date": parse_date(row["start_date"]),
                    "end_date": parse_date(row["end_date"]),
                    "precision": row["precision"],
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
            "articles": len(data["articles"]),
        }
